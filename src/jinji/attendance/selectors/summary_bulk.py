"""The monthly summary for payroll, set-based: the same result as the 出勤簿 path
(``summary_of`` over :func:`jinji.attendance.selectors.sheet.monthly_rows`) without model instances for
punches and without per-day display rows — for the close of a whole organization.

Employees are read in chunks (an id range when the chunk is dense); per chunk: the plan
(:func:`~jinji.attendance.selectors.plan.day_plans`), punches as ``values_list`` tuples, the leave
uses and overtime orders (few rows; :mod:`.day_inputs`, shared with the 出勤簿), then per day the
same rules entry point (``compute_daily_record``, once per distinct day input) and ``summarize_month``.
Eight queries per chunk at most.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.utils import timezone

from jinji.attendance.models import ClockEvent
from jinji.attendance.selectors.day_inputs import (
    excused_spans,
    leaves_by_day,
    orders_by_day,
    paid_overtime_span,
    punch_pairs,
)
from jinji.attendance.selectors.plan import DayPlan, day_plans
from jinji.core.models import Organization
from jinji.rules.attendance import (
    DailyRecord,
    DayInput,
    DayType,
    MonthlyAttendanceSummary,
    compute_daily_record,
    day_type_of,
    summarize_month,
)
from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.overtime import overtime_rules

CHUNK = 5000
CACHE_LIMIT = 200_000  # distinct day inputs kept (a few hundred bytes each)
_Events = dict[int, dict[datetime.date, list[tuple[str, datetime.datetime]]]]


def _punches(org_id: int, ids: Sequence[int], first: datetime.date, last: datetime.date) -> _Events:
    """employee → business day → (kind, time) in time order (one query, tuples only)."""
    rows = ClockEvent.objects.for_organization(org_id).filter(business_date__range=(first, last))
    dense = ids[-1] - ids[0] < 2 * len(ids)
    rows = rows.filter(employee_id__gte=ids[0], employee_id__lte=ids[-1]) if dense else rows.filter(employee_id__in=ids)
    wanted = set(ids)
    result: _Events = defaultdict(lambda: defaultdict(list))
    for eid, day, kind, at in rows.order_by("occurred_at", "pk").values_list(
        "employee_id", "business_date", "kind", "occurred_at"
    ):
        if eid in wanted:
            result[eid][day].append((kind, at))
    return result


def _chunk(
    org_id: int,
    ids: Sequence[int],
    *,
    year: int,
    month: int,
    upto: datetime.date,
    computed: dict[DayInput, DailyRecord],
) -> dict[int, MonthlyAttendanceSummary]:
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    one = datetime.timedelta(days=1)
    plans = day_plans(organization=org_id, employee_ids=ids, first=first, last=last + one)
    punches = _punches(org_id, ids, first, last)
    leaves = leaves_by_day(org_id, list(ids), first, last)
    orders = orders_by_day(org_id, list(ids), first, last)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    types: dict[tuple[datetime.date, bool], DayType] = {}
    rates = overtime_rules(first).data

    def day_type(plan: DayPlan) -> DayType:  # DayPlan.day_type, once per (day, rest)
        key = (plan.day, plan.weekly_rest or plan.schedule is None)
        found = types.get(key)
        if found is None:
            found = types[key] = day_type_of(plan.day, weekly_rest=key[1])
        return found

    result: dict[int, MonthlyAttendanceSummary] = {}
    for eid in ids:
        mine, events = plans[eid], punches.get(eid, {})
        records: list[DailyRecord] = []
        for d in days:
            pairs, _issue = punch_pairs(events.get(d, ()))
            if d > upto and not pairs:
                continue
            plan = mine[d]
            kind = day_type(plan)
            schedule = None if kind is DayType.WEEKLY_REST_DAY else plan.schedule
            todays = orders.get((eid, d), [])
            try:
                excused = excused_spans(d, schedule, leaves.get((eid, d), []))
                spans = tuple(s for s in (paid_overtime_span(o) for o in todays) if s is not None)
                inp = DayInput(day=d, day_type=kind, schedule=schedule, punches=pairs, excused=excused,
                               ordered_overtime=spans, next_day_type=day_type(mine[d + one]))  # fmt: skip
                record = computed.get(inp)
                if record is None:
                    if len(computed) >= CACHE_LIMIT:  # punches to the second rarely repeat: bound the memory
                        computed.clear()
                    record = computed[inp] = compute_daily_record(inp)
            except InvalidArgument:
                continue  # shown as a problem on the 出勤簿, left out of the totals
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
    # A record depends on its DayInput only (pure, frozen): staff with the same schedule who clock the
    # same minutes on a day share one computation.
    computed: dict[DayInput, DailyRecord] = {}
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        result.update(_chunk(org_id, part, year=year, month=month, upto=upto, computed=computed))
    return result
