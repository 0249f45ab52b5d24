"""The optional sources: without a registration payroll finds the sibling apps' selectors by name."""

from __future__ import annotations

import pytest

from jinji.payroll import sources
from jinji.payroll.services.runs import run_compute, run_create
from tests.payroll.builders import MAY, Payroll

pytestmark = pytest.mark.django_db


def test_default_attendance_source_is_the_attendance_app(world: Payroll) -> None:
    employee = world.employee()
    sources.register_attendance_source(None)
    source = sources.attendance_source()
    assert source is not None, "jinji.attendance.selectors.monthly_summary is installed"
    result = source(organization_id=world.org.pk, units={employee.pk: world.unit.pk}, year=2026, month=5)
    assert result[employee.pk].closed is False  # no 勤怠締め recorded for the unit
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    assert [a["code"] for a in run.anomalies] == ["attendance_not_closed"]
    assert "勤怠" in run.anomalies[0]["message"]


def test_default_allowance_and_performance_sources_exist() -> None:
    sources.register_allowance_source(None)
    assert sources.allowance_source() is not None
    assert sources.performance_source() is not None
