"""Which unit an employee belongs to on a day, and whether a unit's month is closed (勤怠締め)."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable

from jinji.attendance.models import MonthClose
from jinji.core.models import Organization, as_of_q
from jinji.personnel.models import Assignment, AssignmentKind


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def primary_unit_ids_on(
    *, organization: Organization | int, employee_ids: Iterable[int], on: datetime.date
) -> dict[int, int]:
    """employee id → org unit id of the 本務 assignment on ``on`` (one query)."""
    rows = (
        Assignment.objects.for_organization(_org_id(organization))
        .filter(as_of_q(on), employee_id__in=list(employee_ids), kind=AssignmentKind.PRIMARY)
        .values_list("employee_id", "org_unit_id")
    )
    return dict(rows)


def is_month_closed(
    *,
    organization: Organization | int,
    year: int,
    month: int,
    org_unit_id: int | None = None,
    employee_id: int | None = None,
) -> bool:
    """勤怠締め済みか: of ``org_unit_id``, or of the unit ``employee_id`` belonged to at the month's end,
    or (neither given) of every unit with a 本務 assignment at the month's end. At most two queries."""
    org_id = _org_id(organization)
    closes = MonthClose.objects.for_organization(org_id).filter(year=year, month=month)
    if employee_id is not None:
        day = month_end(year, month)
        unit = primary_unit_ids_on(organization=org_id, employee_ids=[employee_id], on=day).get(employee_id)
        if unit is None:
            return False
        org_unit_id = unit
    if org_unit_id is not None:
        return closes.filter(org_unit_id=org_unit_id).exists()
    units = set(
        Assignment.objects.for_organization(org_id)
        .filter(as_of_q(month_end(year, month)), kind=AssignmentKind.PRIMARY)
        .values_list("org_unit_id", flat=True)
        .distinct()
    )
    closed = set(closes.values_list("org_unit_id", flat=True))
    return bool(units) and units <= closed


def closed_unit_ids(*, organization: Organization | int, year: int, month: int) -> set[int]:
    """Units whose month is closed (one query)."""
    rows = MonthClose.objects.for_organization(_org_id(organization)).filter(year=year, month=month)
    return set(rows.values_list("org_unit_id", flat=True))
