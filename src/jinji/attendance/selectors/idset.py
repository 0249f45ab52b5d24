"""Filtering by a set of employees without one query parameter per id.

A chunk of a whole organization's staff is nearly a contiguous id range; ``employee_id IN (…)``
with thousands of ids costs more to build and send than the query itself. When the ids are
dense the filter is the range, and the caller ignores (or drops) the rows of staff it did not
ask for."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q


def employee_q(ids: Sequence[int], field: str = "employee_id") -> Q:
    """``field`` in ``ids`` (sorted), or the range ``ids[0]``–``ids[-1]`` when that holds fewer than
    twice as many ids — then rows of staff not in ``ids`` come back too."""
    if not ids:
        return Q(**{f"{field}__in": []})
    if ids[-1] - ids[0] < 2 * len(ids):
        return Q(**{f"{field}__gte": ids[0], f"{field}__lte": ids[-1]})
    return Q(**{f"{field}__in": list(ids)})
