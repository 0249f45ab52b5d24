"""Fixtures of the evaluation tests: the small 団体 of :mod:`tests.evaluation.builders`, in its tenant."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jinji.core.tenancy import tenant_context
from tests.evaluation.builders import Town, build_town


@pytest.fixture
def town(db: None) -> Iterator[Town]:
    built = build_town()
    with tenant_context(built.org):
        yield built
