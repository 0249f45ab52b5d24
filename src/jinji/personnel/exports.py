"""Export of employees, org units and assignment history in the import layout (CSV or .xlsx).

The files import back unchanged (:mod:`jinji.personnel.imports`). Cells that a spreadsheet
would run as a formula (starting with = + - @, tab or CR) are written with a leading
apostrophe (OWASP "CSV injection"); the importer drops it again. Every export is recorded
in the audit log as a read of personal data. 個人番号 is never exported.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any

from jinji.accounts.models import Role
from jinji.accounts.scope import has_role
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.core.tenancy import tenant_context
from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, OrgUnitVersion, Payer, Position, SalarySchedule
from jinji.personnel.imports.cells import FORMULA_TRIGGERS, minutes_text
from jinji.personnel.imports.columns import (
    APPOINTMENT_TYPES,
    ASSIGNMENT_KINDS,
    FLAGS,
    GENDERS,
    UNIT_LEVELS,
    WORK_PATTERNS,
    ImportKind,
    exported_headers,
)
from jinji.personnel.models import Assignment, AssignmentKind, Employee

Cell = str | int | datetime.date | None


class ExportFormat(StrEnum):
    CSV = "csv"
    """CSV, UTF-8 with BOM (Excel opens it as UTF-8)."""
    CSV_CP932 = "csv-cp932"
    """CSV, Shift_JIS (CP932) for legacy systems."""
    XLSX = "xlsx"


def escape_formula(value: str) -> str:
    """Prefix a formula-like text with an apostrophe so spreadsheets show it as text."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return escape_formula(value) if isinstance(value, str) else str(value)


def _csv(headers: Sequence[str], rows: Iterable[Sequence[Cell]], encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    lines: list[list[str]] = []
    for row in rows:
        line = [_text(v) for v in row]
        lines.append(line)
        writer.writerow(line)
    text = buffer.getvalue()
    if encoding == "utf-8-sig":
        return text.encode("utf-8-sig")
    try:
        return text.encode("cp932")
    except UnicodeEncodeError:
        raise _cp932_problem(headers, lines) from None


def _cp932_problem(headers: Sequence[str], lines: list[list[str]]) -> DomainError:
    for number, line in enumerate(lines, start=2):
        for header, value in zip(headers, line, strict=False):
            for char in value:
                try:
                    char.encode("cp932")
                except UnicodeEncodeError:
                    message = f"「{char}」は Shift_JIS(CP932)で表せません。UTF-8 の CSV か Excel 形式で出力してください"
                    return DomainError([FieldProblem(header, message, row=number)])
    return DomainError("Shift_JIS(CP932)で表せない文字があります")


def _xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        cells: list[Any] = []
        for value in row:
            if isinstance(value, datetime.date):
                cell = WriteOnlyCell(sheet, value=datetime.datetime.combine(value, datetime.time()))
                cell.number_format = "yyyy-mm-dd"
                cells.append(cell)
            else:
                cells.append(escape_formula(value) if isinstance(value, str) else value)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _encode(kind: ImportKind, rows: Iterable[Sequence[Cell]], fmt: ExportFormat | str) -> bytes:
    headers = exported_headers(kind)
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.XLSX:
        return _xlsx(headers, rows, kind.label)
    return _csv(headers, rows, "utf-8-sig" if fmt is ExportFormat.CSV else "cp932")


class _Codes:
    """id → code of the organization's master data (a handful of queries)."""

    def __init__(self, org_id: int):
        self.units = dict(OrgUnit.objects.for_organization(org_id).values_list("pk", "code"))
        self.positions = dict(Position.objects.for_organization(org_id).values_list("pk", "code"))
        self.jobs = dict(JobCategory.objects.for_organization(org_id).values_list("pk", "code"))
        self.authorities = dict(AppointingAuthority.objects.for_organization(org_id).values_list("pk", "code"))
        self.payers = dict(Payer.objects.for_organization(org_id).values_list("pk", "code"))
        self.schedules = dict(SalarySchedule.objects.for_organization(org_id).values_list("pk", "code"))

    def post(self, a: dict[str, Any]) -> list[Cell]:
        """The post columns (所属コード … 週勤務時間) of an assignment's values."""
        return [
            self.units.get(a["org_unit_id"]),
            self.positions.get(a["position_id"]),
            self.jobs.get(a["job_category_id"]),
            self.authorities.get(a["appointing_authority_id"]),
            self.payers.get(a["payer_id"]),
            APPOINTMENT_TYPES.label(a["appointment_type"]),
            self.schedules.get(a["salary_schedule_id"]),
            a["grade"],
            a["step"],
            WORK_PATTERNS.label(a["work_pattern"]),
            minutes_text(a["weekly_minutes"]),
        ]


_POST_VALUES = (
    "org_unit_id",
    "position_id",
    "job_category_id",
    "appointing_authority_id",
    "payer_id",
    "appointment_type",
    "salary_schedule_id",
    "grade",
    "step",
    "work_pattern",
    "weekly_minutes",
)
_EMPLOYEE_VALUES = (
    "pk",
    "staff_number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "former_family_name",
    "former_family_name_kana",
    "uses_former_name",
    "birth_date",
    "gender",
    "hired_on",
    "separated_on",
    "email",
    "phone",
)


def _employee_rows(org_id: int, on: datetime.date) -> list[list[Cell]]:
    codes = _Codes(org_id)
    posts = {
        a["employee_id"]: a
        for a in Assignment.objects.for_organization(org_id)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
        .values("employee_id", "valid_from", *_POST_VALUES)
    }
    rows: list[list[Cell]] = []
    for e in Employee.objects.for_organization(org_id).order_by("staff_number").values(*_EMPLOYEE_VALUES):
        post = posts.get(e["pk"])
        if post is None:
            continue
        rows.append(
            [
                *(e[name] for name in _EMPLOYEE_VALUES[1:8]),
                FLAGS.label("1" if e["uses_former_name"] else "0"),
                e["birth_date"],
                GENDERS.label(e["gender"]) if e["gender"] else "",
                e["hired_on"],
                e["separated_on"],
                e["email"],
                e["phone"],
                *codes.post(post),
                post["valid_from"],
            ]
        )
    return rows


def _require_hr(acting_user: Any) -> None:
    if not has_role(acting_user, {Role.HR}):
        raise NotPermitted([FieldProblem("権限", "出力は人事担当の権限がある利用者だけが行えます")])


def _audited(acting_user: Any, kind: ImportKind, count: int, detail: dict[str, Any]) -> None:
    audit_record(
        actor=acting_user,
        action="personnel.export",
        kind=AuditKind.READ,
        target_type="personnel.export",
        target_label=f"{kind.label}の出力({count}件)",
        organization_id=acting_user.organization_id,
        after={"kind": kind.value, "rows": count, **detail},
    )


def export_employees(*, acting_user: Any, on: datetime.date, fmt: ExportFormat | str) -> bytes:
    """職員 with their 本務 post on ``on``, in the employee import layout.

    ``fmt``: ``"csv"`` (UTF-8 with BOM), ``"csv-cp932"`` (Shift_JIS; DomainError naming the row
    and column of a character CP932 cannot hold) or ``"xlsx"``. Needs the 人事担当 role;
    the export is audited. A fixed number of queries whatever the number of employees.
    """
    _require_hr(acting_user)
    org_id = acting_user.organization_id
    with tenant_context(org_id):
        rows = _employee_rows(org_id, on)
        data = _encode(ImportKind.EMPLOYEES, rows, fmt)
        _audited(acting_user, ImportKind.EMPLOYEES, len(rows), {"on": on.isoformat(), "format": str(fmt)})
    return data


def _unit_rows(org_id: int, on: datetime.date) -> list[list[Cell]]:
    codes = _Codes(org_id)
    versions = (
        OrgUnitVersion.objects.for_organization(org_id)
        .filter(as_of_q(on), as_of_q(on, prefix="unit__"))
        .order_by("sort_order", "unit__code")
        .values(
            "unit__code",
            "name",
            "name_kana",
            "short_name",
            "level",
            "parent_id",
            "unit__appointing_authority_id",
            "sort_order",
            "valid_from",
            "unit__valid_to",
        )
    )
    return [
        [
            v["unit__code"],
            v["name"],
            v["name_kana"],
            v["short_name"],
            UNIT_LEVELS.label(v["level"]),
            codes.units.get(v["parent_id"]),
            codes.authorities.get(v["unit__appointing_authority_id"]),
            v["sort_order"],
            v["valid_from"],
            v["unit__valid_to"],
        ]
        for v in versions
    ]


def export_org_units(*, acting_user: Any, on: datetime.date, fmt: ExportFormat | str) -> bytes:
    """組織 existing on ``on`` (their version in force then), in the org unit import layout."""
    _require_hr(acting_user)
    org_id = acting_user.organization_id
    with tenant_context(org_id):
        rows = _unit_rows(org_id, on)
        data = _encode(ImportKind.ORG_UNITS, rows, fmt)
        _audited(acting_user, ImportKind.ORG_UNITS, len(rows), {"on": on.isoformat(), "format": str(fmt)})
    return data


def _history_rows(org_id: int) -> list[list[Cell]]:
    codes = _Codes(org_id)
    names = {
        pk: (number, f"{family} {given}")
        for pk, number, family, given in Employee.objects.for_organization(org_id).values_list(
            "pk", "staff_number", "family_name", "given_name"
        )
    }
    rows: list[list[Cell]] = []
    qs = Assignment.objects.for_organization(org_id).order_by("employee__staff_number", "valid_from", "kind", "pk")
    for a in qs.values("employee_id", "kind", "valid_from", "valid_to", *_POST_VALUES):
        number, name = names[a["employee_id"]]
        kind = ASSIGNMENT_KINDS.label(a["kind"])
        rows.append([number, name, kind, *codes.post(a), a["valid_from"], a["valid_to"]])
    return rows


def export_assignments(*, acting_user: Any, fmt: ExportFormat | str) -> bytes:
    """The whole 任用・所属履歴 of every employee, in the assignment history import layout."""
    _require_hr(acting_user)
    org_id = acting_user.organization_id
    with tenant_context(org_id):
        rows = _history_rows(org_id)
        data = _encode(ImportKind.ASSIGNMENTS, rows, fmt)
        _audited(acting_user, ImportKind.ASSIGNMENTS, len(rows), {"format": str(fmt)})
    return data
