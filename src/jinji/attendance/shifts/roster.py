"""The roster (勤務表): a unit's staff × days with each day's plan and the 4-week average per person."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.attendance.models import ShiftPattern, ShiftPatternDay, ShiftRotation
from jinji.attendance.selectors.plan import DayPlan, day_plans
from jinji.attendance.selectors.unit import employees_by_id, unit_employee_ids
from jinji.personnel.models import Employee
from jinji.rules.attendance import working_time_rules
from jinji.rules.attendance.averaging import averaging_periods, scheduled_minutes


@dataclass(frozen=True, slots=True)
class RosterLine:
    employee: Employee
    plans: tuple[DayPlan, ...]
    weekly_average: int
    within: bool


@dataclass(frozen=True, slots=True)
class Roster:
    first: datetime.date
    days: tuple[datetime.date, ...]
    lines: tuple[RosterLine, ...]
    weekly_minutes: int


def unit_roster(*, organization_id: int, org_unit_id: int, first: datetime.date) -> Roster:
    """4 weeks (the averaging period) from ``first`` for the unit's staff on ``first``. Eight queries."""
    rules = working_time_rules(first).data
    length = rules.averaging_max_weeks * 7
    last = first + datetime.timedelta(days=length - 1)
    ids = unit_employee_ids(organization=organization_id, org_unit_id=org_unit_id, on=first)
    people = employees_by_id(organization=organization_id, employee_ids=ids)
    plans = day_plans(organization=organization_id, employee_ids=ids, first=first, last=last)
    days = tuple(first + datetime.timedelta(days=n) for n in range(length))
    lines = []
    for e in people.values():
        mine = tuple(plans[e.pk][d] for d in days)
        period = averaging_periods(scheduled_minutes([p.shift_day for p in mine]), first_day=first, rules=rules)[0]
        lines.append(RosterLine(e, mine, period.weekly_average, period.within))
    return Roster(first, days, tuple(lines), rules.weekly_minutes)


@dataclass(frozen=True, slots=True)
class PatternView:
    pattern: ShiftPattern
    days: tuple[ShiftPatternDay, ...]


def pattern_list(*, organization_id: int) -> list[PatternView]:
    """The organization's patterns with their days (two queries)."""
    patterns = list(ShiftPattern.objects.for_organization(organization_id).order_by("code"))
    days: dict[int, list[ShiftPatternDay]] = {p.pk: [] for p in patterns}
    for d in ShiftPatternDay.objects.for_organization(organization_id).order_by("pattern_id", "position"):
        days.setdefault(d.pattern_id, []).append(d)
    return [PatternView(p, tuple(days[p.pk])) for p in patterns]


def rotations_of_unit(*, organization_id: int, employee_ids: list[int], on: datetime.date) -> list[ShiftRotation]:
    """Rotations of these employees in force on or after ``on`` (one query)."""
    rows = ShiftRotation.objects.for_organization(organization_id).filter(employee_id__in=employee_ids)
    return list(rows.exclude(valid_to__lt=on).select_related("pattern").order_by("employee_id", "valid_from"))
