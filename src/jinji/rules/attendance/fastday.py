"""The common day of the 出勤簿 without the general interval arithmetic (a fast path, same result).

Most records of a month are one of two shapes: a 週休日 with no punches and nothing entered, or a
勤務日 on its planned schedule (at most one break) with one clock-in/clock-out pair, no leave,
no extra breaks, and overtime either all counted (no order regime) or none ordered — all of it in
daytime (5時〜22時), so no night minutes and no overtime after midnight. For these the record is a
few integer overlaps of one span with the schedule; everything else returns None and
:func:`jinji.rules.attendance.daily.compute_daily_record` takes its general path. A property test
(tests/rules/test_attendance_fastday.py) checks both give the same record.

Returns the field values of :class:`~jinji.rules.attendance.daily.DailyRecord` as a tuple (the
caller builds the record; this module must not import ``daily``, which imports it).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from jinji.rules.attendance.clock import minute_offset
from jinji.rules.errors import InvalidArgument

if TYPE_CHECKING:
    from jinji.rules.attendance.daily import DayInput

DAY_START = 300
"""05:00 — before it is night time (22時〜翌5時)."""
DAY_END = 1320
"""22:00 — from it is night time."""

Fields = tuple[int, int, int, int, int, int, int, int, int, int, bool, int, int, tuple[tuple[int, int], ...]]
"""scheduled, worked, break, regular, holiday_work, night_work, night, late, early_leave, absence,
absent_whole_day, excused, unordered, and the overtime pieces (start, minutes) — all on a 勤務日."""

REST_DAY_FIELDS: Fields = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, False, 0, 0, ())


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))


def is_plain_rest_day(inp: DayInput) -> bool:
    """A 週休日 with no punches, no schedule and nothing entered: an all-zero record."""
    return (
        inp.schedule is None
        and not inp.punches
        and not inp.excused
        and not inp.unpaid
        and not inp.extra_breaks
        and not inp.ordered_overtime
        and inp.day != datetime.date.max
    )


def plain_workday(inp: DayInput) -> Fields | None:
    """The fields of a plain 勤務日 (see module docstring), or None when the day is not plain.
    The caller has checked that the day is a 勤務日 with a schedule."""
    schedule = inp.schedule
    if (
        schedule is None
        or inp.day == datetime.date.max
        or len(inp.punches) != 1
        or inp.excused
        or inp.unpaid
        or inp.extra_breaks
        or inp.ordered_overtime
        or len(schedule.breaks) > 1
    ):
        return None
    punch = inp.punches[0]
    if punch.clock_in is None or punch.clock_out is None:
        return None
    try:  # checks the times are aware (before comparing them)
        a = minute_offset(punch.clock_in, inp.day, round_up=True, label="出勤の打刻")
        b = minute_offset(punch.clock_out, inp.day, round_up=False, label="退勤の打刻")
    except InvalidArgument:
        return None
    if punch.clock_out <= punch.clock_in:
        return None
    s, e = schedule.start, schedule.end
    p, q = schedule.breaks[0] if schedule.breaks else (s, s)
    if not (DAY_START <= a < b <= DAY_END and s >= DAY_START and e <= DAY_END) or (p <= a and b <= q):
        return None  # night time, an empty span, or only the break attended: the general path
    scheduled = (e - s) - (q - p)
    in_break = _overlap(a, b, p, q)
    in_schedule = _overlap(a, b, s, e) - in_break
    w0 = q if p <= a < q else a  # first and last worked minute (the break removed)
    w1 = p if p < b <= q else b
    late = early = 0
    if w0 > s:
        late = min(e, w0) - s - _overlap(s, min(e, w0), p, q)
    if w1 < e:
        early = e - max(s, w1) - _overlap(max(s, w1), e, p, q)
    absence = scheduled - in_schedule
    pieces: list[tuple[int, int]] = []
    if a < s:
        pieces.append((a, min(b, s) - a))
    if b > e:
        start = max(a, e)
        pieces.append((start, b - start))
    outside = sum(m for _, m in pieces)
    if inp.ordered_overtime is not None:  # an order regime with no order today: nothing counts
        return (scheduled, b - a - in_break, in_break, in_schedule, 0, 0, 0, late, early, absence,
                in_schedule == 0, 0, outside, ())  # fmt: skip
    return (scheduled, b - a - in_break, in_break, in_schedule, 0, 0, 0, late, early, absence,
            in_schedule == 0, 0, 0, tuple(pieces))  # fmt: skip
