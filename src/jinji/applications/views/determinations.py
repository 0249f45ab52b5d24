"""認定簿 (給与担当・人事担当): determinations in force on a date, by allowance and unit; CSV export."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jinji.accounts.decorators import require_role, role_check
from jinji.accounts.models import Role, User
from jinji.applications import events
from jinji.applications.models import AllowanceKind
from jinji.applications.selectors.determinations import (
    DeterminationRow,
    determination_export_rows,
    determination_page,
)
from jinji.audit.csv_export import BOM, csv_safe
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.org.selectors import org_tree_flat

REGISTER_ROLES = (Role.PAYROLL, Role.HR)
PAGE_SIZE = 50
HEADER = [
    "職員番号", "氏名", "所属", "手当", "月額", "うち非課税", "うち課税", "適用開始日", "適用終了日",
    "遡及", "認定者", "認定日時", "根拠の申請", "認定の基礎",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Filters:
    on: datetime.date
    kind: str
    unit_id: int | None
    page: int


def _filters(request: HttpRequest) -> Filters:
    raw_on = request.GET.get("on", "")
    try:
        on = datetime.date.fromisoformat(raw_on) if raw_on else timezone.localdate()
    except ValueError:
        on = timezone.localdate()
    kind = request.GET.get("kind", "")
    unit = request.GET.get("unit", "")
    page = request.GET.get("page", "")
    return Filters(
        on=on,
        kind=kind if kind in AllowanceKind.values else "",
        unit_id=int(unit) if unit.isdigit() else None,
        page=max(1, int(page)) if page.isdigit() else 1,
    )


@require_GET
@require_role(*REGISTER_ROLES)
def determination_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    f = _filters(request)
    page = determination_page(
        organization=user.organization_id,
        on=f.on,
        kind=f.kind or None,
        unit_id=f.unit_id,
        limit=PAGE_SIZE,
        offset=(f.page - 1) * PAGE_SIZE,
    )
    num_pages = max(1, (page.total + PAGE_SIZE - 1) // PAGE_SIZE)
    context = {
        "page": page,
        "filters": f,
        "kinds": AllowanceKind.choices,
        "units": [
            (n.id, f"{'　' * n.depth}{n.name}") for n in org_tree_flat(organization=user.organization_id, on=f.on)
        ],
        "paging": {
            "number": f.page,
            "num_pages": num_pages,
            "has_previous": f.page > 1,
            "has_next": f.page < num_pages,
        },
    }
    return render(request, "applications/determination_list.html", context)


def _cells(row: DeterminationRow) -> list[str]:
    d = row.determination
    basis = "; ".join(f"{k}={v}" for k, v in sorted(d.basis.items()) if not isinstance(v, list | dict))
    cells = [
        row.staff_number, row.employee_name, row.unit_name, row.kind_label, d.monthly_amount, d.nontaxable_amount,
        d.taxable_amount, d.valid_from.isoformat(), d.valid_to.isoformat() if d.valid_to else "",
        "遡及" if d.retro else "", row.decided_by, timezone.localtime(row.decided_at).strftime("%Y-%m-%d %H:%M"),
        d.source_application_id or "", basis,
    ]  # fmt: skip
    return [csv_safe(c) for c in cells]


def csv_lines(rows: Iterator[DeterminationRow]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    yield BOM + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate(0)
        writer.writerow(_cells(row))
        yield buffer.getvalue()


@require_GET
def determination_export(request: HttpRequest) -> HttpResponseBase:
    """The filtered 認定簿 as CSV (UTF-8 with BOM; cells that a spreadsheet would run are neutralised)."""
    refused = role_check(request, REGISTER_ROLES)
    if refused is not None:
        return refused
    user = request.user
    assert isinstance(user, User)
    f = _filters(request)
    audit_record(
        actor=user,
        action=events.DETERMINATIONS_EXPORTED,
        target_type="applications.allowancedetermination",
        kind=AuditKind.READ,
        after={"on": f.on, "kind": f.kind, "unit": f.unit_id},
    )
    rows = determination_export_rows(organization=user.organization_id, on=f.on, kind=f.kind or None, unit_id=f.unit_id)
    response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="nintei-{f.on.isoformat()}.csv"'
    return response
