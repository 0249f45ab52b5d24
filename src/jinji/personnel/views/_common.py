"""Small helpers the personnel views share: the acting user, role gates, dates, form errors."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.core.errors import DomainError

STAFF_LIST_ROLES = (Role.UNIT_HEAD, Role.CLERK, Role.HR, Role.PAYROLL)
"""Roles that open staff lists (the selectors narrow each to the units the role covers)."""
HR_ROLES = (Role.HR,)
"""Roles that enter 発令, mass transfers and imports."""


def acting_user(request: HttpRequest) -> User:
    """The signed-in user (views are wrapped in ``require_role``/``login_required``, so never anonymous)."""
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def today() -> datetime.date:
    return timezone.localdate()


def parse_date(value: str | None, default: datetime.date | None = None) -> datetime.date | None:
    """``YYYY-MM-DD`` → date; anything else → ``default``."""
    if not value:
        return default
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        return default


def parse_int(value: str | None, default: int | None = None) -> int | None:
    if not value:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_domain_errors(form: forms.BaseForm, error: DomainError, field_map: dict[str, str] | None = None) -> None:
    """Put each :class:`FieldProblem` next to its field (by name or by Japanese label); others on top."""
    by_label = {str(f.label): name for name, f in form.fields.items()}
    mapping = field_map or {}
    for problem in error.problems:
        name = mapping.get(problem.field, problem.field)
        name = name if name in form.fields else by_label.get(problem.field, "")
        message = problem.message if name else str(problem)
        form.add_error(name or None, message)


def is_htmx_partial(request: HttpRequest) -> bool:
    """An htmx request for a fragment (not a history restore, which needs the whole page)."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"
