"""Golden payslips for 日割 personas (May 2026, paid 2026-05-21), computed by hand from the tables.

* 要勤務日数 of May 2026 = 31 − 10 Saturdays/Sundays = 21 (祝日 5/4–5/6 count).
* 行政職(一) 1級1号俸 195,800 (salary_schedule.gyosei_1 2025-04-01); 扶養手当 子 13,000
  (dependents_allowance 2026-04-01); 地域手当 5級地 4%, 3級地 12% (regional_allowance 2025-04-01);
  管理職手当 4級 4種 55,500 (management_allowance 2026-04-01).
* 所得税 甲欄 令和8年分 電算機特例 (payroll-rules.md §A1): 給与所得控除 54,167 (A ≤ 158,333),
  30% + 6,667, 20% + 36,667 (1円未満切上げ); 基礎控除 48,334; 5.105% / 10.21% − 8,296; 10円未満四捨五入.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jinji.payroll.models import EmployeePaySetting, PayrollRun, Payslip
from jinji.payroll.services.runs import run_compute, run_create
from jinji.personnel.models import Assignment, Dependent, Employee
from tests.factories import FAR_PAST, AssignmentFactory, OrgUnitFactory, SalaryScheduleFactory
from tests.payroll.builders import MAY, Payroll, mutual_aid, pay_setting
from tests.payroll.test_personas import _local_schedule

pytestmark = pytest.mark.django_db


def _run(world: Payroll) -> PayrollRun:
    return run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(c): int(str(a)) for c, _l, a in lines}


def _child(world: Payroll, employee: Employee) -> None:
    Dependent.objects.create(
        organization=world.org, employee=employee, name="子", name_kana="コ", relationship="child",
        birth_date=datetime.date(2018, 5, 1), for_tax=False, valid_from=FAR_PAST,
    )  # fmt: skip


def test_mid_month_hire(world: Payroll) -> None:
    """Hired Monday 5/11: 15 of 21 days. 給料 195,800 × 15 ÷ 21 = 139,857.14 → 139,857.

    扶養手当 starts the month after the hire: none in May, so 地域手当 (4%) is on 給料 only:
    7,832 × 15 ÷ 21 = 5,594.28 → 5,594. 支給 145,451. 所得税: 145,451 − 54,167 − 48,334 = 42,950;
    × 5.105% = 2,192.6 → 2,190. 差引 143,261.
    """
    hired = world.employee(hired_on=datetime.date(2026, 5, 11))
    pay_setting(hired, regional_grade=5)
    _child(world, hired)
    run = _run(world)
    slip = Payslip.objects.get(run=run, employee=hired)
    assert _items(slip.earnings) == {"base_salary": 139_857, "regional_allowance": 5_594}
    assert [label for _c, label, _a in slip.earnings] == ["給料(日割)", "地域手当(日割)"]
    assert _items(slip.deductions) == {"income_tax": 2_190}
    assert slip.net == 143_261
    note = next(a for a in run.anomalies if a["employee_id"] == hired.pk)
    assert note["code"] == "part_month"
    assert not note["blocking"]
    assert "05/11〜05/31 (15日)" in note["message"]
    assert "要勤務日数 21日" in note["message"]


def test_mid_month_separation(world: Payroll) -> None:
    """Separated Friday 5/15: 11 of 21 days. 給料 195,800 × 11 ÷ 21 = 102,561.9 → 102,561.

    扶養手当 is paid in full for the month of separation: 13,000. 共済: membership is lost on 5/16,
    inside May, so no 掛金 for May (payroll-rules.md §B1). 支給 115,561; 所得税: 115,561 − 54,167 −
    48,334 = 13,060; × 5.105% = 666.7 → 670. 差引 114,891. A colleague on the same enrolment pays 掛金.
    """
    leaving = world.employee()
    leaving.separated_on = datetime.date(2026, 5, 15)
    leaving.save()
    _child(world, leaving)
    mutual_aid(leaving, short=20, long=20)
    staying = world.employee()
    mutual_aid(staying, short=20, long=20)
    run = _run(world)
    slip = Payslip.objects.get(run=run, employee=leaving)
    assert _items(slip.earnings) == {"base_salary": 102_561, "dependents_allowance": 13_000}
    assert _items(slip.deductions) == {"income_tax": 670}
    assert slip.net == 114_891
    other = Payslip.objects.get(run=run, employee=staying)
    assert {"short_term", "pension"} <= set(_items(other.deductions))


def test_transfer_between_units_mid_month(world: Payroll, tmp_path: Path, settings: Any) -> None:
    """総務課 5/1–5/17 (11 days; 地域手当 5級地 4%, no 管理職手当) → 企画課 from Monday 5/18 (10 days;
    3級地 12%, 管理職手当 4種), 4級1号給 300,000 throughout (the municipality's own table).

    給料 unchanged → paid in full 300,000. 管理職手当 55,500 × 10 ÷ 21 = 26,428.57 → 26,428.
    地域手当 300,000 × 4% = 12,000 → × 11 ÷ 21 = 6,285.71 → 6,285; (300,000 + 55,500) × 12% = 42,660
    → × 10 ÷ 21 = 20,314.28 → 20,314; total 26,599. 支給 353,027. 所得税: 控除 353,027 × 20% + 36,667 =
    107,272.4 → 107,273; B = 353,027 − 107,273 − 48,334 = 197,420; × 10.21% − 8,296 = 11,860.58 → 11,860.
    差引 341,167. The payslip is charged to the new unit.
    """
    _local_schedule(tmp_path, settings)
    world.schedule = SalaryScheduleFactory(organization=world.org, code="test_city", name="テスト市給料表")
    mover = world.employee(grade=4, step=1)
    moved_on = datetime.date(2026, 5, 18)
    Assignment.objects.filter(employee=mover).update(valid_to=moved_on - datetime.timedelta(days=1))
    planning = OrgUnitFactory(organization=world.org, version__name="企画課")
    AssignmentFactory(
        employee=mover, org_unit=planning, payer=world.payer, salary_schedule=world.schedule, grade=4, step=1,
        appointment_type="regular", valid_from=moved_on,
    )  # fmt: skip
    for valid_from, valid_to, management, regional in (
        (FAR_PAST, moved_on - datetime.timedelta(days=1), 0, 5),
        (moved_on, None, 4, 3),
    ):
        EmployeePaySetting.objects.create(
            organization=world.org, employee=mover, valid_from=valid_from, valid_to=valid_to,
            management_class=management, regional_grade=regional,
        )  # fmt: skip
    run = _run(world)
    slip = Payslip.objects.get(run=run, employee=mover)
    assert _items(slip.earnings) == {
        "base_salary": 300_000,
        "management_allowance": 26_428,
        "regional_allowance": 26_599,
    }
    assert [label for _c, label, _a in slip.earnings] == ["給料", "管理職手当(日割)", "地域手当(日割)"]
    assert _items(slip.deductions) == {"income_tax": 11_860}
    assert slip.net == 341_167
    assert slip.org_unit_id == planning.pk


def test_whole_month_staff_are_not_prorated(world: Payroll) -> None:
    """Hired on the 1st of an earlier month and still in post: no 日割, no note."""
    employee = world.employee()
    run = _run(world)
    slip = Payslip.objects.get(run=run, employee=employee)
    assert _items(slip.earnings) == {"base_salary": 195_800}
    assert not [a for a in run.anomalies if a["employee_id"] == employee.pk]


def test_a_move_that_changes_no_pay_is_not_prorated(world: Payroll) -> None:
    """総務課 → 企画課 on 5/18 on the same 1級1号給 and the same settings: one merged period, paid in full."""
    mover = world.employee()
    moved_on = datetime.date(2026, 5, 18)
    Assignment.objects.filter(employee=mover).update(valid_to=moved_on - datetime.timedelta(days=1))
    planning = OrgUnitFactory(organization=world.org, version__name="企画課")
    AssignmentFactory(
        employee=mover, org_unit=planning, payer=world.payer, salary_schedule=world.schedule, grade=1, step=1,
        appointment_type="regular", valid_from=moved_on,
    )  # fmt: skip
    run = _run(world)
    slip = Payslip.objects.get(run=run, employee=mover)
    assert _items(slip.earnings) == {"base_salary": 195_800}
    assert slip.org_unit_id == planning.pk
    assert not [a for a in run.anomalies if a["employee_id"] == mover.pk]
