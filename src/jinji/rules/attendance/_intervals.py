"""Half-open minute spans ``[start, end)`` on one record's time axis, and set arithmetic on them.

Offsets count minutes from 00:00 of the record's business date (勤務日), so 17:15 is 1035
and 02:00 the next morning is 1560. Every function returns spans sorted, merged and non-empty.
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]
Spans = tuple[Span, ...]


def normalize(spans: Iterable[Span]) -> Spans:
    """Sort, drop empty spans, and merge overlapping or touching ones."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            last_start, last_end = merged[-1]
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return tuple(merged)


def union(*groups: Iterable[Span]) -> Spans:
    """Every minute in any of ``groups``."""
    return normalize(span for group in groups for span in group)


def intersect(a: Iterable[Span], b: Iterable[Span]) -> Spans:
    """Minutes in both ``a`` and ``b``."""
    left, right = normalize(a), normalize(b)
    result: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            result.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return tuple(result)


def subtract(a: Iterable[Span], b: Iterable[Span]) -> Spans:
    """Minutes in ``a`` but not in ``b``."""
    result: list[Span] = []
    cuts = normalize(b)
    for start, end in normalize(a):
        cursor = start
        for cut_start, cut_end in cuts:
            if cut_end <= cursor or cut_start >= end:
                continue
            if cut_start > cursor:
                result.append((cursor, cut_start))
            cursor = max(cursor, cut_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return normalize(result)


def total(spans: Iterable[Span]) -> int:
    """Number of minutes in ``spans`` (which must not overlap: pass normalised spans)."""
    return sum(end - start for start, end in spans)


def before(spans: Iterable[Span], point: int) -> Spans:
    """The part of ``spans`` earlier than ``point``."""
    return intersect(spans, ((min(point, -1 << 30), point),))


def after(spans: Iterable[Span], point: int) -> Spans:
    """The part of ``spans`` at or after ``point``."""
    return intersect(spans, ((point, max(point, 1 << 30)),))


def split_at(spans: Iterable[Span], points: Iterable[int]) -> Spans:
    """``spans`` cut at every boundary in ``points`` (pieces stay in order; not re-merged)."""
    cuts = sorted(set(points))
    pieces: list[Span] = []
    for start, end in normalize(spans):
        cursor = start
        for point in cuts:
            if cursor < point < end:
                pieces.append((cursor, point))
                cursor = point
        pieces.append((cursor, end))
    return tuple(pieces)
