"""The month's daily records (出勤簿) computed from punches with each employee's schedule, and the
monthly summary payroll reads. A fixed number of queries whatever the number of employees."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils import timezone

from jinji.attendance.models import ClockEvent, ClockKind, LeaveEntry, Schedule, ScheduleAssignment
from jinji.attendance.selectors.leave import leave_uses_between
from jinji.core.models import Organization
from jinji.rules.attendance import (
    JST,
    STANDARD_SCHEDULE,
    DailyRecord,
    DayInput,
    DayType,
    MonthlyAttendanceSummary,
    Punch,
    TimeSpan,
    WorkSchedule,
    compute_daily_record,
    day_type_of,
    summarize_month,
)
from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import LeaveUnit


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


@dataclass(frozen=True, slots=True)
class _Assigned:
    schedule: WorkSchedule
    weekdays: frozenset[int] | None
    valid_from: datetime.date
    valid_to: datetime.date | None


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def to_work_schedule(row: Schedule) -> WorkSchedule:
    breaks: tuple[tuple[int, int], ...] = ()
    if row.break_start_minute is not None and row.break_end_minute is not None:
        breaks = ((row.break_start_minute, row.break_end_minute),)
    return WorkSchedule(row.start_minute, row.end_minute, breaks, row.code)


def _schedules(
    org_id: int, employee_ids: Sequence[int], first: datetime.date, last: datetime.date
) -> tuple[WorkSchedule, dict[int, list[_Assigned]]]:
    """The organization's default schedule and each employee's assignments overlapping the month (2 queries)."""
    default_row = Schedule.objects.for_organization(org_id).filter(is_default=True).first()
    default = to_work_schedule(default_row) if default_row else STANDARD_SCHEDULE
    rows = (
        ScheduleAssignment.objects.for_organization(org_id)
        .filter(employee_id__in=employee_ids, valid_from__lte=last)
        .exclude(valid_to__lt=first)
        .select_related("schedule")
    )
    assigned: dict[int, list[_Assigned]] = defaultdict(list)
    for a in rows:
        days = frozenset(int(c) for c in a.weekdays if c.isdigit())
        assigned[a.employee_id].append(_Assigned(to_work_schedule(a.schedule), days, a.valid_from, a.valid_to))
    return default, assigned


def _schedule_on(day: datetime.date, default: WorkSchedule, assigned: list[_Assigned]) -> _Assigned:
    for a in assigned:
        if a.valid_from <= day and (a.valid_to is None or day <= a.valid_to):
            return a
    return _Assigned(default, None, day, None)


def _pairs(events: list[ClockEvent]) -> tuple[tuple[Punch, ...], str]:
    """Clock-in/out pairs in time order; an unmatched side is reported, not computed."""
    punches: list[Punch] = []
    issue = ""
    open_in: datetime.datetime | None = None
    for e in events:
        if e.kind == ClockKind.CLOCK_IN:
            if open_in is not None:
                issue = "退勤の打刻がない出勤があります"
            open_in = e.occurred_at
        elif open_in is None:
            issue = "出勤の打刻がない退勤があります"
        else:
            punches.append(Punch(open_in, e.occurred_at))
            open_in = None
    if open_in is not None:
        issue = issue or "退勤の打刻がありません"
    return tuple(punches), issue


def _punch_view(e: ClockEvent) -> PunchView:
    label = e.get_location_kind_display()
    if e.location is not None:
        label = f"{label}({e.location.name})"
    elif e.location_note:
        label = f"{label}({e.location_note})"
    return PunchView(e.kind, e.occurred_at.astimezone(JST), label, e.source == "offline", e.source == "proxy")


def _bounds(leave: LeaveEntry) -> tuple[datetime.datetime, datetime.datetime]:
    if leave.starts_at is None or leave.ends_at is None:
        raise InvalidArgument(f"{leave.on.isoformat()}: 休暇の時間帯が記録されていません")
    return leave.starts_at, leave.ends_at


def _excused(day: datetime.date, schedule: WorkSchedule | None, leaves: list[LeaveEntry]) -> tuple[TimeSpan, ...]:
    """The day's approved leave as spans inside its schedule (a whole-day leave covers the schedule)."""
    if schedule is None:
        return ()
    spans: list[TimeSpan] = []
    for leave in leaves:
        if leave.unit == LeaveUnit.DAY:
            spans.append(schedule.span_on(day))
        else:
            spans.append(TimeSpan(*_bounds(leave)))
    return tuple(spans)


def _leave_label(leave: LeaveEntry) -> str:
    kind = leave.account.get_kind_display()
    if leave.unit == LeaveUnit.DAY:
        return f"{kind}(1日)"
    start, end = _bounds(leave)
    return f"{kind} {start.astimezone(JST):%H:%M}〜{end.astimezone(JST):%H:%M}"


def _day_row(
    day: datetime.date, assigned: _Assigned, events: list[ClockEvent], leaves: list[LeaveEntry], upto: datetime.date
) -> DayRow:
    rest = None if assigned.weekdays is None else day.weekday() not in assigned.weekdays
    day_type = day_type_of(day, weekly_rest=rest)
    views = tuple(_punch_view(e) for e in events)
    labels = tuple(_leave_label(x) for x in leaves)
    punches, issue = _pairs(events)
    if day > upto and not punches:
        return DayRow(day, day_type, None, views, issue, labels)
    schedule = None if day_type is DayType.WEEKLY_REST_DAY else assigned.schedule
    try:
        excused = _excused(day, schedule, leaves)
        record = compute_daily_record(
            DayInput(day=day, day_type=day_type, schedule=schedule, punches=punches, excused=excused)
        )
    except InvalidArgument as exc:
        return DayRow(day, day_type, None, views, str(exc), labels)
    return DayRow(day, day_type, record, views, issue, labels)


def _leaves_by_day(
    org_id: int, ids: list[int], first: datetime.date, last: datetime.date
) -> dict[tuple[int, datetime.date], list[LeaveEntry]]:
    result: dict[tuple[int, datetime.date], list[LeaveEntry]] = defaultdict(list)
    for leave in leave_uses_between(organization_id=org_id, employee_ids=ids, first=first, last=last):
        if leave.unit == LeaveUnit.DAY:
            day, stop = leave.on, leave.on + datetime.timedelta(days=leave.days)
            while day < stop:
                result[(leave.employee_id, day)].append(leave)
                day += datetime.timedelta(days=1)
        else:
            result[(leave.employee_id, leave.on)].append(leave)
    return result


def monthly_rows(
    *, organization: Organization | int, employee_ids: Iterable[int], year: int, month: int, upto: datetime.date | None
) -> dict[int, list[DayRow]]:
    """employee id → the month's day rows. Days after ``upto`` (default: today) without punches stay empty."""
    org_id = _org_id(organization)
    ids = sorted(set(employee_ids))
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    upto = upto or timezone.localdate()
    default, assigned = _schedules(org_id, ids, first, last)
    by_day: dict[tuple[int, datetime.date], list[ClockEvent]] = defaultdict(list)
    rows = (
        ClockEvent.objects.for_organization(org_id)
        .filter(employee_id__in=ids, business_date__range=(first, last))
        .select_related("location")
        .order_by("occurred_at", "pk")
    )
    for e in rows:
        by_day[(e.employee_id, e.business_date)].append(e)
    leaves = _leaves_by_day(org_id, ids, first, last)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    return {
        eid: [
            _day_row(
                d, _schedule_on(d, default, assigned[eid]), by_day.get((eid, d), []), leaves.get((eid, d), []), upto
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
    """employee id → the month's :class:`MonthlyAttendanceSummary` (payroll's input). Four queries.

    Every day of the month up to today counts (a closed past month: all of it); a day whose
    punches are incomplete is left out of the totals and shown as a problem on the 出勤簿."""
    rows = monthly_rows(organization=organization, employee_ids=employee_ids, year=year, month=month, upto=None)
    return {eid: summary_of(days, year=year, month=month) for eid, days in rows.items()}
