"""Shift rotations (交替制勤務の割当): which day of a duty cycle (当番・非番・日勤・週休日 …) falls on a date.

A rotation repeats the pattern's days without end from ``starts_on``, which is day ``offset``
of the cycle (the 起算日 the 任命権者 sets; 勤務時間条例 第4条 / 勤務時間法 第7条 — §D ✅✅ [S71]).
A 24-hour duty such as 8:30〜翌8:30 belongs to the day it starts; the next day is usually 非番
(no hours assigned, not a 週休日).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from jinji.rules.attendance.shifts import ShiftDay
from jinji.rules.errors import InvalidArgument


@dataclass(frozen=True, slots=True)
class Rotation:
    """The cycle ``days`` from ``starts_on`` (day number ``offset`` of the cycle on that date)."""

    days: tuple[ShiftDay, ...]
    starts_on: datetime.date
    offset: int = 0

    def __post_init__(self) -> None:
        if not self.days:
            raise InvalidArgument("交替制勤務のパターンに日がありません")
        if not 0 <= self.offset < len(self.days):
            raise InvalidArgument(
                f"開始日の周期内の日は 1〜{len(self.days)} の範囲で指定してください: {self.offset + 1}"
            )

    def position_on(self, day: datetime.date) -> int:
        """The cycle position (0-based) of ``day``; days before ``starts_on`` continue the cycle backwards."""
        return (self.offset + (day - self.starts_on).days) % len(self.days)

    def day_on(self, day: datetime.date) -> ShiftDay:
        """The pattern day that applies on ``day``."""
        return self.days[self.position_on(day)]

    def plan(self, first: datetime.date, last: datetime.date) -> list[ShiftDay]:
        """Each day from ``first`` to ``last`` (inclusive)."""
        if last < first:
            raise InvalidArgument(f"期間の終わり ({last.isoformat()}) が始め ({first.isoformat()}) より前です")
        return [self.day_on(first + datetime.timedelta(days=n)) for n in range((last - first).days + 1)]


def unrolled(days: Sequence[ShiftDay], length: int, *, offset: int = 0) -> list[ShiftDay]:
    """``length`` days of the cycle ``days`` starting at position ``offset`` (to check a pattern over 4 weeks)."""
    if not days:
        raise InvalidArgument("交替制勤務のパターンに日がありません")
    return [days[(offset + n) % len(days)] for n in range(length)]
