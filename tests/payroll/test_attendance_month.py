"""Which month's 勤務実績 a monthly run pays: regular staff's variable items (時間外勤務手当 …) are paid in
the following month by default (給与カレンダー「時間外勤務手当等は翌月払」); switched off, the pay month's
own attendance is paid. 会計年度任用職員 follow their own setting (test_personas)."""

from __future__ import annotations

import pytest

from jinji.payroll.models import PayrollCalendar, Payslip
from jinji.payroll.services.runs import run_compute, run_create
from jinji.payroll.sources import AttendanceMonth, register_attendance_source
from jinji.rules.payslip import MonthAttendance
from tests.payroll.builders import MAY, Payroll

pytestmark = pytest.mark.django_db

APRIL_OVERTIME = 600  # 10 h in April only; May has none


def _overtime_paid(world: Payroll) -> int:
    employee = world.employee()

    def source(*, organization_id: int, units: dict[int, int], year: int, month: int) -> dict[int, AttendanceMonth]:
        minutes = APRIL_OVERTIME if (year, month) == (2026, 4) else 0
        return {eid: AttendanceMonth(MonthAttendance(overtime_normal=minutes), True) for eid in units}

    register_attendance_source(source)
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    return Payslip.objects.get(run=run, employee=employee).overtime_pay


def test_regular_staff_overtime_of_april_is_paid_in_may_by_default(world: Payroll) -> None:
    # 時間単価 1,263 (test_personas) × 125/100 = 1,578.75 → 1,579; × 10 h = 15,790
    assert _overtime_paid(world) == 15790


def test_calendar_can_pay_variable_items_in_the_same_month(world: Payroll) -> None:
    PayrollCalendar.objects.filter(payer=world.payer).update(variable_following_month=False)
    assert _overtime_paid(world) == 0
