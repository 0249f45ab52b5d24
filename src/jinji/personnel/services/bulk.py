"""Set-based writes Django's ORM makes slow: a different JSON value per row, in few statements."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django.db import connection, models

ROWS_PER_STATEMENT = 300
"""Three parameters per row stay under SQLite's historic limit of 999."""


def set_json_per_row(model: type[models.Model], field_name: str, values: Mapping[int, Any]) -> int:
    """``UPDATE … SET field = CASE id WHEN … END WHERE id IN (…)`` in chunks; returns rows updated.

    ``QuerySet.bulk_update`` builds one ORM expression per row and takes seconds for
    10,000 rows; this builds the same statement as plain SQL with parameters.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    field = model._meta.get_field(field_name)
    if not isinstance(field, models.Field) or model._meta.pk is None:
        raise TypeError(f"{model.__name__}.{field_name} is not a concrete column")
    column = connection.ops.quote_name(field.column)
    pk = connection.ops.quote_name(model._meta.pk.column)
    items = [(key, json.dumps(value, ensure_ascii=False)) for key, value in values.items()]
    updated = 0
    with connection.cursor() as cursor:
        for start in range(0, len(items), ROWS_PER_STATEMENT):
            part = items[start : start + ROWS_PER_STATEMENT]
            sql, params = _statement(table, column, pk, part)
            cursor.execute(sql, params)
            updated += cursor.rowcount
    return updated


def _statement(table: str, column: str, pk: str, part: list[tuple[int, str]]) -> tuple[str, list[Any]]:
    params: list[Any] = []
    if connection.vendor == "postgresql":
        rows = ", ".join("(%s, %s::jsonb)" for _ in part)
        for key, value in part:
            params.extend((key, value))
        sql = f"UPDATE {table} SET {column} = v.value FROM (VALUES {rows}) AS v(id, value) WHERE {table}.{pk} = v.id"  # noqa: S608
        return sql, params
    whens = " ".join("WHEN %s THEN %s" for _ in part)
    for key, value in part:
        params.extend((key, value))
    params.extend(key for key, _ in part)
    marks = ", ".join("%s" for _ in part)
    return f"UPDATE {table} SET {column} = CASE {pk} {whens} END WHERE {pk} IN ({marks})", params  # noqa: S608
