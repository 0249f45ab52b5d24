"""The municipality's own table directory is checked at start-up and used by rules_store()."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.test import override_settings

from jinji.core.checks import local_rules_tables_valid
from jinji.core.rules_tables import rules_store

GOOD = """
[provenance]
title = "デモ市職員の給与に関する条例 別表第1"
source = "デモ市条例第1号"
effective_from = 2026-04-01
promulgated_on = 2026-03-20
retrieved_on = 2026-03-25

[data]
"""


def _copy_builtin_with(tmp_path: Path, *, body: str) -> Path:
    from jinji.rules.tables import BUILTIN_ROOT

    src = sorted((BUILTIN_ROOT / "salary_schedule.gyosei_1").glob("*.toml"))[-1]
    text = src.read_text(encoding="utf-8")
    data = text[text.index("[data]") + len("[data]") :]
    folder = tmp_path / "salary_schedule.gyosei_1"
    folder.mkdir()
    (folder / "2026-04-01.toml").write_text(body + data, encoding="utf-8")
    return tmp_path


def test_no_local_directory_means_no_problems() -> None:
    with override_settings(JINJI_RULES_LOCAL_TABLES=""):
        assert local_rules_tables_valid(None) == []


def test_missing_directory_stops_start_up(tmp_path: Path) -> None:
    with override_settings(JINJI_RULES_LOCAL_TABLES=str(tmp_path / "nowhere")):
        errors = local_rules_tables_valid(None)
    assert [e.id for e in errors] == ["jinji.E002"]
    assert "ディレクトリがありません" in errors[0].msg


def test_file_without_provenance_stops_start_up(tmp_path: Path) -> None:
    root = _copy_builtin_with(tmp_path, body="[data]\n")
    (root / "salary_schedule.gyosei_1" / "2026-04-01.toml").write_text("[data]\n", encoding="utf-8")
    with override_settings(JINJI_RULES_LOCAL_TABLES=str(root)):
        errors = local_rules_tables_valid(None)
    assert len(errors) == 1
    assert "[provenance] と [data] の両方が必要です" in errors[0].msg


def test_local_version_replaces_builtin_on_its_date(tmp_path: Path) -> None:
    root = _copy_builtin_with(tmp_path, body=GOOD)
    with override_settings(JINJI_RULES_LOCAL_TABLES=str(root)):
        assert local_rules_tables_valid(None) == []
        version = rules_store().version_on("salary_schedule.gyosei_1", datetime.date(2026, 4, 1))
    assert version.provenance.source == "デモ市条例第1号"
    assert version.path.is_relative_to(root)


@pytest.fixture(autouse=True)
def _fresh_store_cache() -> None:
    from jinji.core import rules_tables

    rules_tables._store_for.cache_clear()
