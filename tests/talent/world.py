"""A small municipality for the talent tests.

Org tree (all from 2000-04-01)::

    総務部 (部)
    ├── 総務課 (課)   課長 head (所属長 of 総務課), staff alice, bob
    └── 人事課 (課)   hr (人事担当), hr2 (人事担当)
    福祉部 (部)
    └── 福祉課 (課)   carol (staff), welfare_head (所属長 of 福祉課)

Positions: 主事 (rank 1), 係長 (rank 3), 課長 (rank 5). Every person has a login.
``TODAY`` is the business date the services are given (tests never read the clock).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from jinji.accounts.models import Role, User
from jinji.core.models import Organization
from jinji.org.models import OrgUnit, Position, UnitLevel
from jinji.personnel.models import Employee
from tests.factories import (
    AssignmentFactory,
    AuthorityFactory,
    EmployeeFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PositionFactory,
    RoleGrantFactory,
    UserFactory,
)

TODAY = datetime.date(2026, 5, 15)


@dataclass
class Town:
    org: Organization
    somubu: OrgUnit
    somuka: OrgUnit
    jinjika: OrgUnit
    fukushibu: OrgUnit
    fukushika: OrgUnit
    shuji: Position
    kakaricho: Position
    kacho: Position
    users: dict[str, User] = field(default_factory=dict)

    def user(self, name: str) -> User:
        return self.users[name]

    def emp(self, name: str) -> Employee:
        employee = self.users[name].employee
        assert employee is not None
        return employee

    def person(self, name: str, unit: OrgUnit, position: Position | None = None, **assignment: object) -> User:
        employee = EmployeeFactory(organization=self.org, family_name=name, given_name="太郎")
        AssignmentFactory(employee=employee, org_unit=unit, position=position or self.shuji, **assignment)
        user: User = UserFactory(organization=self.org, username=name, employee=employee, email=f"{name}@example.jp")
        self.users[name] = user
        return user


def _unit(org: Organization, authority: object, name: str, level: str, parent: OrgUnit | None = None) -> OrgUnit:
    unit: OrgUnit = OrgUnitFactory(
        organization=org,
        appointing_authority=authority,
        version__name=name,
        version__level=level,
        version__parent=parent,
    )
    return unit


def build_town() -> Town:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org)
    somubu = _unit(org, authority, "総務部", UnitLevel.DEPARTMENT)
    fukushibu = _unit(org, authority, "福祉部", UnitLevel.DEPARTMENT)
    town = Town(
        org=org,
        somubu=somubu,
        somuka=_unit(org, authority, "総務課", UnitLevel.DIVISION, somubu),
        jinjika=_unit(org, authority, "人事課", UnitLevel.DIVISION, somubu),
        fukushibu=fukushibu,
        fukushika=_unit(org, authority, "福祉課", UnitLevel.DIVISION, fukushibu),
        shuji=PositionFactory(organization=org, name="主事", rank=1),
        kakaricho=PositionFactory(organization=org, name="係長", rank=3),
        kacho=PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True),
    )
    RoleGrantFactory(user=town.person("head", town.somuka, town.kacho), role=Role.UNIT_HEAD, org_unit=town.somuka)
    town.person("alice", town.somuka)
    town.person("bob", town.somuka, town.kakaricho)
    RoleGrantFactory(user=town.person("hr", town.jinjika), role=Role.HR)
    RoleGrantFactory(user=town.person("hr2", town.jinjika), role=Role.HR)
    town.person("carol", town.fukushika)
    RoleGrantFactory(
        user=town.person("welfare_head", town.fukushika, town.kacho), role=Role.UNIT_HEAD, org_unit=town.fukushika
    )
    return town
