"""Reads of the 認定簿: what payroll asks for a date, and the list screen with its CSV export."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jinji.applications.models import AllowanceDetermination, AllowanceKind
from jinji.core.models import Organization, as_of_q
from jinji.org.selectors import unit_descendant_ids
from jinji.personnel.models import Assignment, AssignmentKind
from jinji.personnel.selectors import assignment_views_on


@dataclass(frozen=True, slots=True)
class Determination:
    """One determination as payroll reads it (amounts in int yen)."""

    id: int
    employee_id: int
    kind: str
    monthly_amount: int
    nontaxable_amount: int
    taxable_amount: int
    valid_from: datetime.date
    valid_to: datetime.date | None
    retro: bool
    basis: dict[str, Any]
    table_refs: tuple[str, ...]
    source_application_id: int | None


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def _determination(d: AllowanceDetermination) -> Determination:
    return Determination(
        id=d.pk,
        employee_id=d.employee_id,
        kind=d.kind,
        monthly_amount=d.monthly_amount,
        nontaxable_amount=d.nontaxable_amount,
        taxable_amount=d.taxable_amount,
        valid_from=d.valid_from,
        valid_to=d.valid_to,
        retro=d.retro,
        basis=dict(d.basis),
        table_refs=tuple(d.table_refs),
        source_application_id=d.source_application_id,
    )


def allowance_determinations(*, organization: Organization | int, on: datetime.date) -> dict[int, list[Determination]]:
    """Every determination in force on ``on``, by employee id (one per allowance kind). One query."""
    rows = (
        AllowanceDetermination.objects.for_organization(_org_id(organization))
        .filter(as_of_q(on))
        .order_by("employee_id", "kind")
    )
    result: dict[int, list[Determination]] = {}
    for row in rows:
        result.setdefault(row.employee_id, []).append(_determination(row))
    return result


@dataclass(frozen=True, slots=True)
class DeterminationRow:
    """A line of the 認定簿 screen: the determination with the employee and their unit on the date."""

    determination: Determination
    kind_label: str
    staff_number: str
    employee_name: str
    unit_name: str
    decided_by: str
    decided_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class DeterminationPage:
    rows: list[DeterminationRow]
    total: int


def _filtered(
    org_id: int, *, kind: str | None, unit_id: int | None, on: datetime.date, current_only: bool
) -> QuerySet[AllowanceDetermination]:
    qs = AllowanceDetermination.objects.for_organization(org_id)
    qs = qs.filter(as_of_q(on)) if current_only else qs.filter(valid_from__lte=on)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_id is not None:
        units = unit_descendant_ids(organization=org_id, unit_ids=[unit_id], on=on)
        posts = Assignment.objects.for_organization(org_id).filter(
            as_of_q(on), kind=AssignmentKind.PRIMARY, org_unit_id__in=sorted(units)
        )
        qs = qs.filter(employee_id__in=posts.values("employee_id"))
    return qs


def _rows(org_id: int, rows: list[AllowanceDetermination], on: datetime.date) -> list[DeterminationRow]:
    posts = assignment_views_on(organization=org_id, employee_ids={r.employee_id for r in rows}, on=on)
    kinds = dict(AllowanceKind.choices)
    result = []
    for r in rows:
        primary = next((p for p in posts.get(r.employee_id, []) if p.kind == AssignmentKind.PRIMARY), None)
        result.append(
            DeterminationRow(
                determination=_determination(r),
                kind_label=str(kinds.get(r.kind, r.kind)),
                staff_number=r.employee.staff_number,
                employee_name=r.employee.working_name,
                unit_name=primary.unit_name if primary else "",
                decided_by=str(r.decided_by),
                decided_at=r.decided_at,
            )
        )
    return result


def determination_page(
    *,
    organization: Organization | int,
    on: datetime.date,
    kind: str | None = None,
    unit_id: int | None = None,
    current_only: bool = True,
    limit: int = 50,
    offset: int = 0,
) -> DeterminationPage:
    """The 認定簿 as of ``on`` (or with ``current_only=False`` its history up to ``on``), by employee. Five queries."""
    org_id = _org_id(organization)
    qs = _filtered(org_id, kind=kind, unit_id=unit_id, on=on, current_only=current_only)
    # By employee id: the (organization, employee, kind) index gives the order, so a page reads only its rows.
    order = ("employee_id", "kind") if current_only else ("employee_id", "kind", "-valid_from", "-id")
    page = list(qs.select_related("employee", "decided_by").order_by(*order)[offset : offset + limit])
    return DeterminationPage(rows=_rows(org_id, page, on), total=qs.count())


EXPORT_BATCH = 500


def determination_export_rows(
    *, organization: Organization | int, on: datetime.date, kind: str | None = None, unit_id: int | None = None
) -> Iterator[DeterminationRow]:
    """Every row of the filtered 認定簿 for the CSV, in batches (a few queries per 500 rows)."""
    org_id = _org_id(organization)
    qs = _filtered(org_id, kind=kind, unit_id=unit_id, on=on, current_only=True).order_by("employee_id", "kind")
    last: tuple[int, str] | None = None
    while True:
        batch_qs = qs.select_related("employee", "decided_by")
        if last is not None:  # keyset paging: one determination per (employee, kind) is in force on a date
            employee_id, kind_code = last
            batch_qs = batch_qs.filter(Q(employee_id__gt=employee_id) | Q(employee_id=employee_id, kind__gt=kind_code))
        batch = list(batch_qs[:EXPORT_BATCH])
        if not batch:
            return
        yield from _rows(org_id, batch, on)
        last = (batch[-1].employee_id, batch[-1].kind)
