"""Payroll fixtures: a tenant with one payer, 勤怠 and 認定簿 sources injected (empty by default)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jinji.core.tenancy import tenant_context
from jinji.payroll.sources import (
    register_allowance_source,
    register_attendance_source,
    register_performance_source,
)
from tests.payroll.builders import Payroll, build_payroll, closed_attendance


@pytest.fixture
def world(db: None) -> Iterator[Payroll]:
    built = build_payroll()
    closed_attendance(built)
    register_allowance_source(lambda **_: {})
    with tenant_context(built.org):
        yield built
    register_attendance_source(None)
    register_allowance_source(None)
    register_performance_source(None)
