"""テレワーク・サテライトオフィスの利用状況: days by location kind per unit and month of a fiscal year
(approved 在宅・ワーケーション days and satellite seat bookings of the staff the user covers, by their
unit on the reference day), and each satellite office's seat occupancy. A fixed number of queries."""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear

from jinji.accounts.models import User
from jinji.attendance.models import LocationKind, RemoteWorkDay, SeatBooking, WorkLocation
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_infos
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.personnel.permissions import employee_scope_q
from jinji.rules.attendance import DayType, YearMonth, day_type_of

BAR_WIDTH = 100
"""Width (SVG user units) of the longest bar; the others are scaled to it."""
KINDS = (
    (LocationKind.HOME, "在宅"),
    (LocationKind.WORKATION, "ワーケーション"),
    (LocationKind.SATELLITE, "サテライト"),
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One coloured part of a stacked bar: ``css`` class, x offset and width in SVG units."""

    css: str
    x: int
    width: int


@dataclass(frozen=True, slots=True)
class UseCell:
    counts: tuple[int, ...]
    """Days per :data:`KINDS`, in order."""
    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def label(self) -> str:
        return "、".join(f"{name}{n}日" for (_, name), n in zip(KINDS, self.counts, strict=True) if n) or "利用なし"


@dataclass(frozen=True, slots=True)
class UnitUse:
    unit_id: int | None
    unit_name: str
    cells: tuple[UseCell, ...]
    totals: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class OccupancyCell:
    booked: int
    capacity: int
    percent: int
    width: int


@dataclass(frozen=True, slots=True)
class OfficeUse:
    name: str
    seats: int
    cells: tuple[OccupancyCell, ...]


@dataclass(frozen=True, slots=True)
class RemoteDashboard:
    fiscal_year: int
    months: tuple[YearMonth, ...]
    units: tuple[UnitUse, ...]
    offices: tuple[OfficeUse, ...]
    kinds: tuple[tuple[str, str], ...] = tuple((k.value, label) for k, label in KINDS)


def _scope_and_unit(user: User, on: datetime.date) -> tuple[QuerySet[Employee, int], Subquery]:
    """The covered staff's ids, and their unit of 本務 on ``on`` for a row's ``employee_id`` (both subqueries)."""
    scope = Employee.objects.for_organization(user.organization_id).filter(employee_scope_q(user, on=on))
    unit = Assignment.objects.for_organization(user.organization_id).filter(
        as_of_q(on), employee_id=OuterRef("employee_id"), kind=AssignmentKind.PRIMARY
    )
    return scope.values_list("pk", flat=True), Subquery(unit.values("org_unit_id")[:1])


def _segments(counts: tuple[int, ...], scale: int) -> tuple[Segment, ...]:
    """Stacked segments on cumulative edges, so the parts add up exactly to the scaled total."""
    result, done = [], 0
    for (kind, _), n in zip(KINDS, counts, strict=True):
        x = done * BAR_WIDTH // scale if scale else 0
        done += n
        width = (done * BAR_WIDTH // scale if scale else 0) - x
        if width:
            result.append(Segment(f"bar-{kind}", x, width))
    return tuple(result)


def _unit_rows(
    counts: dict[int | None, dict[tuple[int, int, str], int]],
    months: tuple[YearMonth, ...],
    user: User,
    on: datetime.date,
) -> tuple[UnitUse, ...]:
    units = unit_infos(organization=user.organization_id, on=on, unit_ids=[k for k in counts if k])
    names = {unit_id: info.name for unit_id, info in units.items()}
    grid = {
        unit: tuple(tuple(per.get((m.year, m.month, kind), 0) for kind, _ in KINDS) for m in months)
        for unit, per in counts.items()
    }
    scale = max((sum(c) for cells in grid.values() for c in cells), default=0)
    rows = [
        UnitUse(
            unit,
            names.get(unit, "(所属なし)") if unit else "(所属なし)",
            tuple(UseCell(c, _segments(c, scale)) for c in cells),
            tuple(sum(c[i] for c in cells) for i in range(len(KINDS))),
        )
        for unit, cells in grid.items()
    ]
    return tuple(sorted(rows, key=lambda r: (r.unit_name == "(所属なし)", r.unit_name)))


def _workdays(month: YearMonth) -> int:
    last = calendar.monthrange(month.year, month.month)[1]
    return sum(day_type_of(datetime.date(month.year, month.month, d)) is DayType.WORKDAY for d in range(1, last + 1))


def _offices(organization_id: int, months: tuple[YearMonth, ...]) -> tuple[OfficeUse, ...]:
    offices = list(
        WorkLocation.objects.for_organization(organization_id).filter(kind=LocationKind.SATELLITE).order_by("name")
    )
    first, last = months[0], months[-1]
    booked = (
        SeatBooking.objects.for_organization(organization_id)
        .filter(
            day__range=(
                datetime.date(first.year, first.month, 1),
                datetime.date(last.year, last.month, calendar.monthrange(last.year, last.month)[1]),
            )
        )
        .annotate(y=ExtractYear("day"), m=ExtractMonth("day"))
        .values("location_id", "y", "m")
        .annotate(n=Count("id"))
    )
    taken = {(r["location_id"], r["y"], r["m"]): r["n"] for r in booked}
    workdays = {m: _workdays(m) for m in months}
    result = []
    for office in offices:
        cells = []
        for m in months:
            n, capacity = taken.get((office.pk, m.year, m.month), 0), office.seats * workdays[m]
            percent = n * 100 // capacity if capacity else 0
            cells.append(OccupancyCell(n, capacity, percent, min(percent, 100) * BAR_WIDTH // 100))
        result.append(OfficeUse(office.name, office.seats, tuple(cells)))
    return tuple(result)


def remote_dashboard(*, user: User, fiscal_year: int, on: datetime.date) -> RemoteDashboard:
    """The fiscal year's telework and satellite use of the staff ``user`` covers, by unit (as of ``on``) and
    month, and the organization's satellite occupancy. Seven queries whatever the data size."""
    months = tuple(YearMonth(fiscal_year, 4).plus(i) for i in range(12))
    span = (datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31))
    counts: dict[int | None, dict[tuple[int, int, str], int]] = defaultdict(lambda: defaultdict(int))
    scope, unit = _scope_and_unit(user, on)
    remote = (
        RemoteWorkDay.objects.for_organization(user.organization_id)
        .filter(day__range=span, employee_id__in=scope)
        .annotate(unit=unit, y=ExtractYear("day"), m=ExtractMonth("day"))
        .values("unit", "y", "m", "kind")
        .annotate(n=Count("id"))
    )
    for r in remote:
        counts[r["unit"]][(r["y"], r["m"], r["kind"])] += r["n"]
    seats = (
        SeatBooking.objects.for_organization(user.organization_id)
        .filter(day__range=span, employee_id__in=scope)
        .annotate(unit=unit, y=ExtractYear("day"), m=ExtractMonth("day"))
        .values("unit", "y", "m")
        .annotate(n=Count("id"))
    )
    for r in seats:
        counts[r["unit"]][(r["y"], r["m"], LocationKind.SATELLITE.value)] += r["n"]
    return RemoteDashboard(
        fiscal_year, months, _unit_rows(counts, months, user, on), _offices(user.organization_id, months)
    )
