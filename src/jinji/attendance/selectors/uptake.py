"""年5日の年次休暇の取得 (労基法第39条第7項) for the staff a user covers, per person and per unit; bounded queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from jinji.accounts.models import User
from jinji.attendance.models import EntryKind, LeaveEntry, LeaveKind
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_infos
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.personnel.permissions import employee_scope_q
from jinji.rules.leave import (
    AnnualLeaveRules,
    LeaveQuantity,
    LeaveUnit,
    LeaveUse,
    UptakeStatus,
    annual_leave_rules,
    five_day_uptake,
)
from jinji.rules.leave.uptake import half_days_text

MAX_ROWS = 500


@dataclass(frozen=True, slots=True)
class UptakeRow:
    employee: Employee
    status: UptakeStatus | None


def uptake_report(*, user: User, on: datetime.date) -> list[UptakeRow]:
    """Each covered employee's latest annual grant up to ``on`` and the uptake since (three queries)."""
    staff = list(
        Employee.objects.for_organization(user.organization_id).filter(employee_scope_q(user, on=on))
        .order_by("staff_number")[:MAX_ROWS]
    )  # fmt: skip
    entries = _lines(user, on, [e.pk for e in staff])
    rules = annual_leave_rules(on).data
    return [UptakeRow(employee, _status(rules, entries[employee.pk], on)) for employee in staff]


_Line = tuple[str, datetime.date, int, int, str]
"""An annual-leave grant or use: (entry kind, on, days, minutes, unit); plain tuples keep big scopes light."""


def _lines(
    user: User, on: datetime.date, employee_ids: Iterable[int] | QuerySet[Employee, int]
) -> dict[int, list[_Line]]:
    """employee id → their annual grants and uses up to ``on``, in date order (one query)."""
    rows = LeaveEntry.objects.for_organization(user.organization_id).filter(
        employee_id__in=employee_ids, account__kind=LeaveKind.ANNUAL, on__lte=on,
        entry_kind__in=[EntryKind.GRANT, EntryKind.USE],
    )  # fmt: skip
    result: dict[int, list[_Line]] = defaultdict(list)
    fields = ("employee_id", "entry_kind", "on", "days", "minutes", "unit")
    for employee_id, kind, day, days, minutes, unit in rows.order_by("on", "pk").values_list(*fields):
        result[employee_id].append((kind, day, days, minutes, unit))
    return result


def _status(rules: AnnualLeaveRules, mine: list[_Line], on: datetime.date) -> UptakeStatus | None:
    """The uptake since the latest grant among ``mine`` (grants and uses in date order); None without a grant."""
    grants = [line for line in mine if line[0] == EntryKind.GRANT]
    if not grants:
        return None
    uses = [LeaveUse(d, LeaveQuantity(days, minutes), LeaveUnit(unit)) for k, d, days, minutes, unit in mine
            if k == EntryKind.USE]  # fmt: skip
    _, granted_on, granted_days, _, _ = grants[-1]
    return five_day_uptake(rules, granted_on=granted_on, granted_days=granted_days, uses=uses, as_of=on)


@dataclass(frozen=True, slots=True)
class UnitUptake:
    """年次休暇の取得 of one unit's staff with a grant: average days taken (日・半日単位, since each
    one's latest grant) and how many of those the 5-day obligation applies to have reached it."""

    unit_id: int | None
    unit_name: str
    staff: int
    average_half_days: int
    obliged: int
    reached: int

    @property
    def average_days(self) -> str:
        """「3.5日」 (half-day precision, rounded down)."""
        return half_days_text(self.average_half_days)

    @property
    def reached_percent(self) -> int:
        return self.reached * 100 // self.obliged if self.obliged else 0


def uptake_by_unit(*, user: User, on: datetime.date) -> list[UnitUptake]:
    """Per unit (the 本務 on ``on``) of the staff ``user`` covers; a fixed number of queries."""
    scope = Employee.objects.for_organization(user.organization_id).filter(employee_scope_q(user, on=on))
    unit_of = dict(
        Assignment.objects.for_organization(user.organization_id)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY, employee_id__in=scope.values("pk"))
        .values_list("employee_id", "org_unit_id")
    )
    entries = _lines(user, on, scope.values_list("pk", flat=True))
    rules = annual_leave_rules(on).data
    by_unit: dict[int | None, list[UptakeStatus]] = defaultdict(list)
    for employee_id, mine in entries.items():
        status = _status(rules, mine, on)
        if status is not None:
            by_unit[unit_of.get(employee_id)].append(status)
    units = unit_infos(organization=user.organization_id, on=on, unit_ids=[u for u in by_unit if u])
    names = {u.id: u.name for u in units.values()}
    result = []
    for unit_id, statuses in by_unit.items():
        obliged = [s for s in statuses if s.applies]
        name = names.get(unit_id, "(所属なし)") if unit_id else "(所属なし)"
        average = sum(s.taken_half_days for s in statuses) // len(statuses)
        reached = sum(1 for s in obliged if not s.shortfall_half_days)
        result.append(UnitUptake(unit_id, name, len(statuses), average, len(obliged), reached))
    return sorted(result, key=lambda r: (r.unit_id is None, r.unit_name))
