"""Writing audit events. Call inside the same transaction as the change it records."""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from collections.abc import Mapping
from typing import Any, Protocol

from django.db import models, transaction

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core import fastsql
from jinji.core.requestinfo import current_ip


class Actor(Protocol):
    pk: Any
    organization_id: Any

    def get_username(self) -> str: ...


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return _jsonable(value.value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def audit_record(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model | None = None,
    target_type: str = "",
    target_id: str = "",
    target_label: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    kind: str = AuditKind.CHANGE,
    organization_id: int | None = None,
    ip_address: str | None = None,
) -> AuditEvent:
    """Append one audit event. For changes, must run inside the caller's transaction.

    ``ip_address`` defaults to the client address of the current request (if any).
    """
    if kind == AuditKind.CHANGE and not transaction.get_connection().in_atomic_block:
        raise RuntimeError("変更の監査記録は変更と同じトランザクション内で書き込んでください")
    if target is not None:
        target_type = target_type or target._meta.label_lower
        target_id = target_id or str(target.pk)
        target_label = target_label or str(target)[:200]
    org_id = organization_id
    if org_id is None and target is not None:
        org_id = getattr(target, "organization_id", None)
    if org_id is None and actor is not None:
        org_id = actor.organization_id
    changed_before = _jsonable(before) if before is not None else None
    changed_after = _jsonable(after) if after is not None else None
    # A plain INSERT (jinji.core.fastsql): every change writes one, the clock-in API on every punch.
    return fastsql.insert(
        AuditEvent(
            organization_id=org_id,
            actor_id=None if actor is None else actor.pk,
            actor_label="" if actor is None else actor.get_username(),
            kind=kind,
            action=action,
            target_type=target_type,
            target_id=target_id,
            target_label=target_label,
            before=changed_before,
            after=changed_after,
            ip_address=ip_address or current_ip(),
        )
    )


def audit_read(
    *, actor: Actor, action: str, target: models.Model, detail: Mapping[str, Any] | None = None
) -> AuditEvent:
    """Record a read of sensitive data (My Number, bank account, another person's record)."""
    return audit_record(actor=actor, action=action, target=target, after=detail, kind=AuditKind.READ)


def diff_fields(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only the keys whose value changed, as (before, after)."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}
