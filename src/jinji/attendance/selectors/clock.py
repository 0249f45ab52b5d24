"""Reads for the clock page: active work locations, today's punches of one employee."""

from __future__ import annotations

import datetime

from jinji.attendance.models import ClockEvent, WorkLocation


def active_locations(*, organization_id: int) -> list[WorkLocation]:
    """Registered places of the organization (one query)."""
    return list(WorkLocation.objects.for_organization(organization_id).filter(is_active=True).order_by("kind", "name"))


def punches_on(*, organization_id: int, employee_id: int, day: datetime.date) -> list[ClockEvent]:
    """The punches of ``employee_id`` whose business date is ``day`` (one query)."""
    rows = ClockEvent.objects.for_organization(organization_id).filter(employee_id=employee_id, business_date=day)
    return list(rows.select_related("location").order_by("occurred_at", "pk"))
