"""What a daily record reads of its punches and its day (rules/attendance/daily.py ``punch_key``):
moving a day (every time with it, the day types alike) or moving punches within their keys changes
nothing but the record's ``day`` — the set-based monthly summary computes a record once per key."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from jinji.rules.attendance import STANDARD_SCHEDULE, DayInput, DayType, Punch, TimeSpan, punch_key
from jinji.rules.attendance.daily import DailyRecord, compute_daily_record
from jinji.rules.errors import InvalidArgument
from tests.rules.test_attendance_fastday import DAY, _at, day_inputs


def _outcome(inp: DayInput) -> DailyRecord | str:
    try:
        return compute_daily_record(inp)
    except InvalidArgument:
        return "error"


def _complete(inp: DayInput) -> bool:
    return all(p.clock_in is not None and p.clock_out is not None for p in inp.punches)


def _moved(inp: DayInput, days: int) -> DayInput:
    delta = datetime.timedelta(days=days)

    def spans(items: tuple[TimeSpan, ...]) -> tuple[TimeSpan, ...]:
        return tuple(TimeSpan(s.start + delta, s.end + delta) for s in items)

    punches = tuple(Punch(p.clock_in + delta, p.clock_out + delta) for p in inp.punches)  # type: ignore[operator]
    ordered = None if inp.ordered_overtime is None else spans(inp.ordered_overtime)
    return DayInput(day=inp.day + delta, day_type=inp.day_type, schedule=inp.schedule, punches=punches,
                    excused=spans(inp.excused), unpaid=spans(inp.unpaid), ordered_overtime=ordered,
                    extra_breaks=spans(inp.extra_breaks), next_day_type=inp.next_day_type)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(day_inputs(), st.integers(-400, 400), st.sampled_from(list(DayType)))
def test_a_day_moved_with_its_times_gives_the_same_record(inp: DayInput, days: int, next_type: DayType) -> None:
    assume(_complete(inp))
    inp = dataclasses.replace(inp, next_day_type=next_type)
    moved = _moved(inp, days)
    before, after = _outcome(inp), _outcome(moved)
    if isinstance(before, str):
        assert after == "error"
    else:
        assert after == dataclasses.replace(before, day=moved.day)


@settings(max_examples=800, deadline=None)
@given(day_inputs(), st.data())
def test_punches_with_equal_keys_give_the_same_record(inp: DayInput, data: st.DataObject) -> None:
    assume(_complete(inp) and inp.punches)
    seconds = st.integers(0, 59_999_999)
    others = []
    for p in inp.punches:
        key = punch_key(p, inp.day)
        # another instant in the same minute: a clock-in off the minute rounds up, a clock-out rounds down
        start = _at(inp.day, key[0] - 1) if p.clock_in.second or p.clock_in.microsecond else None  # type: ignore[union-attr]
        clock_in = p.clock_in if start is None else start + datetime.timedelta(microseconds=data.draw(seconds) + 1)
        clock_out = _at(inp.day, key[1]) + datetime.timedelta(microseconds=data.draw(seconds))
        other = Punch(clock_in, clock_out)
        assume(punch_key(other, inp.day) == key)
        others.append(other)
    assert _outcome(dataclasses.replace(inp, punches=tuple(others))) == _outcome(inp)


def test_the_key_rounds_clock_in_up_and_clock_out_down() -> None:
    punch = Punch(_at(DAY, 509, 1), _at(DAY, 1035, 59))
    assert punch_key(punch, DAY) == (510, 1035, False)
    assert punch_key(Punch(_at(DAY, 510, 30), _at(DAY, 510, 10)), DAY) == (511, 510, True)
    assert punch_key(Punch(_at(DAY, 1430), _at(DAY, 1440 + 90)), DAY) == (1430, 1530, False)  # past midnight
    with pytest.raises(InvalidArgument):
        punch_key(Punch(_at(DAY, 510), None), DAY)


def test_same_minutes_same_record_on_the_standard_day() -> None:
    """08:29:01〜17:44:59 is read as 08:30〜17:44, like 08:30:00〜17:44:00."""
    exact = DayInput(day=DAY, day_type=DayType.WORKDAY, schedule=STANDARD_SCHEDULE,
                     punches=(Punch(_at(DAY, 510), _at(DAY, 1064)),), next_day_type=DayType.WORKDAY)  # fmt: skip
    seconds = dataclasses.replace(exact, punches=(Punch(_at(DAY, 509, 1), _at(DAY, 1064, 59)),))
    assert compute_daily_record(seconds) == compute_daily_record(exact)
    assert compute_daily_record(exact).worked_minutes == 554 - 60  # 08:30〜17:44 less the hour's break
