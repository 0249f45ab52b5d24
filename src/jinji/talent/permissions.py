"""Who may see or change talent data. One place, used by services, selectors and views.

- 職員: their own qualifications, skills, training, role tags and 自己申告 (view; register their own).
- 所属長: confirms the skill self-assessments of employees whose 本務 is in a unit their 所属長
  grant covers (never their own); sees the talent profile of those employees (not 自己申告).
- 人事担当: everything in their employee scope (``employee_scope_q``): verification, training,
  role tags, search, export, recruitment, allowances, 自己申告.
- Other roles: nothing beyond their own record.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from jinji.accounts.models import Role, User
from jinji.accounts.scope import AnyUser, covered_unit_ids, has_role, roles_on, today
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_descendant_ids
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.personnel.permissions import Purpose, can_access_employee, employee_scope_q

HR_ROLES = frozenset({Role.HR})
SUPERVISOR_ROLES = frozenset({Role.UNIT_HEAD})


def signed_in(user: AnyUser) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def is_own(user: AnyUser, employee_id: int) -> bool:
    me = signed_in(user)
    return me is not None and me.employee_id is not None and me.employee_id == employee_id


def is_hr(user: AnyUser, *, on: datetime.date | None = None) -> bool:
    return has_role(user, HR_ROLES, on=on)


def hr_scope_q(user: AnyUser, *, on: datetime.date | None = None, purpose: Purpose = Purpose.VIEW) -> Q:
    """Employees an 人事担当 reaches (nobody for other roles)."""
    if not is_hr(user, on=on):
        return Q(pk__in=[])
    return employee_scope_q(user, on=on, purpose=purpose)


def hr_can(
    user: AnyUser, employee: Employee, *, purpose: Purpose = Purpose.CHANGE, on: datetime.date | None = None
) -> bool:
    return is_hr(user, on=on) and can_access_employee(user, employee, purpose=purpose, on=on)


def supervised_q(user: AnyUser, *, on: datetime.date | None = None, field: str = "pk") -> Q:
    """Q on Employee (or on a model whose ``field`` holds the employee id): 本務 on ``on`` in the units the user heads.

    Never includes the user themself. Two queries (grants, org tree); the rest is a subquery.
    """
    me = signed_in(user)
    if me is None:
        return Q(pk__in=[])
    day = on or today()
    coverage = covered_unit_ids(me, SUPERVISOR_ROLES, on=day, descendants=unit_descendant_ids)
    if coverage.is_empty:
        return Q(pk__in=[])
    posts = Assignment.objects.for_organization(me.organization_id).filter(as_of_q(day), kind=AssignmentKind.PRIMARY)
    if not coverage.whole_organization:
        posts = posts.filter(org_unit_id__in=sorted(coverage.unit_ids))
    mine = Q(**{field: me.employee_id}) if me.employee_id is not None else Q(pk__in=[])
    return Q(**{f"{field}__in": posts.values("employee_id")}) & ~mine


def can_confirm_skills(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """所属長 of the employee's 本務 unit on ``on`` (and not the employee themself)."""
    me = signed_in(user)
    if me is None or employee.organization_id != me.organization_id:
        return False
    return (
        Employee.objects.for_organization(me.organization_id).filter(supervised_q(me, on=on), pk=employee.pk).exists()
    )


def can_view_talent(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """Own record, 人事担当 in scope, or the 所属長 of the employee's unit."""
    me = signed_in(user)
    if me is None or employee.organization_id != me.organization_id:
        return False
    if is_own(me, employee.pk):
        return True
    roles = roles_on(me, on=on)
    if Role.HR in roles and can_access_employee(me, employee, purpose=Purpose.VIEW, on=on):
        return True
    return Role.UNIT_HEAD in roles and can_confirm_skills(me, employee, on=on)


def can_view_private(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> bool:
    """自己申告 and evidence files: the employee and 人事担当 in scope only."""
    return is_own(user, employee.pk) or hr_can(user, employee, purpose=Purpose.VIEW, on=on)


def refuse(message: str, field: str = "職員") -> NotPermitted:
    return NotPermitted([FieldProblem(field=field, message=message)])


def require_hr(user: AnyUser, *, on: datetime.date | None = None) -> None:
    if not is_hr(user, on=on):
        raise refuse("人事担当の権限が必要です", field="")


def require_hr_for(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> None:
    if not hr_can(user, employee, on=on):
        raise refuse("この職員の人材情報を変更する権限がありません")


def require_own_or_hr(user: AnyUser, employee: Employee, *, on: datetime.date | None = None) -> None:
    if not (is_own(user, employee.pk) or hr_can(user, employee, on=on)):
        raise refuse("本人または人事担当だけが登録できます")
