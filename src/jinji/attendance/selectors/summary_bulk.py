"""The monthly summary for payroll, set-based: the same result as the 出勤簿 path
(``summary_of`` over :func:`jinji.attendance.selectors.sheet.monthly_rows`) without model instances for
punches and without per-day display rows — for the close of a whole organization.

Employees are read in chunks; the plan, leave and order queries filter a dense chunk by its id
range (:mod:`.idset`) instead of thousands of parameters. Per chunk: the plan
(:func:`~jinji.attendance.selectors.plan.day_plans`); the punches as integers (microseconds since
1970 UTC) — on PostgreSQL one text row per employee-day, so no datetime is built per punch; the leave
uses and overtime orders (few rows; :mod:`.day_inputs`, shared with the 出勤簿); then per day the
same rules entry point (``compute_daily_record``) and ``summarize_month``. Eight queries per chunk at most.

A day without leave or orders is looked up by its plan (day type, schedule, next day's type) and its
punch keys (:func:`~jinji.rules.attendance.punch_key`: the minutes the rules read), not by its date:
only a key not seen before builds its :class:`DayInput` (the stored instants as aware datetimes) and
computes it; another day with the same key gets a copy of that record with its own ``day``. A day
with leave or orders is computed once per distinct input.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.postgres.aggregates import StringAgg
from django.db import connections
from django.db.models import BigIntegerField, F, Func, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from jinji.attendance.models import ClockEvent, ClockKind, LeaveEntry, OvertimeOrder
from jinji.attendance.selectors.day_inputs import (
    excused_spans,
    leaves_by_day,
    orders_by_day,
    paid_overtime_span,
)
from jinji.attendance.selectors.idset import employee_q
from jinji.attendance.selectors.plan import DayPlan, day_plans
from jinji.core.models import Organization
from jinji.rules.attendance import (
    JST,
    DailyRecord,
    DayInput,
    DayType,
    MonthlyAttendanceSummary,
    Punch,
    PunchKey,
    WorkSchedule,
    compute_daily_record,
    day_type_of,
    summarize_month,
)
from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.overtime import overtime_rules

CHUNK = 5000
CACHE_LIMIT = 200_000  # distinct keys kept (a few hundred bytes each, and a record per day seen)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
MICROSECOND = datetime.timedelta(microseconds=1)
MINUTE = 60_000_000  # microseconds
CLOCK_IN = str(ClockKind.CLOCK_IN)
_IN, _OUT = f"{ClockKind.CLOCK_IN} ", f"{ClockKind.CLOCK_OUT} "  # as _PunchText writes them

_Pairs = tuple[tuple[int, int], ...]
_Day = tuple[int, datetime.date]
_Meta = tuple[datetime.date, DayType, WorkSchedule | None, DayType]
"""A day's plan as the record sees it: day, day type, schedule (None on a 週休日), next day's type."""
_Key = tuple[int, tuple[PunchKey, ...]]
_State = tuple[
    dict[tuple[DayType, WorkSchedule | None, DayType], int],
    dict[_Key, tuple[dict[str, Any], dict[datetime.date, DailyRecord]]],
    dict[DayInput, DailyRecord | None],
]
"""Kept over the chunks: the numbers of the plans, the records of plain days by key (the fields but
``day``, and the records by day; empty: the input is impossible), the records of days with leave or
orders by input."""
_OTHER_FIELDS = tuple(f.name for f in dataclasses.fields(DailyRecord) if f.name != "day")


def _fields_but_day(record: DailyRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _OTHER_FIELDS}


class EpochMicros(Func):
    """A timestamp as whole microseconds since 1970-01-01 UTC (exact: PostgreSQL's epoch is numeric)."""

    template = "(EXTRACT(EPOCH FROM %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()

    def get_db_converters(self, connection: Any) -> list[Any]:
        return []  # psycopg returns an int already


def micros(at: datetime.datetime) -> int:
    return (at - EPOCH) // MICROSECOND


def instant(us: int) -> datetime.datetime:
    """The aware datetime (UTC) of :func:`micros` — the same instant as the stored one."""
    return EPOCH + datetime.timedelta(microseconds=us)


class _PunchText(Func):
    """'kind microseconds' of a punch (PostgreSQL), e.g. ``in 1780267560000000``."""

    arg_joiner = " || ' ' || "
    template = "%(expressions)s"
    output_field = TextField()


def _punches(
    org_id: int, ids: Sequence[int], first: datetime.date, last: datetime.date
) -> dict[int, dict[datetime.date, _Pairs]]:
    """employee → business day → the day's clock-in/out pairs in microseconds (one query, no model instances).

    Each day's punches in the order of the 出勤簿 (time, then id). On PostgreSQL one row a day: the
    punches joined in that order as text (no datetime per punch: Django loads timestamptz in Python)."""
    rows = ClockEvent.objects.for_organization(org_id).filter(employee_q(ids), business_date__range=(first, last))
    result: dict[int, dict[datetime.date, _Pairs]] = {}  # in an id range, others too: harmless, never looked up
    if connections[rows.db].vendor == "postgresql":
        text = _PunchText(F("kind"), Cast(EpochMicros("occurred_at"), TextField()))
        days = rows.order_by().values("employee_id", "business_date")
        days = days.annotate(events=StringAgg(text, delimiter=",", order_by=("occurred_at", "pk")))
        for eid, day, joined in days.values_list("employee_id", "business_date", "events"):
            mine = result.get(eid)
            if mine is None:
                mine = result[eid] = {}
            parts = joined.split(",")
            if len(parts) == 2 and parts[0].startswith(_IN) and parts[1].startswith(_OUT):  # the common day
                mine[day] = ((int(parts[0][len(_IN) :]), int(parts[1][len(_OUT) :])),)
            else:
                mine[day] = pairs_of([(k, int(us)) for k, _, us in (p.partition(" ") for p in parts)])
        return result
    events: dict[_Day, list[tuple[str, int]]] = {}
    ordered = rows.order_by("employee_id", "business_date", "occurred_at", "pk")
    for eid, day, kind, at in ordered.values_list("employee_id", "business_date", "kind", "occurred_at"):
        events.setdefault((eid, day), []).append((kind, micros(at)))
    for (eid, day), found in events.items():
        result.setdefault(eid, {})[day] = pairs_of(found)
    return result


def pairs_of(events: list[tuple[str, int]]) -> _Pairs:
    """:func:`~jinji.attendance.selectors.day_inputs.punch_pairs` over integer instants (the complete pairs)."""
    if len(events) == 2 and events[0][0] == CLOCK_IN and events[1][0] != CLOCK_IN:
        return ((events[0][1], events[1][1]),)  # the common day: one clock-in, one clock-out
    pairs: list[tuple[int, int]] = []
    open_in: int | None = None
    for kind, at in events:  # as punch_pairs: a clock-in replaces an open one, a lone clock-out is dropped
        if kind == CLOCK_IN:
            open_in = at
        elif open_in is not None:
            pairs.append((open_in, at))
            open_in = None
    return tuple(pairs)


def _input(meta: _Meta, pairs: _Pairs) -> DayInput:
    day, kind, schedule, next_kind = meta
    punches = tuple(Punch(instant(a), instant(b)) for a, b in pairs)
    return DayInput(day=day, day_type=kind, schedule=schedule, punches=punches, excused=(), ordered_overtime=(),
                    next_day_type=next_kind)  # fmt: skip


def _compute(inp: DayInput | None) -> DailyRecord | None:
    """The record, or None when the input is impossible (shown as a problem on the 出勤簿, left out of the totals)."""
    if inp is None:
        return None
    try:
        return compute_daily_record(inp)
    except InvalidArgument:
        return None


def _entered_day(meta: _Meta, pairs: _Pairs, leaves: list[LeaveEntry], orders: list[OvertimeOrder]) -> DayInput | None:
    """The input of a day with leave or orders (None: impossible input)."""
    day, kind, schedule, next_kind = meta
    try:
        excused = excused_spans(day, schedule, leaves)
        spans = tuple(s for s in (paid_overtime_span(o) for o in orders) if s is not None)
    except InvalidArgument:
        return None
    punches = tuple(Punch(instant(a), instant(b)) for a, b in pairs)
    return DayInput(day=day, day_type=kind, schedule=schedule, punches=punches, excused=excused,
                    ordered_overtime=spans, next_day_type=next_kind)  # fmt: skip


def punch_keys(pairs: _Pairs, midnight: int) -> tuple[PunchKey, ...]:
    """:func:`~jinji.rules.attendance.punch_key` of each pair, from microseconds (``midnight``: 0時 JST of the day)."""
    return tuple((-((midnight - a) // MINUTE), (b - midnight) // MINUTE, b <= a) for a, b in pairs)


_Plan = tuple[int, datetime.date, int, _Meta]
"""Per day: the number of (day type, schedule, next day's type), the day, its 0時 JST in microseconds, its meta."""


class _Days:
    """Per chunk: each employee's month of plans — staff who share the plan objects (the default
    schedule) share one list — and the records computed so far.

    A day without leave or orders is keyed by its plan's number and its punch keys, not by its
    date (:func:`~jinji.rules.attendance.punch_key`: the record is the same but for ``day``): one
    computation per key, a copy per other day."""

    def __init__(self, days: list[datetime.date], state: _State):
        self.days = days
        self.one = datetime.timedelta(days=1)
        self.numbers, self.computed, self.inputs = state
        self.midnights = {d: micros(datetime.datetime.combine(d, datetime.time(), JST)) for d in days}
        self.types: dict[tuple[datetime.date, bool], DayType] = {}
        self.months: dict[tuple[int, ...], list[_Plan]] = {}  # by ids: valid while the chunk's plans live

    def day_type(self, plan: DayPlan) -> DayType:  # DayPlan.day_type, once per (day, rest)
        key = (plan.day, plan.weekly_rest or plan.schedule is None)
        found = self.types.get(key)
        if found is None:
            found = self.types[key] = day_type_of(plan.day, weekly_rest=key[1])
        return found

    def month(self, mine: dict[datetime.date, DayPlan]) -> list[_Plan]:
        signature = tuple(map(id, mine.values()))
        found = self.months.get(signature)
        if found is None:
            found = self.months[signature] = []
            for d in self.days:
                plan = mine[d]
                kind = self.day_type(plan)
                schedule = None if kind is DayType.WEEKLY_REST_DAY else plan.schedule
                next_kind = self.day_type(mine[d + self.one])
                number = self.numbers.setdefault((kind, schedule, next_kind), len(self.numbers))
                found.append((number, d, self.midnights[d], (d, kind, schedule, next_kind)))
        return found

    def _room(self) -> None:
        if len(self.computed) + len(self.inputs) >= CACHE_LIMIT:  # bound the memory
            self.computed.clear()
            self.inputs.clear()

    def plain(self, plan: _Plan, pairs: _Pairs) -> DailyRecord | None:
        number, d, midnight, meta = plan
        key: _Key
        if len(pairs) == 1:  # the common day (punch_keys inlined)
            a, b = pairs[0]
            key = (number, ((-((midnight - a) // MINUTE), (b - midnight) // MINUTE, b <= a),))
        elif not pairs:
            key = (number, ())
        else:
            key = (number, punch_keys(pairs, midnight))
        found = self.computed.get(key)
        if found is None:
            self._room()
            record = _compute(_input(meta, pairs))
            self.computed[key] = ({}, {}) if record is None else (_fields_but_day(record), {d: record})
            return record
        fields, by_day = found
        if not by_day:  # the input is impossible, whatever the day
            return None
        record = by_day.get(d)
        if record is None:
            record = by_day[d] = DailyRecord(day=d, **fields)
        return record

    def entered(self, inp: DayInput | None) -> DailyRecord | None:
        if inp is None:
            return None
        if inp in self.inputs:
            return self.inputs[inp]
        self._room()
        found = self.inputs[inp] = _compute(inp)
        return found


def _chunk(
    org_id: int,
    ids: Sequence[int],
    *,
    year: int,
    month: int,
    upto: datetime.date,
    state: _State,
) -> dict[int, MonthlyAttendanceSummary]:
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    plans = day_plans(organization=org_id, employee_ids=ids, first=first, last=last + datetime.timedelta(days=1))
    punches = _punches(org_id, ids, first, last)
    leaves = leaves_by_day(org_id, list(ids), first, last)
    orders = orders_by_day(org_id, list(ids), first, last)
    entered = set(leaves) | set(orders)
    entering = {eid for eid, _ in entered}
    days = _Days([first + datetime.timedelta(days=n) for n in range((last - first).days + 1)], state)
    rates = overtime_rules(first).data
    result: dict[int, MonthlyAttendanceSummary] = {}
    for eid in ids:
        records: list[DailyRecord] = []
        mine, some_entered = punches.get(eid, {}), eid in entering
        for plan in days.month(plans[eid]):
            d = plan[1]
            pairs = mine.get(d, ())
            if d > upto and not pairs:
                continue
            if some_entered and (eid, d) in entered:
                inp = _entered_day(plan[3], pairs, leaves.get((eid, d), []), orders.get((eid, d), []))
                record = days.entered(inp)
            else:
                record = days.plain(plan, pairs)
            if record is not None:  # None: shown as a problem on the 出勤簿, left out of the totals
                records.append(record)
        result[eid] = summarize_month(records, year=year, month=month, rules=rates)
    return result


def monthly_summary_bulk(
    *,
    organization: Organization | int,
    employee_ids: Iterable[int],
    year: int,
    month: int,
    chunk: int = CHUNK,
) -> dict[int, MonthlyAttendanceSummary]:
    """employee id → the month's :class:`MonthlyAttendanceSummary`, equal to the 出勤簿 path's."""
    org_id = organization if isinstance(organization, int) else organization.pk
    ids = sorted(set(employee_ids))
    upto = timezone.localdate()
    result: dict[int, MonthlyAttendanceSummary] = {}
    # A record depends on its DayInput only (pure, frozen), and on the punches only through their
    # punch keys: staff with the same plan who clock the same minutes share one computation.
    state: _State = ({}, {}, {})
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        result.update(_chunk(org_id, part, year=year, month=month, upto=upto, state=state))
    return result
