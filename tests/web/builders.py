"""A small municipality for page and API tests: a unit tree, staff, and users per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit, Position, SalarySchedule, UnitLevel
from jinji.personnel.models import AppointmentType, Employee
from jinji.personnel.search_text import search_text_of
from tests.factories import (
    AssignmentFactory,
    AuthorityFactory,
    EmployeeFactory,
    OrganizationFactory,
    OrgUnitFactory,
    OrgUnitVersionFactory,
    PositionFactory,
    RoleGrantFactory,
    SalaryScheduleFactory,
    UserFactory,
)

PASSWORD = "correct horse battery staple"


@dataclass
class Town:
    org: Organization
    dept: OrgUnit
    soumu: OrgUnit
    jinji: OrgUnit
    other_dept: OrgUnit
    shuji: Position
    kacho: Position
    schedule: SalarySchedule | None = None
    staff: list[Employee] = field(default_factory=list)
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return self.users[role]


def unit(
    org: Organization,
    authority: Any,
    name: str,
    *,
    parent: OrgUnit | None = None,
    level: str = UnitLevel.DIVISION,
    valid_from: datetime.date = datetime.date(2000, 4, 1),
) -> OrgUnit:
    u: OrgUnit = OrgUnitFactory(organization=org, appointing_authority=authority, version=None, valid_from=valid_from)
    OrgUnitVersionFactory(unit=u, name=name, parent=parent, level=level, valid_from=valid_from)
    return u


def employee(
    org: Organization,
    org_unit: OrgUnit,
    *,
    position: Position | None = None,
    schedule: SalarySchedule | None = None,
    **fields: Any,
) -> Employee:
    e: Employee = EmployeeFactory.build(organization=org, **fields)
    e.search_text = search_text_of(e)
    e.save()
    AssignmentFactory(
        employee=e,
        org_unit=org_unit,
        position=position,
        salary_schedule=schedule,
        appointment_type=fields.pop("appointment_type", AppointmentType.REGULAR),
    )
    return e


def build_town(*, extra_staff: int = 0) -> Town:
    """総務部 › 総務課, 人事課; 福祉部; four named staff plus ``extra_staff`` more in 総務課."""
    org = OrganizationFactory(name="みどり市")
    with tenant_context(org):
        authority = AuthorityFactory(organization=org)
        dept = unit(org, authority, "総務部", level=UnitLevel.DEPARTMENT)
        soumu = unit(org, authority, "総務課", parent=dept)
        jinji = unit(org, authority, "人事課", parent=dept)
        other = unit(org, authority, "福祉部", level=UnitLevel.DEPARTMENT)
        shuji = PositionFactory(organization=org, name="主事", rank=1)
        kacho = PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True)
        town = Town(org=org, dept=dept, soumu=soumu, jinji=jinji, other_dept=other, shuji=shuji, kacho=kacho)
        schedule = SalaryScheduleFactory(organization=org)
        town.schedule = schedule
        people = [
            (soumu, kacho, "100001", "佐藤", "花子", "サトウ", "ハナコ", "鈴木", "スズキ"),
            (soumu, shuji, "100002", "高橋", "一郎", "タカハシ", "イチロウ", "", ""),
            (jinji, shuji, "100003", "田中", "美咲", "タナカ", "ミサキ", "", ""),
            (other, shuji, "200001", "伊藤", "健太", "イトウ", "ケンタ", "", ""),
        ]
        people += [
            (soumu, shuji, f"3{i:05d}", "渡辺", f"次郎{i}", "ワタナベ", "ジロウ", "", "") for i in range(extra_staff)
        ]
        for where, position, number, family, given, family_kana, given_kana, former, former_kana in people:
            town.staff.append(
                employee(
                    org,
                    where,
                    position=position,
                    schedule=schedule,
                    staff_number=number,
                    family_name=family,
                    given_name=given,
                    family_name_kana=family_kana,
                    given_name_kana=given_kana,
                    former_family_name=former,
                    former_family_name_kana=former_kana,
                )
            )
        town.users["hr"] = RoleGrantFactory(
            user=UserFactory(organization=org, username=f"hr-{org.code}"), role=Role.HR
        ).user
        town.users["payroll"] = RoleGrantFactory(
            user=UserFactory(organization=org, username=f"pay-{org.code}"), role=Role.PAYROLL
        ).user
        town.users["unit_head"] = RoleGrantFactory(
            user=UserFactory(organization=org, username=f"head-{org.code}", employee=town.staff[0]),
            role=Role.UNIT_HEAD,
            org_unit=soumu,
        ).user
        town.users["staff"] = UserFactory(organization=org, username=f"staff-{org.code}", employee=town.staff[1])
        town.users["sysadmin"] = RoleGrantFactory(
            user=UserFactory(organization=org, username=f"admin-{org.code}"), role=Role.SYSADMIN
        ).user
        town.users["auditor"] = RoleGrantFactory(
            user=UserFactory(organization=org, username=f"audit-{org.code}"), role=Role.AUDITOR
        ).user
    return town
