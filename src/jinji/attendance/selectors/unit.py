"""A unit's staff for the 出勤簿 grid and the close (bounded queries)."""

from __future__ import annotations

import datetime

from jinji.attendance.models import AttendanceSheet
from jinji.core.models import Organization, as_of_q
from jinji.personnel.models import Assignment, AssignmentKind, Employee


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def unit_employee_ids(*, organization: Organization | int, org_unit_id: int, on: datetime.date) -> list[int]:
    """Employees whose 本務 is ``org_unit_id`` on ``on`` (one query)."""
    rows = Assignment.objects.for_organization(_org_id(organization)).filter(
        as_of_q(on), org_unit_id=org_unit_id, kind=AssignmentKind.PRIMARY
    )
    return sorted(set(rows.values_list("employee_id", flat=True)))


def employees_by_id(*, organization: Organization | int, employee_ids: list[int]) -> dict[int, Employee]:
    """One query."""
    rows = Employee.objects.for_organization(_org_id(organization)).filter(pk__in=employee_ids)
    return {e.pk: e for e in rows.order_by("staff_number")}


def sheets_by_employee(
    *, organization: Organization | int, employee_ids: list[int], year: int, month: int
) -> dict[int, AttendanceSheet]:
    """One query."""
    rows = AttendanceSheet.objects.for_organization(_org_id(organization)).filter(
        employee_id__in=employee_ids, year=year, month=month
    )
    return {s.employee_id: s for s in rows}
