"""Streaming CSV downloads (UTF-8 with BOM for Excel), so a 100,000-row report never sits in memory whole."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import cast

from django.http import HttpResponse, StreamingHttpResponse


def _lines(header: Sequence[object], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue().encode("utf-8")


def csv_text(header: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    """The whole CSV as text (tests and small outputs)."""
    return b"".join(_lines(header, rows)).decode("utf-8").removeprefix("\ufeff")


def stream_csv(header: Sequence[object], rows: Iterable[Sequence[object]], filename: str) -> HttpResponse:
    """A streaming download (typed as HttpResponse, which the role-checking view decorator expects)."""
    response = StreamingHttpResponse(_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return cast(HttpResponse, response)
