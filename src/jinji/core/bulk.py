"""Set-based INSERT and UPDATE of plain tuples through one prepared statement (``executemany``).

For the large writes (the 100,000-employee demo, 50,000-row imports). Django's
``bulk_create`` builds a model instance per row and compiles SQL for every batch of ~50 rows,
which costs far more than the database work itself; these helpers write the same rows
directly (on PostgreSQL an INSERT is sent as one ``COPY … FROM STDIN``, several times faster than
an ``executemany`` of single-row INSERTs; on SQLite a prepared INSERT). Values are adapted the way
the ORM adapts them (``get_db_prep_save`` for dates,
datetimes, JSON …), and every concrete column the caller leaves out of an INSERT gets what the
ORM would have used (its default; ``auto_now``/``auto_now_add`` → now). Tenant-owned rows must
carry ``organization_id``; inside a tenant context a row of another organization is refused.
Run inside the caller's transaction.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from jinji.core.tenancy import CrossTenantAccess, current_organization_id_or_none

Adapter = Callable[[Any], Any] | None
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)
"""Field types whose Python values go to the driver unchanged."""


def _concrete(field: object) -> models.Field[Any, Any]:
    if not isinstance(field, models.Field) or not field.concrete:
        raise TypeError(f"{field} は列を持つフィールドではありません")
    return field


def _adapter(field: models.Field[Any, Any]) -> Adapter:
    if isinstance(field, _PLAIN) and not isinstance(field, models.AutoField):
        return None
    return functools.partial(field.get_db_prep_save, connection=connection)


def _fill_value(field: models.Field[Any, Any]) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    return field.get_default()


def _adapt(adapters: Sequence[Adapter], row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(v if a is None or v is None else a(v) for a, v in zip(adapters, row, strict=True))


class _Statement:
    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        opts = model._meta
        self.table = connection.ops.quote_name(opts.db_table)
        self.given = [_concrete(opts.get_field(name)) for name in fields]
        self.adapters = [_adapter(f) for f in self.given]
        names = [f.attname for f in self.given]
        self._org_index = names.index("organization_id") if "organization_id" in names else None

    def check_tenant(self, rows: Sequence[Sequence[Any]]) -> None:
        current = current_organization_id_or_none()
        if current is None or self._org_index is None:
            return
        index = self._org_index
        if any(row[index] != current for row in rows):
            raise CrossTenantAccess("現在の団体と異なる団体のデータは書き込めません")

    def execute(self, sql: str, data: list[tuple[Any, ...]]) -> int:
        if data:
            with connection.cursor() as cursor:
                cursor.executemany(sql, data)
        return len(data)


class RowInserter(_Statement):
    """INSERT rows of ``model`` given as tuples in the order of ``fields`` (attribute names)."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]):
        super().__init__(model, fields)
        opts = model._meta
        missing = [f for f in opts.concrete_fields if not f.primary_key and f not in self.given]
        fills = [(_adapter(f), _fill_value(f)) for f in missing]
        self._fill = tuple(v if a is None or v is None else a(v) for a, v in fills)
        quote = connection.ops.quote_name
        columns = ", ".join(quote(str(f.column)) for f in [*self.given, *missing])
        marks = ", ".join(["%s"] * (len(self.given) + len(missing)))
        self.sql = f"INSERT INTO {self.table} ({columns}) VALUES ({marks})"  # noqa: S608
        self.copy_sql = f"COPY {self.table} ({columns}) FROM STDIN"

    def insert(self, rows: Iterable[Sequence[Any]]) -> int:
        """Insert ``rows``; returns how many."""
        materialized = list(rows)
        self.check_tenant(materialized)
        data = [_adapt(self.adapters, row) + self._fill for row in materialized]
        if connection.vendor == "postgresql":
            return self._copy(data)
        return self.execute(self.sql, data)

    def _copy(self, data: list[tuple[Any, ...]]) -> int:
        """PostgreSQL: stream the rows with ``COPY`` (psycopg adapts each value as for a query)."""
        if data:
            # wrap_database_errors: a violated constraint is django.db.IntegrityError, as with INSERT
            with connection.wrap_database_errors, connection.cursor() as cursor, cursor.copy(self.copy_sql) as copy:
                for row in data:
                    copy.write_row(row)
        return len(data)


class RowUpdater(_Statement):
    """UPDATE ``fields`` of rows of ``model`` by primary key: each row is (pk, *values).

    For a tenant-owned model the statement also requires ``organization_id`` to match, so a
    wrong id can never change another organization's row.
    """

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, organization_id: int | None = None):
        super().__init__(model, fields)
        quote = connection.ops.quote_name
        assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in self.given)
        pk = quote(str(model._meta.pk.column)) if model._meta.pk is not None else "id"
        self.sql = f"UPDATE {self.table} SET {assignments} WHERE {pk} = %s"  # noqa: S608
        self._scope: tuple[Any, ...] = ()
        if any(f.attname == "organization_id" for f in model._meta.concrete_fields):
            if organization_id is None:
                raise CrossTenantAccess(f"{model.__name__} の更新には団体の指定が必要です")
            current = current_organization_id_or_none()
            if current is not None and current != organization_id:
                raise CrossTenantAccess("現在の団体と異なる団体のデータは書き込めません")
            self.sql += f" AND {quote('organization_id')} = %s"
            self._scope = (organization_id,)

    def update(self, rows: Iterable[Sequence[Any]]) -> int:
        """Update ``rows`` ((pk, *values) each); returns how many were sent."""
        data = [(*_adapt(self.adapters, row[1:]), row[0], *self._scope) for row in rows]
        return self.execute(self.sql, data)
