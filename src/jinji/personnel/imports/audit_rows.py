"""Audit events of an import: one per changed row, written with bulk inserts, plus a summary."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core.bulk import RowInserter
from jinji.core.requestinfo import current_ip

_FIELDS = (
    "organization_id",
    "actor_id",
    "actor_label",
    "kind",
    "action",
    "target_type",
    "target_id",
    "target_label",
    "before",
    "after",
    "ip_address",
)


def plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text, nested mappings and lists converted."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@dataclass(frozen=True, slots=True)
class AuditItem:
    target_type: str
    target_id: int
    target_label: str
    before: Mapping[str, Any] | None
    after: Mapping[str, Any]


def write_audit(*, actor: Any, organization_id: int, action: str, items: list[AuditItem]) -> int:
    """Append one change event per item (one prepared INSERT); must run inside the import's transaction."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("変更の監査記録は変更と同じトランザクション内で書き込んでください")
    ip = current_ip()
    rows = [
        (
            organization_id,
            actor.pk,
            actor.get_username(),
            AuditKind.CHANGE.value,
            action,
            item.target_type,
            str(item.target_id),
            item.target_label[:200],
            None if item.before is None else plain(item.before),
            plain(item.after),
            ip,
        )
        for item in items
    ]
    return RowInserter(AuditEvent, _FIELDS).insert(rows)
