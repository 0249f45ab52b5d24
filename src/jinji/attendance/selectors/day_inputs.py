"""The inputs of a day's record shared by the 出勤簿 (sheet.py) and the set-based summary
(summary_bulk.py): punch pairs, approved leave as spans, and the payable stretch of overtime orders."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist

from jinji.attendance.models import ClockKind, LeaveEntry, OvertimeActual, OvertimeOrder
from jinji.attendance.selectors.idset import employee_q
from jinji.attendance.selectors.leave import leave_uses_between
from jinji.rules.attendance import Punch, TimeSpan, WorkSchedule
from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import LeaveUnit


def punch_pairs(events: Iterable[tuple[str, datetime.datetime]]) -> tuple[tuple[Punch, ...], str]:
    """Clock-in/out pairs from (kind, time) in time order; an unmatched side is reported, not computed."""
    punches: list[Punch] = []
    issue = ""
    open_in: datetime.datetime | None = None
    for kind, at in events:
        if kind == ClockKind.CLOCK_IN:
            if open_in is not None:
                issue = "退勤の打刻がない出勤があります"
            open_in = at
        elif open_in is None:
            issue = "出勤の打刻がない退勤があります"
        else:
            punches.append(Punch(open_in, at))
            open_in = None
    if open_in is not None:
        issue = issue or "退勤の打刻がありません"
    return tuple(punches), issue


def leave_bounds(leave: LeaveEntry) -> tuple[datetime.datetime, datetime.datetime]:
    if leave.starts_at is None or leave.ends_at is None:
        raise InvalidArgument(f"{leave.on.isoformat()}: 休暇の時間帯が記録されていません")
    return leave.starts_at, leave.ends_at


def excused_spans(day: datetime.date, schedule: WorkSchedule | None, leaves: list[LeaveEntry]) -> tuple[TimeSpan, ...]:
    """The day's approved leave as spans inside its schedule (a whole-day leave covers the schedule)."""
    if schedule is None:
        return ()
    spans: list[TimeSpan] = []
    for leave in leaves:
        if leave.unit == LeaveUnit.DAY:
            spans.append(schedule.span_on(day))
        else:
            spans.append(TimeSpan(*leave_bounds(leave)))
    return tuple(spans)


def paid_overtime_span(order: OvertimeOrder) -> TimeSpan | None:
    """The stretch of an order that may count as overtime: the staff's reported actual (else the
    ordered time), cut to the 所属長's confirmed minutes once confirmed (None when confirmed as 0)."""
    actual = actual_of(order)
    start, end = (actual.starts_at, actual.ends_at) if actual is not None else (order.starts_at, order.ends_at)
    if order.confirmed_minutes is None:
        return TimeSpan(start, end)
    if order.confirmed_minutes == 0:
        return None
    return TimeSpan(start, start + datetime.timedelta(minutes=order.confirmed_minutes))


def actual_of(order: OvertimeOrder) -> OvertimeActual | None:
    try:
        return order.actual
    except ObjectDoesNotExist:
        return None


def orders_by_day(
    org_id: int, ids: list[int], first: datetime.date, last: datetime.date
) -> dict[tuple[int, datetime.date], list[OvertimeOrder]]:
    """Approved 時間外勤務命令 with their reported actuals (one query)."""
    rows = (
        OvertimeOrder.objects.for_organization(org_id)
        .filter(employee_q(sorted(ids)), day__range=(first, last))
        .select_related("actual")
        .order_by("starts_at", "pk")
    )
    result: dict[tuple[int, datetime.date], list[OvertimeOrder]] = defaultdict(list)
    wanted = set(ids)
    for order in rows:
        if order.employee_id in wanted:
            result[(order.employee_id, order.day)].append(order)
    return result


def leaves_by_day(
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
