"""Bonus payslips (期末・勤勉手当) hand-computed from payroll-rules.md: §C8 (months, ratios,
基礎額, 加算), §B1/§B3/§B4/§B5 (contributions on the 標準期末手当等の額 and the caps), §A4 (算出率の表
and the special method) with the §A1 test vectors for the 月額表 part.

The municipality's 給料表 and 共済 rates are local tables (as in test_payslip.py).
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay import ServicePeriod
from jinji.rules.payslip import (
    Absence,
    AllowanceInput,
    BonusInput,
    InsuranceInput,
    SalaryGrade,
    ServicePeriods,
    TaxInput,
    compute_bonus_payslip,
    compute_bonus_payslips,
    service_periods,
)
from jinji.rules.payslip.bonus_period import to_period
from jinji.rules.tables import TableStore

BASE = datetime.date(2026, 6, 1)
PAID = datetime.date(2026, 6, 30)
UNION = "test_union"
FULL = ServicePeriods(ServicePeriod(6), ServicePeriod(6))
HEADER = """[provenance]
title = "テスト市 {title}"
source = "テスト市条例・テスト共済組合"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-01

"""
LOCAL_TABLES = {
    "salary_schedule.test_city": (
        '[data]\nschedule_id = "test_city"\nname = "テスト市行政職給料表"\n[data.grades]\n'
        f"3 = {[262_000 + 2_000 * i for i in range(12)]}\n8 = {[400_000 + 3_000 * i for i in range(20)]}\n"
    ),
    f"mutual_aid_rates.{UNION}": (
        '[data]\nunion = "テスト共済組合"\n[data.employee_per_mille]\nshort_term = "47.79"\nnursing_care = "8.90"\n'
        'welfare = "1.70"\nchild_support = "1.15"\npension = "91.5"\nretirement_benefit = "7.5"\n'
    ),
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TableStore:
    root: Path = tmp_path_factory.mktemp("bonus_tables")
    for table_id, body in LOCAL_TABLES.items():
        (root / table_id).mkdir()
        (root / table_id / "2026-04-01.toml").write_text(HEADER.format(title=table_id) + body, encoding="utf-8")
    return TableStore(extra_roots=[root])


def mutual_aid(birth: datetime.date) -> InsuranceInput:
    return InsuranceInput(scheme="mutual_aid", union=UNION, short_term_grade=27, long_term_grade=24, birth_date=birth)


def items(lines: tuple[object, ...]) -> dict[str, int]:
    return {i.code: i.amount for i in lines}  # type: ignore[attr-defined]


def test_regular_staff_full_period(store: TableStore) -> None:
    """3級10号給 280,000; 子2 (1人 特定期間) 扶養 31,000; 地域 3級地 12%; 役職段階別加算 3級 5%.

    期末基礎額 = 280,000 + 31,000 + 37,320 + (280,000 + 33,600) × 5% = 364,000 → × 1.2625 = 459,550.
    勤勉基礎額 = 280,000 + 33,600 + 15,680 = 329,280 → × 100/100 × 102.25/100 = 336,688.
    標準期末手当等の額 796,000: 短期 38,040 介護 7,084 福祉 1,353 支援 915 厚年 72,834 退職 5,970.
    所得税: 前月 300,000 (0人) → 6.126% × (796,238 − 126,196) = 41,046.
    """
    inp = BonusInput(
        employee_id="A",
        paid_on=PAID,
        periods=FULL,
        salary=SalaryGrade("test_city", 3, 10),
        allowances=AllowanceInput(children=2, special_period_children=1, regional_grade=3),
        insurance=mutual_aid(datetime.date(1980, 5, 3)),
        previous_month_amount=300_000,
    )
    r = compute_bonus_payslip(inp, base_date=BASE, store=store)
    assert items(r.pay.earnings) == {"term_end_allowance": 459_550, "diligence_allowance": 336_688}
    assert items(r.pay.deductions) == {
        "short_term": 38_040,
        "nursing_care": 7_084,
        "welfare": 1_353,
        "child_support": 915,
        "pension": 72_834,
        "retirement_benefit": 5_970,
        "income_tax": 41_046,
    }
    assert (r.pay.gross, r.pay.social_insurance, r.pay.net) == (796_238, 126_196, 628_996)
    assert r.pay.gross - r.pay.total_deductions == r.pay.net
    assert (r.term_end_ratio, r.period_rate, r.performance) == (1, 1, Fraction("1.0225"))
    assert (r.basis.standard_bonus, r.basis.short_term, r.basis.long_term) == (796_000, 796_000, 796_000)


def test_childcare_leave_periods_and_waiver(store: TableStore) -> None:
    """育児休業 3/1〜7/31 inside the window 12/2〜6/1 (182 days): 93 days of leave.

    在職期間 = 182 − 93//2 = 136 days = 4箇月16日 → 60/100; 勤務期間 = 89 days = 2箇月29日 → 40/100.
    期末 = 294,000 × 1.2625 × 60/100 = 222,705; 勤勉 = 294,000 × 40/100 × 102.25/100 = 120,246.
    Paid in June inside a leave of more than a month: no contributions. No pay in May: special
    method, X = 342,951 / 6 = 57,158, B = 57,158 − 54,167 − 48,334 < 0 → tax 0.
    """
    periods = service_periods(
        BASE,
        service=[(datetime.date(2020, 4, 1), None)],
        absences=[Absence("childcare_leave", datetime.date(2026, 3, 1), datetime.date(2026, 7, 31))],
    )
    assert periods == ServicePeriods(ServicePeriod(4, 16), ServicePeriod(2, 29))
    inp = BonusInput(
        employee_id="B",
        paid_on=PAID,
        periods=periods,
        salary=SalaryGrade("test_city", 3, 10),
        insurance=mutual_aid(datetime.date(1990, 1, 1)),
        contribution_waived=True,
        previous_month_amount=0,
    )
    r = compute_bonus_payslip(inp, base_date=BASE, store=store)
    assert items(r.pay.earnings) == {"term_end_allowance": 222_705, "diligence_allowance": 120_246}
    assert r.pay.deductions == ()
    assert (r.term_end_ratio, r.period_rate) == (Fraction(60, 100), Fraction(40, 100))
    assert r.pay.net == 342_951


def test_appointee_term_end_with_service_across_authorities(store: TableStore) -> None:
    """会計年度任用職員: 12/2〜12/31 under one 任命権者, from 1/1 under another → 6箇月 (100/100).

    期末 = 180,000 × 1.2625 = 227,250 (no 勤勉). 協会けんぽ 東京 9.85%, 支援金 0.23%, 厚年 18.3% on
    227,000, 50銭 rule: 11,180 / 261 / 20,770; 雇用保険 5/1000 of 227,250 = 1,136.
    所得税: 前月 150,000 (0人) → 4.084% × 193,903 = 7,918.
    """
    periods = service_periods(
        BASE,
        service=[(datetime.date(2025, 12, 2), datetime.date(2025, 12, 31)), (datetime.date(2026, 1, 1), None)],
    )
    assert periods.term_end == ServicePeriod(6)
    inp = BonusInput(
        employee_id="C",
        paid_on=PAID,
        periods=periods,
        appointee_base=180_000,
        insurance=InsuranceInput(
            scheme="employee_plans",
            prefecture="13",
            birth_date=datetime.date(1995, 7, 7),
            short_term_grade=16,
            long_term_grade=13,
            employment_insurance=True,
        ),
        previous_month_amount=150_000,
    )
    r = compute_bonus_payslip(inp, base_date=BASE, store=store)
    assert items(r.pay.earnings) == {"term_end_allowance": 227_250}
    assert items(r.pay.deductions) == {
        "health_insurance": 11_180,
        "child_support": 261,
        "pension": 20_770,
        "employment_insurance": 1_136,
        "income_tax": 7_918,
    }
    assert r.pay.net == 227_250 - 33_347 - 7_918


def test_manager_with_additions_and_caps(store: TableStore) -> None:
    """8級10号給 427,000, 管理職 一種: 加算 20% + 25% → 基礎額 619,150; 期末 781,676.
    特定管理職員 優秀 140/100 entered → 勤勉 866,810. 標準 1,648,000: 短期 capped at 5,730,000 −
    5,000,000 = 730,000, 長期 at 1,500,000. 所得税: 前月 600,000 (7人) → 14.294% × 1,456,523."""
    inp = BonusInput(
        employee_id="D",
        paid_on=PAID,
        periods=FULL,
        salary=SalaryGrade("test_city", 8, 10),
        allowances=AllowanceInput(management_class=1),
        rating="excellent",
        performance=Fraction(140, 100),
        staff_kind="specified_manager",
        insurance=mutual_aid(datetime.date(1968, 1, 10)),
        short_term_year_to_date=5_000_000,
        tax=TaxInput(dependents=7),
        previous_month_amount=600_000,
    )
    r = compute_bonus_payslip(inp, base_date=BASE, store=store)
    assert items(r.pay.earnings) == {"term_end_allowance": 781_676, "diligence_allowance": 866_810}
    assert items(r.pay.deductions) == {
        "short_term": 34_886,
        "nursing_care": 6_497,
        "welfare": 1_241,
        "child_support": 839,
        "pension": 137_250,
        "retirement_benefit": 11_250,
        "income_tax": 208_195,
    }
    assert (r.basis.short_term, r.basis.long_term) == (730_000, 1_500_000)


def test_special_method_when_no_pay_last_month(store: TableStore) -> None:
    """期末 831,684 × 1.2625 = 1,050,001; no pay last month: X = 175,000, 月額表 (2人) 210 (§A1
    NTA example) × 6 = 1,260."""
    inp = BonusInput(employee_id="E", paid_on=PAID, periods=FULL, appointee_base=831_684, tax=TaxInput(dependents=2))
    r = compute_bonus_payslip(inp, base_date=BASE, store=store)
    assert r.pay.gross == 1_050_001
    assert r.pay.income_tax == 1_260


def test_rating_outside_its_band_is_refused(store: TableStore) -> None:
    inp = BonusInput(
        employee_id="F",
        paid_on=PAID,
        periods=FULL,
        salary=SalaryGrade("test_city", 3, 1),
        rating="excellent",
        performance=Fraction(130, 100),
    )
    with pytest.raises(InvalidArgument, match="職員 F: 成績率 130/100 は評語 excellent"):
        compute_bonus_payslip(inp, base_date=BASE, store=store)


def test_input_checks() -> None:
    with pytest.raises(InvalidArgument, match="どちらか一方"):
        BonusInput(employee_id="G", paid_on=PAID, periods=FULL)
    with pytest.raises(InvalidArgument, match="previous_month_amount"):
        BonusInput(employee_id="G", paid_on=PAID, periods=FULL, appointee_base=1, previous_month_amount=-1)
    with pytest.raises(InvalidArgument, match="基準日"):
        service_periods(datetime.date(2026, 7, 1), service=[])
    with pytest.raises(InvalidArgument, match="除算期間の種類"):
        Absence("holiday", BASE, None)


@pytest.mark.parametrize(
    ("days", "expected"),
    [(182, ServicePeriod(6)), (181, ServicePeriod(5, 30)), (150, ServicePeriod(5)), (29, ServicePeriod(0, 29))],
)
def test_days_to_months(days: int, expected: ServicePeriod) -> None:
    assert to_period(days, 182) == expected


def test_suspension_does_not_count_and_hire_mid_window() -> None:
    """Hired 2026-03-01 (93 days to 6/1), 停職 3/10〜3/19 (10 days): 83 days = 2箇月23日 for both."""
    periods = service_periods(
        BASE,
        service=[(datetime.date(2026, 3, 1), None)],
        absences=[Absence("suspension", datetime.date(2026, 3, 10), datetime.date(2026, 3, 19))],
    )
    assert periods == ServicePeriods(ServicePeriod(2, 23), ServicePeriod(2, 23))


def test_batch_equals_single(store: TableStore) -> None:
    inputs = [
        BonusInput(employee_id=str(i), paid_on=PAID, periods=FULL, salary=SalaryGrade("test_city", 3, 1 + i))
        for i in range(5)
    ]
    batch = compute_bonus_payslips(inputs, base_date=BASE, paid_on=PAID, store=store)
    assert [r.pay for r in batch] == [compute_bonus_payslip(i, base_date=BASE, store=store).pay for i in inputs]
