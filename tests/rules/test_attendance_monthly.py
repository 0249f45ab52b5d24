"""The monthly summary: totals by class, the 60-hour split in date/time order, rounding, payroll input.

June 2026 has no 祝日: its 22 weekdays are 1–5, 8–12, 15–19, 22–26, 29, 30. Hand-derived from
給与法 第16条第2項 / reference §C7: the first 60 h (3,600 min) of the month's overtime keep their
class; every minute after is 150/100 (22–5時: 175/100); 休日勤務 does not count toward the 60 h.
"""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.attendance import (
    JST,
    STANDARD_SCHEDULE,
    DailyRecord,
    DayInput,
    DayType,
    Punch,
    compute_daily_record,
    round_monthly_minutes,
    summarize_month,
    to_pay_attendance,
)
from jinji.rules.errors import InvalidArgument
from jinji.rules.payslip.inputs import MonthAttendance, SpecialDutyCount

D = datetime.date
JUNE_WORKDAYS = [
    D(2026, 6, d) for d in (1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 29, 30)
]


def at(day: D, h: int, m: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(h, m), tzinfo=JST)


def work(day: D, end_h: int, end_m: int = 0, *, start: tuple[int, int] = (8, 30)) -> DailyRecord:
    p = Punch(at(day, *start), at(day, end_h, end_m))
    return compute_daily_record(DayInput(day, DayType.WORKDAY, STANDARD_SCHEDULE, (p,)))


def test_sixty_hours_split_at_the_boundary_day() -> None:
    # 22 days to 20:15: 3 h overtime a day. Days 1–20 make exactly 60 h; days 21–22 (6/29, 6/30) are beyond.
    records = [work(d, 20, 15) for d in JUNE_WORKDAYS]
    s = summarize_month(records, year=2026, month=6)
    assert (s.overtime_normal, s.overtime_over60, s.overtime_normal_night) == (3_600, 360, 0)
    assert s.over60_from == D(2026, 6, 29)
    assert (s.worked_days, s.regular_minutes, s.cap_minutes) == (22, 22 * 465, 3_960)


def test_sixty_hours_split_inside_a_day_and_its_night() -> None:
    # 19 days × 3 h = 57 h; the 20th day (6/26) works to 23:15: 17:15–22:00 (285) and 22:00–23:15 (75 night).
    # The 60th hour is reached 180 minutes into that day: 180 at 125, 105 at 150, the 75 night minutes at 175.
    records = [work(d, 20, 15) for d in JUNE_WORKDAYS[:19]] + [work(JUNE_WORKDAYS[19], 23, 15)]
    s = summarize_month(reversed(records), year=2026, month=6)  # input order does not matter
    assert (s.overtime_normal, s.overtime_over60, s.overtime_over60_night, s.overtime_normal_night) == (
        3_600,
        105,
        75,
        0,
    )
    assert s.over60_from == D(2026, 6, 26)


def test_rest_day_work_beyond_sixty_hours_is_150_and_holiday_work_does_not_count() -> None:
    records = [work(d, 20, 15) for d in JUNE_WORKDAYS[:20]]  # exactly 60 h by 6/26
    sat = D(2026, 6, 27)
    records.append(
        compute_daily_record(DayInput(sat, DayType.WEEKLY_REST_DAY, None, (Punch(at(sat, 9), at(sat, 11)),)))
    )
    s = summarize_month(records, year=2026, month=6)
    assert (s.overtime_rest_day, s.overtime_over60) == (0, 120)
    assert (s.worked_days, s.off_days_worked) == (20, 1)
    # A 休日 worked for its regular hours only: 休日勤務, outside the 60 h count.
    hol = D(2026, 7, 20)
    july = [
        work(D(2026, 7, 1), 20, 15),
        compute_daily_record(
            DayInput(hol, DayType.HOLIDAY, STANDARD_SCHEDULE, (Punch(at(hol, 8, 30), at(hol, 17, 15)),))
        ),
    ]
    j = summarize_month(july, year=2026, month=7)
    assert (j.holiday_work, j.overtime_normal, j.cap_minutes) == (465, 180, 180)


def test_absence_days_minutes_and_paid_leave() -> None:
    day1, day2, day3 = JUNE_WORKDAYS[:3]
    absent = compute_daily_record(DayInput(day1, DayType.WORKDAY, STANDARD_SCHEDULE))
    late = work(day2, 17, 15, start=(9, 0))  # 30 minutes late
    leave = compute_daily_record(
        DayInput(day3, DayType.WORKDAY, STANDARD_SCHEDULE, excused=(STANDARD_SCHEDULE.span_on(day3),))
    )
    s = summarize_month([absent, late, leave], year=2026, month=6)
    assert (s.absence_days, s.absence_minutes, s.late_minutes) == (1, 30, 30)
    assert (s.paid_leave_days, s.excused_minutes, s.worked_days) == (1, 465, 1)


@pytest.mark.parametrize(("minutes", "rounded"), [(0, 0), (29, 0), (30, 60), (89, 60), (90, 120), (3_629, 3_600)])
def test_thirty_minute_rounding_of_monthly_totals(minutes: int, rounded: int) -> None:
    # §C7: 30分以上は1時間に切上げ、30分未満は切捨て
    assert round_monthly_minutes(minutes) == rounded


def test_rounded_hours_per_class() -> None:
    records = [work(JUNE_WORKDAYS[0], 22, 40)]  # 17:15–22:00 = 4h45m → 5 h; 22:00–22:40 = 40 min → 1 h
    s = summarize_month(records, year=2026, month=6)
    hours = s.rounded_hours()
    assert (hours["overtime_normal"], hours["overtime_normal_night"], hours["overtime_over60"]) == (5, 1, 0)


def test_to_pay_attendance_maps_every_field() -> None:
    records = [work(d, 20, 15) for d in JUNE_WORKDAYS]
    absent = compute_daily_record(DayInput(D(2026, 6, 30), DayType.WORKDAY, STANDARD_SCHEDULE))
    s = summarize_month([*records[:-1], absent], year=2026, month=6)
    duty = (SpecialDutyCount("hazard", 2),)
    pay = to_pay_attendance(s, special_duties=duty)
    assert isinstance(pay, MonthAttendance)
    assert (pay.overtime_normal, pay.overtime_over60) == (3_600, 180)
    assert (pay.absence_days, pay.absence_minutes) == (1, 0)
    assert (pay.days_worked, pay.minutes_worked) == (21, 21 * 465)
    assert pay.special_duties == duty
    assert pay.overtime_minutes() == (("normal", 3_600), ("over60", 180))


def test_records_of_another_month_or_twice_the_same_day_are_refused() -> None:
    r = work(JUNE_WORKDAYS[0], 17, 15)
    with pytest.raises(InvalidArgument, match="含められません"):
        summarize_month([r], year=2026, month=7)
    with pytest.raises(InvalidArgument, match="重複"):
        summarize_month([r, r], year=2026, month=6)


def test_the_summary_prices_on_the_payslip() -> None:
    # An hourly-paid 会計年度任用職員 at 1,200 yen: 21 days × 7h45m = 162h45m → 195,300 yen;
    # overtime 60 h × 1,200 × 125/100 (1,500) = 90,000 and 3 h × 1,200 × 150/100 (1,800) = 5,400.
    from jinji.rules.payslip import AppointeePay, PayInput, compute_payslip

    s = summarize_month([work(d, 20, 15) for d in JUNE_WORKDAYS[:21]], year=2026, month=6)
    result = compute_payslip(
        PayInput("e1", D(2026, 7, 17), appointee=AppointeePay("hourly", 1_200), attendance=to_pay_attendance(s))
    )
    amounts = {item.code: item.amount for item in result.earnings}
    assert amounts == {"remuneration": 195_300, "overtime_pay": 95_400}
