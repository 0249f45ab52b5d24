from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from jinji.core.tenancy import tenant_context
from tests.talent.world import Town, build_town


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings: Any, tmp_path: Path) -> None:
    """Evidence files go to a temporary JINJI_VAR_DIR, never the developer's var/."""
    settings.VAR_DIR = tmp_path / "var"


@pytest.fixture
def town(db: None) -> Iterator[Town]:
    t = build_town()
    with tenant_context(t.org):
        yield t
