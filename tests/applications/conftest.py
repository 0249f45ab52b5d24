"""A small municipality with the 庶務事務 routes seeded, and helpers to file and approve notices.

Org tree (as of today)::

    総務部 (部長)
    ├── 人事課 (課長; 庶務担当 clerk covers 人事課 and below)
    │   └── 人事係 (係長, staff)
    └── 財政課 (財政課長, outsider; other_clerk covers 財政課)

Routes (seeded by ``definitions_seed``): 係長承認 → 課長承認 → 人事担当決裁 / 給与担当決裁.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jinji.accounts.models import Role, User
from jinji.applications.services.definitions import definitions_seed
from jinji.applications.services.submission import application_submit
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit, Position, UnitLevel
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.services import instance_approve
from tests.factories import OrganizationFactory, PositionFactory, RoleGrantFactory
from tests.workflow.conftest import staff, unit

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32


def upload(content: bytes = PDF, name: str = "teiki.pdf", content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@dataclass
class Town:
    org: Organization
    bu: OrgUnit
    ka: OrgUnit
    kakari: OrgUnit
    zaisei: OrgUnit
    positions: dict[str, Position]
    staff: User
    kakaricho: User
    kacho: User
    bucho: User
    clerk: User
    hr: User
    payroll: User
    zaisei_kacho: User
    outsider: User
    other_clerk: User


def build_town() -> Town:
    org = OrganizationFactory()
    positions = {
        "shuji": PositionFactory(organization=org, name="主事", rank=1),
        "kakaricho": PositionFactory(organization=org, name="係長", rank=3, is_unit_head=False),
        "kacho": PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True, is_manager=True),
        "bucho": PositionFactory(organization=org, name="部長", rank=7, is_unit_head=True, is_manager=True),
    }
    bu = unit(org, "総務部", UnitLevel.DEPARTMENT)
    ka = unit(org, "人事課", UnitLevel.DIVISION, bu)
    kakari = unit(org, "人事係", UnitLevel.SECTION, ka)
    zaisei = unit(org, "財政課", UnitLevel.DIVISION, bu)
    town = Town(
        org=org,
        bu=bu,
        ka=ka,
        kakari=kakari,
        zaisei=zaisei,
        positions=positions,
        staff=staff(org, kakari, positions["shuji"], "staff", "職員"),
        kakaricho=staff(org, kakari, positions["kakaricho"], "kakaricho", "係長"),
        kacho=staff(org, ka, positions["kacho"], "kacho", "課長"),
        bucho=staff(org, bu, positions["bucho"], "bucho", "部長"),
        clerk=staff(org, ka, positions["shuji"], "clerk", "庶務"),
        hr=staff(org, ka, positions["shuji"], "hr", "人事担当"),
        payroll=staff(org, ka, positions["shuji"], "payroll", "給与担当"),
        zaisei_kacho=staff(org, zaisei, positions["kacho"], "zaisei_kacho", "財政課長"),
        outsider=staff(org, zaisei, positions["shuji"], "outsider", "財政職員"),
        other_clerk=staff(org, zaisei, positions["shuji"], "other_clerk", "財政庶務"),
    )
    RoleGrantFactory(user=town.clerk, role=Role.CLERK, org_unit=ka, include_descendants=True)
    RoleGrantFactory(user=town.other_clerk, role=Role.CLERK, org_unit=zaisei, include_descendants=True)
    RoleGrantFactory(user=town.hr, role=Role.HR, org_unit=None)
    RoleGrantFactory(user=town.payroll, role=Role.PAYROLL, org_unit=None)
    return town


@pytest.fixture
def town(db: None, tmp_path: Any, settings: Any) -> Iterator[Town]:
    settings.VAR_DIR = tmp_path
    built = build_town()
    with tenant_context(built.org):
        definitions_seed(acting_user=built.hr)
        yield built


EFFECTIVE = datetime.date(2026, 4, 1)

COMMUTE_BY_CAR: dict[str, Any] = {
    "method": "vehicle",
    "route": "自宅〜県道12号〜市役所",
    "distance_km": "12.3",
    "parking_fee": 0,
}


def file_notice(
    town: Town,
    application_type: str = "commuting_notification",
    payload: dict[str, Any] | None = None,
    *,
    user: User | None = None,
    effective_on: datetime.date = EFFECTIVE,
    files: list[Any] | None = None,
    **kwargs: Any,
) -> WorkflowInstance:
    return application_submit(
        acting_user=user or town.staff,
        application_type=application_type,
        payload=COMMUTE_BY_CAR if payload is None else payload,
        effective_on=effective_on,
        files=[upload()] if files is None else files,
        **kwargs,
    )


def fresh(instance: WorkflowInstance) -> WorkflowInstance:
    return WorkflowInstance.objects.get(pk=instance.pk)


def approve_all(town: Town, instance: WorkflowInstance, final: User | None = None) -> WorkflowInstance:
    """係長 → 課長 → the final approver (給与担当 by default)."""
    for user in (town.kakaricho, town.kacho, final or town.payroll):
        instance = instance_approve(instance=fresh(instance), acting_user=user)
    return instance


def pdf_bytes(size: int) -> io.BytesIO:
    return io.BytesIO(PDF + b"0" * max(0, size - len(PDF)))
