"""The fast path of the daily record (rules/attendance/fastday.py) gives exactly the general result."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.attendance import JST, STANDARD_SCHEDULE, DayInput, DayType, Punch, TimeSpan, WorkSchedule, daily
from jinji.rules.attendance.daily import compute_daily_record, compute_daily_record_general
from jinji.rules.errors import InvalidArgument

DAY = datetime.date(2026, 6, 10)  # a Wednesday


def _at(day: datetime.date, minute: int, second: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), JST) + datetime.timedelta(minutes=minute, seconds=second)


@st.composite
def schedules(draw: st.DrawFn) -> WorkSchedule | None:
    if draw(st.integers(0, 9)) == 0:
        return None
    start = draw(st.integers(0, 1439))
    end = draw(st.integers(start + 2, start + 1440))
    if draw(st.booleans()):
        b0 = draw(st.integers(start, end - 2))
        b1 = draw(st.integers(b0 + 1, end - 1))
        if (b1 - b0) < (end - start):
            return WorkSchedule(start, end, ((b0, b1),))
    return WorkSchedule(start, end)


@st.composite
def punches(draw: st.DrawFn, day: datetime.date) -> tuple[Punch, ...]:
    result = []
    for _ in range(draw(st.integers(0, 2))):
        a = draw(st.integers(-30, 1500))
        b = draw(st.integers(a - 5, a + 1200))
        clock_in = _at(day, a, draw(st.integers(0, 59)))
        clock_out = _at(day, b, draw(st.integers(0, 59)))
        side = draw(st.integers(0, 19))
        result.append(Punch(None if side == 0 else clock_in, None if side == 1 else clock_out))
    return tuple(result)


@st.composite
def day_inputs(draw: st.DrawFn) -> DayInput:
    day = DAY + datetime.timedelta(days=draw(st.integers(0, 400)))
    day_type = draw(st.sampled_from([DayType.WORKDAY, DayType.WORKDAY, DayType.WEEKLY_REST_DAY, DayType.HOLIDAY]))
    schedule = draw(schedules())
    if draw(st.integers(0, 3)) == 0:
        schedule = STANDARD_SCHEDULE
    span = st.builds(lambda a, n: TimeSpan(_at(day, a), _at(day, a + n)), st.integers(0, 1400), st.integers(1, 600))
    optional = st.one_of(st.just(()), st.tuples(span))
    return DayInput(
        day=day,
        day_type=day_type,
        schedule=schedule,
        punches=draw(punches(day)),
        excused=draw(st.one_of(st.just(()), st.just(()), st.tuples(span))),
        unpaid=draw(st.one_of(st.just(()), st.just(()), st.tuples(span))),
        ordered_overtime=draw(st.one_of(st.none(), st.just(()), st.tuples(span))),
        extra_breaks=draw(st.one_of(st.just(()), st.just(()), optional)),
        next_day_type=draw(st.one_of(st.none(), st.sampled_from(list(DayType)))),
    )


def _outcome(fn: object, inp: DayInput) -> object:
    try:
        return fn(inp)  # type: ignore[operator]
    except InvalidArgument as exc:
        return ("error", str(exc))


@settings(max_examples=1500, deadline=None)
@given(day_inputs())
def test_fast_path_equals_the_general_computation(inp: DayInput) -> None:
    assert _outcome(compute_daily_record, inp) == _outcome(compute_daily_record_general, inp)


@settings(max_examples=600, deadline=None)
@given(
    st.integers(300, 700), st.integers(0, 59), st.integers(900, 1320), st.integers(0, 59), st.sampled_from([None, ()])
)
def test_plain_daytime_workdays_equal_the_general_computation(
    a: int, sa: int, b: int, sb: int, ordered: tuple[()] | None
) -> None:
    """The shape the fast path is for, densely: one daytime pair on the standard schedule."""
    inp = DayInput(
        day=DAY, day_type=DayType.WORKDAY, schedule=STANDARD_SCHEDULE,
        punches=(Punch(_at(DAY, a, sa), _at(DAY, b, sb)),), ordered_overtime=ordered,
    )  # fmt: skip
    assert compute_daily_record(inp) == compute_daily_record_general(inp)


def test_common_days_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def general(*args: object, **kwargs: object) -> None:
        raise AssertionError("the general path was used")

    monkeypatch.setattr(daily, "compute_daily_record_general", general)
    # 8:25〜18:40 on 8:30〜17:15 (休憩 12:00〜13:00, 7時間45分): 85 minutes of overtime after 17:15
    workday = DayInput(
        day=DAY, day_type=DayType.WORKDAY, schedule=STANDARD_SCHEDULE,
        punches=(Punch(_at(DAY, 505), _at(DAY, 1120)),),
    )  # fmt: skip
    record = compute_daily_record(workday)
    assert (record.scheduled_minutes, record.regular_minutes, record.break_minutes) == (465, 465, 60)
    assert (record.late_minutes, record.early_leave_minutes, record.absence_minutes) == (0, 0, 0)
    pieces = [(s.start, s.minutes, s.rest_day, s.night) for s in record.overtime]
    assert pieces == [(505, 5, False, False), (1035, 85, False, False)]
    saturday = datetime.date(2026, 6, 13)
    rest = compute_daily_record(DayInput(day=saturday, day_type=DayType.WEEKLY_REST_DAY))
    assert (rest.worked_minutes, rest.overtime) == (0, ())
    assert not rest.absent_whole_day
