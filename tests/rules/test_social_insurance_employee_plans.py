"""協会けんぽ (東京都) / 厚生年金 / 雇用保険 employee shares, worked by hand (payroll-rules.md §B4, §B5)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules import money
from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.social_insurance import (
    employee_plan_monthly_contributions,
    employee_plan_table,
    employment_insurance_employee_share,
)

D = datetime.date


def test_tokyo_2026_april() -> None:
    """令和8年4月分, 東京都: 標準報酬 300,000, 介護該当: 300,000 × (9.85% + 1.62%) / 2 = 17,205;
    支援金 300,000 × 0.23% / 2 = 345; 厚年 300,000 × 18.3% / 2 = 27,450."""
    c = employee_plan_monthly_contributions(
        prefecture="13", month=D(2026, 4, 1), health_standard=300_000, pension_standard=300_000, nursing_care=True
    )
    assert (c.health, c.child_support, c.pension, c.total) == (17_205, 345, 27_450, 45_000)


def test_rate_versions_by_premium_month() -> None:
    # 令和7年度 (令和8年2月分): 9.91% + 1.59% = 11.5% → 17,250; no 支援金
    t = employee_plan_table(prefecture="13", month=D(2026, 2, 1))
    assert (t.health(300_000, nursing_care=True), t.child_support(300_000)) == (17_250, 0)
    # 令和8年3月分: 9.85% + 1.62%, still no 支援金
    t = employee_plan_table(prefecture="13", month=D(2026, 3, 1))
    assert (t.health(300_000, nursing_care=True), t.child_support(300_000)) == (17_205, 0)
    assert t.health(300_000, nursing_care=False) == 14_775  # 300,000 × 9.85% / 2


def test_fifty_sen_rule() -> None:
    t = employee_plan_table(prefecture="13", month=D(2026, 4, 1))
    assert t.health(98_000, nursing_care=False) == 4_826  # 4,826.5 → 50銭以下切捨て
    assert t.health(88_000, nursing_care=True) == 5_047  # 88,000 × 5.735% = 5,046.8 → 切上げ
    assert t.child_support(58_000) == 67  # 66.7
    assert t.pension(88_000) == 8_052


def test_employment_insurance() -> None:
    # FY2026 一般 5/1000: 201,234 → 1,006.17; 201,300 → 1,006.5 (切捨て); 201,302 → 1,006.51 (切上げ)
    assert employment_insurance_employee_share(wages=201_234, closing_date=D(2026, 4, 15)) == 1_006
    assert employment_insurance_employee_share(wages=201_300, closing_date=D(2026, 4, 15)) == 1_006
    assert employment_insurance_employee_share(wages=201_302, closing_date=D(2026, 4, 15)) == 1_007
    # FY2025 一般 5.5/1000 up to a closing date of 2026-03-31
    assert employment_insurance_employee_share(wages=200_000, closing_date=D(2026, 3, 31)) == 1_100
    assert (
        employment_insurance_employee_share(wages=200_000, closing_date=D(2026, 4, 1), business="construction") == 1_200
    )


def test_invalid() -> None:
    with pytest.raises(InvalidArgument, match="都道府県コード"):
        employee_plan_table(prefecture="99", month=D(2026, 4, 1))
    with pytest.raises(InvalidArgument, match="事業の種類"):
        employment_insurance_employee_share(wages=1, closing_date=D(2026, 4, 1), business="mining")
    with pytest.raises(InvalidArgument):
        employment_insurance_employee_share(wages=-1, closing_date=D(2026, 4, 1))
    with pytest.raises(TableNotFound):
        employment_insurance_employee_share(wages=1, closing_date=D(2024, 4, 1))
    with pytest.raises(InvalidArgument, match="等級表にありません"):
        employee_plan_monthly_contributions(
            prefecture="13", month=D(2026, 4, 1), health_standard=300_001, pension_standard=300_000, nursing_care=False
        )


@given(num=st.integers(min_value=0, max_value=10**12), den=st.integers(min_value=1, max_value=10**6))
def test_fifty_sen_ratio_matches_decimal_rule(num: int, den: int) -> None:
    assert money.employee_insurance_share_ratio(num, den) == money.employee_insurance_share(Decimal(num) / Decimal(den))
