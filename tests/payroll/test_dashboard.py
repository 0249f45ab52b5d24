"""Dashboard figures: staff cost by month and unit, overtime cost and headcount add up to the runs."""

from __future__ import annotations

import datetime

import pytest

from jinji.payroll.selectors import dashboard
from jinji.payroll.services.runs import run_compute, run_create
from jinji.payroll.sources import AttendanceMonth
from jinji.rules.payslip import MonthAttendance
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db


def test_dashboard_totals_match_the_runs(world: Payroll) -> None:
    a = world.employee()
    world.employee()
    world.attendance[a.pk] = AttendanceMonth(MonthAttendance(overtime_normal=600), True)
    runs = [
        run_compute(
            acting_user=world.clerk,
            run=run_create(acting_user=world.clerk, payer=world.payer, month=datetime.date(2026, m, 1)),
        )
        for m in (4, 5)
    ]
    figures = dashboard(organization_id=world.org.pk)
    assert [b.label for b in figures["cost_by_month"]] == ["2026-04", "2026-05"]
    assert [b.amount for b in figures["cost_by_month"]] == [r.total_gross for r in runs]
    assert [b.amount for b in figures["headcount_by_month"]] == [2, 2]
    assert all(b.amount > 0 for b in figures["overtime_by_month"])
    assert [(b.label, b.amount) for b in figures["cost_by_unit"]] == [("総務課", runs[1].total_gross)]
    assert figures["cost_by_month"][1].percent == 100
