"""The legal tables this installation uses: built-in ones plus the municipality's own.

``JINJI_RULES_LOCAL_TABLES`` names a directory laid out like ``jinji/rules/tables``
(``<table_id>/<effective_from>.toml``); its files pass the same provenance and schema
checks, and a local version replaces the built-in one with the same table id and date.
Apps that compute money take their :class:`~jinji.rules.tables.TableStore` from here.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings

from jinji.rules.tables import TableStore, store_with_local_tables


@cache
def _store_for(local_dir: str) -> TableStore:
    return store_with_local_tables(local_dir)


def rules_store() -> TableStore:
    """The table store for the configured local directory (cached per directory)."""
    return _store_for(str(settings.JINJI_RULES_LOCAL_TABLES or ""))


def local_table_problems() -> list[str]:
    """Load every table once and report what is wrong (missing directory, bad file, gaps)."""
    local_dir = str(settings.JINJI_RULES_LOCAL_TABLES or "")
    if not local_dir:
        return []
    from pathlib import Path

    from jinji.rules.errors import RulesError

    if not Path(local_dir).is_dir():
        return [f"JINJI_RULES_LOCAL_TABLES のディレクトリがありません: {local_dir}"]
    store = _store_for(local_dir)
    problems: list[str] = []
    for table_id in store.table_ids():
        try:
            store.versions(table_id)
        except RulesError as exc:
            problems.append(str(exc))
            continue
        problems.extend(store.check_continuity(table_id))
    return problems
