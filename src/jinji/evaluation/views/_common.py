"""Small helpers the evaluation views share."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.evaluation.models import Cycle, Sheet
from jinji.evaluation.selectors import cycle_get

EXTRA_CSS = "evaluation/evaluation.css"


def acting_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def today() -> datetime.date:
    return timezone.localdate()


def parse_int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


def parse_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value.strip()) if value else None
    except ValueError:
        return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def add_domain_errors(form: forms.BaseForm, error: DomainError) -> None:
    """Each problem next to its field when the form has it (by name), otherwise at the top."""
    for problem in error.problems:
        name = problem.field if problem.field in form.fields else None
        form.add_error(name, problem.message if name else str(problem).lstrip(": "))


def cycle_or_404(user: User, cycle_id: int) -> Cycle:
    cycle = cycle_get(organization_id=user.organization_id, cycle_id=cycle_id)
    if cycle is None:
        raise Http404("評価サイクルが見つかりません。")
    return cycle


def sheet_row(user: User, sheet_id: int) -> Sheet:
    """The sheet row for a service call (the service checks who may act; other organizations: 404)."""
    sheet: Sheet | None = Sheet.objects.for_organization(user.organization_id).filter(pk=sheet_id).first()
    if sheet is None:
        raise Http404("評価シートが見つかりません。")
    return sheet
