"""``JINJI_TALENT_UPLOAD_MAX_BYTES`` is read from the environment when the settings load."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

import jinji.config


def _load_settings() -> dict[str, object]:
    return runpy.run_path(str(Path(jinji.config.__file__).parent / "settings.py"))


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JINJI_TALENT_UPLOAD_MAX_BYTES", "1048576")
    assert _load_settings()["JINJI_TALENT_UPLOAD_MAX_BYTES"] == 1024 * 1024


def test_the_limit_defaults_to_5_mb(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JINJI_TALENT_UPLOAD_MAX_BYTES", raising=False)
    assert _load_settings()["JINJI_TALENT_UPLOAD_MAX_BYTES"] == 5 * 1024 * 1024


def test_a_value_that_is_not_a_number_stops_start_up_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JINJI_TALENT_UPLOAD_MAX_BYTES", "5MB")
    with pytest.raises(ImproperlyConfigured, match="JINJI_TALENT_UPLOAD_MAX_BYTES"):
        _load_settings()
