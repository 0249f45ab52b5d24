"""The month's attendance summary (出勤簿の月計) that payroll consumes.

Sources: 給与法 第16条第2項 and the 給与条例 (月60時間を超えた時間外勤務は 150/100, 22–5時は
175/100; 休日勤務 is not counted) — reference §C7 ✅✅ [S56][S52]; the month's minutes are summed
per rate class and 30分以上 rounded up to 1時間, under 30 minutes dropped (§C7 ✅✅ [S57]).

The 60-hour split runs over the month's overtime in date and time order: the first 60 hours
keep their class (125/135, night 150/160), every later minute becomes over60 (150) or
over60_night (175) — :func:`jinji.rules.pay.classify_overtime`, fed here in that order. A record
belongs to the month of its business date (a night that starts on 3/31 counts in March).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.rules.attendance.daily import DailyRecord, DayType
from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.overtime import OvertimeBlock, OvertimeRules, classify_overtime, monthly_hours, overtime_rules
from jinji.rules.payslip.inputs import MonthAttendance, SpecialDutyCount
from jinji.rules.tables import TableStore

OVERTIME_FIELDS = (
    "overtime_normal",
    "overtime_normal_night",
    "overtime_rest_day",
    "overtime_rest_day_night",
    "overtime_over60",
    "overtime_over60_night",
)


def round_monthly_minutes(minutes: int) -> int:
    """月計の端数処理 (§C7): 30分以上は1時間に切上げ、30分未満は切捨て — result in minutes."""
    return monthly_hours(minutes) * 60


@dataclass(frozen=True, slots=True)
class MonthlyAttendanceSummary:
    """One employee's month, in integer minutes (the 60-hour split applied, no rounding yet).

    Overtime fields match :class:`jinji.rules.payslip.inputs.MonthAttendance`; see
    :func:`to_pay_attendance`. ``cap_minutes`` is what the overtime caps count.
    """

    year: int
    month: int
    worked_days: int  # 勤務日 on which some scheduled time was worked
    off_days_worked: int  # 週休日・休日 on which the employee worked (paid through overtime/holiday classes)
    worked_minutes: int
    regular_minutes: int
    overtime_normal: int
    overtime_normal_night: int
    overtime_rest_day: int
    overtime_rest_day_night: int
    overtime_over60: int
    overtime_over60_night: int
    holiday_work: int
    night_work: int
    night_minutes: int
    late_minutes: int
    early_leave_minutes: int
    absence_days: int
    absence_minutes: int
    excused_minutes: int
    paid_leave_days: int
    unordered_minutes: int
    over60_from: datetime.date | None = None

    @property
    def cap_minutes(self) -> int:
        """超過勤務 of the month for the caps (人事院規則15-14 第16条の2の2): every overtime class."""
        return sum(getattr(self, name) for name in OVERTIME_FIELDS)

    def rounded_hours(self) -> dict[str, int]:
        """Hours per pay class after the 30-minute rule (what the payslip multiplies)."""
        names = (*OVERTIME_FIELDS, "holiday_work", "night_work")
        return {name: monthly_hours(getattr(self, name)) for name in names}


def _reject(day: datetime.date, year: int, month: int) -> InvalidArgument:
    """The error for a record of another month, or a second record of ``day``."""
    if (day.year, day.month) != (year, month):
        return InvalidArgument(f"{day.isoformat()} の記録は {year}年{month}月 の集計に含められません")
    return InvalidArgument(f"{day.isoformat()} の記録が重複しています")


def _over60_from(overtime: list[tuple[datetime.date, int]], threshold: int) -> datetime.date | None:
    used = 0
    for day, minutes in overtime:
        used += minutes
        if used > threshold:
            return day
    return None


def _day_of(record: DailyRecord) -> datetime.date:
    return record.day


def summarize_month(
    records: Iterable[DailyRecord],
    *,
    year: int,
    month: int,
    rules: OvertimeRules | None = None,
    store: TableStore | None = None,
) -> MonthlyAttendanceSummary:
    """Totals of the month's daily records; ``rules`` default to the ``overtime_rates`` table of the month.

    One pass in date order (each record checked to be of the month, one a day): a day counts as
    worked when it has regular minutes, as paid leave when its scheduled hours were all excused
    and none worked; a whole-day absence counts as a day, not as minutes."""
    seen: set[datetime.date] = set()
    worked_days = off_days = worked = regular = holiday = night_work = night = late = early = 0
    absence_days = absence = excused = leave_days = unordered = 0
    blocks: list[OvertimeBlock] = []
    overtime: list[tuple[datetime.date, int]] = []  # (day, minutes) of the days with overtime, in order
    workday = DayType.WORKDAY
    for r in sorted(records, key=_day_of):
        day = r.day
        if day.month != month or day.year != year or day in seen:
            raise _reject(day, year, month)
        seen.add(day)
        day_worked, scheduled = r.worked_minutes, r.scheduled_minutes
        if r.regular_minutes:
            worked_days += 1
            regular += r.regular_minutes
        if day_worked:
            worked += day_worked
            if r.day_type is not workday:
                off_days += 1
        elif scheduled and r.excused_minutes == scheduled:
            leave_days += 1  # scheduled hours spent entirely on paid leave
        holiday += r.holiday_work_minutes
        night_work += r.night_work_minutes
        night += r.night_minutes
        late += r.late_minutes
        early += r.early_leave_minutes
        if r.absent_whole_day:
            absence_days += 1
        else:
            absence += r.absence_minutes
        excused += r.excused_minutes
        unordered += r.unordered_minutes
        if r.overtime:
            blocks += [OvertimeBlock(s.minutes, rest_day=s.rest_day, night=s.night) for s in r.overtime]
            overtime.append((day, r.overtime_minutes))
    if rules is None:
        rules = overtime_rules(datetime.date(year, month, 1), store).data
    classes = classify_overtime(blocks, rules)
    return MonthlyAttendanceSummary(
        year=year,
        month=month,
        worked_days=worked_days,
        off_days_worked=off_days,
        worked_minutes=worked,
        regular_minutes=regular,
        overtime_normal=classes["normal"],
        overtime_normal_night=classes["normal_night"],
        overtime_rest_day=classes["rest_day"],
        overtime_rest_day_night=classes["rest_day_night"],
        overtime_over60=classes["over60"],
        overtime_over60_night=classes["over60_night"],
        holiday_work=holiday,
        night_work=night_work,
        night_minutes=night,
        late_minutes=late,
        early_leave_minutes=early,
        absence_days=absence_days,
        absence_minutes=absence,
        excused_minutes=excused,
        paid_leave_days=leave_days,
        unordered_minutes=unordered,
        over60_from=_over60_from(overtime, rules.sixty_hour_threshold_minutes),
    )


def to_pay_attendance(
    summary: MonthlyAttendanceSummary,
    *,
    special_duties: tuple[SpecialDutyCount, ...] = (),
    paid_leave_as_worked: bool = True,
) -> MonthAttendance:
    """The payslip's :class:`MonthAttendance` from the summary (minutes unrounded: the payslip rounds).

    ``days_worked`` / ``minutes_worked`` (日額・時間額の報酬) count paid leave as worked when
    ``paid_leave_as_worked`` (年次休暇 is paid at the ordinary wage, 労基法第39条第9項).
    """
    leave_days = summary.paid_leave_days if paid_leave_as_worked else 0
    leave_minutes = summary.excused_minutes if paid_leave_as_worked else 0
    return MonthAttendance(
        overtime_normal=summary.overtime_normal,
        overtime_normal_night=summary.overtime_normal_night,
        overtime_rest_day=summary.overtime_rest_day,
        overtime_rest_day_night=summary.overtime_rest_day_night,
        overtime_over60=summary.overtime_over60,
        overtime_over60_night=summary.overtime_over60_night,
        holiday_work=summary.holiday_work,
        night_work=summary.night_work,
        absence_days=summary.absence_days,
        absence_minutes=summary.absence_minutes,
        days_worked=summary.worked_days + leave_days,
        minutes_worked=summary.regular_minutes + leave_minutes,
        special_duties=special_duties,
    )
