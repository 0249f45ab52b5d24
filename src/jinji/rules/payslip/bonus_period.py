"""在職期間 (期末手当) and 勤務期間 (勤勉手当) in the 6 months before a bonus 基準日, from date periods.

The window is the 6 months up to the 基準日: 12/2〜6/1 for 6/1 and 6/2〜12/1 for 12/1
(給与法 第19条の4第2項 「基準日以前6箇月以内の期間」). Counting (payroll-rules.md §C8):

* 在職期間 (期末): days in service; 休職 and 育児休業 days count at half (the other half is
  deducted, 1日未満 in the employee's favour ❓ rounding not in the reference); 停職 and
  専従 days do not count.
* 勤務期間 (勤勉): days in service less every 休職, 育児休業, 停職 and 専従 day
  (人事院規則9-40 第11条, mirrored; ❓ the reference lists the 期末 rule only, the short-leave
  exceptions of the 規則 are not applied).
* Days become months at 30 days a month (❓ 「30日をもって1月とする」 convention); the whole
  window is 6 months.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.bonus import ServicePeriod

Period = tuple[datetime.date, datetime.date | None]
"""(first day, last day) both inclusive; last None = open-ended."""

HALF_KINDS = frozenset({"leave_of_absence", "childcare_leave"})  # 休職, 育児休業: 期末 at half
NONE_KINDS = frozenset({"suspension", "union_duty"})  # 停職, 専従: not counted
ABSENCE_KINDS = HALF_KINDS | NONE_KINDS


@dataclass(frozen=True, slots=True)
class Absence:
    """A period of ``kind`` (``leave_of_absence``, ``childcare_leave``, ``suspension``, ``union_duty``)."""

    kind: str
    start: datetime.date
    end: datetime.date | None

    def __post_init__(self) -> None:
        if self.kind not in ABSENCE_KINDS:
            raise InvalidArgument(f"除算期間の種類は {sorted(ABSENCE_KINDS)} のいずれかです: {self.kind!r}")


def bonus_window(base_date: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(first, last) day of the 6 months up to ``base_date`` (6/1 or 12/1)."""
    if base_date.day != 1 or base_date.month not in (6, 12):
        raise InvalidArgument(f"期末・勤勉手当の基準日は6月1日か12月1日です: {base_date.isoformat()}")
    year, month = (base_date.year - 1, 12) if base_date.month == 6 else (base_date.year, 6)
    return datetime.date(year, month, 2), base_date


def _days(periods: Iterable[Period], first: datetime.date, last: datetime.date) -> set[int]:
    out: set[int] = set()
    for start, end in periods:
        lo = max(start, first).toordinal()
        hi = min(end or last, last).toordinal()
        out.update(range(lo, hi + 1))
    return out


def to_period(days: int, window_days: int) -> ServicePeriod:
    """``days`` of a ``window_days`` window as months and days (30 days a month; the whole window is 6 months)."""
    if days >= window_days:
        return ServicePeriod(6)
    months, rest = divmod(max(days, 0), 30)
    if months >= 6:
        return ServicePeriod(5, 30)
    return ServicePeriod(months, rest)


@dataclass(frozen=True, slots=True)
class ServicePeriods:
    term_end: ServicePeriod  # 在職期間 (期末手当)
    diligence: ServicePeriod  # 勤務期間 (勤勉手当)


FULL = ServicePeriods(ServicePeriod(6), ServicePeriod(6))


def service_periods(
    base_date: datetime.date, *, service: Iterable[Period], absences: Iterable[Absence] = ()
) -> ServicePeriods:
    """在職期間 and 勤務期間 before ``base_date`` from the periods in service (本務, any 任命権者 of
    the organization; they may overlap) and the absences inside them."""
    first, last = bonus_window(base_date)
    service = list(service)
    absences = list(absences)
    if not absences and any(start <= first and (end is None or end >= last) for start, end in service):
        return FULL  # the usual case, without counting days
    window = last.toordinal() - first.toordinal() + 1
    served = _days(service, first, last)
    half: set[int] = set()
    none: set[int] = set()
    for a in absences:
        (half if a.kind in HALF_KINDS else none).update(_days([(a.start, a.end)], first, last))
    none &= served
    half = (half & served) - none
    term_end_days = len(served) - len(none) - len(half) // 2
    diligence_days = len(served) - len(none) - len(half)
    return ServicePeriods(to_period(term_end_days, window), to_period(diligence_days, window))
