"""Pure rules for shift rotations and the 4-week averaging (no database).

Expected values are hand-derived from §D (38時間45分/週 averaged over ≤ 4 weeks: 4 weeks = 9,300
minutes) and a 消防 roster of 当務 8:30〜翌8:30 with 8h30m of 休憩・仮眠 (15h30m = 930 minutes).
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.attendance import ShiftDay, WorkSchedule, working_time_rules
from jinji.rules.attendance.averaging import averaging_periods, check_four_week_average, scheduled_minutes
from jinji.rules.attendance.rotations import Rotation, unrolled
from jinji.rules.errors import InvalidArgument

D = datetime.date
RULES = working_time_rules(D(2026, 4, 1)).data
TOBAN = WorkSchedule(510, 1_950, ((720, 780), (1_020, 1_080), (1_320, 1_710)), "当番")  # 930 minutes
NIKKIN = WorkSchedule(510, 1_035, ((720, 780),), "日勤")  # 465 minutes
DAYS = {"当": ShiftDay(TOBAN), "非": ShiftDay(None), "週": ShiftDay(None, weekly_rest=True), "日": ShiftDay(NIKKIN)}
FIRE = "当非当非週週当非当非週週当非"  # 14 days: 5 当務, 5 非番, 4 週休日


def roster(text: str) -> tuple[ShiftDay, ...]:
    return tuple(DAYS[c] for c in text)


def test_rotation_places_the_offset_on_the_start_day() -> None:
    rot = Rotation(roster("当非週"), D(2026, 5, 30), offset=1)  # 5/30 is 非番
    assert rot.day_on(D(2026, 5, 30)) == DAYS["非"]
    assert rot.day_on(D(2026, 5, 31)) == DAYS["週"]
    assert rot.day_on(D(2026, 6, 1)) == DAYS["当"]  # across the month boundary
    assert rot.position_on(D(2026, 6, 30)) == (1 + 31) % 3
    assert rot.day_on(D(2026, 5, 29)) == DAYS["当"]  # backwards too
    assert rot.plan(D(2026, 5, 31), D(2026, 6, 2)) == [DAYS["週"], DAYS["当"], DAYS["非"]]


def test_rotation_refuses_a_bad_offset_or_an_empty_cycle() -> None:
    with pytest.raises(InvalidArgument, match="1〜3 の範囲"):
        Rotation(roster("当非週"), D(2026, 6, 1), offset=3)
    with pytest.raises(InvalidArgument, match="日がありません"):
        Rotation((), D(2026, 6, 1))


def test_night_duty_crosses_midnight_and_counts_on_its_start_day() -> None:
    assert TOBAN.end > 24 * 60
    assert TOBAN.daily_minutes == 930
    assert scheduled_minutes(roster("当非週")) == [930, 0, 0]


def test_fire_roster_is_within_the_4_week_average() -> None:
    days = unrolled(roster(FIRE), 56)
    periods = averaging_periods(scheduled_minutes(days), first_day=D(2026, 6, 1), rules=RULES)
    assert [(p.first, p.days, p.minutes) for p in periods] == [(D(2026, 6, 1), 28, 9_300), (D(2026, 6, 29), 28, 9_300)]
    assert all(p.within for p in periods)
    assert periods[0].weekly_average == 2_325  # 38時間45分
    assert check_four_week_average(days, first_day=D(2026, 6, 1), rules=RULES) == ()


def test_one_extra_duty_breaks_the_average_of_its_period_only() -> None:
    days = list(unrolled(roster(FIRE), 56))
    assert days[41] == DAYS["非"]  # position 41 % 14 = 13: 非番
    days[41] = DAYS["当"]  # an extra 930 minutes in the second period (7/12)
    issues = check_four_week_average(days, first_day=D(2026, 6, 1), rules=RULES)
    assert len(issues) == 1
    assert "2026-06-29〜2026-07-26" in issues[0].message
    assert "38時間45分 を超えています" in issues[0].message


def test_the_average_may_be_below_38h45m_and_a_short_last_period_is_pro_rata() -> None:
    # 3 weeks of 日勤 Mon–Fri except one day: 14 × 465 = 6,510 ≤ 2,325 × 3 = 6,975.
    week = "日日日日日週週"
    days = roster(week * 3)[:-7] + roster("日日日日非週週")
    assert check_four_week_average(days, first_day=D(2026, 6, 1), rules=RULES) == ()
    # A 9-day period with 6 日勤: 2,790 × 7 = 19,530 ≤ 2,325 × 9 = 20,925.
    assert averaging_periods([465] * 6 + [0] * 3, first_day=D(2026, 6, 1), rules=RULES)[0].within
    # 7 日勤 in 9 days: 3,255 × 7 = 22,785 > 20,925.
    assert not averaging_periods([465] * 7 + [0] * 2, first_day=D(2026, 6, 1), rules=RULES)[0].within


def test_averaging_refuses_empty_or_negative_input() -> None:
    with pytest.raises(InvalidArgument):
        averaging_periods([], first_day=D(2026, 6, 1), rules=RULES)
    with pytest.raises(InvalidArgument):
        averaging_periods([-1], first_day=D(2026, 6, 1), rules=RULES)
