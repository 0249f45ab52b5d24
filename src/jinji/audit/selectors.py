"""Reads of the audit log for the audit screen and its CSV export (always one organization)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from jinji.audit.models import AuditEvent


@dataclass(frozen=True, slots=True)
class AuditFilters:
    """監査ログの絞り込み条件 (empty = no condition)."""

    actor: str = ""
    target_type: str = ""
    target_id: str = ""
    action: str = ""
    kind: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None


def _day_start(day: datetime.date) -> datetime.datetime:
    """Midnight at the start of ``day`` in the current time zone (Asia/Tokyo)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_event_list(*, organization_id: int, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Events of one organization matching ``filters``, newest first. Evaluated lazily: page it.

    ``actor`` matches the login ID (partial); ``date_to`` includes the whole day.
    """
    qs = AuditEvent.objects.filter(organization_id=organization_id)
    if filters.actor:
        qs = qs.filter(actor_label__icontains=filters.actor)
    if filters.target_type:
        qs = qs.filter(target_type=filters.target_type)
    if filters.target_id:
        qs = qs.filter(target_id=filters.target_id)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.date_from is not None:
        qs = qs.filter(occurred_at__gte=_day_start(filters.date_from))
    if filters.date_to is not None:
        qs = qs.filter(occurred_at__lt=_day_start(filters.date_to + datetime.timedelta(days=1)))
    return qs.order_by("-occurred_at", "-id")
