"""A small organization for the accounts tests: a unit tree, staff, and one user per role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.test import Client

from jinji.accounts.models import Role, RoleGrant, User
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, OrgUnit
from jinji.personnel.models import AssignmentKind, Employee
from tests.factories import (
    FAR_PAST,
    TEST_PASSWORD,
    AssignmentFactory,
    AuthorityFactory,
    EmployeeFactory,
    OrganizationFactory,
    OrgUnitFactory,
    OrgUnitVersionFactory,
    RoleGrantFactory,
    UserFactory,
)

UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)


def make_unit(
    org: Organization,
    authority: AppointingAuthority,
    name: str,
    *,
    parent: OrgUnit | None = None,
    valid_from: datetime.date = FAR_PAST,
) -> OrgUnit:
    unit: OrgUnit = OrgUnitFactory(
        organization=org, appointing_authority=authority, version=None, valid_from=valid_from
    )
    OrgUnitVersionFactory(unit=unit, organization=org, name=name, parent=parent, valid_from=valid_from)
    return unit


def make_employee(
    org: Organization, unit: OrgUnit, *, kind: str = AssignmentKind.PRIMARY, **assignment: object
) -> Employee:
    emp: Employee = EmployeeFactory(organization=org)
    AssignmentFactory(employee=emp, organization=org, org_unit=unit, kind=kind, **assignment)
    return emp


def make_user(org: Organization, *, employee: Employee | None = None, username: str | None = None) -> User:
    kwargs: dict[str, object] = {"organization": org, "employee": employee}
    if username:
        kwargs["username"] = username
    user: User = UserFactory(**kwargs)
    return user


def grant(user: User, role: Role, *, unit: OrgUnit | None = None, **kwargs: object) -> RoleGrant:
    g: RoleGrant = RoleGrantFactory(user=user, role=role, org_unit=unit, **kwargs)
    return g


@dataclass
class World:
    """Organization with 総務部 (dept) > 総務課 (div) > 庶務係 (sect), and 税務課 (other) as a separate root."""

    org: Organization
    authority: AppointingAuthority
    dept: OrgUnit
    div: OrgUnit
    sect: OrgUnit
    other: OrgUnit
    users: dict[Role, User] = field(default_factory=dict)
    in_scope: Employee | None = None
    out_of_scope: Employee | None = None
    foreign: Employee | None = None

    def user(self, role: Role) -> User:
        return self.users[role]


def build_world(*, with_people: bool = True) -> World:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org)
    dept = make_unit(org, authority, "総務部")
    div = make_unit(org, authority, "総務課", parent=dept)
    sect = make_unit(org, authority, "庶務係", parent=div)
    other = make_unit(org, authority, "税務課")
    world = World(org=org, authority=authority, dept=dept, div=div, sect=sect, other=other)
    if not with_people:
        return world
    world.in_scope = make_employee(org, sect)
    world.out_of_scope = make_employee(org, other)
    foreign_org = OrganizationFactory()
    world.foreign = make_employee(
        foreign_org, make_unit(foreign_org, AuthorityFactory(organization=foreign_org), "総務課")
    )
    for role in Role:
        own = make_employee(org, div)
        user = make_user(org, employee=own, username=f"{role.value}_user")
        if role in UNIT_ROLES:
            grant(user, role, unit=dept if role == Role.UNIT_HEAD else div)
        elif role != Role.STAFF:
            grant(user, role)
        world.users[role] = user
    return world


def signed_in(user: User, **client_kwargs: object) -> Client:
    """A test client signed in through the real login form (lockout backend, audit)."""
    client = Client(**client_kwargs)  # type: ignore[arg-type]
    response = client.post("/accounts/login/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, "login failed"
    return client
