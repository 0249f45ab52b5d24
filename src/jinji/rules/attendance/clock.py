"""Clock times of one business day: Japan time, minute offsets, and spans of aware datetimes.

A record's time axis counts whole minutes from 00:00 (Asia/Tokyo) of its business date
(勤務日): 08:30 → 510, 17:15 → 1035, 02:00 the next morning → 1560. Japan has no daylight
saving time, so a fixed UTC+9 offset is exact and needs no time-zone database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument

JST = datetime.timezone(datetime.timedelta(hours=9), "JST")
MINUTES_PER_DAY = 24 * 60
RECORD_END = 2 * MINUTES_PER_DAY
"""A record covers its business date and the next calendar day (a shift or overtime past midnight)."""


def hhmm(offset: int) -> str:
    """Offset → "HH:MM" (past midnight shown as 翌HH:MM)."""
    day, minute = divmod(offset, MINUTES_PER_DAY)
    prefix = "翌" if day == 1 else ("" if day == 0 else f"{day}日後")
    return f"{prefix}{minute // 60:02d}:{minute % 60:02d}"


def duration_ja(minutes: int) -> str:
    """Minutes → "7時間45分" (a negative amount keeps its sign)."""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    if not hours:
        return f"{sign}{rest}分"
    return f"{sign}{hours}時間{rest}分" if rest else f"{sign}{hours}時間"


def require_aware(value: object, *, label: str) -> datetime.datetime:
    """A timezone-aware datetime, or :class:`InvalidArgument` naming ``label``."""
    if not isinstance(value, datetime.datetime):
        raise InvalidArgument(f"{label} は日時 (datetime) で指定してください: {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidArgument(f"{label} にはタイムゾーンが必要です (例: +09:00): {value.isoformat()}")
    return value


def minute_offset(moment: datetime.datetime, day: datetime.date, *, round_up: bool, label: str) -> int:
    """Minutes from 00:00 JST of ``day`` to ``moment``; seconds are rounded up or down to the minute.

    Clock-in times round up and clock-out times round down, so only whole minutes actually
    present are counted (a punch at 08:29:30 counts from 08:30).
    """
    local = require_aware(moment, label=label).astimezone(JST)
    days = (local.date() - day).days
    offset = days * MINUTES_PER_DAY + local.hour * 60 + local.minute
    if round_up and (local.second or local.microsecond):
        offset += 1
    return offset


def at_offset(day: datetime.date, offset: int) -> datetime.datetime:
    """The aware datetime (JST) at ``offset`` minutes from 00:00 of ``day``."""
    return datetime.datetime.combine(day, datetime.time(), tzinfo=JST) + datetime.timedelta(minutes=offset)


def time_offset(value: datetime.time, *, label: str) -> int:
    """A wall-clock time → minutes from midnight (seconds are not allowed in a schedule)."""
    if not isinstance(value, datetime.time):
        raise InvalidArgument(f"{label} は時刻 (datetime.time) で指定してください: {value!r}")
    if value.second or value.microsecond:
        raise InvalidArgument(f"{label} は分単位で指定してください: {value.isoformat()}")
    return value.hour * 60 + value.minute


@dataclass(frozen=True, slots=True)
class TimeSpan:
    """A stretch of time between two aware datetimes (leave taken by the hour, an overtime order …)."""

    start: datetime.datetime
    end: datetime.datetime

    def __post_init__(self) -> None:
        require_aware(self.start, label="開始日時")
        require_aware(self.end, label="終了日時")
        if self.end <= self.start:
            raise InvalidArgument(
                f"終了日時 ({self.end.isoformat()}) が開始日時 ({self.start.isoformat()}) より後ではありません"
            )

    def offsets(self, day: datetime.date, *, label: str) -> tuple[int, int]:
        """This span on ``day``'s time axis, checked to lie within the record (当日0時〜翌日24時)."""
        start = minute_offset(self.start, day, round_up=False, label=label)
        end = minute_offset(self.end, day, round_up=True, label=label)
        if start < 0 or end > RECORD_END:
            raise InvalidArgument(
                f"{label} ({self.start.isoformat()}〜{self.end.isoformat()}) が勤務日 {day.isoformat()} の"
                "範囲 (当日0時〜翌日24時) の外です"
            )
        return start, end
