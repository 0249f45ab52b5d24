"""Helpers the workflow screens share: the signed-in user, numbers from the query string, paging."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from jinji.accounts.models import User
from jinji.core.errors import DomainError

PAGE_SIZE = 50


def acting_user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def parse_int(value: str | None, default: int | None = None) -> int | None:
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        return default


@dataclass(frozen=True, slots=True)
class Paging:
    """Page numbers for a list of ``total`` items, ``PAGE_SIZE`` per page."""

    number: int
    total: int
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def num_pages(self) -> int:
        return max(1, (self.total + self.size - 1) // self.size)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def page_number(request: HttpRequest) -> int:
    return max(1, parse_int(request.GET.get("page"), 1) or 1)


def report_problems(request: HttpRequest, error: DomainError) -> None:
    """Each problem of a refused action as an error message (the field named when known)."""
    for problem in error.problems:
        messages.error(request, problem.message)
