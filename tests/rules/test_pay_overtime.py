"""勤務1時間当たりの給与額, 時間外・休日・夜勤, the 60-hour rule, 30-minute rounding, 欠勤減額.

payroll-rules.md §C7 gives the formula and rates but no worked figures, so the example here
is computed by hand from them: 給料 300,000, 地域手当 12% (3級地), 令和8年度 (N = 20 休日 on
working days: 4/29, 5/4, 5/5, 5/6, 7/20, 8/11, 9/21, 9/22, 9/23, 10/12, 11/3, 11/23,
12/29, 12/30, 12/31, 1/1, 1/11, 2/11, 2/23, 3/22).
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.calendar import hourly_rate_holiday_count
from jinji.rules.errors import InvalidArgument
from jinji.rules.pay import (
    OvertimeBlock,
    absence_deduction,
    absence_hours,
    annual_working_minutes,
    classify_overtime,
    hourly_class_amount,
    hourly_rate_base,
    monthly_hours,
    overtime_rules,
    per_hour_amount,
)

RULES = overtime_rules(datetime.date(2026, 5, 1)).data
RATES = RULES.rates


def test_divisor_for_fiscal_2026() -> None:
    assert hourly_rate_holiday_count(2026) == 20
    # (38.75 h × 52 − 7.75 h × 20) = 2,015 − 155 = 1,860 h = 111,600 min
    assert annual_working_minutes(RULES, holidays=20) == 111_600
    # 短時間 (週30時間, 1日6時間): 30 × 52 − 6 × 20 = 1,440 h
    assert annual_working_minutes(RULES, holidays=20, weekly_minutes=1_800, daily_minutes=360) == 86_400


def test_hourly_rate_worked_example() -> None:
    # (300,000 + 300,000 × 12% = 36,000) × 12 ÷ 1,860 = 2,167.74… → 50銭 rule → 2,168
    assert hourly_rate_base(336_000, annual_minutes=111_600) == 2_168
    # 2,168 × 125/100 = 2,710; × 135/100 = 2,926.8 → 2,927; × 150/100 = 3,252;
    # × 160/100 = 3,468.8 → 3,469; × 175/100 = 3,794; × 25/100 = 542
    per_hour = {k: per_hour_amount(2_168, RATES[k]) for k in RATES}
    assert per_hour == {
        "normal": 2_710,
        "normal_night": 3_252,
        "rest_day": 2_927,
        "rest_day_night": 3_469,
        "over60": 3_252,
        "over60_night": 3_794,
        "weekly_excess": 542,
        "holiday_work": 2_927,
        "night_work": 542,
    }


def test_monthly_amounts_after_30_minute_rounding() -> None:
    # month totals: normal 20h10m → 20 h; 週休日 4h30m → 5 h; 22–5時 1h40m → 2 h
    assert hourly_class_amount(2_168, RATES["normal"], 1_210) == 2_710 * 20
    assert hourly_class_amount(2_168, RATES["rest_day"], 270) == 2_927 * 5
    assert hourly_class_amount(2_168, RATES["normal_night"], 100) == 3_252 * 2
    assert hourly_class_amount(2_168, RATES["holiday_work"], 465) == 2_927 * 8  # 7h45m → 8 h
    assert hourly_class_amount(2_168, RATES["night_work"], 29) == 0


@pytest.mark.parametrize(("minutes", "hours"), [(0, 0), (29, 0), (30, 1), (60, 1), (89, 1), (90, 2), (3_629, 60)])
def test_30_minute_rule(minutes: int, hours: int) -> None:
    assert monthly_hours(minutes) == hours


def test_sixty_hours_exactly_stay_at_125() -> None:
    # §C7: 150/100 applies to hours *beyond* 60 h in the month
    blocks = [OvertimeBlock(180) for _ in range(20)]  # 20 days × 3 h = 60 h
    assert classify_overtime(blocks, RULES)["normal"] == 3_600
    assert classify_overtime(blocks, RULES)["over60"] == 0
    one_more = classify_overtime([*blocks, OvertimeBlock(60)], RULES)
    assert (one_more["normal"], one_more["over60"]) == (3_600, 60)


def test_sixty_hour_rule_splits_blocks_in_date_order() -> None:
    blocks = [
        OvertimeBlock(3_000),  # 50 h on working days
        OvertimeBlock(1_200, rest_day=True),  # 20 h on a 週休日: 10 h within 60, 10 h beyond
        OvertimeBlock(60, night=True),  # 1 h at night, beyond 60 → 175/100
    ]
    result = classify_overtime(blocks, RULES)
    assert result == {
        "normal": 3_000,
        "normal_night": 0,
        "rest_day": 600,
        "rest_day_night": 0,
        "over60": 600,
        "over60_night": 60,
        "weekly_excess": 0,
    }
    with pytest.raises(InvalidArgument, match="負の値"):
        classify_overtime([OvertimeBlock(-1)], RULES)


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(InvalidArgument, match="0以上"):
        monthly_hours(-30)
    with pytest.raises(InvalidArgument, match="0以上"):
        annual_working_minutes(RULES, holidays=-1)


def test_absence_deduction() -> None:
    # 1 day (7h45m) + 100 min = 565 min → 9 h (1時間未満切捨て); 2,168 × 9 = 19,512
    hours = absence_hours(days=1, minutes=100, daily_minutes=465)
    assert hours == 9
    assert absence_deduction(2_168, hours) == 19_512
    with pytest.raises(InvalidArgument, match="欠勤日数"):
        absence_hours(days=-1, minutes=0, daily_minutes=465)
