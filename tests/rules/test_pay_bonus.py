"""期末手当・勤勉手当: months by fiscal year, 在職期間別割合, 期間率, 成績率, 基礎額 (§C8)."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.pay import (
    ServicePeriod,
    bonus_base,
    bonus_months_table,
    bonus_rules_table,
    diligence_allowance,
    payment_months,
    performance_ratio,
    period_rate,
    service_period_ratio,
    term_end_allowance,
)

JUNE_2026 = datetime.date(2026, 6, 1)
RULES = bonus_rules_table(JUNE_2026).data
MONTHS = bonus_months_table(JUNE_2026).data


def test_months_per_payment_by_fiscal_year() -> None:
    june_2024 = payment_months(bonus_months_table(datetime.date(2024, 6, 1)).data, datetime.date(2024, 6, 1))
    dec_2025 = payment_months(bonus_months_table(datetime.date(2025, 12, 1)).data, datetime.date(2025, 12, 1))
    june_2026 = payment_months(MONTHS, JUNE_2026)
    assert (june_2024.term_end, june_2024.diligence) == (Fraction("1.225"), Fraction("1.025"))
    assert (dec_2025.term_end, dec_2025.diligence) == (Fraction("1.275"), Fraction("1.075"))
    assert (june_2026.term_end, june_2026.diligence) == (Fraction("1.2625"), Fraction("1.0625"))
    with pytest.raises(InvalidArgument, match="6月1日か12月1日"):
        payment_months(MONTHS, datetime.date(2026, 7, 1))
    with pytest.raises(TableNotFound):
        bonus_months_table(datetime.date(2027, 6, 1))  # 令和9年度 not known yet


@pytest.mark.parametrize(
    ("months", "days", "ratio"),
    [
        (6, 0, "100/100"),
        (5, 30, "80/100"),
        (5, 0, "80/100"),
        (4, 29, "60/100"),
        (3, 0, "60/100"),
        (2, 30, "30/100"),
        (0, 1, "30/100"),
    ],
)
def test_service_period_ratio(months: int, days: int, ratio: str) -> None:
    assert service_period_ratio(RULES, ServicePeriod(months, days)) == Fraction(ratio)


@pytest.mark.parametrize(
    ("months", "days", "rate"),
    [
        (6, 0, 100),
        (5, 15, 95),
        (5, 14, 90),
        (5, 0, 90),
        (4, 15, 80),
        (4, 0, 70),
        (3, 15, 60),
        (3, 0, 50),
        (2, 15, 40),
        (2, 0, 30),
        (1, 15, 20),
        (1, 0, 15),
        (0, 15, 10),
        (0, 14, 5),
        (0, 1, 5),
        (0, 0, 0),
    ],
)
def test_period_rate(months: int, days: int, rate: int) -> None:
    assert period_rate(RULES, ServicePeriod(months, days)) == Fraction(rate, 100)


def test_performance_ratio_bands_fy2026() -> None:
    assert performance_ratio(MONTHS, rating="good", ratio=Fraction("102.25") / 100) == Fraction(409, 400)
    assert performance_ratio(MONTHS, rating="outstanding", ratio=Fraction("318.75") / 100)
    assert performance_ratio(MONTHS, rating="excellent", ratio=Fraction("113.75") / 100)
    with pytest.raises(InvalidArgument, match=r"125\.25"):
        performance_ratio(MONTHS, rating="excellent", ratio=Fraction("125.25") / 100)  # upper bound exclusive
    with pytest.raises(InvalidArgument, match="範囲"):
        performance_ratio(MONTHS, rating="good", ratio=Fraction(1))
    assert performance_ratio(MONTHS, rating="good", ratio=Fraction("122.25") / 100, staff_kind="specified_manager")
    with pytest.raises(TableNotFound, match="general"):
        performance_ratio(bonus_months_table(datetime.date(2025, 6, 1)).data, rating="good", ratio=Fraction(1))


def test_worked_example_grade_3_with_dependants() -> None:
    # 3級, 給料 280,000, 扶養手当 31,000, 地域手当 12%, June 2026, full 6 months, 良好.
    # 期末手当基礎額 = 280,000 + 31,000 + (311,000 × 12% = 37,320)
    #                + 役職段階別加算 (280,000 + 33,600) × 5% = 15,680  = 364,000
    # 期末手当 = 364,000 × 1.2625 × 100/100 = 459,550
    # 勤勉手当基礎額 = 280,000 + 33,600 + 15,680 = 329,280
    # 勤勉手当 = 329,280 × 100/100 × 102.25/100 = 336,688.8 → 336,688
    rate = Fraction(12, 100)
    term_base = bonus_base(
        RULES, base_salary=280_000, dependents_allowance=31_000, regional_rate=rate, grade=3, management_class=0
    )
    assert term_base == 364_000
    months = payment_months(MONTHS, JUNE_2026)
    assert term_end_allowance(term_base, months=months.term_end, service_ratio=Fraction(1)) == 459_550
    dil_base = bonus_base(
        RULES, base_salary=280_000, dependents_allowance=0, regional_rate=rate, grade=3, management_class=0
    )
    assert dil_base == 329_280
    good = performance_ratio(MONTHS, rating="good", ratio=Fraction(409, 400))
    assert diligence_allowance(dil_base, period_rate=Fraction(1), performance_ratio=good) == 336_688


def test_worked_example_manager_part_period() -> None:
    # 8級 1種, 給料 450,001, no dependants, 地域手当 20%, December, 4箇月20日 in service.
    # 地域手当 on 給料: 450,001 × 20% = 90,000.2 → 90,000
    # 役職段階別加算 (450,001 + 90,000) × 20% = 108,000.2 (kept exact); 管理職加算 450,001 × 25% = 112,500.25
    # 期末基礎額 = 450,001 + 90,000 + 108,000.2 + 112,500.25 = 760,501.45
    # 期末手当 = 760,501.45 × 1.2625 = 960,133.080625; × 60/100 (在職 4箇月20日: 3箇月以上5箇月未満)
    #         = 576,079.848375 → 576,079
    # 勤勉手当 = 760,501.45 × 80/100 (4箇月15日以上) = 608,401.16; × 122.25/100 = 743,770.418… → 743,770
    base = bonus_base(
        RULES, base_salary=450_001, dependents_allowance=0, regional_rate=Fraction(1, 5), grade=8, management_class=1
    )
    assert base == Fraction("760501.45")
    period = ServicePeriod(4, 20)
    december = payment_months(MONTHS, datetime.date(2026, 12, 1))
    assert (
        term_end_allowance(base, months=december.term_end, service_ratio=service_period_ratio(RULES, period)) == 576_079
    )
    ratio = performance_ratio(MONTHS, rating="good", ratio=Fraction("122.25") / 100, staff_kind="specified_manager")
    assert diligence_allowance(base, period_rate=period_rate(RULES, period), performance_ratio=ratio) == 743_770


def test_service_period_is_checked() -> None:
    with pytest.raises(InvalidArgument, match="期間"):
        ServicePeriod(7, 0)
    with pytest.raises(InvalidArgument, match="期間"):
        ServicePeriod(2, 31)
