"""A small organization master for import tests: units, codes, an HR user, one registered employee."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.org.models import OrgUnit, UnitLevel
from jinji.personnel.models import Employee
from tests.factories import (
    AssignmentFactory,
    AuthorityFactory,
    EmployeeFactory,
    JobCategoryFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PayerFactory,
    PositionFactory,
    RoleGrantFactory,
    SalaryScheduleFactory,
    UserFactory,
)

EMPLOYEE_HEADER = [
    "職員番号", "氏", "名", "氏フリガナ", "名フリガナ", "生年月日", "入庁日", "所属コード", "職コード", "任用区分",
    "給料表", "級", "号給", "勤務形態", "週勤務時間", "適用開始日",
]  # fmt: skip


def good_row(number: str = "200001", **overrides: str) -> list[str]:
    values = {
        "職員番号": number, "氏": "佐藤", "名": "花子", "氏フリガナ": "サトウ", "名フリガナ": "ハナコ",
        "生年月日": "1990-05-01", "入庁日": "2026-04-01", "所属コード": "100", "職コード": "700",
        "任用区分": "正規", "給料表": "gyosei_1", "級": "1", "号給": "25", "勤務形態": "常勤",
        "週勤務時間": "38:45", "適用開始日": "2026-04-01",
    }  # fmt: skip
    values.update(overrides)
    return [values[h] for h in EMPLOYEE_HEADER]


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]], encoding: str = "utf-8") -> bytes:
    lines = [",".join(header), *(",".join(row) for row in rows)]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@dataclass
class Master:
    org: Organization
    hr: User
    clerk: User
    unit: OrgUnit
    other_unit: OrgUnit
    closed_unit: OrgUnit
    employee: Employee


@pytest.fixture
def master(db: None) -> Master:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org, code="01", name="市長")
    PayerFactory(organization=org, code="01", name="市長部局")
    unit = OrgUnitFactory(organization=org, appointing_authority=authority, code="100", version__name="総務課")
    other = OrgUnitFactory(organization=org, appointing_authority=authority, code="200", version__name="人事課")
    closed = OrgUnitFactory(
        organization=org,
        appointing_authority=authority,
        code="900",
        valid_to=datetime.date(2020, 3, 31),
        version__name="旧課",
        version__level=UnitLevel.DIVISION,
    )
    PositionFactory(organization=org, code="700", name="主事")
    PositionFactory(organization=org, code="600", name="主任", rank=2)
    JobCategoryFactory(organization=org, code="01")
    schedule = SalaryScheduleFactory(organization=org)
    hr = UserFactory(organization=org, username="hr-importer")
    RoleGrantFactory(user=hr, organization=org, role=Role.HR)
    clerk = UserFactory(organization=org, username="clerk")
    RoleGrantFactory(user=clerk, organization=org, role=Role.CLERK, org_unit=unit)
    employee = EmployeeFactory(
        organization=org,
        staff_number="100001",
        family_name="山田",
        given_name="太郎",
        hired_on=datetime.date(2008, 4, 1),
    )
    AssignmentFactory(
        employee=employee,
        org_unit=unit,
        appointing_authority=authority,
        salary_schedule=schedule,
        grade=2,
        step=20,
        valid_from=employee.hired_on,
    )
    return Master(org, hr, clerk, unit, other, closed, employee)
