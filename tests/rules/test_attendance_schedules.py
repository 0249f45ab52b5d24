"""Schedules, 時差出勤, short-time weeks, shift rosters (4-week averaging) and 週休日の振替.

Hand-derived from §D (38時間45分/週 = 7時間45分 × 5, averaged over ≤ 4 weeks; 再任用短時間
15時間30分〜31時間) and the 規則 wording quoted in :mod:`jinji.rules.attendance.shifts`
(8 週休日 per 4 weeks, ≤ 24 consecutive days with hours, 振替 4週間前〜8週間後).
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.attendance import (
    STANDARD_SCHEDULE,
    STANDARD_WEEK,
    ShiftDay,
    WorkSchedule,
    check_rest_day_transfer,
    check_shift_period,
    check_short_time_reappointment,
    is_full_time,
    max_consecutive_working_days,
    rest_day_transfer_window,
    staggered_patterns,
    working_time_rules,
)
from jinji.rules.errors import InvalidArgument

T = datetime.time
D = datetime.date
RULES = working_time_rules(D(2026, 4, 1)).data


def test_standard_day_and_week() -> None:
    # 8:30–17:15 less 60 minutes = 7h45m = 465; × 5 = 38h45m = 2,325
    built = WorkSchedule.from_times(T(8, 30), T(17, 15), breaks=[(T(12), T(13))], code="standard")
    assert built == STANDARD_SCHEDULE
    assert STANDARD_SCHEDULE.daily_minutes == 465 == RULES.daily_minutes
    assert STANDARD_WEEK.weekly_minutes == 2_325 == RULES.weekly_minutes
    assert STANDARD_WEEK.schedule_for(D(2026, 5, 16)) is None  # 土曜日
    assert STANDARD_SCHEDULE.half_day_minutes() == (210, 255)  # 8:30–12:00, 13:00–17:15


def test_staggered_patterns_keep_the_length() -> None:
    patterns = staggered_patterns(STANDARD_SCHEDULE, {"A": -60, "C": 30})
    assert (patterns["A"].start, patterns["A"].end) == (7 * 60 + 30, 16 * 60 + 15)
    assert (patterns["C"].start, patterns["C"].end) == (9 * 60, 17 * 60 + 45)
    assert {p.daily_minutes for p in patterns.values()} == {465}


def test_24_hour_duty_schedule() -> None:
    # 当務 8:30–翌8:30 with 8h30m of breaks and 仮眠: 24 h − 8h30m = 15h30m = 930
    duty = WorkSchedule.from_times(
        T(8, 30), T(8, 30), breaks=[(T(12), T(13)), (T(17), T(18)), (T(22), T(4, 30))], code="当務"
    )
    assert (duty.start, duty.end, duty.daily_minutes) == (510, 1_950, 930)


@pytest.mark.parametrize(
    ("start", "end", "breaks", "message"),
    [
        (510, 510, (), "後、24時間以内"),
        (510, 2_000, (), "後、24時間以内"),
        (510, 1_035, ((480, 540),), "勤務時間内"),
        (510, 1_035, ((780, 840), (720, 790)), "時刻順"),
        (1_440, 1_500, (), "0時〜24時"),
    ],
)
def test_impossible_schedules_are_refused(
    start: int, end: int, breaks: tuple[tuple[int, int], ...], message: str
) -> None:
    with pytest.raises(InvalidArgument, match=message):
        WorkSchedule(start, end, breaks)


def test_short_time_reappointment_bounds() -> None:
    assert check_short_time_reappointment(930, RULES) == 930  # 15h30m
    assert check_short_time_reappointment(1_860, RULES) == 1_860  # 31h
    for bad in (929, 1_861):
        with pytest.raises(InvalidArgument, match="15時間30分〜31時間"):
            check_short_time_reappointment(bad, RULES)
    assert is_full_time(2_325, RULES)
    assert not is_full_time(1_860, RULES)


def duty(kind: str) -> ShiftDay:
    schedule = WorkSchedule(510, 1_950, ((720, 780), (1_020, 1_080), (1_320, 1_710)))  # 930 minutes
    return {"当": ShiftDay(schedule), "非": ShiftDay(None), "週": ShiftDay(None, weekly_rest=True)}[kind]


FIRE_FORTNIGHT = "当非当非週週当非当非週週当非"  # 5 当務, 5 非番, 4 週休日


def test_fire_roster_averages_38h45m_over_4_weeks() -> None:
    days = [duty(k) for k in FIRE_FORTNIGHT * 2]
    # 10 当務 × 15h30m = 155 h = 38h45m × 4; 8 週休日 in 4 weeks
    assert check_shift_period(days, RULES) == ()


def test_roster_problems_are_reported() -> None:
    seven_rest = [duty(k) for k in FIRE_FORTNIGHT + FIRE_FORTNIGHT.replace("週", "非", 1)]
    assert [i.code for i in check_shift_period(seven_rest, RULES)] == ["rest_days"]
    eleven_duties = [duty(k) for k in FIRE_FORTNIGHT + FIRE_FORTNIGHT.replace("非", "当", 1)]
    issues = check_shift_period(eleven_duties, RULES)
    assert [i.code for i in issues] == ["average"]
    assert "38時間45分" in issues[0].message
    assert [i.code for i in check_shift_period([duty("当")] * 30, RULES)] == ["period"]
    assert [i.code for i in check_shift_period([duty("当")] * 5, RULES)] == ["period"]


def test_more_than_24_consecutive_days_with_hours() -> None:
    # 25 days of 6h12m (372 min; 25 × 372 = 9,300 = 38h45m × 4) then 3 週休日
    day = ShiftDay(WorkSchedule(540, 912))
    days = [day] * 25 + [ShiftDay(None, weekly_rest=True)] * 3
    assert {i.code for i in check_shift_period(days, RULES)} == {"rest_days", "consecutive"}
    assert max_consecutive_working_days([True] * 24 + [False]) == 24


def test_weekly_rest_day_cannot_have_hours() -> None:
    with pytest.raises(InvalidArgument, match="週休日には勤務時間を割り振れません"):
        ShiftDay(STANDARD_SCHEDULE, weekly_rest=True)


def test_rest_day_transfer_window() -> None:
    # Work on Saturday 2026-05-16: from 4 weeks before (Sat 4/18) to 8 weeks after (Sat 7/11).
    work_on = D(2026, 5, 16)
    assert rest_day_transfer_window(work_on, RULES) == (D(2026, 4, 18), D(2026, 7, 11))
    check_rest_day_transfer(work_on=work_on, new_rest_day=D(2026, 4, 20), rules=RULES)  # Mon, inside
    check_rest_day_transfer(work_on=work_on, new_rest_day=D(2026, 7, 10), rules=RULES)  # Fri, inside
    for outside in (D(2026, 4, 17), D(2026, 7, 13)):
        with pytest.raises(InvalidArgument, match="期間の外"):
            check_rest_day_transfer(work_on=work_on, new_rest_day=outside, rules=RULES)


def test_rest_day_transfer_needs_a_rest_day_and_a_working_day() -> None:
    with pytest.raises(InvalidArgument, match="週休日ではない"):
        check_rest_day_transfer(work_on=D(2026, 5, 18), new_rest_day=D(2026, 5, 19), rules=RULES)
    with pytest.raises(InvalidArgument, match="勤務日ではありません"):  # 2026-05-06 振替休日
        check_rest_day_transfer(work_on=D(2026, 5, 16), new_rest_day=D(2026, 5, 6), rules=RULES)
    with pytest.raises(InvalidArgument, match="勤務日ではありません"):  # another Saturday
        check_rest_day_transfer(work_on=D(2026, 5, 16), new_rest_day=D(2026, 5, 23), rules=RULES)
