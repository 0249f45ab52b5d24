"""超過勤務 reads: an employee's orders, the unit dashboard (heat map staff × months, near a cap)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from jinji.accounts.models import User
from jinji.attendance.models import OvertimeOrder
from jinji.personnel.models import Employee
from jinji.personnel.permissions import employee_scope_q
from jinji.rules.attendance import YearMonth, overtime_caps
from jinji.rules.calendar import fiscal_year

MAX_STAFF = 300


def overtime_orders_of(*, organization_id: int, employee_id: int, on: datetime.date) -> list[OvertimeOrder]:
    """The employee's orders in the fiscal year of ``on`` (one query)."""
    fy = fiscal_year(on)
    rows = OvertimeOrder.objects.for_organization(organization_id).filter(
        employee_id=employee_id, day__range=(datetime.date(fy, 4, 1), datetime.date(fy + 1, 3, 31))
    )
    return list(rows.select_related("actual").order_by("-day"))


def fiscal_year_minutes(
    *, organization_id: int, employee_ids: list[int], on: datetime.date
) -> dict[int, dict[YearMonth, int]]:
    """employee id → month → counted overtime minutes of the fiscal year of ``on`` (one query)."""
    fy = fiscal_year(on)
    start, end = datetime.date(fy, 4, 1), datetime.date(fy + 1, 3, 31)
    rows = OvertimeOrder.objects.for_organization(organization_id).filter(
        employee_id__in=employee_ids, day__range=(start, end)
    )
    result: dict[int, dict[YearMonth, int]] = defaultdict(lambda: defaultdict(int))
    for order in rows:
        result[order.employee_id][YearMonth(order.day.year, order.day.month)] += order.counted_minutes
    return result


def heat_class(minutes: int, month_cap: int) -> str:
    """CSS class of a heat-map cell: heat-0 (none) … heat-4 (over the monthly cap)."""
    if minutes <= 0:
        return "heat-0"
    if minutes > month_cap:
        return "heat-4"
    if minutes * 5 >= month_cap * 4:
        return "heat-3"
    return "heat-2" if minutes * 2 >= month_cap else "heat-1"


@dataclass(frozen=True, slots=True)
class HeatCell:
    minutes: int
    css: str


@dataclass(frozen=True, slots=True)
class HeatRow:
    employee: Employee
    cells: tuple[HeatCell, ...]
    year_minutes: int
    near_cap: bool


@dataclass(frozen=True, slots=True)
class Dashboard:
    months: tuple[YearMonth, ...]
    rows: tuple[HeatRow, ...]
    pending: tuple[OvertimeOrder, ...]
    month_cap: int
    year_cap: int


def overtime_dashboard(*, user: User, on: datetime.date) -> Dashboard:
    """The covered staff's fiscal-year overtime by month; a fixed number of queries."""
    staff = list(
        Employee.objects.for_organization(user.organization_id).filter(employee_scope_q(user, on=on))
        .order_by("staff_number")[:MAX_STAFF]
    )  # fmt: skip
    caps = overtime_caps(on).data
    fy = fiscal_year(on)
    months = tuple(YearMonth(fy, 4).plus(i) for i in range(12))
    minutes = fiscal_year_minutes(organization_id=user.organization_id, employee_ids=[e.pk for e in staff], on=on)
    rows = []
    for e in staff:
        mine = minutes.get(e.pk, {})
        cells = tuple(HeatCell(mine.get(m, 0), heat_class(mine.get(m, 0), caps.ordinary_month_max)) for m in months)
        total = sum(c.minutes for c in cells)
        near = total * 5 >= caps.ordinary_year_max * 4 or any(c.css in {"heat-3", "heat-4"} for c in cells)
        rows.append(HeatRow(e, cells, total, near))
    pending = (
        OvertimeOrder.objects.for_organization(user.organization_id)
        .filter(employee_id__in=[e.pk for e in staff], confirmed_minutes__isnull=True, day__lte=on)
        .select_related("actual")
    )
    return Dashboard(months, tuple(rows), tuple(pending.order_by("day")[:100]), caps.ordinary_month_max,
                     caps.ordinary_year_max)  # fmt: skip
