"""A small organization for the attendance tests.

総務課 (ka) > 庶務係 (kakari); 税務課 (other). staff and staff2 in 庶務係, head = 所属長 of 総務課
(with sub-units), clerk = 庶務担当 of 総務課, outsider in 税務課.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from jinji.accounts.models import Role, User
from jinji.attendance.models import LocationKind, WorkLocation
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit
from tests.accounts.builders import grant, make_employee, make_unit, make_user
from tests.factories import AuthorityFactory, OrganizationFactory, PositionFactory

JST = datetime.timezone(datetime.timedelta(hours=9))


def jst(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=JST)  # type: ignore[misc]


@dataclass
class World:
    org: Organization
    ka: OrgUnit
    kakari: OrgUnit
    other: OrgUnit
    staff: User
    staff2: User
    head: User
    clerk: User
    hr: User
    outsider: User
    honcho: WorkLocation


def _person(org: Organization, unit: OrgUnit, username: str) -> User:
    return make_user(org, employee=make_employee(org, unit), username=username)


def build_world() -> World:
    org = OrganizationFactory()
    authority = AuthorityFactory(organization=org)
    ka = make_unit(org, authority, "総務課")
    kakari = make_unit(org, authority, "庶務係", parent=ka)
    other = make_unit(org, authority, "税務課")
    kacho = PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True, is_manager=True)
    head = make_user(org, employee=make_employee(org, ka, position=kacho), username="head")
    clerk = _person(org, ka, "clerk")
    hr = _person(org, ka, "hr")
    grant(head, Role.UNIT_HEAD, unit=ka)
    grant(clerk, Role.CLERK, unit=ka)
    grant(hr, Role.HR)
    honcho = WorkLocation.unscoped.create(organization=org, kind=LocationKind.MAIN_OFFICE, name="本庁舎")
    return World(
        org=org, ka=ka, kakari=kakari, other=other,
        staff=_person(org, kakari, "staff"), staff2=_person(org, kakari, "staff2"),
        head=head, clerk=clerk, hr=hr, outsider=_person(org, other, "outsider"), honcho=honcho,
    )  # fmt: skip


@pytest.fixture
def world(db: None) -> Iterator[World]:
    w = build_world()
    with tenant_context(w.org):
        yield w
