"""The daily record (出勤簿の1日): from punches, the day's schedule and its day type to worked
time, breaks, lateness/early leave, absence, night time and overtime by rate class.

Sources: 給与法 第16条 (mirrored by the 給与条例 時間外勤務手当の条): work outside 正規の勤務時間
on a day with hours assigned is 125/100, other work (週休日, and beyond the hours of a 休日) 135/100,
each +25/100 in 22時〜翌5時; 第17条 休日給 135/100 for the hours of a 休日 worked; 第18条 夜勤手当
+25/100 for 正規の勤務時間 in 22時〜翌5時; 第15条 欠勤 (hours not worked without approval) are
deducted. Reference payroll-rules.md §C7 ✅✅. The 60-hour split is monthly
(:mod:`jinji.rules.attendance.monthly`); here overtime is only classified and kept in time order.

Minutes past midnight are classified by the **calendar day** they fall on (暦日: a weekday
overtime that runs into a Saturday is 週休日 work from 0時) unless ``day_basis`` is
``DayBasis.START_DAY`` (the whole continuous work belongs to the day it started) ❓ — which rule
the 条例/運用 uses is not in the reference.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from jinji.rules.attendance import _intervals as iv
from jinji.rules.attendance import fastday
from jinji.rules.attendance.clock import MINUTES_PER_DAY, RECORD_END, TimeSpan, hhmm, minute_offset
from jinji.rules.attendance.schedules import WorkSchedule
from jinji.rules.calendar import is_holiday, is_weekly_rest_day
from jinji.rules.errors import InvalidArgument

NIGHT: iv.Spans = ((0, 300), (1320, 1740), (2760, 2880))
"""22時〜翌5時 (給与法 第16条・第18条, 労基法 第37条第4項) on a record's two-day axis."""
_BOUNDARIES = (300, 1320, MINUTES_PER_DAY, 1740, 2760)


class DayType(StrEnum):
    """勤務日 / 週休日 / 休日 (祝日法の休日・年末年始 on a day with hours assigned)."""

    WORKDAY = "workday"
    WEEKLY_REST_DAY = "weekly_rest_day"
    HOLIDAY = "holiday"


class DayBasis(StrEnum):
    """Which day's type classifies overtime after midnight (see module docstring)."""

    CALENDAR = "calendar"
    START_DAY = "start_day"


def day_type_of(
    day: datetime.date, *, weekly_rest: bool | None = None, local_holidays: frozenset[datetime.date] = frozenset()
) -> DayType:
    """The day type: a 週休日 (default Saturday/Sunday, or the roster's ``weekly_rest``) first, since a
    祝日 on a 週休日 is not a 休日 for pay; then 休日 (祝日法の休日・年末年始・条例の休日); else 勤務日."""
    rest = is_weekly_rest_day(day) if weekly_rest is None else weekly_rest
    if rest:
        return DayType.WEEKLY_REST_DAY
    return DayType.HOLIDAY if is_holiday(day, local_holidays=local_holidays) else DayType.WORKDAY


@dataclass(frozen=True, slots=True)
class Punch:
    """One clock-in/clock-out pair (aware datetimes). A missing side is an error when computed."""

    clock_in: datetime.datetime | None
    clock_out: datetime.datetime | None


@dataclass(frozen=True, slots=True)
class DayInput:
    """One business day of one employee.

    ``schedule`` is the day's 正規の勤務時間 (None on a 週休日); ``excused`` are approved paid
    absences inside it (年休・特別休暇・出張 …); ``unpaid`` approved but unpaid ones (部分休業,
    介護時間 …) — they count as absence for pay but not as lateness; ``ordered_overtime`` limits
    overtime to ordered time (None: all work outside the schedule counts); ``extra_breaks`` are
    breaks taken outside the schedule's own (the schedule's breaks are always excluded from
    worked time). ``next_day_type`` defaults to the calendar's. Work after midnight is assumed
    not to reach into the next day's own schedule (the caller splits such a record).
    """

    day: datetime.date
    day_type: DayType
    schedule: WorkSchedule | None = None
    punches: tuple[Punch, ...] = ()
    excused: tuple[TimeSpan, ...] = ()
    unpaid: tuple[TimeSpan, ...] = ()
    ordered_overtime: tuple[TimeSpan, ...] | None = None
    extra_breaks: tuple[TimeSpan, ...] = ()
    next_day_type: DayType | None = None


@dataclass(frozen=True, slots=True)
class OvertimeSegment:
    """A stretch of overtime of one class: ``start`` offset, ``minutes``, 週休日等 or not, 22–5時 or not."""

    start: int
    minutes: int
    rest_day: bool
    night: bool

    @property
    def rate_class(self) -> str:
        """normal / normal_night / rest_day / rest_day_night (keys of the ``overtime_rates`` table)."""
        return ("rest_day" if self.rest_day else "normal") + ("_night" if self.night else "")


@dataclass(frozen=True, slots=True)
class DailyRecord:
    """The computed day (all integer minutes)."""

    day: datetime.date
    day_type: DayType
    scheduled_minutes: int
    worked_minutes: int
    break_minutes: int
    regular_minutes: int
    holiday_work_minutes: int
    night_work_minutes: int
    night_minutes: int
    late_minutes: int
    early_leave_minutes: int
    absence_minutes: int
    absent_whole_day: bool
    excused_minutes: int
    unordered_minutes: int
    overtime: tuple[OvertimeSegment, ...]

    @property
    def overtime_minutes(self) -> int:
        """All overtime of the day (before the monthly 60-hour split)."""
        return sum(s.minutes for s in self.overtime)

    def overtime_by_class(self) -> dict[str, int]:
        """Minutes per rate class (normal, normal_night, rest_day, rest_day_night)."""
        result = dict.fromkeys(("normal", "normal_night", "rest_day", "rest_day_night"), 0)
        for segment in self.overtime:
            result[segment.rate_class] += segment.minutes
        return result


def _punch_spans(inp: DayInput) -> iv.Spans:
    spans: list[iv.Span] = []
    for punch in inp.punches:
        if punch.clock_in is None and punch.clock_out is None:
            raise InvalidArgument(f"{inp.day.isoformat()}: 出勤・退勤のどちらも打刻されていない組があります")
        if punch.clock_in is None:
            assert punch.clock_out is not None
            out = punch.clock_out.isoformat()
            raise InvalidArgument(f"{inp.day.isoformat()}: 退勤の打刻 ({out}) に対応する出勤の打刻がありません")
        if punch.clock_out is None:
            at = punch.clock_in.isoformat()
            raise InvalidArgument(f"{inp.day.isoformat()}: 出勤の打刻 ({at}) に対応する退勤の打刻がありません")
        start = minute_offset(punch.clock_in, inp.day, round_up=True, label="出勤の打刻")
        end = minute_offset(punch.clock_out, inp.day, round_up=False, label="退勤の打刻")
        if not 0 <= start < MINUTES_PER_DAY:
            raise InvalidArgument(
                f"出勤の打刻 ({punch.clock_in.isoformat()}) が勤務日 {inp.day.isoformat()} の日付と違います"
            )
        if punch.clock_out <= punch.clock_in:
            raise InvalidArgument(f"{inp.day.isoformat()}: 退勤 ({hhmm(end)}) が出勤 ({hhmm(start)}) より前です")
        if end > RECORD_END:
            raise InvalidArgument(f"退勤の打刻 ({punch.clock_out.isoformat()}) が勤務日の翌日を過ぎています")
        spans.append((start, max(start, end)))
    merged = iv.normalize(spans)
    if iv.total(merged) != sum(b - a for a, b in spans):
        raise InvalidArgument(f"{inp.day.isoformat()}: 打刻の時間帯が重なっています")
    return merged


def _spans(items: tuple[TimeSpan, ...], day: datetime.date, label: str) -> iv.Spans:
    return iv.normalize(span.offsets(day, label=label) for span in items)


def _segments(overtime: iv.Spans, inp: DayInput, basis: DayBasis) -> tuple[OvertimeSegment, ...]:
    """Cut overtime at midnight and the night boundaries; classify each piece; merge equal neighbours."""
    next_type = inp.next_day_type or day_type_of(inp.day + datetime.timedelta(days=1))
    result: list[OvertimeSegment] = []
    for start, end in iv.split_at(overtime, _BOUNDARIES):
        on_next = start >= MINUTES_PER_DAY and basis is DayBasis.CALENDAR
        rest_day = (next_type if on_next else inp.day_type) is not DayType.WORKDAY
        night = bool(iv.intersect(((start, end),), NIGHT))
        last = result[-1] if result else None
        if last and last.start + last.minutes == start and (last.rest_day, last.night) == (rest_day, night):
            result[-1] = OvertimeSegment(last.start, last.minutes + end - start, rest_day, night)
        else:
            result.append(OvertimeSegment(start, end - start, rest_day, night))
    return tuple(result)


def _check_schedule(inp: DayInput) -> WorkSchedule | None:
    if inp.day_type is DayType.WEEKLY_REST_DAY and inp.schedule is not None:
        raise InvalidArgument(
            f"{inp.day.isoformat()} は週休日なので勤務時間は割り振れません (振替後は勤務日として入力してください)"
        )
    if inp.day_type is not DayType.WEEKLY_REST_DAY and inp.schedule is None:
        raise InvalidArgument(f"{inp.day.isoformat()} は勤務日・休日なので、その日の勤務時間 (schedule) が必要です")
    return inp.schedule


PunchKey = tuple[int, int, bool]
"""See :func:`punch_key`."""


def punch_key(punch: Punch, day: datetime.date) -> PunchKey:
    """What :func:`compute_daily_record` reads of a complete clock-in/clock-out pair: the clock-in's
    minute offset on ``day``'s axis (rounded up), the clock-out's (rounded down), and whether the
    clock-out is not after the clock-in.

    The record depends on the punches only through these keys, and on ``day`` only as its label
    when ``next_day_type`` is given: two inputs equal but for the day (every time moved with it,
    the day types alike) and for complete punches with equal keys give records equal but for
    ``day``, or both raise InvalidArgument (property-tested) — so a caller may compute a record
    once per key (:mod:`jinji.attendance.selectors.summary_bulk`)."""
    if punch.clock_in is None or punch.clock_out is None:
        raise InvalidArgument(f"{day.isoformat()}: 出勤・退勤の組がそろっていません")
    start = minute_offset(punch.clock_in, day, round_up=True, label="出勤の打刻")
    end = minute_offset(punch.clock_out, day, round_up=False, label="退勤の打刻")
    return start, end, punch.clock_out <= punch.clock_in


def compute_daily_record(inp: DayInput, *, day_basis: DayBasis = DayBasis.CALENDAR) -> DailyRecord:
    """The day's record from ``inp`` (see :class:`DayInput`); impossible input raises InvalidArgument.

    The common days (a plain 週休日, a plain daytime 勤務日) take :mod:`.fastday`; the others, and
    anything unusual, :func:`compute_daily_record_general` (the same result, property-tested).
    Punches are read only as :func:`punch_key` says."""
    fields: fastday.Fields | None = None
    if inp.day_type is DayType.WEEKLY_REST_DAY and fastday.is_plain_rest_day(inp):
        fields = fastday.REST_DAY_FIELDS
    elif inp.day_type is DayType.WORKDAY:
        fields = fastday.plain_workday(inp)
    if fields is None:
        return compute_daily_record_general(inp, day_basis=day_basis)
    sched, worked, brk, regular, holiday, night_work, night, late, early, absence, whole, excused, unordered, pieces = (
        fields
    )
    segments = tuple(OvertimeSegment(start, minutes, False, False) for start, minutes in pieces)
    return DailyRecord(
        inp.day, inp.day_type, sched, worked, brk, regular, holiday, night_work, night, late, early, absence, whole,
        excused, unordered, segments,
    )  # fmt: skip


def compute_daily_record_general(inp: DayInput, *, day_basis: DayBasis = DayBasis.CALENDAR) -> DailyRecord:
    """:func:`compute_daily_record` by the general interval arithmetic (every kind of day)."""
    schedule = _check_schedule(inp)
    attended = _punch_spans(inp)
    breaks = iv.union(_spans(inp.extra_breaks, inp.day, "休憩"), schedule.breaks if schedule else ())
    worked = iv.subtract(attended, breaks)
    planned = schedule.work_spans() if schedule else ()
    in_schedule = iv.intersect(worked, planned)
    outside = iv.subtract(worked, planned)
    overtime = outside
    if inp.ordered_overtime is not None:
        overtime = iv.intersect(outside, _spans(inp.ordered_overtime, inp.day, "時間外勤務命令"))
    workday = inp.day_type is DayType.WORKDAY
    absence = _absence(inp, planned, worked) if workday else _NO_ABSENCE
    return DailyRecord(
        day=inp.day,
        day_type=inp.day_type,
        scheduled_minutes=iv.total(planned),
        worked_minutes=iv.total(worked),
        break_minutes=iv.total(iv.intersect(breaks, ((attended[0][0], attended[-1][1]),))) if attended else 0,
        regular_minutes=iv.total(in_schedule) if workday else 0,
        holiday_work_minutes=iv.total(in_schedule) if inp.day_type is DayType.HOLIDAY else 0,
        night_work_minutes=iv.total(iv.intersect(in_schedule, NIGHT)),
        night_minutes=iv.total(iv.intersect(worked, NIGHT)),
        late_minutes=absence[0],
        early_leave_minutes=absence[1],
        absence_minutes=absence[2],
        absent_whole_day=bool(planned) and absence[2] == iv.total(planned),
        excused_minutes=absence[3],
        unordered_minutes=iv.total(outside) - iv.total(overtime),
        overtime=_segments(overtime, inp, day_basis),
    )


_NO_ABSENCE = (0, 0, 0, 0)


def _absence(inp: DayInput, planned: iv.Spans, worked: iv.Spans) -> tuple[int, int, int, int]:
    """(late, early leave, absence, excused) minutes of a 勤務日's scheduled time."""
    excused = iv.intersect(_spans(inp.excused, inp.day, "休暇等"), planned)
    unpaid = _spans(inp.unpaid, inp.day, "無給の休暇等")
    not_worked = iv.subtract(planned, worked)
    absence = iv.subtract(not_worked, excused)
    unexcused = iv.subtract(absence, unpaid)
    late = early = 0
    if worked:
        late = iv.total(iv.before(unexcused, worked[0][0]))
        early = iv.total(iv.after(unexcused, worked[-1][1]))
    return late, early, iv.total(absence), iv.total(iv.subtract(excused, worked))
