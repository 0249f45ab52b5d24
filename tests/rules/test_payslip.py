"""compute_payslip end to end for hand-computed employees, invalid inputs, and the batch entry point.

The municipality's own tables (給料表, 共済 rates, 特殊勤務手当) are written to a temporary
directory and read through a TableStore with extra_roots, as a real installation does.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.payslip import (
    AllowanceInput,
    AppointeePay,
    InsuranceInput,
    MonthAttendance,
    OtherDeduction,
    PayInput,
    PayItem,
    SalaryGrade,
    SpecialDutyCount,
    TaxInput,
    compute_payslip,
    compute_payslips,
)
from jinji.rules.tables import TableStore

PAID_ON = datetime.date(2026, 5, 21)  # 令和8年度: N = 20, divisor 1,860 h; 令和8年分 月額表
UNION = "test_union"
HEADER = """[provenance]
title = "テスト市 {title}"
source = "テスト市条例・テスト共済組合"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-01

"""
GRADE_3 = [262_000 + 2_000 * i for i in range(12)]  # 3級: 10号給 = 280,000
LOCAL_TABLES = {
    "salary_schedule.test_city": (
        '[data]\nschedule_id = "test_city"\nname = "テスト市行政職給料表"\n[data.grades]\n'
        f"1 = {[150_000 + 1_500 * i for i in range(40)]}\n3 = {GRADE_3}\n"
        f"8 = {[400_000 + 3_000 * i for i in range(20)]}\n"
    ),
    f"mutual_aid_rates.{UNION}": (
        '[data]\nunion = "テスト共済組合"\n[data.employee_per_mille]\nshort_term = "47.79"\nnursing_care = "8.90"\n'
        'welfare = "1.70"\nchild_support = "1.15"\npension = "91.5"\nretirement_benefit = "7.5"\n'
    ),
    "special_duty_allowance": (
        '[[data.kinds]]\ncode = "tax"\nlabel = "税務手当"\nunit = "day"\namount = 500\n'
        '[[data.kinds]]\ncode = "disaster"\nlabel = "災害応急作業手当"\nunit = "day"\namount = 1000\n'
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TableStore:
    root: Path = tmp_path_factory.mktemp("local_tables")
    for table_id, body in LOCAL_TABLES.items():
        (root / table_id).mkdir()
        (root / table_id / "2026-04-01.toml").write_text(HEADER.format(title=table_id) + body, encoding="utf-8")
    return TableStore(extra_roots=[root])


def employee_a() -> PayInput:
    return PayInput(
        employee_id="A001",
        paid_on=PAID_ON,
        salary=SalaryGrade("test_city", grade=3, step=10),
        allowances=AllowanceInput(
            children=2, special_period_children=1, rent=50_000, transit_fare=15_000, regional_grade=3
        ),
        attendance=MonthAttendance(overtime_normal=1_200, overtime_normal_night=120, overtime_rest_day=300),
        insurance=InsuranceInput(
            scheme="mutual_aid",
            union=UNION,
            short_term_grade=27,
            long_term_grade=24,
            birth_date=datetime.date(1980, 5, 3),
        ),
        tax=TaxInput(dependents=2),
        resident_tax=12_000,
        other_deductions=(OtherDeduction("mutual_society", "互助会費", 1_000),),
    )


def test_employee_a_regular_staff_with_overtime(store: TableStore) -> None:
    # 給料 (3級10号給) 280,000
    # 扶養手当 13,000 × 2 + 5,000 (特定期間の子 1人) = 31,000
    # 地域手当 (280,000 + 31,000) × 12% = 37,320
    # 住居手当 11,000 + (50,000 − 27,000) ÷ 2 = 22,500
    # 通勤手当 15,000 (交通機関, 全額非課税)
    # 勤務1時間当たり (280,000 + 280,000 × 12%) × 12 ÷ 1,860 = 3,763,200 ÷ 1,860 = 2,023.2… → 2,023
    #   125/100: 2,528.75 → 2,529 × 20 h = 50,580; 150/100: 3,034.5 → 3,035 × 2 h = 6,070;
    #   135/100: 2,731.05 → 2,731 × 5 h = 13,655; 時間外勤務手当 70,305
    # 総支給 456,125; 課税支給 441,125
    # 共済 (短期 27級 = 410,000, 長期 24級 = 410,000, 46歳 → 介護あり), 円未満切捨て:
    #   短期 19,593.9 → 19,593; 介護 3,649; 福祉 697; 支援 471.5 → 471; 厚年 37,515; 退職等 3,075 = 65,000
    # 社会保険料等控除後 376,125 → 令和8年分 特例: 給与所得控除 376,125 × 20% + 36,667 = 111,892;
    #   扶養 2 × 31,667 = 63,334; 基礎 48,334; B = 152,565; 税 152,565 × 5.105% = 7,788.4… → 7,790
    # 控除計 65,000 + 7,790 + 12,000 + 1,000 = 85,790; 差引支給 370,335
    r = compute_payslip(employee_a(), store=store)
    assert r.earnings == (
        PayItem("base_salary", "給料", 280_000, True),
        PayItem("dependents_allowance", "扶養手当", 31_000, True),
        PayItem("regional_allowance", "地域手当", 37_320, True),
        PayItem("housing_allowance", "住居手当", 22_500, True),
        PayItem("commuting_allowance", "通勤手当", 15_000, False),
        PayItem("overtime_pay", "時間外勤務手当", 70_305, True),
    )
    assert [(d.code, d.amount) for d in r.deductions] == [
        ("short_term", 19_593),
        ("nursing_care", 3_649),
        ("welfare", 697),
        ("child_support", 471),
        ("pension", 37_515),
        ("retirement_benefit", 3_075),
        ("income_tax", 7_790),
        ("resident_tax", 12_000),
        ("mutual_society", 1_000),
    ]
    assert (r.gross, r.taxable_earnings, r.social_insurance) == (456_125, 441_125, 65_000)
    assert (r.taxable_amount, r.income_tax, r.total_deductions, r.net) == (376_125, 7_790, 85_790, 370_335)
    used = {ref.table_id for ref in r.tables}
    assert {
        "salary_schedule.test_city",
        f"mutual_aid_rates.{UNION}",
        "income_tax_computer_method",
        "dependents_allowance",
    } <= used


def employee_b() -> PayInput:
    return PayInput(
        employee_id="B001",
        paid_on=PAID_ON,
        appointee=AppointeePay(basis="monthly", rate=200_000, weekly_minutes=1_800, daily_minutes=360),
        allowances=AllowanceInput(vehicle_distance_m=8_000),
        attendance=MonthAttendance(overtime_normal=180),
        insurance=InsuranceInput(
            scheme="mutual_aid",
            union=UNION,
            short_term_grade=13,
            long_term_grade=10,
            birth_date=datetime.date(1995, 1, 10),
            long_term_member=False,
            welfare_pension=True,
            prefecture="13",
            employment_insurance=True,
        ),
    )


def test_employee_b_part_time_fiscal_year_appointee(store: TableStore) -> None:
    # 報酬 200,000 × 30h ÷ 38h45m = 154,838.7… → 154,838
    # 通勤 自動車 8 km: 4,200 (5–10 km); 非課税限度 4,200 (2–10 km) → 全額非課税
    # 勤務1時間当たり 154,838 × 12 ÷ (30 × 52 − 6 × 20 = 1,440 h) = 1,290.3… → 1,290;
    #   × 125/100 = 1,612.5 → 1,613 × 3 h = 4,839
    # 総支給 163,877; 課税支給 159,677
    # 共済 短期組合員 (短期 13級 = 160,000, 31歳 → 介護なし): 短期 7,646.4 → 7,646; 福祉 272; 支援 184
    # 厚生年金 (日本年金機構, 長期 10級 = 160,000) 160,000 × 18.3% ÷ 2 = 14,640
    # 雇用保険 163,877 × 5/1000 = 819.385 → 819 (50銭以下切捨て)
    # 社会保険計 23,561; 社会保険料等控除後 136,116 → 給与所得控除 54,167, 基礎 48,334,
    #   B = 33,615; 税 1,716.0… → 1,720; 差引支給 163,877 − 23,561 − 1,720 = 138,596
    r = compute_payslip(employee_b(), store=store)
    assert r.earnings == (
        PayItem("remuneration", "報酬", 154_838, True),
        PayItem("commuting_allowance", "通勤手当", 4_200, False),
        PayItem("overtime_pay", "時間外勤務手当", 4_839, True),
    )
    assert [(d.code, d.amount) for d in r.deductions] == [
        ("short_term", 7_646),
        ("welfare", 272),
        ("child_support", 184),
        ("pension", 14_640),
        ("employment_insurance", 819),
        ("income_tax", 1_720),
    ]
    assert (r.gross, r.social_insurance, r.taxable_amount, r.income_tax, r.net) == (
        163_877,
        23_561,
        136_116,
        1_720,
        138_596,
    )


def test_daily_appointee_with_special_duty(store: TableStore) -> None:
    # 日額 9,000 × 15 日 = 135,000; 税務手当 500 × 4 = 2,000; 保険なし
    # 給与所得控除 54,167, 基礎 48,334: B = 137,000 − 102,501 = 34,499; 税 1,761.1… → 1,760
    inp = PayInput(
        employee_id="C001",
        paid_on=PAID_ON,
        appointee=AppointeePay(basis="daily", rate=9_000, daily_minutes=450),
        attendance=MonthAttendance(days_worked=15, special_duties=(SpecialDutyCount("tax", 4),)),
    )
    r = compute_payslip(inp, store=store)
    assert [(e.code, e.amount) for e in r.earnings] == [("remuneration", 135_000), ("special_duty:tax", 2_000)]
    assert (r.gross, r.income_tax, r.net) == (137_000, 1_760, 135_240)


def test_absence_deduction_in_a_payslip(store: TableStore) -> None:
    # employee A without overtime, 1 day + 1 h absent: 8h45m → 8 h × 2,023 = 16,184
    base = employee_a()
    inp = PayInput(
        employee_id="A002",
        paid_on=PAID_ON,
        salary=base.salary,
        allowances=base.allowances,
        attendance=MonthAttendance(absence_days=1, absence_minutes=60),
    )
    r = compute_payslip(inp, store=store)
    assert r.earnings[-1] == PayItem("absence_deduction", "欠勤減額", -16_184, True)
    assert r.gross == 280_000 + 31_000 + 37_320 + 22_500 + 15_000 - 16_184


# invalid inputs


def test_negative_hours_are_refused_when_the_input_is_built() -> None:
    with pytest.raises(InvalidArgument, match="overtime_normal は0以上"):
        MonthAttendance(overtime_normal=-60)
    with pytest.raises(InvalidArgument, match="rent"):
        AllowanceInput(rent=-1)


def test_unknown_grade_step_and_schedule(store: TableStore) -> None:
    def slip(schedule: str, grade: int, step: int) -> PayInput:
        return PayInput(employee_id="X009", paid_on=PAID_ON, salary=SalaryGrade(schedule, grade, step))

    with pytest.raises(InvalidArgument, match=r"職員 X009: .*2級 はありません"):
        compute_payslip(slip("test_city", 2, 1), store=store)
    with pytest.raises(InvalidArgument, match=r"職員 X009: .*13号給 はありません"):
        compute_payslip(slip("test_city", 3, 13), store=store)
    with pytest.raises(TableNotFound, match=r"職員 X009: .*salary_schedule\.no_such"):
        compute_payslip(slip("no_such", 1, 1), store=store)


def test_other_invalid_combinations(store: TableStore) -> None:
    with pytest.raises(InvalidArgument, match="どちらか一方"):
        PayInput(employee_id="X1", paid_on=PAID_ON)
    manager = PayInput(
        employee_id="X2",
        paid_on=PAID_ON,
        salary=SalaryGrade("test_city", 8, 1),
        allowances=AllowanceInput(management_class=2),
        attendance=MonthAttendance(overtime_normal=60),
    )
    with pytest.raises(InvalidArgument, match="管理職手当を受ける職員には時間外勤務手当"):
        compute_payslip(manager, store=store)
    with pytest.raises(InvalidArgument, match="unknown"):
        compute_payslip(
            PayInput(
                employee_id="X3",
                paid_on=PAID_ON,
                salary=SalaryGrade("test_city", 1, 1),
                attendance=MonthAttendance(special_duties=(SpecialDutyCount("unknown", 1),)),
            ),
            store=store,
        )
    with pytest.raises(InvalidArgument, match="バッチの支給日"):
        compute_payslips([employee_a()], paid_on=datetime.date(2026, 6, 19), store=store)


def test_batch_error_names_the_employee(store: TableStore) -> None:
    bad = PayInput(employee_id="Z777", paid_on=PAID_ON, salary=SalaryGrade("test_city", 3, 99))
    with pytest.raises(InvalidArgument, match="職員 Z777"):
        compute_payslips([employee_a(), bad], paid_on=PAID_ON, store=store)
