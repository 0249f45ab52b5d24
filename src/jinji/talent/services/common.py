"""Helpers the talent services share: today's date, locking an employee, checking catalogue rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import Employee
from jinji.personnel.selectors import assignment_views_on


def business_today() -> datetime.date:
    """Today in Asia/Tokyo."""
    return timezone.localdate()


def lock_employee(employee: Employee) -> Employee:
    """The employee row, locked until the end of the transaction (serialises overlap checks)."""
    locked: Employee = (
        Employee.objects.for_organization(employee.organization_id).select_for_update().get(pk=employee.pk)
    )
    return locked


def same_organization(obj: Any, organization_id: int, field: str, label: str) -> list[FieldProblem]:
    """A problem when ``obj`` (a catalogue or tenant row) belongs to another organization."""
    owner = getattr(obj, "organization_id", None)
    if owner is not None and owner != organization_id:
        return [FieldProblem(field, f"他の団体の{label}は指定できません")]
    return []


def raise_if(problems: list[FieldProblem]) -> None:
    if problems:
        raise DomainError(problems)


def primary_unit_on(organization_id: int, employee_id: int, on: datetime.date) -> int | None:
    """The 本務 unit of the employee on ``on`` (None when not in post)."""
    posts = assignment_views_on(organization=organization_id, employee_ids=[employee_id], on=on).get(employee_id, [])
    primary = next((p for p in posts if p.kind == "primary"), None)
    return primary.org_unit_id if primary else None
