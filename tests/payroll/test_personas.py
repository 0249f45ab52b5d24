"""Golden payslips for personas, computed by hand from the rules' data tables (pay date 2026-05-21).

Common facts used below (read from src/jinji/rules/tables):
* 行政職(一) 1級1号俸 195,800 (salary_schedule.gyosei_1 2025-04-01).
* 所得税 甲欄, 電算機計算の特例 令和8年分 (income_tax_computer_method 2026-01-01):
  給与所得控除 30% + 6,667 (A ≤ 299,999) / 20% + 36,667 (A ≤ 549,999); 基礎控除 48,334;
  扶養 31,667 per person; 税率 5.105% (B ≤ 162,500) / 10.21% − 8,296 (B ≤ 275,000); 10円未満四捨五入.
* 勤務1時間当たりの給与額: 月額 × 12 ÷ (2,325分 × 52 − 465分 × N), N = 20 for FY2026
  (4/29, 5/4, 5/5, 5/6 振替, 7/20, 8/11, 9/21, 9/22 国民の休日, 9/23, 10/12, 11/3, 11/23,
  12/29–12/31 and 1/1, 1/11, 2/11, 2/23, 3/22 振替 — weekdays only) → 111,600 分.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jinji.payroll.models import PayrollRun, Payslip
from jinji.payroll.services.runs import run_compute, run_create
from jinji.payroll.sources import AttendanceMonth
from jinji.personnel.models import AppointmentType, Dependent
from jinji.rules.payslip import MonthAttendance
from tests.factories import FAR_PAST, SalaryScheduleFactory
from tests.payroll.builders import MAY, Payroll, mutual_aid, pay_setting

pytestmark = pytest.mark.django_db


def _slip(world: Payroll, employee_id: int) -> tuple[PayrollRun, Payslip]:
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    return run, Payslip.objects.get(run=run, employee_id=employee_id)


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(c): int(str(a)) for c, _l, a in lines}


def test_overtime_beyond_60_hours(world: Payroll) -> None:
    """70 h of overtime on working days: 60 h at 125/100, 10 h at 150/100 (給与法 第16条).

    時間単価 = 195,800 × 12 × 60 ÷ 111,600 = 1,263.2… → 1,263 (50銭 rule).
    125/100: 1,263 × 1.25 = 1,578.75 → 1,579; × 60 h = 94,740.
    150/100: 1,263 × 1.5 = 1,894.5 → 1,895; × 10 h = 18,950. 時間外勤務手当 = 113,690.
    支給 = 195,800 + 113,690 = 309,490. 所得税: 控除 309,490 × 20% + 36,667 = 98,565;
    B = 309,490 − 98,565 − 48,334 = 162,591 → 162,591 × 10.21% − 8,296 = 8,304.5 → 8,300.
    差引 = 301,190.
    """
    employee = world.employee()
    world.attendance[employee.pk] = AttendanceMonth(MonthAttendance(overtime_normal=3600, overtime_over60=600), True)
    _, slip = _slip(world, employee.pk)
    assert _items(slip.earnings) == {"base_salary": 195800, "overtime_pay": 113690}
    assert _items(slip.deductions) == {"income_tax": 8300}
    assert slip.net == 301190
    assert slip.overtime_pay == 113690


def test_spouse_and_child_dependants(world: Payroll) -> None:
    """扶養手当 2026-04-01: 配偶者 0, 子 13,000 → 208,800. 税の扶養: 配偶者 1人.

    所得税: 控除 208,800 × 30% + 6,667 = 69,307; B = 208,800 − 69,307 − 48,334 − 31,667 = 59,492;
    59,492 × 5.105% = 3,037.1 → 3,040. 差引 = 205,760.
    """
    employee = world.employee()
    family = (("spouse", datetime.date(1986, 1, 1), True), ("child", datetime.date(2018, 5, 1), False))
    for rel, born, for_tax in family:
        Dependent.objects.create(
            organization=world.org, employee=employee, name="家族", name_kana="カゾク", relationship=rel,
            birth_date=born, for_tax=for_tax, valid_from=FAR_PAST,
        )  # fmt: skip
    _, slip = _slip(world, employee.pk)
    assert _items(slip.earnings) == {"base_salary": 195800, "dependents_allowance": 13000}
    assert _items(slip.deductions) == {"income_tax": 3040}
    assert slip.net == 205760


def test_part_time_appointee_paid_hourly_on_last_months_hours(world: Payroll) -> None:
    """会計年度任用(パート) 時間額 1,100 円 × 80 h (April's hours, paid in May) = 88,000 (円未満切捨て).

    所得税: A = 88,000 ≤ 158,333 → 控除 54,167; B = 88,000 − 54,167 − 48,334 < 0 → 0. 差引 88,000.
    """
    employee = world.employee(grade=None, step=None, appointment_type=AppointmentType.FISCAL_YEAR_PART)
    pay_setting(employee, appointee_basis="hourly", appointee_rate=1100)
    world.attendance[employee.pk] = AttendanceMonth(MonthAttendance(minutes_worked=4800), True)
    _, slip = _slip(world, employee.pk)
    assert _items(slip.earnings) == {"remuneration": 88000}
    assert slip.net == 88000
    assert any(m == 4 and employee.pk in ids for _y, m, ids in world.requested), "paid on April's attendance"


def test_parental_leave_contribution_waiver(world: Payroll) -> None:
    """育児休業中の掛金免除: a 共済 member with the waiver pays no 掛金; tax as with no insurance (4,190)."""
    waived = world.employee()
    mutual_aid(waived, short=15, long=15, contribution_waived=True)
    paying = world.employee()
    mutual_aid(paying, short=15, long=15)
    run, slip = _slip(world, waived.pk)
    assert _items(slip.deductions) == {"income_tax": 4190}
    other = Payslip.objects.get(run=run, employee=paying)
    assert {"short_term", "pension"} <= set(_items(other.deductions))


def _local_schedule(tmp_path: Path, settings: Any) -> None:
    """The municipality's own 給料表 (synthetic, 4級 1号給 300,000), loaded through JINJI_RULES_LOCAL_TABLES."""
    table = tmp_path / "salary_schedule.test_city"
    table.mkdir()
    (table / "2026-04-01.toml").write_text(
        '[provenance]\ntitle = "テスト市給料表 (合成)"\nsource = "test data"\neffective_from = 2026-04-01\n'
        'promulgated_on = 2026-03-25\nretrieved_on = 2026-11-28\n\n[data]\nschedule_id = "test_city"\n'
        'name = "テスト市給料表"\n[data.grades]\n1 = [195800]\n4 = [300000]\n',
        encoding="utf-8",
    )
    settings.JINJI_RULES_LOCAL_TABLES = str(tmp_path)


def test_manager_with_management_allowance(world: Payroll, tmp_path: Path, settings: Any) -> None:
    """4級 管理職手当 4種 55,500 (management_allowance 2026-04-01) on 300,000 → 355,500.

    所得税: 控除 355,500 × 20% + 36,667 = 107,767; B = 355,500 − 107,767 − 48,334 = 199,399;
    199,399 × 10.21% − 8,296 = 12,062.6 → 12,060. 差引 = 343,440.
    Overtime recorded for a manager is refused by name (no 時間外勤務手当 for 管理職).
    """
    _local_schedule(tmp_path, settings)
    world.schedule = SalaryScheduleFactory(organization=world.org, code="test_city", name="テスト市給料表")
    manager = world.employee(grade=4, step=1)
    pay_setting(manager, management_class=4)
    _, slip = _slip(world, manager.pk)
    assert _items(slip.earnings) == {"base_salary": 300000, "management_allowance": 55500}
    assert _items(slip.deductions) == {"income_tax": 12060}
    assert slip.net == 343440
    world.attendance[manager.pk] = AttendanceMonth(MonthAttendance(overtime_normal=600), True)
    run = run_compute(acting_user=world.clerk, run=PayrollRun.objects.get())
    assert [a["code"] for a in run.anomalies if a["employee_id"] == manager.pk] == ["invalid_input"]
    assert "管理職手当" in run.anomalies[0]["message"]


def test_mid_month_hire_and_separation_are_flagged_for_proration(world: Payroll) -> None:
    """日割計算 (月の途中の採用・退職) is automated; such staff are named in an informational note
    (golden amounts: tests/payroll/test_prorate_personas.py)."""
    hired = world.employee(hired_on=datetime.date(2026, 5, 11))
    leaving = world.employee()
    leaving.separated_on = datetime.date(2026, 5, 15)
    leaving.save()
    whole = world.employee()
    run, _slip_unused = _slip(world, whole.pk)
    flagged = {a["employee_id"] for a in run.anomalies if a["code"] == "part_month" and not a["blocking"]}
    assert flagged == {hired.pk, leaving.pk}
    assert all("日割" in a["message"] for a in run.anomalies if a["code"] == "part_month")
