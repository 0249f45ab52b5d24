"""Leave units and normalised balances (1日 = the employee's daily minutes; §D: 7時間45分 = 1日)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.attendance import STANDARD_SCHEDULE
from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import LeaveBalance, LeaveQuantity, LeaveUnit, format_days_minutes, leave_quantity

FULL = 465  # 7時間45分


def test_twenty_days_less_one_hour() -> None:
    # 20 × 465 − 60 = 9,240 = 19 × 465 + 405 → 19日6時間45分
    balance = LeaveBalance.of(LeaveQuantity(20), FULL) - LeaveQuantity.of_hours(1)
    assert (balance.days, balance.minutes) == (19, 405)
    assert str(balance) == "19日6時間45分"


def test_hours_carry_into_a_day() -> None:
    # 3 h + 5 h = 480 = 465 + 15 → 1日15分
    balance = LeaveBalance.of(LeaveQuantity.of_hours(3), FULL) + LeaveQuantity.of_hours(5)
    assert (balance.days, balance.minutes) == (1, 15)
    assert str(balance) == "1日15分"


def test_short_time_staff_have_their_own_day() -> None:
    # 6-hour days: 3 days − 2 h = 2日4時間; 20 h = 3日2時間
    six = 360
    assert str(LeaveBalance.of(LeaveQuantity(3), six) - LeaveQuantity.of_hours(2)) == "2日4時間"
    assert str(LeaveBalance.of(LeaveQuantity.of_hours(20), six)) == "3日2時間"


def test_half_days_use_the_schedule_halves() -> None:
    am, pm = STANDARD_SCHEDULE.half_day_minutes()
    assert (am, pm) == (210, 255)
    assert leave_quantity(LeaveUnit.HALF_DAY, 1, half_day_minutes=am).to_minutes(FULL) == 210
    # 午前 + 午後 = one whole day
    total = LeaveBalance.of(LeaveQuantity(0, am), FULL) + LeaveQuantity(0, pm)
    assert (total.days, total.minutes) == (1, 0)
    with pytest.raises(InvalidArgument, match="half_day_minutes"):
        leave_quantity(LeaveUnit.HALF_DAY, 1)
    assert leave_quantity(LeaveUnit.DAY, 2) == LeaveQuantity(2)
    assert leave_quantity(LeaveUnit.HOUR, 3) == LeaveQuantity(0, 180)


def test_negative_balances_keep_one_sign() -> None:
    b = LeaveBalance.from_minutes(-500, FULL)
    assert (b.days, b.minutes, str(b)) == (-1, -35, "-1日35分")
    assert str(LeaveBalance.from_minutes(0, FULL)) == "0日"
    assert format_days_minutes(0, 45) == "45分"


def test_bad_amounts_are_refused() -> None:
    with pytest.raises(InvalidArgument):
        LeaveQuantity(-1)
    with pytest.raises(InvalidArgument):
        LeaveBalance(1, 465, FULL)  # not normalised
    with pytest.raises(InvalidArgument):
        LeaveBalance(1, -5, FULL)  # mixed signs
    with pytest.raises(InvalidArgument):
        LeaveBalance.from_minutes(10, 0)
    with pytest.raises(InvalidArgument, match="1日の勤務時間が異なる"):
        _ = LeaveBalance.of(LeaveQuantity(1), FULL) + LeaveBalance.of(LeaveQuantity(1), 360)


@given(total=st.integers(-100_000, 100_000), daily=st.integers(1, 1_440))
def test_normalisation_preserves_the_total(total: int, daily: int) -> None:
    b = LeaveBalance.from_minutes(total, daily)
    assert b.days * daily + b.minutes == total == b.total_minutes
    assert 0 <= abs(b.minutes) < daily
    assert b.days * b.minutes >= 0


@given(
    a=st.tuples(st.integers(0, 40), st.integers(0, 2_000)),
    b=st.tuples(st.integers(0, 40), st.integers(0, 2_000)),
    daily=st.sampled_from([465, 360, 240, 450, 1]),
)
def test_adding_and_subtracting_match_minute_arithmetic(a: tuple[int, int], b: tuple[int, int], daily: int) -> None:
    qa, qb = LeaveQuantity(*a), LeaveQuantity(*b)
    base = LeaveBalance.of(qa, daily)
    assert (base + qb).total_minutes == qa.to_minutes(daily) + qb.to_minutes(daily)
    assert (base - qb).total_minutes == qa.to_minutes(daily) - qb.to_minutes(daily)
    assert (base + qb - qb) == base
