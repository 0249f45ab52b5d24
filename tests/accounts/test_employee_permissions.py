"""Who may see or change an employee: the matrix role × target × purpose, written out in full.

Targets: ``own`` = the user's own employee record (assigned to 総務課), ``in`` = someone in
庶務係 (under 総務課 and 総務部), ``out`` = someone in 税務課 (another branch of the tree),
``foreign`` = an employee of another organization. 所属長 holds 総務部 (with sub-units),
庶務担当 holds 総務課 (with sub-units); the other roles hold the whole organization.
"""

from __future__ import annotations

import datetime

import pytest

from jinji.accounts.models import Role
from jinji.accounts.scope import today
from jinji.core.errors import NotPermitted
from jinji.personnel.models import AssignmentKind, Employee
from jinji.personnel.permissions import (
    Purpose,
    can_change_employee,
    can_change_pay_data,
    can_view_bank_account,
    can_view_employee,
    can_view_my_number,
    employee_access,
    employee_scope_q,
    require_employee_access,
)
from tests.accounts.builders import World, build_world, grant, make_employee, make_user
from tests.factories import AssignmentFactory

pytestmark = pytest.mark.django_db

T, F = True, False

# role, target: view, change, my_number, bank
MATRIX: list[tuple[Role, str, bool, bool, bool, bool]] = [
    (Role.STAFF, "own", T, F, F, T),
    (Role.STAFF, "in", F, F, F, F),
    (Role.STAFF, "out", F, F, F, F),
    (Role.STAFF, "foreign", F, F, F, F),
    (Role.UNIT_HEAD, "own", T, F, F, T),
    (Role.UNIT_HEAD, "in", T, F, F, F),
    (Role.UNIT_HEAD, "out", F, F, F, F),
    (Role.UNIT_HEAD, "foreign", F, F, F, F),
    (Role.CLERK, "own", T, F, F, T),
    (Role.CLERK, "in", T, F, F, F),
    (Role.CLERK, "out", F, F, F, F),
    (Role.CLERK, "foreign", F, F, F, F),
    (Role.HR, "own", T, T, F, T),
    (Role.HR, "in", T, T, F, F),
    (Role.HR, "out", T, T, F, F),
    (Role.HR, "foreign", F, F, F, F),
    (Role.PAYROLL, "own", T, F, F, T),
    (Role.PAYROLL, "in", T, F, F, T),
    (Role.PAYROLL, "out", T, F, F, T),
    (Role.PAYROLL, "foreign", F, F, F, F),
    (Role.MYNUMBER_OFFICER, "own", T, F, T, T),
    (Role.MYNUMBER_OFFICER, "in", F, F, T, F),
    (Role.MYNUMBER_OFFICER, "out", F, F, T, F),
    (Role.MYNUMBER_OFFICER, "foreign", F, F, F, F),
    (Role.SYSADMIN, "own", T, F, F, T),
    (Role.SYSADMIN, "in", F, F, F, F),
    (Role.SYSADMIN, "out", F, F, F, F),
    (Role.SYSADMIN, "foreign", F, F, F, F),
    (Role.AUDITOR, "own", T, F, F, T),
    (Role.AUDITOR, "in", F, F, F, F),
    (Role.AUDITOR, "out", F, F, F, F),
    (Role.AUDITOR, "foreign", F, F, F, F),
]

# Pay data: only 給与担当 changes it, for everyone in the organization.
PAY_CHANGE = {Role.PAYROLL: {"own", "in", "out"}}


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def target_of(world: World, role: Role, name: str) -> Employee:
    if name == "own":
        own = world.user(role).employee
        assert own is not None
        return own
    found = {"in": world.in_scope, "out": world.out_of_scope, "foreign": world.foreign}[name]
    assert found is not None
    return found


def test_matrix_covers_every_role_and_target() -> None:
    assert {(r, t) for r, t, *_ in MATRIX} == {(r, t) for r in Role for t in ("own", "in", "out", "foreign")}


@pytest.mark.parametrize(("role", "target", "view", "change", "my_number", "bank"), MATRIX)
def test_employee_permission_matrix(
    world: World, role: Role, target: str, view: bool, change: bool, my_number: bool, bank: bool
) -> None:
    user = world.user(role)
    employee = target_of(world, role, target)
    pay_change = target in PAY_CHANGE.get(role, set())

    assert can_view_employee(user, employee) is view
    assert can_change_employee(user, employee) is change
    assert can_view_my_number(user, employee) is my_number
    assert can_view_bank_account(user, employee) is bank
    assert can_change_pay_data(user, employee) is pay_change

    access = employee_access(user, employee)
    assert (access.view, access.change, access.my_number, access.bank_account, access.pay_change) == (
        view,
        change,
        my_number,
        bank,
        pay_change,
    )
    # The queryset filter agrees with the object check (list pages show exactly what detail pages allow).
    for purpose, expected in ((Purpose.VIEW, view), (Purpose.CHANGE, change), (Purpose.MY_NUMBER, my_number)):
        listed = Employee.unscoped.filter(employee_scope_q(user, purpose=purpose)).filter(pk=employee.pk).exists()
        assert listed is expected, purpose


def test_user_without_employee_or_grants_reaches_nobody(world: World) -> None:
    loner = make_user(world.org)
    assert not Employee.unscoped.filter(employee_scope_q(loner)).exists()
    assert world.in_scope is not None
    assert not can_view_employee(loner, world.in_scope)


def test_concurrent_post_in_a_covered_unit_brings_the_employee_into_scope(world: World) -> None:
    visitor = make_employee(world.org, world.other)
    head = world.user(Role.UNIT_HEAD)
    assert not can_view_employee(head, visitor)
    AssignmentFactory(employee=visitor, organization=world.org, org_unit=world.sect, kind=AssignmentKind.CONCURRENT)
    assert can_view_employee(head, visitor)
    assert not can_change_employee(head, visitor)


def test_employee_who_left_the_unit_yesterday_is_out_of_scope_today(world: World) -> None:
    leaver = make_employee(world.org, world.sect, valid_to=today() - datetime.timedelta(days=1))
    clerk = world.user(Role.CLERK)
    assert not can_view_employee(clerk, leaver)
    assert can_view_employee(clerk, leaver, on=today() - datetime.timedelta(days=1))


def test_future_transfer_into_the_unit_counts_from_its_date(world: World) -> None:
    start = today() + datetime.timedelta(days=10)
    newcomer = make_employee(world.org, world.sect, valid_from=start)
    head = world.user(Role.UNIT_HEAD)
    assert not can_view_employee(head, newcomer)
    assert can_view_employee(head, newcomer, on=start)


def test_unit_head_list_is_one_bounded_query(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(15):
        make_employee(world.org, world.sect)
        make_employee(world.org, world.other)
    head = world.user(Role.UNIT_HEAD)
    with django_assert_max_num_queries(3):  # grants, tree, the list itself (unit filter is a subquery)
        visible = list(Employee.unscoped.filter(employee_scope_q(head)).values_list("pk", flat=True))
    own_div = {u.employee_id for u in world.users.values()}
    assert world.in_scope is not None
    assert world.out_of_scope is not None
    assert world.in_scope.pk in visible
    assert world.out_of_scope.pk not in visible
    assert len(visible) == 1 + 15 + len(own_div)


def test_scope_q_never_crosses_organizations(world: World) -> None:
    hr = world.user(Role.HR)
    orgs = set(Employee.unscoped.filter(employee_scope_q(hr)).values_list("organization_id", flat=True))
    assert orgs == {world.org.pk}


def test_require_employee_access_names_the_purpose(world: World) -> None:
    assert world.in_scope is not None
    with pytest.raises(NotPermitted) as caught:
        require_employee_access(world.user(Role.CLERK), world.in_scope, purpose=Purpose.CHANGE)
    assert "人事情報の変更" in str(caught.value)
    require_employee_access(world.user(Role.HR), world.in_scope, purpose=Purpose.CHANGE)


def test_deactivated_user_reaches_nobody(world: World) -> None:
    hr = world.user(Role.HR)
    hr.is_active = False
    assert world.in_scope is not None
    assert not can_view_employee(hr, world.in_scope)
    assert not Employee.unscoped.filter(employee_scope_q(hr)).exists()


def test_explicit_staff_grant_adds_no_reach(world: World) -> None:
    user = world.user(Role.STAFF)
    grant(user, Role.STAFF)
    assert world.in_scope is not None
    assert not can_view_employee(user, world.in_scope)
