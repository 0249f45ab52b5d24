"""再任用職員の給料月額: the 「再任用職員」 column of a 給料表 (one amount per 級), pro-rated for
再任用短時間勤務職員 by 週の勤務時間 ÷ 38時間45分 (2,325分), 1円未満切捨て; and a payslip on it.

Amounts are a synthetic テスト市 table; the expected figures are computed by hand in the comments.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay import reappointed_salary, salary_schedule_version
from jinji.rules.payslip import MonthAttendance, PayInput, PayItem, SalaryGrade, compute_payslip
from jinji.rules.tables import TableStore

ON = datetime.date(2026, 5, 1)
PAID_ON = datetime.date(2026, 5, 21)  # 令和8年度: N = 20
HEADER = """[provenance]
title = "テスト市 給料表"
source = "テスト市職員の給与に関する条例 別表第1"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-01

[data]
schedule_id = "{sid}"
name = "テスト市行政職給料表"
[data.grades]
1 = [150000, 151500, 153000]
3 = [262000, 264000, 266000, 268000, 270000]
"""


def _store(root: Path, sid: str, extra: str) -> TableStore:
    folder = root / f"salary_schedule.{sid}"
    folder.mkdir(parents=True)
    (folder / "2026-04-01.toml").write_text(HEADER.format(sid=sid) + extra, encoding="utf-8")
    return TableStore(extra_roots=[root])


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TableStore:
    return _store(tmp_path_factory.mktemp("reappointed"), "test_city", "[data.reappointed]\n3 = 266500\n")


def test_the_reappointed_column_is_parsed_per_grade(store: TableStore) -> None:
    schedule = salary_schedule_version("test_city", ON, store).data
    assert dict(schedule.reappointed) == {3: 266_500}
    assert schedule.grades[3][0] == 262_000


def test_full_time_is_the_column_amount(store: TableStore) -> None:
    schedule = salary_schedule_version("test_city", ON, store).data
    assert reappointed_salary(schedule, grade=3) == 266_500
    assert reappointed_salary(schedule, grade=3, weekly_minutes=2_325) == 266_500


def test_short_time_is_pro_rated_and_truncated(store: TableStore) -> None:
    schedule = salary_schedule_version("test_city", ON, store).data
    # 31h: 266,500 × 1,860 ÷ 2,325 = 213,200 (exactly 4/5)
    assert reappointed_salary(schedule, grade=3, weekly_minutes=1_860) == 213_200
    # 29h: 266,500 × 1,740 = 463,710,000; ÷ 2,325 = 199,445.16… → 199,445 (1円未満切捨て)
    assert reappointed_salary(schedule, grade=3, weekly_minutes=1_740) == 199_445
    # 15h30m: 266,500 × 930 ÷ 2,325 = 106,600
    assert reappointed_salary(schedule, grade=3, weekly_minutes=930) == 106_600


def test_missing_amount_grade_and_hours_are_refused_in_japanese(store: TableStore) -> None:
    schedule = salary_schedule_version("test_city", ON, store).data
    with pytest.raises(InvalidArgument, match="再任用職員の 1級 の額がありません"):
        reappointed_salary(schedule, grade=1)
    with pytest.raises(InvalidArgument, match="2級 はありません"):
        reappointed_salary(schedule, grade=2)
    for bad in (0, 2_326):
        with pytest.raises(InvalidArgument, match="週の勤務時間"):
            reappointed_salary(schedule, grade=3, weekly_minutes=bad)


def test_the_national_partial_table_has_no_reappointed_column() -> None:
    schedule = salary_schedule_version("gyosei_1", ON).data
    assert dict(schedule.reappointed) == {}
    with pytest.raises(InvalidArgument, match="再任用職員の 1級 の額がありません"):
        reappointed_salary(schedule, grade=1)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[data.reappointed]\n2 = 200000\n", "grades に 2級 がありません"),
        ("[data.reappointed]\n3 = -1\n", "負の値"),
        ('[data.reappointed]\n3 = "266500"\n', "整数"),
        ("[data.reappointed]\nthree = 266500\n", "正の整数"),
    ],
)
def test_bad_reappointed_tables_are_refused(tmp_path: Path, extra: str, message: str) -> None:
    store = _store(tmp_path, "bad_city", extra)
    with pytest.raises(TableInvalid, match=message):
        salary_schedule_version("bad_city", ON, store)


def test_salary_input_checks_the_hours() -> None:
    assert SalaryGrade("test_city", 3).reappointed
    assert not SalaryGrade("test_city", 3, 1).reappointed
    with pytest.raises(InvalidArgument, match="再任用職員 \\(号給なし\\) にだけ"):
        SalaryGrade("test_city", 3, 1, weekly_minutes=1_860)
    with pytest.raises(InvalidArgument, match="週の勤務時間は1〜2325分"):
        SalaryGrade("test_city", 3, weekly_minutes=0)


def test_short_time_payslip_uses_its_own_hours_for_the_hourly_rate(store: TableStore) -> None:
    # 給料 266,500 × 1,860 ÷ 2,325 = 213,200.
    # 勤務1時間当たり: 213,200 × 12 × 60 ÷ (1,860 × 52 − 372 × 20 = 89,280 分) = 1,719.35… → 1,719
    #   (1日 372分 = 31h ÷ 5日). 時間外 3 h: 1,719 × 125/100 = 2,148.75 → 2,149 × 3 = 6,447.
    # 欠勤 1日 = 372分 → 6 h × 1,719 = 10,314.
    inp = PayInput(
        employee_id="R002",
        paid_on=PAID_ON,
        salary=SalaryGrade("test_city", 3, weekly_minutes=1_860),
        attendance=MonthAttendance(overtime_normal=180, absence_days=1),
    )
    r = compute_payslip(inp, store=store)
    assert r.earnings == (
        PayItem("base_salary", "給料", 213_200, True),
        PayItem("overtime_pay", "時間外勤務手当", 6_447, True),
        PayItem("absence_deduction", "欠勤減額", -10_314, True),
    )


def test_full_time_payslip_uses_the_standard_hours(store: TableStore) -> None:
    # 266,500 × 12 × 60 ÷ 111,600 分 (2,325 × 52 − 465 × 20) = 1,719.35… → 1,719;
    # 欠勤 1日 = 465分 → 7 h × 1,719 = 12,033.
    inp = PayInput(
        employee_id="R001",
        paid_on=PAID_ON,
        salary=SalaryGrade("test_city", 3),
        attendance=MonthAttendance(absence_days=1),
    )
    r = compute_payslip(inp, store=store)
    assert r.earnings == (
        PayItem("base_salary", "給料", 266_500, True),
        PayItem("absence_deduction", "欠勤減額", -12_033, True),
    )
