"""Work schedules (勤務時間の割振り): the standard day, 時差出勤, short-time weeks, and the dated
working-time constants they are checked against.

Sources:

* 職員の勤務時間、休暇等に関する条例 (each authority; mirrors 一般職の職員の勤務時間、休暇等に関する
  法律 (勤務時間法) 第5条〜第9条): 1週間の勤務時間 38時間45分; 月曜日から金曜日までの5日間
  1日につき7時間45分を割り振る; 休憩時間 (労基法第34条: 6時間を超える場合45分、8時間を超える
  場合1時間). Reference payroll-rules.md §D ✅✅ [S71][S56].
* 時差出勤 (早出遅出勤務): 人事院規則10-11, local 規則 — the same day shifted earlier or later.
* 定年前再任用短時間勤務職員: 1週間 15時間30分〜31時間 (地方公務員法 第22条の4; §D ✅ [S71]).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from jinji.rules.attendance._intervals import Span, Spans, subtract, total
from jinji.rules.attendance.clock import MINUTES_PER_DAY, TimeSpan, at_offset, duration_ja, hhmm, time_offset
from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import positive_int_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "working_time"
DAYS_PER_WEEK = 7


def _int(value: object, label: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{label} は整数 (分) で指定してください: {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class WorkSchedule:
    """One day's 正規の勤務時間: ``start``–``end`` in minutes from 00:00 of the business date
    (``end`` past 1440 for a shift that crosses midnight, at most 24 hours after ``start``),
    with ``breaks`` (休憩時間) inside it. ``code`` names a pattern (時差出勤 "A", 当務 …)."""

    start: int
    end: int
    breaks: tuple[Span, ...] = ()
    code: str = ""

    def __post_init__(self) -> None:
        start, end = _int(self.start, "始業"), _int(self.end, "終業")
        if not 0 <= start < MINUTES_PER_DAY:
            raise InvalidArgument(f"始業時刻は当日の0時〜24時の間で指定してください: {start}")
        if not start < end <= start + MINUTES_PER_DAY:
            raise InvalidArgument(f"終業 ({hhmm(end)}) は始業 ({hhmm(start)}) の後、24時間以内で指定してください")
        previous = start
        for b_start, b_end in self.breaks:
            _int(b_start, "休憩の開始")
            _int(b_end, "休憩の終了")
            if not previous <= b_start < b_end <= end:
                raise InvalidArgument(
                    f"休憩時間 {hhmm(b_start)}〜{hhmm(b_end)} は勤務時間内に、重ならず時刻順に指定してください"
                )
            previous = b_end
        if self.daily_minutes <= 0:
            raise InvalidArgument("休憩時間を除いた勤務時間が0分です")

    @classmethod
    def from_times(
        cls,
        start: datetime.time,
        end: datetime.time,
        *,
        breaks: Sequence[tuple[datetime.time, datetime.time]] = (),
        code: str = "",
    ) -> WorkSchedule:
        """From wall-clock times; a time not after ``start`` is on the next day (夜勤・当務)."""
        s = time_offset(start, label="始業")

        def later(value: datetime.time, label: str) -> int:
            offset = time_offset(value, label=label)
            return offset + MINUTES_PER_DAY if offset <= s else offset

        spans = tuple((later(a, "休憩の開始"), later(b, "休憩の終了")) for a, b in breaks)
        return cls(s, later(end, "終業"), spans, code)

    @property
    def daily_minutes(self) -> int:
        """正規の勤務時間 of the day: 終業 − 始業 − 休憩 (8:30–17:15, 休憩60分 → 465 = 7時間45分)."""
        return self.end - self.start - total(self.breaks)

    def work_spans(self) -> Spans:
        """The scheduled working minutes (breaks removed)."""
        return subtract(((self.start, self.end),), self.breaks)

    def half_day_minutes(self) -> tuple[int, int]:
        """(午前, 午後): working minutes before the first break and after it (半日単位の休暇の時間数)."""
        if not self.breaks:
            raise InvalidArgument("休憩時間のない勤務日は午前・午後に分けられません")
        morning = self.breaks[0][0] - self.start
        return morning, self.daily_minutes - morning

    def shifted(self, minutes: int, *, code: str = "") -> WorkSchedule:
        """This schedule moved ``minutes`` earlier (negative) or later (時差出勤・早出遅出勤務), breaks too."""
        _int(minutes, "ずらす時間")
        moved = tuple((a + minutes, b + minutes) for a, b in self.breaks)
        return WorkSchedule(self.start + minutes, self.end + minutes, moved, code or self.code)

    def span_on(self, day: datetime.date) -> TimeSpan:
        """The whole scheduled day on ``day`` (e.g. to enter a full-day leave as a span)."""
        return TimeSpan(at_offset(day, self.start), at_offset(day, self.end))


STANDARD_SCHEDULE = WorkSchedule(510, 1035, ((720, 780),), "standard")
"""8:30〜17:15, 休憩 12:00〜13:00: 7時間45分 (勤務時間条例の標準的な割振り; §D)."""


def staggered_patterns(base: WorkSchedule, offsets: Mapping[str, int]) -> dict[str, WorkSchedule]:
    """時差出勤 patterns: ``{"A": -60, "B": 30}`` → A 7:30〜16:15, B 9:00〜17:45 (same length)."""
    return {code: base.shifted(minutes, code=code) for code, minutes in offsets.items()}


@dataclass(frozen=True, slots=True)
class WeeklyPattern:
    """A week's 割振り, Monday first; ``None`` is a day without hours (週休日)."""

    days: tuple[WorkSchedule | None, ...]

    def __post_init__(self) -> None:
        if len(self.days) != DAYS_PER_WEEK:
            raise InvalidArgument(f"1週間の割振りは月曜日から日曜日までの7日分で指定してください: {len(self.days)}日")

    @property
    def weekly_minutes(self) -> int:
        """1週間の勤務時間 (minutes)."""
        return sum(d.daily_minutes for d in self.days if d is not None)

    def schedule_for(self, day: datetime.date) -> WorkSchedule | None:
        """The schedule of ``day``'s weekday."""
        return self.days[day.weekday()]


STANDARD_WEEK = WeeklyPattern((STANDARD_SCHEDULE,) * 5 + (None, None))
"""月〜金 7時間45分, 土日 週休日: 38時間45分 (勤務時間条例 第2条・第3条)."""


@dataclass(frozen=True, slots=True)
class WorkingTimeRules:
    """Dated working-time constants (minutes, days) of the 勤務時間条例 and its 規則."""

    weekly_minutes: int
    daily_minutes: int
    averaging_max_weeks: int
    rest_days_per_four_weeks: int
    max_consecutive_working_days: int
    transfer_weeks_before: int
    transfer_weeks_after: int
    short_time_min_weekly_minutes: int
    short_time_max_weekly_minutes: int


@register_schema(TABLE_ID)
def parse_working_time(data: Mapping[str, Any]) -> WorkingTimeRules:
    """Schema: every field of :class:`WorkingTimeRules` as a positive integer."""
    values = {name: positive_int_field(data.get(name), name) for name in WorkingTimeRules.__dataclass_fields__}
    rules = WorkingTimeRules(**values)
    if rules.short_time_min_weekly_minutes > rules.short_time_max_weekly_minutes:
        raise TableInvalid("short_time_min_weekly_minutes が short_time_max_weekly_minutes を超えています")
    return rules


def working_time_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[WorkingTimeRules]:
    """The working-time constants in force on ``on``."""
    version: TableVersion[WorkingTimeRules] = table_on(TABLE_ID, on, store)
    typed(version, WorkingTimeRules)
    return version


def is_full_time(weekly_minutes: int, rules: WorkingTimeRules) -> bool:
    """フルタイム: 1週間の勤務時間が条例の定める時間 (38時間45分) である."""
    return _int(weekly_minutes, "週の勤務時間") >= rules.weekly_minutes


def check_short_time_reappointment(weekly_minutes: int, rules: WorkingTimeRules) -> int:
    """定年前再任用短時間勤務職員の週の勤務時間: 15時間30分以上31時間以下 (地公法第22条の4; §D)."""
    low, high = rules.short_time_min_weekly_minutes, rules.short_time_max_weekly_minutes
    if not low <= _int(weekly_minutes, "週の勤務時間") <= high:
        raise InvalidArgument(
            f"短時間勤務の週の勤務時間は {duration_ja(low)}〜{duration_ja(high)} の範囲で指定してください:"
            f" {duration_ja(weekly_minutes)}"
        )
    return weekly_minutes
