"""再任用職員 through the monthly run: paid from the 給料表's 「再任用職員」 column (no 号給), pro-rated
by the post's 週の勤務時間 for 短時間; still flagged when the 級 is missing (pay date 2026-05-21).

所得税 甲欄 令和8年分 電算機計算の特例: 給与所得控除 30% + 6,667 (A ≤ 299,999), 基礎控除 48,334,
税率 5.105% (B ≤ 162,500), 10円未満四捨五入 (as in tests/payroll/test_personas.py).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from jinji.payroll.models import PayrollRun, Payslip
from jinji.payroll.services.runs import run_compute, run_create
from jinji.personnel.models import AppointmentType, Assignment, Employee
from tests.factories import AssignmentFactory, SalaryScheduleFactory
from tests.payroll.builders import MAY, Payroll

pytestmark = pytest.mark.django_db


@pytest.fixture
def reappointed_world(world: Payroll, tmp_path: Path, settings: Any) -> Payroll:
    """テスト市給料表 (synthetic): 3級 号給 262,000…, 再任用職員の欄 3級 266,500; no column for 1級."""
    table = tmp_path / "salary_schedule.test_city"
    table.mkdir()
    (table / "2026-04-01.toml").write_text(
        '[provenance]\ntitle = "テスト市給料表 (合成)"\nsource = "test data"\neffective_from = 2026-04-01\n'
        'promulgated_on = 2026-03-25\nretrieved_on = 2026-11-28\n\n[data]\nschedule_id = "test_city"\n'
        'name = "テスト市給料表"\n[data.grades]\n1 = [195800]\n3 = [262000, 264000]\n'
        "[data.reappointed]\n3 = 266500\n",
        encoding="utf-8",
    )
    settings.JINJI_RULES_LOCAL_TABLES = str(tmp_path)
    world.schedule = SalaryScheduleFactory(organization=world.org, code="test_city", name="テスト市給料表")
    return world


def _reappointed(world: Payroll, kind: str, *, grade: int | None = 3, weekly: int = 2325) -> Employee:
    employee = world.employee(grade=grade, step=None, appointment_type=kind)
    Assignment.objects.filter(employee=employee).update(weekly_minutes=weekly)
    return employee


def _run(world: Payroll) -> PayrollRun:
    return run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(c): int(str(a)) for c, _l, a in lines}


def test_full_time_and_short_time_reappointed_staff_are_paid(reappointed_world: Payroll) -> None:
    """フルタイム 3級: 266,500. 所得税: 控除 79,950 + 6,667 = 86,617; B = 266,500 − 86,617 − 48,334
    = 131,549; × 5.105% = 6,715.5… → 6,720. 差引 259,780.

    短時間 31h (1,860分): 266,500 × 1,860 ÷ 2,325 = 213,200. 所得税: 控除 63,960 + 6,667 = 70,627;
    B = 213,200 − 70,627 − 48,334 = 94,239; × 5.105% = 4,810.9… → 4,810. 差引 208,390.
    """
    full = _reappointed(reappointed_world, AppointmentType.REAPPOINTED_FULL)
    short = _reappointed(reappointed_world, AppointmentType.REAPPOINTED_SHORT, weekly=1860)
    run = _run(reappointed_world)
    assert [a for a in run.anomalies if a.get("blocking")] == []
    slip = Payslip.objects.get(run=run, employee=full)
    assert _items(slip.earnings) == {"base_salary": 266500}
    assert _items(slip.deductions) == {"income_tax": 6720}
    assert slip.net == 259780
    slip = Payslip.objects.get(run=run, employee=short)
    assert _items(slip.earnings) == {"base_salary": 213200}
    assert _items(slip.deductions) == {"income_tax": 4810}
    assert slip.net == 208390


def test_reappointed_without_grade_or_column_is_flagged(reappointed_world: Payroll) -> None:
    no_grade = _reappointed(reappointed_world, AppointmentType.REAPPOINTED_FULL, grade=None)
    no_column = _reappointed(reappointed_world, AppointmentType.REAPPOINTED_SHORT, grade=1, weekly=1860)
    run = _run(reappointed_world)
    codes = {(a["employee_id"], a["code"]) for a in run.anomalies if a.get("blocking")}
    assert (no_grade.pk, "missing_salary_step") in codes
    messages = [a["message"] for a in run.anomalies if a["employee_id"] == no_column.pk]
    assert any("再任用職員の 1級 の額がありません" in m for m in messages), run.anomalies


def test_move_to_short_time_reappointment_mid_month_is_prorated(reappointed_world: Payroll) -> None:
    """3級1号給 262,000 to Sunday 5/17 (11 of 21 要勤務日数), 再任用短時間 3級 31h from Monday 5/18 (10 days):
    262,000 × 11 ÷ 21 = 137,238.09 → 137,238; 266,500 × 1,860 ÷ 2,325 = 213,200 × 10 ÷ 21 = 101,523.8
    → 101,523. 給料 238,761 (each period 円未満切捨て, as in tests/payroll/test_prorate_personas.py)."""
    world = reappointed_world
    mover = world.employee(grade=3, step=1)
    moved_on = datetime.date(2026, 5, 18)
    Assignment.objects.filter(employee=mover).update(valid_to=moved_on - datetime.timedelta(days=1))
    AssignmentFactory(
        employee=mover, org_unit=world.unit, payer=world.payer, salary_schedule=world.schedule, grade=3, step=None,
        appointment_type=AppointmentType.REAPPOINTED_SHORT, valid_from=moved_on, weekly_minutes=1860,
    )  # fmt: skip
    slip = Payslip.objects.get(run=_run(world), employee=mover)
    assert _items(slip.earnings) == {"base_salary": 238_761}
