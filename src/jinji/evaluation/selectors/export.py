"""評価結果の出力 (CSV / Excel) for HR: one row per sheet, formula injection neutralised.

CSV is UTF-8 with BOM (Excel opens it as UTF-8); every cell starting with = + - @ tab or CR
gets a leading ``'`` (:func:`jinji.audit.csv_export.csv_safe`), in the Excel file too. Rows
are read in chunks with a fixed number of queries per 2,000 sheets.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from openpyxl import Workbook

from jinji.audit.csv_export import BOM, csv_safe
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.evaluation import events
from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import Cycle, Sheet, SheetTemplate, Stage
from jinji.evaluation.permissions import require_hr

HEADER = [
    "職員番号",
    "氏名",
    "所属",
    "職",
    "様式",
    "段階",
    "一次評価者",
    "二次評価者",
    "調整者",
    "空席",
    "自己評価",
    "一次評価(点)",
    "一次評価",
    "二次評価(点)",
    "二次評価",
    "確定評語",
    "開示",
]
CHUNK = 2000


def _rows(cycle: Cycle) -> Iterator[list[str]]:
    org_id = cycle.organization_id
    units = unit_names_on(organization_id=org_id, on=cycle.reference_date)
    templates = dict(SheetTemplate.objects.for_organization(org_id).values_list("pk", "name"))
    labels = {s.value: str(s.label) for s in Stage}
    ids = list(
        Sheet.objects.for_organization(org_id)
        .filter(cycle=cycle)
        .order_by("employee__staff_number", "id")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), CHUNK):
        sheets = list(
            Sheet.objects.for_organization(org_id)
            .filter(pk__in=ids[start : start + CHUNK])
            .order_by("employee__staff_number", "id")
        )
        people = {
            i for s in sheets for i in (s.employee_id, s.first_evaluator_id, s.second_evaluator_id, s.adjuster_id)
        }
        names = employee_names(organization_id=org_id, employee_ids={i for i in people if i is not None})

        def name(e: int | None, names: dict[int, tuple[str, str]] = names) -> str:
            return names[e][1] if e in names else ""

        for s in sheets:
            yield [
                names.get(s.employee_id, ("", ""))[0],
                name(s.employee_id),
                units.get(s.unit_id or 0, ""),
                s.position_name,
                templates.get(s.template_id, ""),
                labels[s.stage],
                name(s.first_evaluator_id),
                name(s.second_evaluator_id),
                name(s.adjuster_id),
                "・".join(labels[v] for v in s.vacancies),
                s.self_rating,
                str(s.first_score or ""),
                s.first_rating,
                str(s.second_score or ""),
                s.second_rating,
                s.final_rating,
                "済" if s.disclosed_at else "",
            ]


def export_cycle(*, acting_user: Any, cycle: Cycle, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) of the cycle's results as ``csv`` or ``xlsx``; audited."""
    require_hr(acting_user, "評価結果の出力")
    rows = [[csv_safe(cell) for cell in row] for row in _rows(cycle)]
    audit_record(
        actor=acting_user,
        action=events.EXPORT,
        target=cycle,
        kind=AuditKind.READ,
        after={"format": fmt, "rows": len(rows)},
    )
    stem = f"evaluation_{cycle.pk}"
    if fmt == "xlsx":
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "評価結果"
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return buffer.getvalue(), mime, f"{stem}.xlsx"
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return (BOM + text.getvalue()).encode("utf-8"), "text/csv; charset=utf-8", f"{stem}.csv"
