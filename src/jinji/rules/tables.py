"""Dated legal tables: versioned data files with provenance, chosen by date.

Layout: ``<root>/<table_id>/<effective_from>.toml`` — one file per version; a version is
in force from its ``effective_from`` until the day before the next version's
``effective_from`` (or until its own ``effective_to`` if it sets one). Every file has a
``[provenance]`` block::

    [provenance]
    title = "源泉徴収税額の電算機計算の特例 (令和8年分)"
    source = "財務省告示第123号 (令和7年4月30日)"
    url = "https://..."
    effective_from = 2026-01-01
    effective_to = 2026-12-31        # optional
    promulgated_on = 2025-04-30
    retrieved_on = 2026-11-01
    unconfirmed = ["rates.kaigo"]    # optional: keys whose value is not confirmed

and the table body under ``[data]``. Each table id has a schema (a function that checks
the ``data`` mapping and returns a typed value); :func:`register_schema` registers it.

A municipality's own tables (給料表, 共済 rates, 地域手当 …) live in a configured
directory with the same layout and pass the same checks; a :class:`TableStore` built
with ``extra_roots`` reads them, a local version replacing a built-in one of the same
table id and effective date.
"""

from __future__ import annotations

import datetime
import hashlib
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Generic, TypeVar

from jinji.rules.errors import TableInvalid, TableNotFound

T = TypeVar("T")
BUILTIN_ROOT = Path(__file__).resolve().parent / "tables"

Schema = Callable[[Mapping[str, Any]], Any]
_SCHEMAS: dict[str, Schema] = {}


def register_schema(table_id: str) -> Callable[[Schema], Schema]:
    """Decorator: register the checker/parser for ``table_id``'s ``[data]`` block."""

    def deco(fn: Schema) -> Schema:
        _SCHEMAS[table_id] = fn
        return fn

    return deco


@dataclass(frozen=True, slots=True)
class TableRef:
    """Which version of which table a result used (stored with money results)."""

    table_id: str
    effective_from: datetime.date
    sha256: str

    def __str__(self) -> str:
        return f"{self.table_id}@{self.effective_from.isoformat()}#{self.sha256[:12]}"


@dataclass(frozen=True, slots=True)
class Provenance:
    title: str
    source: str
    effective_from: datetime.date
    promulgated_on: datetime.date
    retrieved_on: datetime.date
    url: str = ""
    effective_to: datetime.date | None = None
    unconfirmed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TableVersion(Generic[T]):
    ref: TableRef
    provenance: Provenance
    data: T
    path: Path = field(compare=False)

    def covers(self, on: datetime.date, next_from: datetime.date | None) -> bool:
        if on < self.provenance.effective_from:
            return False
        if self.provenance.effective_to is not None and on > self.provenance.effective_to:
            return False
        return next_from is None or on < next_from


def _as_date(value: object, *, key: str, path: Path) -> datetime.date:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return value
    raise TableInvalid(f"{path}: provenance.{key} は日付 (YYYY-MM-DD) で指定してください: {value!r}")


def _parse_provenance(raw: Mapping[str, Any], path: Path) -> Provenance:
    missing = [k for k in ("title", "source", "effective_from", "promulgated_on", "retrieved_on") if k not in raw]
    if missing:
        raise TableInvalid(f"{path}: provenance に必須項目がありません: {', '.join(missing)}")
    eff_to = raw.get("effective_to")
    prov = Provenance(
        title=str(raw["title"]),
        source=str(raw["source"]),
        url=str(raw.get("url", "")),
        effective_from=_as_date(raw["effective_from"], key="effective_from", path=path),
        effective_to=None if eff_to is None else _as_date(eff_to, key="effective_to", path=path),
        promulgated_on=_as_date(raw["promulgated_on"], key="promulgated_on", path=path),
        retrieved_on=_as_date(raw["retrieved_on"], key="retrieved_on", path=path),
        unconfirmed=tuple(str(x) for x in raw.get("unconfirmed", ())),
    )
    if path.stem != prov.effective_from.isoformat():
        raise TableInvalid(
            f"{path}: ファイル名は effective_from ({prov.effective_from.isoformat()}) と一致させてください"
        )
    if prov.effective_to is not None and prov.effective_to < prov.effective_from:
        raise TableInvalid(f"{path}: effective_to が effective_from より前です")
    return prov


def load_version_file(path: Path, table_id: str) -> TableVersion[Any]:
    """Read, check and parse one version file."""
    raw_bytes = path.read_bytes()
    try:
        doc = tomllib.loads(raw_bytes.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TableInvalid(f"{path}: TOML として読めません: {exc}") from exc
    if "provenance" not in doc or "data" not in doc:
        raise TableInvalid(f"{path}: [provenance] と [data] の両方が必要です")
    prov = _parse_provenance(doc["provenance"], path)
    schema = _SCHEMAS.get(table_id)
    if schema is None:
        raise TableInvalid(f"{path}: 表 {table_id!r} のスキーマが登録されていません")
    try:
        data = schema(doc["data"])
    except TableInvalid:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise TableInvalid(f"{path}: データが表 {table_id!r} の形式に合いません: {exc!r}") from exc
    ref = TableRef(table_id, prov.effective_from, hashlib.sha256(raw_bytes).hexdigest())
    return TableVersion(ref=ref, provenance=prov, data=data, path=path)


class TableStore:
    """All versions of all tables under one or more roots (built-in first, local after)."""

    def __init__(self, extra_roots: Sequence[Path] = (), *, include_builtin: bool = True):
        self.roots: tuple[Path, ...] = ((BUILTIN_ROOT,) if include_builtin else ()) + tuple(
            Path(r) for r in extra_roots
        )
        self._versions: dict[str, list[TableVersion[Any]]] = {}

    def table_ids(self) -> list[str]:
        ids: set[str] = set()
        for root in self.roots:
            if root.is_dir():
                ids.update(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
        return sorted(ids)

    def versions(self, table_id: str) -> list[TableVersion[Any]]:
        """Every version of ``table_id``, oldest first (local replaces built-in on the same date)."""
        if table_id not in self._versions:
            by_date: dict[datetime.date, TableVersion[Any]] = {}
            for root in self.roots:
                folder = root / table_id
                if not folder.is_dir():
                    continue
                for path in sorted(folder.glob("*.toml")):
                    version = load_version_file(path, table_id)
                    by_date[version.provenance.effective_from] = version
            self._versions[table_id] = [by_date[d] for d in sorted(by_date)]
        return self._versions[table_id]

    def version_on(self, table_id: str, on: datetime.date) -> TableVersion[Any]:
        """The version of ``table_id`` in force on ``on``; :class:`TableNotFound` if none."""
        versions = self.versions(table_id)
        if not versions:
            raise TableNotFound(f"表 {table_id!r} が見つかりません")
        for i, version in enumerate(versions):
            next_from = versions[i + 1].provenance.effective_from if i + 1 < len(versions) else None
            if version.covers(on, next_from):
                return version
        first = versions[0].provenance.effective_from
        raise TableNotFound(
            f"表 {table_id!r} に {on.isoformat()} 時点で有効な版がありません(最初の版: {first.isoformat()}〜)"
        )

    def check_continuity(self, table_id: str) -> list[str]:
        """Problems with the effective periods of ``table_id`` (gaps); empty when sound."""
        problems: list[str] = []
        versions = self.versions(table_id)
        for prev, nxt in pairwise(versions):
            end = prev.provenance.effective_to
            start = nxt.provenance.effective_from
            if end is not None and end + datetime.timedelta(days=1) != start:
                problems.append(
                    f"{table_id}: {end.isoformat()} の翌日から {start.isoformat()} の前日まで有効な版がありません"
                )
        return problems


@cache
def default_store() -> TableStore:
    """The built-in tables only (what the test suite and a bare install use)."""
    _import_schemas()
    return TableStore()


def store_with_local_tables(*local_roots: Path | str) -> TableStore:
    """Built-in tables plus a municipality's own directories (setting ``JINJI_RULES_LOCAL_TABLES``).

    Every schema is imported first, so any table id under the roots loads and is checked the
    same way as a built-in one; a local version replaces the built-in version of the same
    table id and ``effective_from``. Empty values (the setting's default) are ignored.
    """
    _import_schemas()
    return TableStore([Path(root) for root in local_roots if str(root)])


def table_on(table_id: str, on: datetime.date, store: TableStore | None = None) -> TableVersion[Any]:
    """Shorthand: the version of ``table_id`` in force on ``on`` in ``store`` (default: built-in)."""
    return (store or default_store()).version_on(table_id, on)


def typed(version: TableVersion[Any], kind: type[T]) -> T:
    """The version's data, checked to be of ``kind`` (for typed call sites)."""
    if not isinstance(version.data, kind):
        raise TableInvalid(f"{version.ref}: データの型が {kind.__name__} ではありません")
    return version.data


def _import_schemas() -> None:
    """Import the modules that register schemas (they live next to the rules that use them)."""
    import importlib
    import pkgutil

    import jinji.rules as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        if not info.name.startswith("_") and info.name not in {"tables"}:
            importlib.import_module(f"jinji.rules.{info.name}")
