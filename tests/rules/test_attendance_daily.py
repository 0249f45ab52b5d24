"""The daily record: worked time, breaks, lateness, absence, night time and overtime classes.

Expected values are worked out by hand from 給与法 第16条〜第18条 (reference §C7): on a day with
hours assigned, work outside them is 125/100 (22時〜翌5時: 150/100); on a 週休日, and beyond the
hours of a 休日, 135/100 (160/100); the hours of a 休日 worked are 休日勤務 (135/100); regular
hours in 22時〜翌5時 earn 夜勤手当. Standard day 8:30〜17:15, 休憩 12:00〜13:00 = 7時間45分.
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.attendance import (
    JST,
    STANDARD_SCHEDULE,
    DayBasis,
    DayInput,
    DayType,
    Punch,
    TimeSpan,
    WorkSchedule,
    compute_daily_record,
    day_type_of,
)
from jinji.rules.errors import InvalidArgument

D = datetime.date


def at(day: str, hhmm: str, second: int = 0) -> datetime.datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return datetime.datetime.combine(D.fromisoformat(day), datetime.time(h, m, second), tzinfo=JST)


def punch(day: str, start: str, end: str, end_day: str | None = None) -> Punch:
    return Punch(at(day, start), at(end_day or day, end))


def workday(day: str, *punches: Punch, **kw: object) -> DayInput:
    return DayInput(D.fromisoformat(day), DayType.WORKDAY, STANDARD_SCHEDULE, punches, **kw)  # type: ignore[arg-type]


def test_day_types_from_the_calendar() -> None:
    assert day_type_of(D(2026, 5, 12)) is DayType.WORKDAY  # 火曜日
    assert day_type_of(D(2026, 5, 16)) is DayType.WEEKLY_REST_DAY  # 土曜日
    assert day_type_of(D(2026, 11, 3)) is DayType.HOLIDAY  # 文化の日 (火)
    assert day_type_of(D(2026, 12, 29)) is DayType.HOLIDAY  # 年末年始
    assert day_type_of(D(2026, 5, 3)) is DayType.WEEKLY_REST_DAY  # 憲法記念日 on a Sunday: 週休日 first
    assert day_type_of(D(2026, 5, 16), weekly_rest=False) is DayType.WORKDAY  # a roster's own 週休日


def test_weekday_8_30_to_22_30() -> None:
    # 8:30〜22:30 = 14 h, less the 60-minute break = 13 h; 7h45m regular;
    # overtime 17:15〜22:00 = 4h45m at 125, 22:00〜22:30 = 30 min at 150.
    r = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "08:30", "22:30")))
    assert (r.worked_minutes, r.break_minutes, r.regular_minutes) == (780, 60, 465)
    assert r.overtime_by_class() == {"normal": 285, "normal_night": 30, "rest_day": 0, "rest_day_night": 0}
    assert (r.night_minutes, r.night_work_minutes) == (30, 0)
    assert (r.late_minutes, r.early_leave_minutes, r.absence_minutes) == (0, 0, 0)
    assert [(s.start, s.minutes) for s in r.overtime] == [(17 * 60 + 15, 285), (22 * 60, 30)]


def test_early_start_before_5_is_night_overtime() -> None:
    # In 4:00 on a weekday: 4:00–5:00 before the schedule and in 22–5時 → 150 (60);
    # 5:00–8:30 → 125 (210). Out 17:15: no overtime after.
    r = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "04:00", "17:15")))
    assert r.overtime_by_class() == {"normal": 210, "normal_night": 60, "rest_day": 0, "rest_day_night": 0}
    assert [(s.start, s.minutes, s.night) for s in r.overtime] == [(240, 60, True), (300, 210, False)]


def test_crossing_midnight_into_a_holiday() -> None:
    # Mon 2026-11-02 8:30 → Tue 11-03 (文化の日) 1:30. 17:15–22:00 125 (285), 22:00–24:00 150 (120);
    # 0:00–1:30 is on a 休日 with no hours of the employee's → 135 + 25 night = 160 (90).
    inp = workday("2026-11-02", punch("2026-11-02", "08:30", "01:30", "2026-11-03"))
    r = compute_daily_record(inp)
    assert r.overtime_by_class() == {"normal": 285, "normal_night": 120, "rest_day": 0, "rest_day_night": 90}
    assert r.night_minutes == 210
    # Treating the continuous work as the starting day's: everything after 22:00 at 150.
    s = compute_daily_record(inp, day_basis=DayBasis.START_DAY)
    assert s.overtime_by_class() == {"normal": 285, "normal_night": 210, "rest_day": 0, "rest_day_night": 0}


def test_friday_late_start_running_into_saturday() -> None:
    # Fri 2026-05-15 in 9:00 (30 min late), out Sat 0:30: 17:15–22:00 285 normal,
    # 22:00–24:00 120 normal_night, Saturday 0:00–0:30 30 rest_day_night (週休日 22–5時).
    r = compute_daily_record(workday("2026-05-15", punch("2026-05-15", "09:00", "00:30", "2026-05-16")))
    assert r.late_minutes == 30
    assert r.absence_minutes == 30
    assert r.regular_minutes == 435
    assert r.overtime_by_class() == {"normal": 285, "normal_night": 120, "rest_day": 0, "rest_day_night": 30}


def test_weekly_rest_day_work() -> None:
    # Saturday 9:00–18:00 with a 1-hour break: 8 h, all 週休日 work at 135; no regular hours.
    lunch = TimeSpan(at("2026-05-16", "12:00"), at("2026-05-16", "13:00"))
    inp = DayInput(
        D(2026, 5, 16), DayType.WEEKLY_REST_DAY, None, (punch("2026-05-16", "09:00", "18:00"),), extra_breaks=(lunch,)
    )
    r = compute_daily_record(inp)
    assert (r.worked_minutes, r.break_minutes, r.regular_minutes, r.scheduled_minutes) == (480, 60, 0, 0)
    assert r.overtime_by_class()["rest_day"] == 480
    assert r.absence_minutes == 0


def test_holiday_hours_are_holiday_work_and_beyond_them_135() -> None:
    # 海の日 2026-07-20 (Mon) 8:30–19:00: the 7h45m of the day are 休日勤務 (休日給 135/100);
    # 17:15–19:00 (1h45m) is overtime on a day that is not 125 (給与法第16条第1項第2号) → rest_day.
    inp = DayInput(D(2026, 7, 20), DayType.HOLIDAY, STANDARD_SCHEDULE, (punch("2026-07-20", "08:30", "19:00"),))
    r = compute_daily_record(inp)
    assert (r.holiday_work_minutes, r.regular_minutes) == (465, 0)
    assert r.overtime_by_class() == {"normal": 0, "normal_night": 0, "rest_day": 105, "rest_day_night": 0}
    rest = compute_daily_record(DayInput(D(2026, 7, 20), DayType.HOLIDAY, STANDARD_SCHEDULE))
    assert (rest.absence_minutes, rest.absent_whole_day, rest.worked_minutes) == (0, False, 0)


def test_regular_night_hours_earn_night_work() -> None:
    # 夜勤 16:00〜翌1:00, 休憩 19:00〜20:00: 8 h regular, of which 22:00〜1:00 = 3 h in 22–5時.
    shift = WorkSchedule.from_times(
        datetime.time(16), datetime.time(1), breaks=[(datetime.time(19), datetime.time(20))]
    )
    assert (shift.end, shift.daily_minutes) == (25 * 60, 480)
    inp = DayInput(D(2026, 5, 12), DayType.WORKDAY, shift, (punch("2026-05-12", "16:00", "01:00", "2026-05-13"),))
    r = compute_daily_record(inp)
    assert (r.regular_minutes, r.night_work_minutes, r.night_minutes, r.overtime_minutes) == (480, 180, 180, 0)


def test_lateness_early_leave_and_a_gap() -> None:
    late = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "09:10", "17:15")))
    assert (late.late_minutes, late.early_leave_minutes, late.absence_minutes) == (40, 0, 40)
    early = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "08:30", "16:45")))
    assert (early.late_minutes, early.early_leave_minutes, early.absence_minutes) == (0, 30, 30)
    # Out 10:00–11:00 without leave: 60 minutes absent, neither late nor early.
    gap = compute_daily_record(
        workday("2026-05-12", punch("2026-05-12", "08:30", "10:00"), punch("2026-05-12", "11:00", "17:15"))
    )
    assert (gap.late_minutes, gap.early_leave_minutes, gap.absence_minutes, gap.regular_minutes) == (0, 0, 60, 405)


def test_no_punch_on_a_workday_is_a_whole_day_absence() -> None:
    r = compute_daily_record(workday("2026-05-12"))
    assert (r.absent_whole_day, r.absence_minutes, r.late_minutes) == (True, 465, 0)


def test_leave_and_unpaid_leave_inside_the_day() -> None:
    # 午前 年休 8:30–12:00 (3h30m), work 13:00–17:15: not late, nothing absent.
    am = TimeSpan(at("2026-05-12", "08:30"), at("2026-05-12", "12:00"))
    r = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "13:00", "17:15"), excused=(am,)))
    assert (r.late_minutes, r.absence_minutes, r.excused_minutes, r.regular_minutes) == (0, 0, 210, 255)
    # 部分休業 (unpaid) 8:30–10:30, arriving 10:30: not late, but 2 h absent for pay.
    part = TimeSpan(at("2026-05-12", "08:30"), at("2026-05-12", "10:30"))
    u = compute_daily_record(workday("2026-05-12", punch("2026-05-12", "10:30", "17:15"), unpaid=(part,)))
    assert (u.late_minutes, u.absence_minutes, u.absent_whole_day) == (0, 120, False)
    # A whole day of leave: nothing absent, the whole day excused.
    day = compute_daily_record(workday("2026-05-12", excused=(STANDARD_SCHEDULE.span_on(D(2026, 5, 12)),)))
    assert (day.absence_minutes, day.excused_minutes, day.absent_whole_day) == (0, 465, False)


def test_only_ordered_overtime_counts_when_orders_are_given() -> None:
    order = TimeSpan(at("2026-05-12", "17:15"), at("2026-05-12", "19:00"))
    inp = workday("2026-05-12", punch("2026-05-12", "08:30", "20:00"), ordered_overtime=(order,))
    r = compute_daily_record(inp)
    assert (r.overtime_minutes, r.unordered_minutes) == (105, 60)


def test_seconds_round_towards_less_time() -> None:
    r = compute_daily_record(workday("2026-05-12", Punch(at("2026-05-12", "08:29", 30), at("2026-05-12", "17:15", 59))))
    assert (r.late_minutes, r.regular_minutes, r.overtime_minutes) == (0, 465, 0)
    late = compute_daily_record(workday("2026-05-12", Punch(at("2026-05-12", "08:30", 1), at("2026-05-12", "17:15"))))
    assert late.late_minutes == 1


def test_punches_in_another_time_zone_are_read_as_japan_time() -> None:
    utc = datetime.UTC
    p = Punch(datetime.datetime(2026, 5, 11, 23, 30, tzinfo=utc), datetime.datetime(2026, 5, 12, 8, 15, tzinfo=utc))
    r = compute_daily_record(workday("2026-05-12", p))  # 8:30–17:15 JST
    assert (r.regular_minutes, r.late_minutes, r.overtime_minutes) == (465, 0, 0)


@pytest.mark.parametrize(
    ("punches", "message"),
    [
        ((Punch(None, at("2026-05-12", "17:15")),), "出勤の打刻がありません"),
        ((Punch(at("2026-05-12", "08:30"), None),), "退勤の打刻がありません"),
        ((Punch(None, None),), "どちらも打刻されていない"),
        ((punch("2026-05-12", "17:00", "09:00"),), "より前です"),
        ((punch("2026-05-12", "08:30", "12:00"), punch("2026-05-12", "11:00", "17:15")), "重なっています"),
        ((punch("2026-05-13", "08:30", "17:15"),), "日付と違います"),
        ((Punch(at("2026-05-12", "08:30"), at("2026-05-14", "08:30")),), "翌日を過ぎています"),
        ((Punch(datetime.datetime(2026, 5, 12, 8, 30), at("2026-05-12", "17:15")),), "タイムゾーン"),
    ],
)
def test_impossible_punches_are_refused(punches: tuple[Punch, ...], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        compute_daily_record(workday("2026-05-12", *punches))


def test_schedule_and_day_type_must_agree() -> None:
    with pytest.raises(InvalidArgument, match="週休日なので"):
        compute_daily_record(DayInput(D(2026, 5, 16), DayType.WEEKLY_REST_DAY, STANDARD_SCHEDULE))
    with pytest.raises(InvalidArgument, match="schedule"):
        compute_daily_record(DayInput(D(2026, 5, 12), DayType.WORKDAY, None))
