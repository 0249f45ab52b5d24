"""The per-day plan (勤務の予定): which schedule, 週休日 or 非番 applies to an employee on a day.

One resolver for the 出勤簿, the monthly summary, the roster and the 振替 check. Order:
交替制勤務の割当 (:class:`ShiftRotation`) → else 勤務時間の割振りの適用 (:class:`ScheduleAssignment`)
→ else the organization's default schedule Monday to Friday; then an approved 週休日の振替 swaps
the two days. A fixed number of queries whatever the number of employees or days.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from jinji.attendance.models import (
    RestDayTransfer,
    Schedule,
    ScheduleAssignment,
    ShiftDayKind,
    ShiftPatternDay,
    ShiftRotation,
)
from jinji.attendance.selectors.idset import employee_q
from jinji.core.models import Organization
from jinji.rules.attendance import STANDARD_SCHEDULE, DayType, ShiftDay, WorkSchedule, day_type_of
from jinji.rules.attendance.rotations import Rotation
from jinji.rules.calendar import is_weekly_rest_day


class PlanSource:
    ROTATION = "rotation"
    ASSIGNMENT = "assignment"
    DEFAULT = "default"


@dataclass(frozen=True, slots=True)
class DayPlan:
    """The plan of one day: ``schedule`` (None: no hours), ``weekly_rest`` (週休日), a display ``label``
    (勤務日・週休日・当番・非番 …), where it came from, and whether a 週休日の振替 changed it."""

    day: datetime.date
    schedule: WorkSchedule | None
    weekly_rest: bool
    label: str
    source: str
    transferred: bool = False

    @property
    def day_type(self) -> DayType:
        """勤務日 / 週休日 / 休日. A day without hours (非番) is a 週休日 for pay: work on it is not on a
        day with 正規の勤務時間 (給与法 第16条: 135/100), and it has no absence."""
        return day_type_of(self.day, weekly_rest=self.weekly_rest or self.schedule is None)

    @property
    def shift_day(self) -> ShiftDay:
        return ShiftDay(self.schedule, weekly_rest=self.weekly_rest)


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def to_work_schedule(row: Schedule) -> WorkSchedule:
    breaks: tuple[tuple[int, int], ...] = ()
    if row.break_start_minute is not None and row.break_end_minute is not None:
        breaks = ((row.break_start_minute, row.break_end_minute),)
    return WorkSchedule(row.start_minute, row.end_minute, breaks, row.code)


def pattern_day_schedule(row: ShiftPatternDay) -> WorkSchedule | None:
    """The schedule of a pattern day (None for 非番・週休日)."""
    if row.kind != ShiftDayKind.DUTY or row.start_minute is None or row.end_minute is None:
        return None
    breaks = tuple((int(a), int(b)) for a, b in row.breaks or [])
    return WorkSchedule(row.start_minute, row.end_minute, breaks, row.label)


@dataclass(frozen=True, slots=True)
class _Rot:
    rotation: Rotation
    labels: tuple[str, ...]
    valid_from: datetime.date
    valid_to: datetime.date | None


@dataclass(frozen=True, slots=True)
class _Assigned:
    schedule: WorkSchedule
    weekdays: frozenset[int]
    valid_from: datetime.date
    valid_to: datetime.date | None


def _valid(day: datetime.date, start: datetime.date, end: datetime.date | None) -> bool:
    return start <= day and (end is None or day <= end)


def _rotations(org_id: int, ids: Sequence[int], first: datetime.date, last: datetime.date) -> dict[int, list[_Rot]]:
    """Two queries (the rotations, then their patterns' days)."""
    rows = list(
        ShiftRotation.objects.for_organization(org_id)
        .filter(employee_q(ids), valid_from__lte=last)
        .exclude(valid_to__lt=first)
        .order_by("-valid_from")
    )
    if not rows:
        return {}
    days: dict[int, list[ShiftPatternDay]] = defaultdict(list)
    pattern_ids = sorted({r.pattern_id for r in rows})
    for d in ShiftPatternDay.objects.for_organization(org_id).filter(pattern_id__in=pattern_ids).order_by("position"):
        days[d.pattern_id].append(d)
    result: dict[int, list[_Rot]] = defaultdict(list)
    for r in rows:
        cycle = days[r.pattern_id]
        if not cycle:
            continue
        shift_days = tuple(ShiftDay(pattern_day_schedule(d), weekly_rest=d.kind == ShiftDayKind.REST) for d in cycle)
        offset = min(r.start_offset, len(cycle) - 1)
        rotation = Rotation(shift_days, r.valid_from, offset)
        result[r.employee_id].append(_Rot(rotation, tuple(d.label for d in cycle), r.valid_from, r.valid_to))
    return result


def _assignments(
    org_id: int, ids: Sequence[int], first: datetime.date, last: datetime.date
) -> dict[int, list[_Assigned]]:
    rows = (
        ScheduleAssignment.objects.for_organization(org_id)
        .filter(employee_q(ids), valid_from__lte=last)
        .exclude(valid_to__lt=first)
        .select_related("schedule")
        .order_by("-valid_from")
    )
    result: dict[int, list[_Assigned]] = defaultdict(list)
    for a in rows:
        weekdays = frozenset(int(c) for c in a.weekdays if c.isdigit())
        result[a.employee_id].append(_Assigned(to_work_schedule(a.schedule), weekdays, a.valid_from, a.valid_to))
    return result


def default_work_schedule(organization: Organization | int) -> WorkSchedule:
    """The organization's standard schedule (団体の標準), else 8:30〜17:15 (one query)."""
    row = Schedule.objects.for_organization(_org_id(organization)).filter(is_default=True).first()
    return to_work_schedule(row) if row else STANDARD_SCHEDULE


def _base_plan(day: datetime.date, default: WorkSchedule, rotations: list[_Rot], assigned: list[_Assigned]) -> DayPlan:
    for rot in rotations:
        if _valid(day, rot.valid_from, rot.valid_to):
            position = rot.rotation.position_on(day)
            shift = rot.rotation.days[position]
            return DayPlan(day, shift.schedule, shift.weekly_rest, rot.labels[position], PlanSource.ROTATION)
    for a in assigned:
        if _valid(day, a.valid_from, a.valid_to):
            rest = day.weekday() not in a.weekdays
            return DayPlan(
                day, None if rest else a.schedule, rest, "週休日" if rest else "勤務日", PlanSource.ASSIGNMENT
            )
    rest = is_weekly_rest_day(day)
    return DayPlan(day, None if rest else default, rest, "週休日" if rest else "勤務日", PlanSource.DEFAULT)


def _transfers(org_id: int, ids: Sequence[int], first: datetime.date, last: datetime.date) -> list[RestDayTransfer]:
    rows = RestDayTransfer.objects.for_organization(org_id).filter(employee_q(ids))
    wanted = set(ids)
    found = rows.filter(work_on__range=(first, last)) | rows.filter(rest_on__range=(first, last))
    return [t for t in found if t.employee_id in wanted]


def base_plans(
    *, organization: Organization | int, employee_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, dict[datetime.date, DayPlan]]:
    """The plans before any 週休日の振替 (four queries at most)."""
    org_id = _org_id(organization)
    ids = sorted(set(employee_ids))
    default = default_work_schedule(org_id)
    rotations = _rotations(org_id, ids, first, last)
    assigned = _assignments(org_id, ids, first, last)
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    plain = {d: _base_plan(d, default, [], []) for d in days}  # staff on the default: one (frozen) plan a day
    return {
        eid: (
            {d: _base_plan(d, default, rotations.get(eid, []), assigned.get(eid, [])) for d in days}
            if eid in rotations or eid in assigned
            else dict(plain)
        )
        for eid in ids
    }


def day_plans(
    *, organization: Organization | int, employee_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> dict[int, dict[datetime.date, DayPlan]]:
    """employee id → day → :class:`DayPlan` for ``first``–``last``, with 週休日の振替 applied (five queries at most).

    On the former 週休日 the employee works the schedule the new 週休日 would have had."""
    org_id = _org_id(organization)
    ids = sorted(set(employee_ids))
    transfers = _transfers(org_id, ids, first, last)
    lo = min([first, *(min(t.work_on, t.rest_on) for t in transfers)])
    hi = max([last, *(max(t.work_on, t.rest_on) for t in transfers)])
    plans = base_plans(organization=org_id, employee_ids=ids, first=lo, last=hi)
    for t in transfers:
        mine = plans[t.employee_id]
        worked, rested = mine[t.work_on], mine[t.rest_on]
        mine[t.work_on] = DayPlan(t.work_on, rested.schedule, False, f"{rested.label}(振替)", worked.source, True)
        mine[t.rest_on] = DayPlan(t.rest_on, None, True, "週休日(振替)", rested.source, True)
    if (lo, hi) == (first, last):
        return plans
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    return {eid: {d: plans[eid][d] for d in days} for eid in ids}
