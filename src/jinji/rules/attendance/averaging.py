"""The 4-week averaging check (4週間を超えない期間につき1週間当たり38時間45分).

Source: 勤務時間条例 第2条・第4条 (mirrors 勤務時間法 第5条・第7条): for staff in a special
pattern (交替制) the hours may be arranged so that they average **38時間45分 a week over a period
of no more than 4 weeks** — payroll-rules.md §D ✅✅ [S71][S56]. Here each consecutive period of
``averaging_max_weeks`` weeks from the roster's 起算日 must not exceed that average; a shorter last
period (the end of the checked range) is held to the same weekly average, pro rata by days.
A 24-hour duty's hours count on the day it starts.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from jinji.rules.attendance.clock import duration_ja
from jinji.rules.attendance.schedules import DAYS_PER_WEEK, WorkingTimeRules
from jinji.rules.attendance.shifts import ScheduleIssue, ShiftDay
from jinji.rules.errors import InvalidArgument


@dataclass(frozen=True, slots=True)
class AveragingPeriod:
    """One averaging period: its first day, length in days and scheduled minutes."""

    first: datetime.date
    days: int
    minutes: int
    weekly_minutes: int

    @property
    def last(self) -> datetime.date:
        return self.first + datetime.timedelta(days=self.days - 1)

    @property
    def weekly_average(self) -> int:
        """Scheduled minutes per week over the period (truncated to the minute)."""
        return self.minutes * DAYS_PER_WEEK // self.days

    @property
    def within(self) -> bool:
        """平均が1週間当たり ``weekly_minutes`` 以下 (exact integer comparison: minutes × 7 ≤ weekly × days)."""
        return self.minutes * DAYS_PER_WEEK <= self.weekly_minutes * self.days


def scheduled_minutes(days: Sequence[ShiftDay]) -> list[int]:
    """正規の勤務時間 of each day (a night duty's whole length on its start day; 非番・週休日 0)."""
    return [d.schedule.daily_minutes if d.schedule is not None else 0 for d in days]


def averaging_periods(
    minutes: Sequence[int], *, first_day: datetime.date, rules: WorkingTimeRules, weekly_minutes: int | None = None
) -> tuple[AveragingPeriod, ...]:
    """Consecutive periods of ``averaging_max_weeks`` weeks from ``first_day`` over the day minutes given."""
    if not minutes:
        raise InvalidArgument("確認する日がありません")
    if any(m < 0 for m in minutes):
        raise InvalidArgument("勤務時間に負の値があります")
    length = rules.averaging_max_weeks * DAYS_PER_WEEK
    weekly = rules.weekly_minutes if weekly_minutes is None else weekly_minutes
    return tuple(
        AveragingPeriod(first_day + datetime.timedelta(days=i), len(chunk), sum(chunk), weekly)
        for i in range(0, len(minutes), length)
        for chunk in (list(minutes[i : i + length]),)
    )


def check_four_week_average(
    days: Sequence[ShiftDay], *, first_day: datetime.date, rules: WorkingTimeRules, weekly_minutes: int | None = None
) -> tuple[ScheduleIssue, ...]:
    """One ``average`` issue per period whose weekly average exceeds 38時間45分 (empty when all are within)."""
    periods = averaging_periods(
        scheduled_minutes(days), first_day=first_day, rules=rules, weekly_minutes=weekly_minutes
    )
    return tuple(
        ScheduleIssue(
            "average",
            f"{p.first.isoformat()}〜{p.last.isoformat()} の勤務時間は1週間当たり平均 {duration_ja(p.weekly_average)}"
            f" で、{duration_ja(p.weekly_minutes)} を超えています",
        )
        for p in periods
        if not p.within
    )
