from __future__ import annotations

from collections.abc import Iterator

import pytest

from jinji.core.tenancy import tenant_context
from tests.personnel.world import World, build_world


@pytest.fixture
def world(db: None) -> Iterator[World]:
    w = build_world()
    with tenant_context(w.org):
        yield w
