"""Shared fixtures. Tests that touch tenant-owned tables run inside a tenant context."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

from jinji.core.tenancy import tenant_context


@pytest.fixture
def org(db: None):  # type: ignore[no-untyped-def]
    from tests.factories import OrganizationFactory

    return OrganizationFactory()


@pytest.fixture
def in_org(org) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """Run the test with ``org`` as the current tenant."""
    with tenant_context(org):
        yield org


def chromium_path() -> str | None:
    return os.environ.get("JINJI_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests need Debian's chromium; skip them with a clear reason unless CI requires them."""
    if chromium_path() or os.environ.get("JINJI_REQUIRE_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="Chromium がないためブラウザテストを省略 (apt-get install chromium fonts-noto-cjk)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)
