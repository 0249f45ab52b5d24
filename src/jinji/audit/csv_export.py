"""CSV export of audit events: UTF-8 with BOM (Excel opens it as UTF-8), formula injection neutralised."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils import timezone

from jinji.audit.actions import label_for
from jinji.audit.models import AuditEvent, AuditKind

BOM = "\ufeff"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CHUNK_CHARS = 64 * 1024

HEADER = ["日時", "種別", "操作", "操作名", "実行者", "対象種別", "対象ID", "対象", "変更前", "変更後", "IPアドレス"]


def csv_safe(value: Any) -> str:
    """A cell that spreadsheet software will not run as a formula (leading ``'`` when it starts with = + - @ tab CR)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def event_row(event: AuditEvent) -> list[str]:
    kinds = dict(AuditKind.choices)
    cells = [
        timezone.localtime(event.occurred_at).strftime("%Y-%m-%d %H:%M:%S"),
        kinds.get(event.kind, event.kind),
        event.action,
        label_for(event.action),
        event.actor_label,
        event.target_type,
        event.target_id,
        event.target_label,
        _json(event.before),
        _json(event.after),
        event.ip_address or "",
    ]
    return [csv_safe(cell) for cell in cells]


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The CSV text piece by piece (BOM and header first), for a streaming response."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(HEADER)
    yield BOM + flush()
    for event in events:
        writer.writerow(event_row(event))
        if buffer.tell() >= CHUNK_CHARS:
            yield flush()
    yield flush()
