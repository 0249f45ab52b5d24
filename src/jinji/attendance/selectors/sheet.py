"""The month's daily records (出勤簿) computed from punches with each employee's schedule, and the
monthly summary payroll reads. A fixed number of queries whatever the number of employees."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from jinji.attendance.models import ClockEvent, LeaveEntry, LocationKind, OvertimeOrder
from jinji.attendance.selectors.day_inputs import (
    actual_of,
    excused_spans,
    leave_bounds,
    leaves_by_day,
    orders_by_day,
    paid_overtime_span,
    punch_pairs,
)
from jinji.attendance.selectors.plan import DayPlan, day_plans
from jinji.attendance.selectors.summary_bulk import monthly_summary_bulk
from jinji.core.models import Organization
from jinji.rules.attendance import (
    JST,
    DailyRecord,
    DayInput,
    DayType,
    MonthlyAttendanceSummary,
    compute_daily_record,
    duration_ja,
    summarize_month,
)
from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import LeaveUnit

__all__ = ["DayRow", "PunchView", "actual_of", "monthly_rows", "monthly_summary", "summary_of"]


@dataclass(frozen=True, slots=True)
class PunchView:
    kind: str
    at: datetime.datetime
    location_label: str
    offline: bool
    proxy: bool


@dataclass(frozen=True, slots=True)
class DayRow:
    """One line of the 出勤簿: the computed record (None for a future day), punches, any problem."""

    day: datetime.date
    day_type: DayType
    record: DailyRecord | None
    punches: tuple[PunchView, ...]
    issue: str = ""
    leaves: tuple[str, ...] = ()
    plan: DayPlan | None = None
    warnings: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """区分 shown on the 出勤簿: the plan's (当番・非番・週休日(振替) …), 休日 on a 休日."""
        if self.day_type is DayType.HOLIDAY:
            return "休日" if self.plan is None or self.plan.label == "勤務日" else f"{self.plan.label}(休日)"
        if self.plan is not None:
            return self.plan.label
        return "週休日" if self.day_type is DayType.WEEKLY_REST_DAY else "勤務日"


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


_LOCATION_LABELS: dict[str, str] = {str(value): str(label) for value, label in LocationKind.choices}


def _punch_view(e: ClockEvent) -> PunchView:
    label = _LOCATION_LABELS.get(e.location_kind, e.location_kind)  # as get_location_kind_display(), cheaper
    if e.location is not None:
        label = f"{label}({e.location.name})"
    elif e.location_note:
        label = f"{label}({e.location_note})"
    return PunchView(e.kind, e.occurred_at.astimezone(JST), label, e.source == "offline", e.source == "proxy")


def _leave_label(leave: LeaveEntry) -> str:
    kind = leave.account.get_kind_display()
    if leave.unit == LeaveUnit.DAY:
        return f"{kind}(1日)"
    start, end = leave_bounds(leave)
    return f"{kind} {start.astimezone(JST):%H:%M}〜{end.astimezone(JST):%H:%M}"


def _warnings(record: DailyRecord | None, orders: list[OvertimeOrder]) -> tuple[str, ...]:
    found: list[str] = []
    if record is not None and record.unordered_minutes:
        found.append(f"命令のない時間外の勤務 {duration_ja(record.unordered_minutes)}(超過勤務には計上されません)")
    if any(o.confirmed_minutes is None for o in orders):
        found.append("時間外勤務の実績が未確認です(命令の時間で仮に計上しています)")
    return tuple(found)


def _day_row(
    plan: DayPlan,
    *,
    next_plan: DayPlan,
    events: list[ClockEvent],
    leaves: list[LeaveEntry],
    orders: list[OvertimeOrder],
    upto: datetime.date,
) -> DayRow:
    day, day_type = plan.day, plan.day_type
    views = tuple(_punch_view(e) for e in events)
    labels = tuple(_leave_label(x) for x in leaves)
    punches, issue = punch_pairs((e.kind, e.occurred_at) for e in events)
    if day > upto and not punches:
        return DayRow(day, day_type, None, views, issue, labels, plan)
    schedule = None if day_type is DayType.WEEKLY_REST_DAY else plan.schedule
    try:
        excused = excused_spans(day, schedule, leaves)
        spans = tuple(s for s in (paid_overtime_span(o) for o in orders) if s is not None)
        record = compute_daily_record(
            DayInput(day=day, day_type=day_type, schedule=schedule, punches=punches, excused=excused,
                     ordered_overtime=spans, next_day_type=next_plan.day_type)
        )  # fmt: skip
    except InvalidArgument as exc:
        return DayRow(day, day_type, None, views, str(exc), labels, plan)
    return DayRow(day, day_type, record, views, issue, labels, plan, _warnings(record, orders))


def monthly_rows(
    *, organization: Organization | int, employee_ids: Iterable[int], year: int, month: int, upto: datetime.date | None
) -> dict[int, list[DayRow]]:
    """employee id → the month's day rows. Days after ``upto`` (default: today) without punches stay empty.

    The plan of each day comes from :func:`jinji.attendance.selectors.plan.day_plans`; overtime counts
    only inside approved orders (their confirmed actual), other time outside the schedule is a warning."""
    org_id = _org_id(organization)
    ids = sorted(set(employee_ids))
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    upto = upto or timezone.localdate()
    plans = day_plans(organization=org_id, employee_ids=ids, first=first, last=last + datetime.timedelta(days=1))
    by_day: dict[tuple[int, datetime.date], list[ClockEvent]] = defaultdict(list)
    rows = (
        ClockEvent.objects.for_organization(org_id)
        .filter(employee_id__in=ids, business_date__range=(first, last))
        .select_related("location")
        .order_by("occurred_at", "pk")
    )
    for e in rows:
        by_day[(e.employee_id, e.business_date)].append(e)
    leaves = leaves_by_day(org_id, ids, first, last)
    orders = orders_by_day(org_id, ids, first, last)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    one = datetime.timedelta(days=1)
    return {
        eid: [
            _day_row(
                plans[eid][d],
                next_plan=plans[eid][d + one],
                events=by_day.get((eid, d), []),
                leaves=leaves.get((eid, d), []),
                orders=orders.get((eid, d), []),
                upto=upto,
            )
            for d in days
        ]
        for eid in ids
    }


def summary_of(rows: list[DayRow], *, year: int, month: int) -> MonthlyAttendanceSummary:
    return summarize_month([r.record for r in rows if r.record is not None], year=year, month=month)


def monthly_summary(
    *, organization: Organization | int, employee_ids: Iterable[int], year: int, month: int
) -> dict[int, MonthlyAttendanceSummary]:
    """employee id → the month's :class:`MonthlyAttendanceSummary` (payroll's input). Eight queries per 5,000 staff.

    Every day of the month up to today counts (a closed past month: all of it); a day whose
    punches are incomplete is left out of the totals and shown as a problem on the 出勤簿. Computed
    set-based (:mod:`.summary_bulk`), equal to ``summary_of`` over :func:`monthly_rows` (tested)."""
    return monthly_summary_bulk(organization=organization, employee_ids=employee_ids, year=year, month=month)
