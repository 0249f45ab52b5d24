"""日割計算 rule (jinji.rules.pay.prorate): days counted without 週休日, 祝日 included, 円未満切捨て.

Calendars checked by hand: 2026-05 has 31 days, 10 Saturdays/Sundays (2, 3, 9, 10, 16, 17, 23, 24,
30, 31) → 21 要勤務日数, the 5/4–5/6 holidays counting as days. 2026-02 has 28 days, 8 of them
Saturday/Sunday → 20. 2026-08 has 31 days, 10 Saturdays/Sundays (1, 2, 8, 9, 15, 16, 22, 23, 29,
30) → 21.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.prorate import month_bounds, prorated_amount, prorated_total, required_days, working_days

D = datetime.date


@pytest.mark.parametrize(
    ("month", "expected"),
    [(D(2026, 5, 1), 21), (D(2026, 2, 1), 20), (D(2026, 8, 1), 21), (D(2026, 11, 1), 21), (D(2024, 2, 1), 21)],
)
def test_required_days_are_the_month_without_saturdays_and_sundays(month: datetime.date, expected: int) -> None:
    # 2026-11: 30 days, Saturdays/Sundays 1, 7, 8, 14, 15, 21, 22, 28, 29 → 21; 2024-02 (leap): 29 − 8 → 21.
    assert required_days(month) == expected


def test_periods_count_weekdays_only_and_holidays_count() -> None:
    assert working_days(D(2026, 5, 11), D(2026, 5, 31)) == 15  # hired on Monday 5/11
    assert working_days(D(2026, 5, 1), D(2026, 5, 15)) == 11  # 5/1 Fri, 5/4–5/8 (holidays count), 5/11–5/15
    assert working_days(D(2026, 5, 2), D(2026, 5, 3)) == 0  # a weekend
    assert working_days(D(2026, 5, 20), D(2026, 5, 19)) == 0  # empty period


def test_month_bounds() -> None:
    assert month_bounds(D(2026, 2, 14)) == (D(2026, 2, 1), D(2026, 2, 28))
    assert month_bounds(D(2026, 12, 5)) == (D(2026, 12, 1), D(2026, 12, 31))


def test_prorated_amount_truncates_below_one_yen() -> None:
    assert prorated_amount(195_800, days=15, required=21) == 139_857  # 139,857.14…
    assert prorated_amount(195_800, days=11, required=21) == 102_561  # 102,561.90… (truncated, not rounded)
    assert prorated_amount(195_800, days=21, required=21) == 195_800
    assert prorated_amount(195_800, days=0, required=21) == 0
    assert prorated_amount(-1_000, days=1, required=3) == -333  # a negative line truncates toward zero


def test_prorated_total_sums_truncated_periods() -> None:
    # 地域手当 12,000 for 11 days and 42,660 for 10 days of 21: 6,285.71 → 6,285; 20,314.28 → 20,314.
    assert prorated_total([(12_000, 11), (42_660, 10)], required=21) == 26_599


def test_bad_days_are_refused_in_japanese() -> None:
    with pytest.raises(InvalidArgument, match="日割計算の日数"):
        prorated_amount(100, days=22, required=21)
    with pytest.raises(InvalidArgument, match="基礎となる日数"):
        prorated_amount(100, days=0, required=0)
    with pytest.raises(InvalidArgument, match="要勤務日数"):
        prorated_total([(100, 15), (100, 10)], required=21)


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_days_of_the_two_halves_add_up_to_the_month(day: datetime.date) -> None:
    first, last = month_bounds(day)
    assert working_days(first, day) + working_days(day + datetime.timedelta(days=1), last) == required_days(day)
    brute = sum(
        1
        for n in range((last - first).days + 1)
        if (first + datetime.timedelta(days=n)).weekday() < 5  # Monday–Friday
    )
    assert required_days(day) == brute


@given(st.integers(min_value=0, max_value=2_000_000), st.integers(min_value=1, max_value=23), st.data())
def test_prorated_never_exceeds_the_monthly_amount(monthly: int, required: int, data: st.DataObject) -> None:
    days = data.draw(st.integers(min_value=0, max_value=required))
    amount = prorated_amount(monthly, days=days, required=required)
    assert 0 <= amount <= monthly
    assert amount * required <= monthly * days < (amount + 1) * required
