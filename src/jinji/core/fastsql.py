"""Plain SQL for the few statements that run on every request of a hot endpoint (the clock-in API).

The ORM spends most of a simple statement's cost compiling it (about 1 ms of CPU each on the 2-core
reference machine, bench/bench_clock.py); here the SQL is written once. On PostgreSQL the statement
is also prepared once per connection (psycopg ``prepare=True``, server-side binding), which cuts the
server's parse and plan work to a fraction. Values go in through the fields' ``get_db_prep_*`` and
come out through the same converters the ORM applies, so SQLite and PostgreSQL see exactly the types
they see through the ORM, and model instances come back as ``from_db`` builds them.

Use it only where a benchmark shows the ORM's cost matters; everything else uses the ORM.
Statements still appear in ``connection.queries`` when queries are logged (tests count them).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)

_Converter = Callable[[Any, Any, Any], Any]
_Span = tuple[type[models.Model], int, int, list[str], list[tuple[int, list[_Converter], Any]]]
_spans_cache: dict[tuple[str, tuple[type[models.Model], ...]], list[_Span]] = {}
_insert_cache: dict[tuple[str, type[models.Model]], tuple[str, list[models.Field[Any, Any]]]] = {}


def _db() -> BaseDatabaseWrapper:
    return connections[DEFAULT_DB_ALIAS]


def select_list(model: type[models.Model], alias: str) -> str:
    """Every concrete column of ``model`` as ``alias.column``, in field order (what :func:`rows_as` reads)."""
    qn = _db().ops.quote_name
    return ", ".join(f"{alias}.{qn(f.column)}" for f in model._meta.concrete_fields)


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Run one statement that returns rows (SELECT, or a write with RETURNING) and return them."""
    return _run(sql, params, rows=True)


def execute(sql: str, params: Sequence[Any]) -> None:
    """Run one statement that returns no rows (UPDATE, DELETE)."""
    _run(sql, params, rows=False)


def _run(sql: str, params: Sequence[Any], *, rows: bool) -> list[tuple[Any, ...]]:
    db = _db()
    if db.vendor != "postgresql":
        with db.cursor() as django_cursor:  # logged by Django's cursor when queries are logged
            django_cursor.execute(sql, params)
            return django_cursor.fetchall() if rows else []
    from psycopg import Cursor

    db.ensure_connection()
    started = time.monotonic()
    with db.wrap_database_errors, Cursor(db.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        found = cursor.fetchall() if rows else []
    if db.queries_logged:
        db.queries_log.append({"sql": sql, "time": f"{time.monotonic() - started:.3f}"})
    return found


def _spans(db: BaseDatabaseWrapper, models_: tuple[type[models.Model], ...]) -> list[_Span]:
    """Per model: its slice of the row, its field attnames and the ORM's converters per column."""
    key = (db.alias, models_)
    found = _spans_cache.get(key)
    if found is None:
        found = []
        start = 0
        for model in models_:
            fields = model._meta.concrete_fields
            converters = []
            for i, field in enumerate(fields):
                col = field.get_col(model._meta.db_table)
                chain = db.ops.get_db_converters(col) + col.get_db_converters(db)  # as the SQL compiler does
                if chain:
                    converters.append((i, chain, col))
            found.append((model, start, start + len(fields), [f.attname for f in fields], converters))
            start += len(fields)
        _spans_cache[key] = found
    return found


def rows_as(models_: Sequence[type[models.Model]], rows: list[tuple[Any, ...]]) -> list[list[models.Model]]:
    """Each row (the :func:`select_list` of each model, side by side) as one instance per model."""
    db = _db()
    spans = _spans(db, tuple(models_))
    out = []
    for row in rows:
        made = []
        for model, begin, end, names, converters in spans:
            values = list(row[begin:end])
            for i, chain, col in converters:
                for convert in chain:
                    values[i] = convert(values[i], col, db)
            made.append(model.from_db(db.alias, names, values))
        out.append(made)
    return out


def instances(model: type[M], sql: str, params: Sequence[Any]) -> list[M]:
    """``model`` instances from ``sql``, which must select :func:`select_list` of the model."""
    return [r[0] for r in rows_as([model], fetch(sql, params))]  # type: ignore[misc]


def insert(obj: M) -> M:
    """INSERT one new row (fields' ``pre_save`` applied, e.g. ``auto_now_add``) and set its primary key.
    No signals are sent (none are connected for the models that use it)."""
    db = _db()
    meta = obj._meta
    key = (db.alias, type(obj))
    cached = _insert_cache.get(key)
    if cached is None:
        fields = [f for f in meta.concrete_fields if f is not meta.pk]
        qn = db.ops.quote_name
        assert meta.pk is not None
        sql = (  # names from the model's metadata, values only as parameters
            f"INSERT INTO {qn(meta.db_table)} ({', '.join(qn(f.column) for f in fields)})"  # noqa: S608
            f" VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {qn(meta.pk.column)}"
        )
        cached = _insert_cache[key] = (sql, fields)
    sql, fields = cached
    params = [f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields]
    (row,) = fetch(sql, params)
    obj.pk = row[0]
    obj._state.adding = False
    obj._state.db = db.alias
    return obj
