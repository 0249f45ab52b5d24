"""Shared bits of the attendance REST modules: the token's user and their employee."""

from __future__ import annotations

from django.http import HttpRequest

from jinji.accounts.models import User
from jinji.core.errors import FieldProblem, NotPermitted


def api_user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def api_employee_id(request: HttpRequest) -> tuple[User, int]:
    """The token's user and their employee (403 in Japanese when the user is not an employee)."""
    user = api_user(request)
    if user.employee_id is None:
        raise NotPermitted([FieldProblem("職員", "この利用者には職員が紐づいていません")])
    return user, user.employee_id
