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


_DATA_MIGRATIONS = (
    ("jinji.talent.migrations.0002_seed_catalogue", "seed", "talent", "Qualification"),
    ("jinji.evaluation.migrations.0002_national_model_templates", "install", "evaluation", "SheetTemplate"),
)


@pytest.fixture
def migration_data(transactional_db: None) -> None:
    """Rows installed by data migrations (national catalogues), restored for transactional tests.

    A transactional test (live_server, threads) flushes every table afterwards, data-migration
    rows included; later transactional tests that need those catalogues call this fixture.
    """
    import importlib

    from django.apps import apps as installed
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection)
    for module_name, func_name, app_label, model_name in _DATA_MIGRATIONS:
        if not installed.is_installed(f"jinji.{app_label}"):
            continue
        migration_name = module_name.rsplit(".", 1)[1]
        state_apps = loader.project_state((app_label, migration_name)).apps
        if state_apps.get_model(app_label, model_name)._base_manager.exists():
            continue
        with connection.schema_editor() as editor:
            getattr(importlib.import_module(module_name), func_name)(state_apps, editor)
