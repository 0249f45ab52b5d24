"""Who may see or change an employee (職員): the single place that decides it.

The rules, for a date (default today):

- 職員: only themself (their own record and own bank account; never My Number).
- 所属長・庶務担当: employees whose primary or concurrent assignment (本務・兼務・併任) on the
  date is in a unit their grants cover (the unit, plus sub-units when the grant includes them).
- 人事担当: sees and changes every employee of the organization (not bank accounts, not My Number).
- 給与担当: sees every employee and their bank accounts; changes pay data only.
- 番号事務取扱担当者: the only role that sees My Number (of every employee of the organization).
- システム管理者, 監査: no personnel data (users and grants; the audit log).
- Nobody ever reaches another organization's employees.

List pages use :func:`employee_scope_q` so the filter runs in the database; detail pages and
services use :func:`employee_access` or the ``can_*`` helpers (a few queries each).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import BooleanField, ExpressionWrapper, Q

from jinji.accounts.models import Role, User
from jinji.accounts.scope import AnyUser, GrantInfo, coverage_from_grants, grants_on, today
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_descendant_ids
from jinji.personnel.models import Assignment, AssignmentKind, Employee


class Purpose(StrEnum):
    """What the user wants to do with the employee."""

    VIEW = "view"
    CHANGE = "change"
    PAY_CHANGE = "pay_change"
    BANK_ACCOUNT = "bank_account"
    MY_NUMBER = "my_number"

    @property
    def label(self) -> str:
        return _PURPOSE_LABELS[self]


_PURPOSE_LABELS = {
    Purpose.VIEW: "職員情報の参照",
    Purpose.CHANGE: "人事情報の変更",
    Purpose.PAY_CHANGE: "給与関係情報の変更",
    Purpose.BANK_ACCOUNT: "振込口座の参照",
    Purpose.MY_NUMBER: "個人番号の取扱い",
}


@dataclass(frozen=True, slots=True)
class _Reach:
    own_record: bool
    unit_roles: frozenset[Role]
    org_roles: frozenset[Role]


_RULES: dict[Purpose, _Reach] = {
    Purpose.VIEW: _Reach(True, frozenset({Role.UNIT_HEAD, Role.CLERK}), frozenset({Role.HR, Role.PAYROLL})),
    Purpose.CHANGE: _Reach(False, frozenset(), frozenset({Role.HR})),
    Purpose.PAY_CHANGE: _Reach(False, frozenset(), frozenset({Role.PAYROLL})),
    Purpose.BANK_ACCOUNT: _Reach(True, frozenset(), frozenset({Role.PAYROLL})),
    Purpose.MY_NUMBER: _Reach(False, frozenset(), frozenset({Role.MYNUMBER_OFFICER})),
}

_NOTHING = Q(pk__in=[])
"""Internal sentinel for "nobody"; callers get a fresh ``Q(pk__in=[])``."""
_SCOPE_KINDS = (AssignmentKind.PRIMARY, AssignmentKind.CONCURRENT, AssignmentKind.SECONDMENT)


def _unit_employees_q(organization_id: int, unit_ids: frozenset[int], on: datetime.date) -> Q:
    """Employees with an assignment (本務・兼務・併任) in ``unit_ids`` on ``on``, as a subquery."""
    assigned = (
        Assignment.objects.for_organization(organization_id)
        .filter(as_of_q(on), org_unit_id__in=sorted(unit_ids), kind__in=_SCOPE_KINDS)
        .values("employee_id")
    )
    return Q(pk__in=assigned)


def _purpose_q(
    grants: list[GrantInfo], *, organization_id: int, employee_id: int | None, purpose: Purpose, on: datetime.date
) -> Q | None:
    """The employees ``grants`` reach for ``purpose``; None means the whole organization."""
    reach = _RULES[purpose]
    if any(g.role in reach.org_roles for g in grants):
        return None
    parts: list[Q] = []
    if reach.own_record and employee_id is not None:
        parts.append(Q(pk=employee_id))
    if reach.unit_roles:
        coverage = coverage_from_grants(
            grants, reach.unit_roles, organization_id=organization_id, on=on, descendants=unit_descendant_ids
        )
        if coverage.whole_organization:
            return None
        if coverage.unit_ids:
            parts.append(_unit_employees_q(organization_id, coverage.unit_ids, on))
    combined = _NOTHING
    for part in parts:
        combined = part if combined is _NOTHING else combined | part
    return combined


def _signed_in(user: AnyUser) -> User | None:
    """The active signed-in user, else None (anonymous and deactivated users reach nobody)."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def employee_scope_q(user: AnyUser, *, on: datetime.date | None = None, purpose: Purpose = Purpose.VIEW) -> Q:
    """Q on :class:`Employee` selecting the employees ``user`` may reach for ``purpose`` on ``on``.

    Always limited to the user's organization. Costs one query for the grants and, for
    所属長・庶務担当, one for the org tree; the unit filter itself is a subquery.
    """
    me = _signed_in(user)
    if me is None:
        return Q(pk__in=[])
    day = on or today()
    grants = grants_on(me, on=day)
    reach = _purpose_q(grants, organization_id=me.organization_id, employee_id=me.employee_id, purpose=purpose, on=day)
    if reach is _NOTHING:
        return Q(pk__in=[])
    base = Q(organization_id=me.organization_id)
    return base if reach is None else base & reach


@dataclass(frozen=True, slots=True)
class EmployeeAccess:
    """What one user may do with one employee on a date (for detail pages: show or hide sections)."""

    view: bool
    change: bool
    pay_change: bool
    bank_account: bool
    my_number: bool

    def allows(self, purpose: Purpose) -> bool:
        return bool(getattr(self, purpose.value))


NO_ACCESS = EmployeeAccess(view=False, change=False, pay_change=False, bank_account=False, my_number=False)


def _matching(q_by_purpose: dict[Purpose, Q], organization_id: int, employee_pk: int) -> dict[Purpose, bool]:
    """Evaluate several reach filters against one employee in a single query."""
    if not q_by_purpose:
        return {}
    annotations = {p.value: ExpressionWrapper(q, output_field=BooleanField()) for p, q in q_by_purpose.items()}
    row = (
        Employee.unscoped.filter(pk=employee_pk, organization_id=organization_id)
        .annotate(**annotations)
        .values(*annotations)
        .first()
    )
    return {p: bool(row and row[p.value]) for p in q_by_purpose}


def _decide(
    user: User, employee: Employee, purposes: tuple[Purpose, ...], on: datetime.date | None
) -> dict[Purpose, bool]:
    if employee.organization_id != user.organization_id:
        return dict.fromkeys(purposes, False)
    day = on or today()
    grants = grants_on(user, on=day)
    decided: dict[Purpose, bool] = {}
    pending: dict[Purpose, Q] = {}
    for purpose in purposes:
        reach = _purpose_q(
            grants, organization_id=user.organization_id, employee_id=user.employee_id, purpose=purpose, on=day
        )
        if reach is None:
            decided[purpose] = True
        elif reach is _NOTHING:
            decided[purpose] = False
        else:
            pending[purpose] = reach
    decided.update(_matching(pending, user.organization_id, employee.pk))
    return decided


def employee_access(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> EmployeeAccess:
    """Every purpose at once for one employee: one query for the grants, at most two more (tree, match)."""
    me = _signed_in(user)
    if me is None:
        return NO_ACCESS
    decided = _decide(me, employee, tuple(Purpose), on)
    return EmployeeAccess(
        view=decided[Purpose.VIEW],
        change=decided[Purpose.CHANGE],
        pay_change=decided[Purpose.PAY_CHANGE],
        bank_account=decided[Purpose.BANK_ACCOUNT],
        my_number=decided[Purpose.MY_NUMBER],
    )


def can_access_employee(
    user: AnyUser, employee: Employee, *, purpose: Purpose, on: datetime.date | None = None
) -> bool:
    """Whether ``user`` may reach ``employee`` for ``purpose`` on ``on`` (default today)."""
    me = _signed_in(user)
    return me is not None and _decide(me, employee, (purpose,), on)[purpose]


def can_view_employee(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """職員情報を参照できるか."""
    return can_access_employee(user, employee, purpose=Purpose.VIEW, on=on)


def can_change_employee(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """人事情報(発令・個人情報)を変更できるか."""
    return can_access_employee(user, employee, purpose=Purpose.CHANGE, on=on)


def can_change_pay_data(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """給与関係情報を変更できるか."""
    return can_access_employee(user, employee, purpose=Purpose.PAY_CHANGE, on=on)


def can_view_bank_account(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """振込口座を参照できるか."""
    return can_access_employee(user, employee, purpose=Purpose.BANK_ACCOUNT, on=on)


def can_view_my_number(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """個人番号を参照・登録できるか(番号事務取扱担当者のみ)."""
    return can_access_employee(user, employee, purpose=Purpose.MY_NUMBER, on=on)


def require_employee_access(
    user: AnyUser, employee: Employee, *, purpose: Purpose, on: datetime.date | None = None
) -> None:
    """For services: raise :class:`NotPermitted` (Japanese message) unless ``user`` may do ``purpose``."""
    if not can_access_employee(user, employee, purpose=purpose, on=on):
        raise NotPermitted([FieldProblem(field="職員", message=f"この職員の{purpose.label}を行う権限がありません")])
