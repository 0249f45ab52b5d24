"""病気休暇 (90 paid days, warning), 特別休暇 limits and windows, and the 5-day uptake check.

§D: 病気休暇 up to 90 days paid ✅; 特別休暇 夏季 3 (7–9月), 子の看護 5 (10), 忌引 父母 7 … ✅✅;
労基法第39条第7項: 5 days within a year of a grant of 10 days or more, hourly leave not counted.
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import (
    LeaveQuantity,
    LeaveUnit,
    LeaveUse,
    SickPeriod,
    annual_leave_rules,
    check_special_leave,
    five_day_uptake,
    sick_leave_rules,
    sick_leave_status,
    special_leave_limit,
    special_leave_table,
)

D = datetime.date
FULL = 465
SICK = sick_leave_rules(D(2026, 1, 1)).data
SPECIAL = special_leave_table(D(2026, 4, 1)).data
ANNUAL = annual_leave_rules(D(2026, 1, 1)).data


def test_sick_leave_counts_calendar_days_and_warns_near_90() -> None:
    # 2026-01-05 … 03-31: Jan 27 + Feb 28 + Mar 31 = 86 days → 4 left, within the 10-day warning.
    status = sick_leave_status([SickPeriod(D(2026, 1, 5), D(2026, 4, 30))], as_of=D(2026, 3, 31), rules=SICK)
    assert (status.used_days, status.remaining_days, status.warning, status.over_limit_days) == (86, 4, True, 0)
    assert status.last_paid_day == D(2026, 4, 4)  # the 90th day of the run
    assert "残り 4日" in status.message
    early = sick_leave_status([SickPeriod(D(2026, 1, 5), D(2026, 4, 30))], as_of=D(2026, 2, 1), rules=SICK)
    assert (early.used_days, early.warning) == (28, False)


def test_short_returns_to_work_join_the_periods() -> None:
    # A: 1/5–2/28 (55 days); back at work 3/2–3/13 (10 business days < 20); B: 3/16– (joined).
    periods = [SickPeriod(D(2026, 1, 5), D(2026, 2, 28)), SickPeriod(D(2026, 3, 16), D(2026, 4, 30))]
    at_90 = sick_leave_status(periods, as_of=D(2026, 4, 19), rules=SICK)  # 55 + 16 + 19 = 90
    assert (at_90.chain_start, at_90.used_days, at_90.remaining_days, at_90.over_limit_days) == (
        D(2026, 1, 5),
        90,
        0,
        0,
    )
    assert at_90.last_paid_day == D(2026, 4, 19)
    over = sick_leave_status(periods, as_of=D(2026, 4, 25), rules=SICK)
    assert (over.used_days, over.over_limit_days) == (96, 6)
    assert "超えています" in over.message


def test_a_long_return_to_work_starts_a_new_count() -> None:
    # A: 1/5–1/30; back 2/2–3/13 (28 business days ≥ 20; 2/11 and 2/23 are 祝日); B: 3/16–3/20.
    periods = [SickPeriod(D(2026, 1, 5), D(2026, 1, 30)), SickPeriod(D(2026, 3, 16), D(2026, 3, 20))]
    status = sick_leave_status(periods, as_of=D(2026, 3, 20), rules=SICK)
    assert (status.chain_start, status.used_days) == (D(2026, 3, 16), 5)
    after = sick_leave_status(periods[:1], as_of=D(2026, 4, 30), rules=SICK)
    assert (after.chain_start, after.used_days, after.warning) == (None, 0, False)


def test_overlapping_sick_periods_are_refused() -> None:
    periods = [SickPeriod(D(2026, 1, 5), D(2026, 1, 20)), SickPeriod(D(2026, 1, 20), D(2026, 1, 25))]
    with pytest.raises(InvalidArgument, match="重なっています"):
        sick_leave_status(periods, as_of=D(2026, 2, 1), rules=SICK)


def test_special_leave_limits() -> None:
    assert special_leave_limit(SPECIAL, "summer") == 3
    assert special_leave_limit(SPECIAL, "marriage") == 5
    assert special_leave_limit(SPECIAL, "spouse_childbirth") == 2
    assert special_leave_limit(SPECIAL, "child_nursing", count=1) == 5
    assert special_leave_limit(SPECIAL, "child_nursing", count=2) == 10
    assert special_leave_limit(SPECIAL, "short_term_care", count=3) == 10
    assert special_leave_limit(SPECIAL, "prenatal") == 42  # 6 weeks
    assert special_leave_limit(SPECIAL, "prenatal", count=2) == 98  # 14 weeks for a multiple pregnancy
    assert special_leave_limit(SPECIAL, "postnatal") == 56  # 8 weeks
    assert special_leave_limit(SPECIAL, "bereavement", relationship="parent") == 7
    assert special_leave_limit(SPECIAL, "bereavement", relationship="spouse") == 7
    assert special_leave_limit(SPECIAL, "civic_duty") is None
    with pytest.raises(InvalidArgument, match="続柄"):
        special_leave_limit(SPECIAL, "bereavement", relationship="cousin")
    with pytest.raises(InvalidArgument, match="種類"):
        special_leave_limit(SPECIAL, "sabbatical")


def test_summer_leave_window_and_limit() -> None:
    left = check_special_leave(
        SPECIAL,
        "summer",
        on=D(2026, 8, 10),
        requested=LeaveQuantity(1),
        used_in_period=LeaveQuantity(2),
        daily_minutes=FULL,
    )
    assert left == 0
    with pytest.raises(InvalidArgument, match="7月1日〜9月30日"):
        check_special_leave(
            SPECIAL,
            "summer",
            on=D(2026, 6, 30),
            requested=LeaveQuantity(1),
            used_in_period=LeaveQuantity(),
            daily_minutes=FULL,
        )
    with pytest.raises(InvalidArgument, match="上限 3日"):
        check_special_leave(
            SPECIAL,
            "summer",
            on=D(2026, 9, 30),
            requested=LeaveQuantity(2),
            used_in_period=LeaveQuantity(2),
            daily_minutes=FULL,
        )


def test_hourly_use_draws_on_the_day_limit() -> None:
    # 子の看護 5 days = 5 × 465 = 2,325 min; 4 days 7 h used (2,280) + 1 h asked = 2,340 → 15 minutes over.
    with pytest.raises(InvalidArgument, match="超過 15分"):
        check_special_leave(
            SPECIAL,
            "child_nursing",
            on=D(2026, 11, 2),
            requested=LeaveQuantity.of_hours(1),
            used_in_period=LeaveQuantity(4, 420),
            daily_minutes=FULL,
        )
    left = check_special_leave(
        SPECIAL,
        "child_nursing",
        on=D(2026, 11, 2),
        requested=LeaveQuantity(0, 45),
        used_in_period=LeaveQuantity(4, 420),
        daily_minutes=FULL,
    )
    assert left == 0


def test_five_day_uptake() -> None:
    # 20 days on 2026-01-01. Taken: 2 whole days (4 halves), 2 half days (2), 6 hours (0) → 3 days of 5.
    uses = [
        LeaveUse(D(2026, 3, 2), LeaveQuantity(2)),
        LeaveUse(D(2026, 5, 1), LeaveQuantity(0, 210), LeaveUnit.HALF_DAY),
        LeaveUse(D(2026, 6, 1), LeaveQuantity(0, 255), LeaveUnit.HALF_DAY),
        LeaveUse(D(2026, 7, 1), LeaveQuantity.of_hours(6), LeaveUnit.HOUR),
        LeaveUse(D(2027, 1, 4), LeaveQuantity(3)),  # after the one-year period
    ]
    status = five_day_uptake(ANNUAL, granted_on=D(2026, 1, 1), granted_days=20, uses=uses, as_of=D(2026, 12, 31))
    assert (status.applies, status.required_half_days, status.taken_half_days, status.shortfall_half_days) == (
        True,
        10,
        6,
        4,
    )
    assert (status.period_end, status.overdue) == (D(2026, 12, 31), False)
    assert "残り 2日" in status.message
    assert "[適用範囲は未確認]" in status.message
    assert not status.scope_confirmed
    late = five_day_uptake(ANNUAL, granted_on=D(2026, 1, 1), granted_days=20, uses=uses, as_of=D(2027, 1, 5))
    assert (late.taken_half_days, late.overdue) == (6, True)


def test_uptake_only_for_grants_of_ten_days_or_more() -> None:
    small = five_day_uptake(ANNUAL, granted_on=D(2026, 10, 1), granted_days=7, uses=[], as_of=D(2027, 9, 30))
    assert (small.applies, small.shortfall_half_days, small.overdue) == (False, 0, False)
    ten = five_day_uptake(ANNUAL, granted_on=D(2026, 10, 1), granted_days=10, uses=[], as_of=D(2027, 10, 1))
    assert (ten.applies, ten.period_end, ten.overdue) == (True, D(2027, 9, 30), True)
