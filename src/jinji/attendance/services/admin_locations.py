"""勤務場所・サテライトオフィスの登録と変更 (人事担当・システム管理者), with field-named errors."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import OFFICE_KINDS, LocationKind, WorkLocation
from jinji.attendance.services.admin_access import require_attendance_admin
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem

MAX_SEATS = 10_000


@dataclass(frozen=True, slots=True)
class LocationInput:
    kind: str
    name: str
    seats: int
    allowed_networks: str
    is_active: bool


def parse_networks(raw: str) -> tuple[str, list[FieldProblem]]:
    """Each non-empty line a network in CIDR notation (IPv4/IPv6); normalized, one per line."""
    networks: list[str] = []
    problems: list[FieldProblem] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        text = line.strip()
        if not text:
            continue
        try:
            networks.append(str(ipaddress.ip_network(text, strict=True)))
        except ValueError:
            problems.append(
                FieldProblem(
                    "打刻を許すネットワーク",
                    f"{number}行目「{text}」はCIDR表記のネットワークではありません"
                    "(例: 10.1.0.0/16。ホスト部は0にしてください)",
                )
            )
    return "\n".join(networks), problems


def parse_location(raw: Mapping[str, str]) -> LocationInput:
    """The form's fields → a checked input; DomainError naming each wrong field."""
    problems: list[FieldProblem] = []
    kind = raw.get("kind", "")
    if kind not in OFFICE_KINDS:
        problems.append(FieldProblem("区分", "本庁・出先機関・サテライトオフィスから選んでください"))
    name = raw.get("name", "").strip()
    if not name:
        problems.append(FieldProblem("名称", "名称を入力してください"))
    elif len(name) > 100:
        problems.append(FieldProblem("名称", "100文字以内で入力してください"))
    seats_raw = raw.get("seats", "").strip() or "0"
    seats = int(seats_raw) if seats_raw.isdigit() else -1
    if not 0 <= seats <= MAX_SEATS:
        problems.append(FieldProblem("座席数", f"0〜{MAX_SEATS:,}の整数で入力してください"))
    elif kind == LocationKind.SATELLITE and seats == 0:
        problems.append(FieldProblem("座席数", "サテライトオフィスは1席以上にしてください"))
    networks, bad = parse_networks(raw.get("allowed_networks", ""))
    problems.extend(bad)
    if problems:
        raise DomainError(problems)
    return LocationInput(kind, name, seats, networks, raw.get("is_active", "") in {"1", "on", "true"})


def _snapshot(location: WorkLocation) -> dict[str, object]:
    return {"kind": location.kind, "name": location.name, "seats": location.seats,
            "allowed_networks": location.allowed_networks, "is_active": location.is_active}  # fmt: skip


def work_location_save(*, acting_user: User, location_id: int | None, data: LocationInput) -> WorkLocation:
    """Create (``location_id`` None) or change a 勤務場所; the name must be unique within its kind."""
    require_attendance_admin(acting_user)
    org_id = acting_user.organization_id
    with transaction.atomic():
        rows = WorkLocation.objects.for_organization(org_id)
        location = WorkLocation(organization_id=org_id)
        if location_id is not None:
            found = rows.select_for_update().filter(pk=location_id).first()
            if found is None:
                raise DomainError([FieldProblem("勤務場所", "指定した勤務場所はありません")])
            location = found
        if rows.filter(kind=data.kind, name=data.name).exclude(pk=location.pk).exists():
            raise DomainError([FieldProblem("名称", f"「{data.name}」は同じ区分に既に登録されています")])
        before = _snapshot(location) if location.pk else None
        location.kind, location.name, location.seats = data.kind, data.name, data.seats
        location.allowed_networks, location.is_active = data.allowed_networks, data.is_active
        location.save()
        audit_record(actor=acting_user, action=events.LOCATION_SAVED, target=location, target_label=str(location),
                     before=before, after=_snapshot(location))  # fmt: skip
    return location
