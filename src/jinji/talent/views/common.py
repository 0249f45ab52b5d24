"""Small helpers the talent views share."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.core.errors import DomainError
from jinji.personnel.models import Employee
from jinji.personnel.selectors import employee_by_staff_number
from jinji.personnel.selectors_web import employee_get

hr_only = require_role(Role.HR)
supervisor_only = require_role(Role.UNIT_HEAD)


def acting_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def today() -> datetime.date:
    return timezone.localdate()


def parse_date(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat((value or "").strip()) if value else default
    except ValueError:
        return default


def parse_int(value: str | None, default: int | None = None) -> int | None:
    try:
        return int(value) if value else default
    except (TypeError, ValueError):
        return default


def own_employee(user: User) -> Employee | None:
    """The employee the login belongs to (None for logins without one)."""
    if user.employee_id is None:
        return None
    return employee_get(organization=user.organization_id, employee_id=user.employee_id)


def require_own_employee(user: User) -> Employee:
    employee = own_employee(user)
    if employee is None:
        raise Http404("このログインには職員が結び付いていません。")
    return employee


def employee_by_number(user: User, staff_number: str) -> Employee | None:
    return employee_by_staff_number(organization=user.organization_id, staff_number=staff_number)


def error_redirect(request: HttpRequest, error: DomainError, to: str) -> HttpResponse:
    """Show each problem as an error message and go back (for small POST buttons without a form page)."""
    for problem in error.problems:
        messages.error(request, problem.message)
    return HttpResponseRedirect(to)


def done(request: HttpRequest, message: str, to: str) -> HttpResponse:
    messages.success(request, message)
    return HttpResponseRedirect(to)
