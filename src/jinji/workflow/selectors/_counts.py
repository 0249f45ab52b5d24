"""Capped counts: how many rows several querysets have, counting no further than a cap, in one query.

An exact count over a whole organization's applications reads every row in scope; a list only needs
to say "1,000件以上" once there are more than a person can page through (bench/bench_inbox.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

COUNT_CAP = 1_000
"""Counts above this are reported as ``COUNT_CAP + 1`` and shown as 「1,000件以上」."""


def capped_counts(querysets: Mapping[str, QuerySet[Any]], cap: int = COUNT_CAP) -> dict[str, int]:
    """``{key: min(rows, cap + 1)}`` for each queryset, all in one query (each reads at most cap + 1 rows)."""
    parts: list[str] = []
    params: list[Any] = []
    result = dict.fromkeys(querysets, 0)
    keys: list[str] = []
    using = "default"
    for key, qs in querysets.items():
        limited = qs.order_by().values("pk")[: cap + 1]
        using = qs.db
        try:
            sql, sql_params = limited.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:  # qs.none() or an empty IN (): nothing to count
            continue
        # ``sql`` is Django's own compiled query with its values kept apart in ``sql_params``.
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) capped_{len(keys)})")  # noqa: S608
        params.extend(sql_params)
        keys.append(key)
    if not parts:
        return result
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        row = cursor.fetchone()
    result.update(zip(keys, (int(n) for n in row), strict=True))
    return result
