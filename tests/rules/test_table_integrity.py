"""Every built-in legal table loads, carries provenance, and has no gaps between versions.

Iterates over whatever table ids exist under ``src/jinji/rules/tables/`` (new data files are
picked up automatically); a table that fails here is not ready to be merged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jinji.rules.tables import TableVersion, default_store, store_with_local_tables

STORE = default_store()
TABLE_IDS = STORE.table_ids()


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_table_loads_with_at_least_one_version(table_id: str) -> None:
    versions = STORE.versions(table_id)
    assert versions, f"{table_id}: バージョンファイル (YYYY-MM-DD.toml) がありません"
    starts = [v.provenance.effective_from for v in versions]
    assert starts == sorted(set(starts))


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_every_version_has_provenance(table_id: str) -> None:
    for version in STORE.versions(table_id):
        prov = version.provenance
        where = str(version.path)
        assert prov.title.strip(), f"{where}: provenance.title が空です"
        assert prov.source.strip(), f"{where}: provenance.source が空です"
        assert version.path.stem == prov.effective_from.isoformat(), where
        assert version.ref.table_id == table_id
        assert re.fullmatch(r"[0-9a-f]{64}", version.ref.sha256), where
        assert prov.effective_to is None or prov.effective_to >= prov.effective_from, where
        assert all(isinstance(key, str) and key.strip() for key in prov.unconfirmed), where


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_no_gaps_between_versions(table_id: str) -> None:
    assert STORE.check_continuity(table_id) == []


@pytest.mark.parametrize("table_id", TABLE_IDS)
def test_each_version_is_the_one_in_force_on_its_own_dates(table_id: str) -> None:
    versions: list[TableVersion[object]] = STORE.versions(table_id)
    for version in versions:
        prov = version.provenance
        assert STORE.version_on(table_id, prov.effective_from) is version
        if prov.effective_to is not None:
            assert STORE.version_on(table_id, prov.effective_to) is version


def test_a_local_directory_replaces_a_built_in_version(tmp_path: Path) -> None:
    """JINJI_RULES_LOCAL_TABLES: a municipality's file for the same table and date wins."""
    if not TABLE_IDS:
        pytest.skip("no built-in tables yet")
    table_id = TABLE_IDS[0]
    built_in = STORE.versions(table_id)[-1]
    text = built_in.path.read_text(encoding="utf-8")
    local_text, replaced = re.subn(r'(?m)^title = ".*"$', 'title = "市の独自版"', text, count=1)
    assert replaced == 1
    folder = tmp_path / table_id
    folder.mkdir()
    (folder / built_in.path.name).write_text(local_text, encoding="utf-8")

    local = store_with_local_tables(tmp_path, "")
    version = local.version_on(table_id, built_in.provenance.effective_from)
    assert version.provenance.title == "市の独自版"
    assert version.path.parent == folder
    assert version.ref.sha256 != built_in.ref.sha256
    assert local.check_continuity(table_id) == []
