"""年5日の年次休暇の取得 (労基法第39条第7項) for the staff a user covers; bounded queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from jinji.accounts.models import User
from jinji.attendance.models import EntryKind, LeaveEntry, LeaveKind
from jinji.attendance.selectors.leave import ledger_event
from jinji.personnel.models import Employee
from jinji.personnel.permissions import employee_scope_q
from jinji.rules.leave import LeaveUse, UptakeStatus, annual_leave_rules, five_day_uptake

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
    entries: dict[int, list[LeaveEntry]] = defaultdict(list)
    rows = LeaveEntry.objects.for_organization(user.organization_id).filter(
        employee_id__in=[e.pk for e in staff], account__kind=LeaveKind.ANNUAL, on__lte=on,
        entry_kind__in=[EntryKind.GRANT, EntryKind.USE],
    )  # fmt: skip
    for entry in rows.order_by("on"):
        entries[entry.employee_id].append(entry)
    rules = annual_leave_rules(on).data
    result = []
    for employee in staff:
        mine = entries[employee.pk]
        grants = [e for e in mine if e.entry_kind == EntryKind.GRANT]
        if not grants:
            result.append(UptakeRow(employee, None))
            continue
        uses = [
            ev for ev in (ledger_event(e) for e in mine if e.entry_kind == EntryKind.USE) if isinstance(ev, LeaveUse)
        ]
        last = grants[-1]
        status = five_day_uptake(rules, granted_on=last.on, granted_days=last.days, uses=uses, as_of=on)
        result.append(UptakeRow(employee, status))
    return result
