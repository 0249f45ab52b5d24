"""Shift duty (特別の形態によって勤務する職員: 消防・保育・病院の交替制) and 週休日の振替.

Sources:

* 勤務時間条例 (mirrors 勤務時間法 第7条): for staff who must work in a special pattern the
  任命権者 sets 週休日 and 勤務時間 by a period of **4週間を超えない期間**, averaging 38時間45分
  a week (§D ✅✅ [S71][S56]); the usual 規則 wording also requires **8 週休日 per 4 weeks**
  and no more than **24 consecutive days** with hours assigned (e.g. 椎葉村 勤務を要しない日及び勤務
  時間の割り振りに関する規則 第2条; 学校職員の勤務時間等に関する規定 (準則)) ❓ — not in the reference.
* 週休日の振替 (勤務時間条例 第5条 / 勤務時間法 第8条 and its 規則): a 勤務日 within the period from
  **4週間前の日** to **8週間後の日** of the 週休日 on which work is ordered may become the 週休日
  (島根県後期高齢者医療広域連合 会計年度任用職員の勤務時間、休暇等に関する規則 第4条; 県職労
  ハンドブック 9). The exact day count (28/56 days) is ❓: the window lives in the dated
  ``working_time`` table, flagged unconfirmed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinji.rules.attendance.clock import MINUTES_PER_DAY, duration_ja
from jinji.rules.attendance.schedules import DAYS_PER_WEEK, WorkingTimeRules, WorkSchedule
from jinji.rules.calendar import is_business_day, is_weekly_rest_day
from jinji.rules.errors import InvalidArgument


@dataclass(frozen=True, slots=True)
class ShiftDay:
    """One day of a shift roster: its ``schedule`` (None: no hours start that day) and whether
    it is a designated 週休日. A day with neither (非番 after a 24-hour 当務) is allowed."""

    schedule: WorkSchedule | None
    weekly_rest: bool = False

    def __post_init__(self) -> None:
        if self.weekly_rest and self.schedule is not None:
            raise InvalidArgument("週休日には勤務時間を割り振れません (週休日は勤務時間を割り振らない日です)")


@dataclass(frozen=True, slots=True)
class ScheduleIssue:
    """A problem with a roster: ``code`` (period / average / rest_days / consecutive) and a Japanese message."""

    code: str
    message: str


def days_with_hours(days: Sequence[ShiftDay]) -> list[bool]:
    """Whether each day has 正規の勤務時間 on it, counting the tail of a shift that crosses midnight."""
    result = [d.schedule is not None for d in days]
    for i, d in enumerate(days[:-1]):
        if d.schedule is not None and d.schedule.end > MINUTES_PER_DAY:
            result[i + 1] = True
    return result


def max_consecutive_working_days(flags: Sequence[bool]) -> int:
    """The longest run of ``True`` (days with hours assigned)."""
    longest = run = 0
    for flag in flags:
        run = run + 1 if flag else 0
        longest = max(longest, run)
    return longest


def check_shift_period(
    days: Sequence[ShiftDay], rules: WorkingTimeRules, *, weekly_minutes: int | None = None, cyclic: bool = True
) -> tuple[ScheduleIssue, ...]:
    """Problems with a roster for one 割振り期間 (empty when it is sound).

    The period must be whole weeks and at most ``averaging_max_weeks`` (4) long; its hours must
    average ``weekly_minutes`` (default 38時間45分) a week; it needs ``rest_days_per_four_weeks``
    (8) 週休日 per 4 weeks; and no more than ``max_consecutive_working_days`` (24) days in a row
    may have hours — across the repeat of the roster too when ``cyclic``.
    """
    n = len(days)
    weeks, rest = divmod(n, DAYS_PER_WEEK)
    if rest or not 1 <= weeks <= rules.averaging_max_weeks:
        return (
            ScheduleIssue(
                "period", f"割振りの期間は1週間単位で{rules.averaging_max_weeks}週間以内にしてください: {n}日"
            ),
        )
    issues: list[ScheduleIssue] = []
    target = rules.weekly_minutes if weekly_minutes is None else weekly_minutes
    scheduled = sum(d.schedule.daily_minutes for d in days if d.schedule is not None)
    if scheduled != target * weeks:
        issues.append(
            ScheduleIssue(
                "average",
                f"{weeks}週間の勤務時間の合計 {duration_ja(scheduled)} が1週間当たり {duration_ja(target)}"
                f" (合計 {duration_ja(target * weeks)}) になっていません",
            )
        )
    rest_days = sum(1 for d in days if d.weekly_rest)
    if rest_days * 4 < rules.rest_days_per_four_weeks * weeks:
        required = rules.rest_days_per_four_weeks * weeks // 4
        issues.append(
            ScheduleIssue("rest_days", f"週休日が {rest_days} 日しかありません ({weeks}週間で{required}日必要)")
        )
    flags = days_with_hours([*days, *days] if cyclic else days)
    longest = max_consecutive_working_days(flags)
    if longest > rules.max_consecutive_working_days:
        issues.append(
            ScheduleIssue(
                "consecutive",
                f"勤務時間を割り振った日が {longest} 日連続しています"
                f" ({rules.max_consecutive_working_days}日を超えられません)",
            )
        )
    return tuple(issues)


def rest_day_transfer_window(work_on: datetime.date, rules: WorkingTimeRules) -> tuple[datetime.date, datetime.date]:
    """週休日の振替 の期間: ``work_on`` の4週間前の日から8週間後の日まで (両端を含む; table values)."""
    return (
        work_on - datetime.timedelta(weeks=rules.transfer_weeks_before),
        work_on + datetime.timedelta(weeks=rules.transfer_weeks_after),
    )


def check_rest_day_transfer(
    *,
    work_on: datetime.date,
    new_rest_day: datetime.date,
    rules: WorkingTimeRules,
    is_rest_day: Callable[[datetime.date], bool] = is_weekly_rest_day,
    is_workday: Callable[[datetime.date], bool] = is_business_day,
) -> None:
    """Refuse an invalid 週休日の振替 (work on the 週休日 ``work_on``, rest on ``new_rest_day`` instead).

    ``work_on`` must be a 週休日; ``new_rest_day`` a 勤務日 (by default a business day: not a 週休日
    and not a 休日 — a 休日 gives no rest to move) inside :func:`rest_day_transfer_window`.
    Pass the roster's own tests for shift workers.
    """
    if not is_rest_day(work_on):
        raise InvalidArgument(f"{work_on.isoformat()} は週休日ではないため、週休日の振替はできません")
    if not is_workday(new_rest_day):
        raise InvalidArgument(f"振替先の {new_rest_day.isoformat()} は勤務日ではありません")
    first, last = rest_day_transfer_window(work_on, rules)
    if not first <= new_rest_day <= last:
        raise InvalidArgument(
            f"振替先の {new_rest_day.isoformat()} は、勤務日 {work_on.isoformat()} の"
            f"{rules.transfer_weeks_before}週間前の日 ({first.isoformat()}) から"
            f"{rules.transfer_weeks_after}週間後の日 ({last.isoformat()}) までの期間の外です"
        )
