"""Which months owe contributions: membership period, age limits, 産休/育休 waivers.

Months are given as any :class:`datetime.date` inside the month.

* Membership (payroll-rules.md §B1 "Collection period", ✅✅ [S34][S46]): from the month of
  資格取得 (a mid-month start still owes the full month) to the month *before* the month of
  資格喪失. ``lost_on`` is the 資格喪失日 — the day after retirement or death (退職日の翌日), so
  retiring on 3/31 owes March and retiring on 3/30 does not. One exception not in the
  reference, applied because 厚生年金保険法第19条第2項 and 健康保険法第156条 state it: when
  membership is gained and lost in the same month (同月得喪), that month is owed.
* Age (年齢計算ニ関スル法律; 民法第143条): an age is reached on the day before the birthday.
  介護掛金 (§B1: "age 40–64 only") is owed from the month in which 40 is reached to the month
  before the month in which 65 is reached (介護保険法第9条第2号 の第2号被保険者); 厚生年金 and
  退職等年金給付 (§B1: "長期組合員 under 70") stop from the month in which 70 is reached.
* Waivers (§B1, ✅ [S32]; 健康保険法第159条・第159条の3, 厚生年金保険法第81条の2・第81条の2の2):
  the months from the month the leave starts to the month before the month that contains
  the day after it ends. 育児休業 starting and ending in one month with no month so waived:
  that month is waived when the leave lasts 14 days or more. A bonus is waived only in a
  waived month and, for 育児休業, only when the leave lasts more than one month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from jinji.rules.errors import InvalidArgument

NURSING_CARE_FROM_AGE = 40
NURSING_CARE_UNTIL_AGE = 65
PENSION_UNTIL_AGE = 70
SAME_MONTH_CHILDCARE_MIN_DAYS = 14


def _month_index(day: datetime.date) -> int:
    if type(day) is not datetime.date:
        raise InvalidArgument(f"日付 (datetime.date) で指定してください: {day!r}")
    return day.year * 12 + day.month - 1


def age_reached_on(birth_date: datetime.date, age: int) -> datetime.date:
    """The day ``age`` is reached: the day before that birthday (29 Feb births: 28 Feb)."""
    year = birth_date.year + age
    try:
        birthday = birth_date.replace(year=year)
    except ValueError:  # 29 February in a common year: the 応当日 is 1 March
        birthday = datetime.date(year, 3, 1)
    return birthday - datetime.timedelta(days=1)


def contribution_due(*, acquired_on: datetime.date, lost_on: datetime.date | None, month: datetime.date) -> bool:
    """Whether membership from 資格取得日 ``acquired_on`` to 資格喪失日 ``lost_on`` owes ``month``."""
    m, start = _month_index(month), _month_index(acquired_on)
    if lost_on is None:
        return m >= start
    end = _month_index(lost_on)
    if lost_on <= acquired_on:
        raise InvalidArgument(
            f"資格喪失日 {lost_on.isoformat()} は資格取得日 {acquired_on.isoformat()} より後にしてください"
        )
    if start == end:  # 同月得喪
        return m == start
    return start <= m < end


def nursing_care_due(*, birth_date: datetime.date, month: datetime.date) -> bool:
    """介護掛金 / 介護保険料 owed for ``month``: from the month 40 is reached to the month
    before the month 65 is reached."""
    m = _month_index(month)
    start = _month_index(age_reached_on(birth_date, NURSING_CARE_FROM_AGE))
    end = _month_index(age_reached_on(birth_date, NURSING_CARE_UNTIL_AGE))
    return start <= m < end


def pension_due(*, birth_date: datetime.date, month: datetime.date) -> bool:
    """厚生年金 / 退職等年金給付 owed for ``month``: before the month 70 is reached."""
    return _month_index(month) < _month_index(age_reached_on(birth_date, PENSION_UNTIL_AGE))


class LeaveKind(StrEnum):
    MATERNITY = "maternity"  # 産前産後休業
    CHILDCARE = "childcare"  # 育児休業


@dataclass(frozen=True, slots=True)
class Leave:
    """A 産前産後休業 or 育児休業 from ``start`` to ``end`` (both inclusive)."""

    kind: LeaveKind
    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if not isinstance(self.kind, LeaveKind):
            raise InvalidArgument(f"休業の種類は LeaveKind で指定してください: {self.kind!r}")
        _month_index(self.start)
        _month_index(self.end)
        if self.end < self.start:
            raise InvalidArgument(f"休業の終了日 {self.end.isoformat()} が開始日 {self.start.isoformat()} より前です")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def exceeds_one_month(self) -> bool:
        """期間が1か月を超える (民法第143条: one month from ``start`` ends the day before the
        same day of the next month, or at the end of that month when it has no such day)."""
        index = _month_index(self.start) + 1
        year, month = divmod(index, 12)
        try:
            one_month_end = datetime.date(year, month + 1, self.start.day) - datetime.timedelta(days=1)
        except ValueError:
            one_month_end = datetime.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1) - datetime.timedelta(
                days=1
            )
        return self.end > one_month_end


def monthly_contribution_waived(*, leave: Leave, month: datetime.date) -> bool:
    """Whether the monthly contributions for ``month`` are waived by ``leave``."""
    m = _month_index(month)
    first = _month_index(leave.start)
    after_end = _month_index(leave.end + datetime.timedelta(days=1))
    if first <= m < after_end:
        return True
    return leave.kind is LeaveKind.CHILDCARE and first == after_end == m and leave.days >= SAME_MONTH_CHILDCARE_MIN_DAYS


def bonus_contribution_waived(*, leave: Leave, paid_on: datetime.date) -> bool:
    """Whether a bonus paid on ``paid_on`` is waived by ``leave``."""
    m = _month_index(paid_on)
    if not _month_index(leave.start) <= m < _month_index(leave.end + datetime.timedelta(days=1)):
        return False
    return leave.kind is LeaveKind.MATERNITY or leave.exceeds_one_month()
