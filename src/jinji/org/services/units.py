"""Org units: create, change from a date (new version), abolish. Shared by the 組織改正 code."""

from __future__ import annotations

import datetime
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization, as_of_q
from jinji.org.models import (
    AppointingAuthority,
    OrgUnit,
    OrgUnitVersion,
    Reorganization,
    UnitLevel,
)

ONE_DAY = datetime.timedelta(days=1)
_VERSION_FIELDS = ("name", "name_kana", "short_name", "level", "parent_id", "sort_order")


class Keep(enum.Enum):
    """Sentinel: leave this attribute as it is."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True, slots=True)
class UnitChange:
    """A change of one existing unit from the effective date; ``None``/``KEEP`` = unchanged.

    ``parent_id=None`` makes the unit a root; ``KEEP`` leaves the parent as it is.
    """

    unit_id: int
    name: str | None = None
    name_kana: str | None = None
    short_name: str | None = None
    level: str | None = None
    parent_id: int | Keep | None = KEEP
    sort_order: int | None = None


@dataclass(frozen=True, slots=True)
class NewUnit:
    """A unit created by a 組織改正. ``parent_code`` may name another new unit of the same set."""

    code: str
    name: str
    level: str
    appointing_authority_id: int
    parent_code: str | None = None
    name_kana: str = ""
    short_name: str = ""
    sort_order: int = 0


def _version_values(version: OrgUnitVersion) -> dict[str, Any]:
    return {name: getattr(version, name) for name in (*_VERSION_FIELDS, "valid_from", "valid_to")}


def _exists_on(unit_valid_from: datetime.date, unit_valid_to: datetime.date | None, on: datetime.date) -> bool:
    return unit_valid_from <= on and (unit_valid_to is None or on <= unit_valid_to)


def _parent_problems(
    org_id: int, unit_id: int | None, parent_id: int | None, on: datetime.date, until: datetime.date | None
) -> list[FieldProblem]:
    """The parent must exist on ``on`` (and not be abolished while the child's version lasts)."""
    if parent_id is None:
        return []
    if parent_id == unit_id:
        return [FieldProblem("parent", "自分自身を上位組織にはできません")]
    parent = OrgUnit.objects.for_organization(org_id).filter(pk=parent_id).first()
    if parent is None or not _exists_on(parent.valid_from, parent.valid_to, on):
        return [FieldProblem("parent", f"上位組織は{on.isoformat()}に存在しません")]
    if parent.valid_to is not None and (until is None or until > parent.valid_to):
        return [FieldProblem("parent", f"上位組織は{parent.valid_to.isoformat()}限りで廃止されます")]
    return []


def _cycle_problems(org_id: int, on: datetime.date, unit_ids: Sequence[int]) -> list[FieldProblem]:
    """Whether the tree on ``on`` (as now stored) loops through any of ``unit_ids``. One query."""
    parent_of = dict(
        OrgUnitVersion.objects.for_organization(org_id).filter(as_of_q(on)).values_list("unit_id", "parent_id")
    )
    for start in unit_ids:
        seen = {start}
        current = parent_of.get(start)
        while current is not None:
            if current in seen:
                code = OrgUnit.objects.for_organization(org_id).filter(pk=start).values_list("code", flat=True).first()
                return [FieldProblem("parent", f"組織 {code} の上位組織の指定が循環しています")]
            seen.add(current)
            current = parent_of.get(current)
    return []


def _field_problems(name: str | None, level: str | None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if name is not None and not name.strip():
        problems.append(FieldProblem("name", "名称を入力してください"))
    if level is not None and level not in UnitLevel.values:
        problems.append(FieldProblem("level", f"階層「{level}」は使えません"))
    return problems


def _raise(problems: list[FieldProblem]) -> None:
    if problems:
        raise DomainError(problems)


def org_unit_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    level: str,
    appointing_authority: AppointingAuthority,
    valid_from: datetime.date,
    parent: OrgUnit | None = None,
    name_kana: str = "",
    short_name: str = "",
    sort_order: int = 0,
) -> OrgUnit:
    """組織の新設: a unit and its first version from ``valid_from``.

    Refuses (DomainError) a duplicate 所属コード, an unknown level, or a parent that does not
    exist on ``valid_from``.
    """
    with transaction.atomic():
        unit = _create_unit(
            org_id=organization.pk,
            code=code,
            authority_id=appointing_authority.pk,
            valid_from=valid_from,
            values={
                "name": name,
                "name_kana": name_kana,
                "short_name": short_name,
                "level": level,
                "sort_order": sort_order,
            },
            parent_id=None if parent is None else parent.pk,
        )
        audit_record(
            actor=acting_user,
            action="org.unit.create",
            target=unit,
            after={
                "code": unit.code,
                "valid_from": valid_from,
                "name": name,
                "level": level,
                "parent": None if parent is None else parent.pk,
            },
        )
    return unit


def _create_unit(
    *,
    org_id: int,
    code: str,
    authority_id: int,
    valid_from: datetime.date,
    values: dict[str, Any],
    parent_id: int | None,
    reorganization: Reorganization | None = None,
) -> OrgUnit:
    code = code.strip()
    problems = _field_problems(values["name"], values["level"])
    if not code:
        problems.append(FieldProblem("code", "所属コードを入力してください"))
    elif OrgUnit.objects.for_organization(org_id).filter(code=code).exists():
        problems.append(FieldProblem("code", f"所属コード {code} は既に使われています"))
    if not AppointingAuthority.objects.for_organization(org_id).filter(pk=authority_id).exists():
        problems.append(FieldProblem("appointing_authority", "任命権者が見つかりません"))
    problems.extend(_parent_problems(org_id, None, parent_id, valid_from, None))
    _raise(problems)
    unit: OrgUnit = OrgUnit.objects.create(
        organization_id=org_id,
        code=code,
        appointing_authority_id=authority_id,
        valid_from=valid_from,
        reorganization=reorganization,
    )
    OrgUnitVersion.objects.create(
        organization_id=org_id,
        unit=unit,
        valid_from=valid_from,
        parent_id=parent_id,
        reorganization=reorganization,
        **values,
    )
    return unit


def _problem(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field, message)])


def _version_in_force(unit: OrgUnit, on: datetime.date) -> tuple[OrgUnit, OrgUnitVersion]:
    """The unit and its version on ``on``, both locked; refuses when later versions exist."""
    locked: OrgUnit = OrgUnit.objects.for_organization(unit.organization_id).select_for_update().get(pk=unit.pk)
    if not _exists_on(locked.valid_from, locked.valid_to, on):
        raise _problem("effective_on", f"組織 {locked.code} は{on.isoformat()}に存在しません")
    versions = list(
        OrgUnitVersion.objects.for_organization(unit.organization_id)
        .select_for_update()
        .filter(unit=locked)
        .order_by("valid_from")
    )
    later = [v for v in versions if v.valid_from > on]
    if later:
        raise _problem(
            "effective_on",
            f"組織 {locked.code} には{later[0].valid_from.isoformat()}からの版が既にあります"
            "(その版を先に取り消してください)",
        )
    current = next((v for v in versions if v.is_valid_on(on)), None)
    if current is None:
        raise _problem("effective_on", f"組織 {locked.code} には{on.isoformat()}時点の版がありません")
    return locked, current


def _change(
    unit: OrgUnit, effective_on: datetime.date, changes: dict[str, Any], reorganization: Reorganization | None = None
) -> tuple[OrgUnitVersion, dict[str, Any]]:
    """Close the version in force the day before ``effective_on`` and open a changed one (locks held)."""
    locked, current = _version_in_force(unit, effective_on)
    before = _version_values(current)
    _raise(_field_problems(changes.get("name"), changes.get("level")))
    if "parent_id" in changes:
        _raise(_parent_problems(unit.organization_id, locked.pk, changes["parent_id"], effective_on, current.valid_to))
    if current.valid_from == effective_on:
        if reorganization is not None:
            raise _problem("effective_on", f"組織 {locked.code} には{effective_on.isoformat()}からの版が既にあります")
        target = current
    else:
        target = OrgUnitVersion(
            organization_id=unit.organization_id,
            unit=locked,
            valid_from=effective_on,
            valid_to=current.valid_to,
            reorganization=reorganization,
            **{name: getattr(current, name) for name in _VERSION_FIELDS},
        )
        current.valid_to = effective_on - ONE_DAY
        current.save(update_fields=["valid_to"])
    for name, value in changes.items():
        setattr(target, name, value)
    target.save()
    _raise(_cycle_problems(unit.organization_id, effective_on, [locked.pk]))
    return target, before


def _changes_of(change: UnitChange) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": change.name,
        "name_kana": change.name_kana,
        "short_name": change.short_name,
        "level": change.level,
        "sort_order": change.sort_order,
    }
    changes = {k: v for k, v in values.items() if v is not None}
    if not isinstance(change.parent_id, Keep):
        changes["parent_id"] = change.parent_id
    if not changes:
        raise DomainError([FieldProblem("", "変更する項目を指定してください")])
    return changes


def org_unit_change(
    *,
    acting_user: Any,
    unit: OrgUnit,
    effective_on: datetime.date,
    name: str | None = None,
    name_kana: str | None = None,
    short_name: str | None = None,
    level: str | None = None,
    parent: OrgUnit | Keep | None = KEEP,
    sort_order: int | None = None,
) -> OrgUnitVersion:
    """組織の変更 (名称変更・移管・階層変更) from ``effective_on``.

    Closes the version in force the day before and opens a new one. If a version already
    starts on ``effective_on`` it is updated instead (editing a prepared change). Refuses a
    change while a later version exists, a parent that does not exist on the date, and cycles.
    """
    parent_id: int | Keep | None = parent.pk if isinstance(parent, OrgUnit) else parent
    changes = _changes_of(
        UnitChange(
            unit_id=unit.pk,
            name=name,
            name_kana=name_kana,
            short_name=short_name,
            level=level,
            parent_id=parent_id,
            sort_order=sort_order,
        )
    )
    with transaction.atomic():
        version, before = _change(unit, effective_on, changes)
        audit_record(
            actor=acting_user, action="org.unit.change", target=unit, before=before, after=_version_values(version)
        )
    return version


def _abolish(unit: OrgUnit, last_day: datetime.date) -> datetime.date | None:
    """Close the unit through ``last_day`` (locks held); returns its previous end date."""
    org_id = unit.organization_id
    locked: OrgUnit = OrgUnit.objects.for_organization(org_id).select_for_update().get(pk=unit.pk)
    problems: list[FieldProblem] = []
    if last_day < locked.valid_from or (locked.valid_to is not None and locked.valid_to < last_day):
        problems.append(FieldProblem("valid_to", f"組織 {locked.code} は{last_day.isoformat()}に存在しません"))
    versions = OrgUnitVersion.objects.for_organization(org_id).filter(unit=locked)
    if versions.filter(valid_from__gt=last_day).exists():
        problems.append(FieldProblem("valid_to", f"組織 {locked.code} には廃止日より後の版があります"))
    children = (
        OrgUnitVersion.objects.for_organization(org_id)
        .filter(parent=locked)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day))
        .filter(Q(unit__valid_to__isnull=True) | Q(unit__valid_to__gt=last_day))
        .values_list("unit__code", flat=True)
    )
    if children:
        problems.append(
            FieldProblem(
                "valid_to", f"組織 {locked.code} の下に廃止日後も続く組織があります: {', '.join(sorted(set(children)))}"
            )
        )
    _raise(problems)
    previous = locked.valid_to
    locked.valid_to = last_day
    locked.save(update_fields=["valid_to"])
    versions.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=last_day)).update(valid_to=last_day)
    return previous


def org_unit_abolish(*, acting_user: Any, unit: OrgUnit, last_day: datetime.date) -> OrgUnit:
    """組織の廃止: the unit exists through ``last_day`` (inclusive).

    Refuses while sub-units still hang under it after ``last_day`` or later versions exist.
    """
    with transaction.atomic():
        previous = _abolish(unit, last_day)
        audit_record(
            actor=acting_user,
            action="org.unit.abolish",
            target=unit,
            before={"valid_to": previous},
            after={"valid_to": last_day},
        )
    unit.refresh_from_db()
    return unit
