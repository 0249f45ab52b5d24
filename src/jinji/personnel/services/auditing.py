"""Audit events for bulk operations: one row per object, written with one bulk insert."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import models, transaction

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.requestinfo import current_ip

BULK_SIZE = 1000


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def audit_bulk(
    *,
    actor: Any,
    action: str,
    targets: Sequence[models.Model],
    afters: Sequence[Mapping[str, Any]],
    organization_id: int,
) -> int:
    """Append one change event per target (``afters[i]`` describes ``targets[i]``) in bulk inserts.

    Must run inside the transaction of the change it records.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("変更の監査記録は変更と同じトランザクション内で書き込んでください")
    ip = current_ip()
    label = "" if actor is None else actor.get_username()
    events = [
        AuditEvent(
            organization_id=organization_id,
            actor_id=None if actor is None else actor.pk,
            actor_label=label,
            kind=AuditKind.CHANGE,
            action=action,
            target_type=target._meta.label_lower,
            target_id=str(target.pk),
            target_label=str(target)[:200],
            after=_plain(after),
            ip_address=ip,
        )
        for target, after in zip(targets, afters, strict=True)
    ]
    AuditEvent.objects.bulk_create(events, batch_size=BULK_SIZE)
    return len(events)
