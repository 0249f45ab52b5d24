"""A small municipality for personnel service tests, built with factories and services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, OrgUnit, Payer, Position, SalarySchedule, UnitLevel
from jinji.personnel.models import AppointmentType, Employee
from jinji.personnel.services import employee_create
from tests.factories import (
    AuthorityFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PayerFactory,
    PositionFactory,
    RoleGrantFactory,
    SalaryScheduleFactory,
    UserFactory,
)

HIRED = datetime.date(2015, 4, 1)
APRIL = datetime.date(2026, 4, 1)


@dataclass
class World:
    org: Organization
    authority: AppointingAuthority
    payer: Payer
    schedule: SalarySchedule
    shuji: Position
    kakaricho: Position
    kacho: Position
    somubu: OrgUnit
    somuka: OrgUnit
    jinjika: OrgUnit
    fukushika: OrgUnit
    hr: User
    officer: User
    counter: list[int] = field(default_factory=lambda: [0])

    def hire(
        self, family: str = "山田", given: str = "太郎", *, unit: OrgUnit | None = None, **kwargs: Any
    ) -> Employee:
        self.counter[0] += 1
        values: dict[str, Any] = {
            "staff_number": f"{200000 + self.counter[0]}",
            "family_name": family,
            "given_name": given,
            "family_name_kana": "ヤマダ",
            "given_name_kana": "タロウ",
            "birth_date": datetime.date(1990, 5, 5),
            "hired_on": HIRED,
            "org_unit": unit or self.somuka,
            "appointment_type": AppointmentType.REGULAR,
            "position": self.shuji,
            "salary_schedule": self.schedule,
            "grade": 2,
            "step": 20,
            "payer": self.payer,
        }
        values.update(kwargs)
        return employee_create(acting_user=self.hr, organization=self.org, **values)


def build_world() -> World:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org, name="テスト市長", notice_signatory="テスト市長 市川 一郎")
    payer = PayerFactory(organization=org)
    schedule = SalaryScheduleFactory(organization=org, max_grade=7)
    somubu = OrgUnitFactory(
        organization=org, appointing_authority=authority, version__name="総務部", version__level=UnitLevel.DEPARTMENT
    )
    somuka = OrgUnitFactory(
        organization=org, appointing_authority=authority, version__name="総務課", version__parent=somubu
    )
    jinjika = OrgUnitFactory(
        organization=org, appointing_authority=authority, version__name="人事課", version__parent=somubu
    )
    fukushika = OrgUnitFactory(organization=org, appointing_authority=authority, version__name="福祉課")
    hr = UserFactory(organization=org, username=f"hr{org.pk}")
    RoleGrantFactory(user=hr, role=Role.HR)
    officer = UserFactory(organization=org, username=f"officer{org.pk}")
    RoleGrantFactory(user=officer, role=Role.MYNUMBER_OFFICER)
    return World(
        org=org,
        authority=authority,
        payer=payer,
        schedule=schedule,
        shuji=PositionFactory(organization=org, name="主事", rank=1),
        kakaricho=PositionFactory(organization=org, name="係長", rank=3),
        kacho=PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True),
        somubu=somubu,
        somuka=somuka,
        jinjika=jinjika,
        fukushika=fukushika,
        hr=hr,
        officer=officer,
    )
