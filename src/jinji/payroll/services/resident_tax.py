"""住民税 特別徴収税額通知の取込 (CSV, all-or-nothing, row-level Japanese errors).

Columns (header row required): 職員番号, 年度, 市区町村コード, 6月分, 7月分以降. UTF-8 (BOM
allowed) or Shift_JIS (CP932). Any bad row refuses the whole file; a row for an employee and
year already on file replaces the amounts.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll import events
from jinji.payroll.models import ResidentTax
from jinji.personnel.models import Employee

COLUMNS = ("職員番号", "年度", "市区町村コード", "6月分", "7月分以降")
MAX_AMOUNT = 10_000_000


@dataclass(frozen=True, slots=True)
class _Row:
    staff_number: str
    fiscal_year: int
    municipality: str
    june: int
    monthly: int


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp932")
        except UnicodeDecodeError:
            raise DomainError(
                [FieldProblem(field="file", message="文字コードは UTF-8 か Shift_JIS にしてください")]
            ) from None


def _amount(value: str, column: str, row: int, problems: list[FieldProblem]) -> int:
    text = value.strip().replace(",", "")
    if not text.isdigit() or int(text) > MAX_AMOUNT:
        problems.append(FieldProblem(field=column, message=f"0以上の整数(円)で入力してください: {value!r}", row=row))
        return 0
    return int(text)


def _parse_row(cells: list[str], row: int, problems: list[FieldProblem]) -> _Row | None:
    if len(cells) != len(COLUMNS):
        problems.append(FieldProblem(field="行", message=f"列の数が {len(COLUMNS)} ではありません", row=row))
        return None
    number, year, municipality, june, monthly = (c.strip() for c in cells)
    before = len(problems)
    if not number:
        problems.append(FieldProblem(field="職員番号", message="職員番号を入力してください", row=row))
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        problems.append(FieldProblem(field="年度", message=f"西暦4桁で入力してください: {year!r}", row=row))
    if not (municipality.isdigit() and len(municipality) == 6):
        problems.append(FieldProblem(field="市区町村コード", message="6桁の数字で入力してください", row=row))
    june_amount = _amount(june, "6月分", row, problems)
    monthly_amount = _amount(monthly, "7月分以降", row, problems)
    if len(problems) > before:
        return None
    return _Row(number, int(year), municipality, june_amount, monthly_amount)


def _parse(text: str) -> tuple[list[tuple[int, _Row]], list[FieldProblem]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        message = f"1行目は見出し {','.join(COLUMNS)} にしてください"
        return [], [FieldProblem(field="見出し", message=message, row=1)]
    rows: list[tuple[int, _Row]] = []
    problems: list[FieldProblem] = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        parsed = _parse_row(cells, number, problems)
        if parsed is not None:
            rows.append((number, parsed))
    return rows, problems


def _resolve(organization_id: int, rows: list[tuple[int, _Row]], problems: list[FieldProblem]) -> dict[str, int]:
    numbers = {r.staff_number for _, r in rows}
    found = dict(
        Employee.objects.for_organization(organization_id)
        .filter(staff_number__in=numbers)
        .values_list("staff_number", "id")
    )
    seen: set[tuple[str, int]] = set()
    for line, r in rows:
        if r.staff_number not in found:
            problems.append(
                FieldProblem(field="職員番号", message=f"職員番号 {r.staff_number} の職員がいません", row=line)
            )
        if (r.staff_number, r.fiscal_year) in seen:
            message = f"職員番号 {r.staff_number} の {r.fiscal_year} 年度が重複しています"
            problems.append(FieldProblem(field="職員番号", message=message, row=line))
        seen.add((r.staff_number, r.fiscal_year))
    return found


def resident_tax_import(*, acting_user: User, organization_id: int, data: bytes) -> int:
    """Import the file; returns the number of rows stored. Raises DomainError listing every bad row."""
    rows, problems = _parse(_decode(data))
    ids = _resolve(organization_id, rows, problems) if rows else {}
    if not rows and not problems:
        problems.append(FieldProblem(field="file", message="データ行がありません"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        existing = {
            (t.employee_id, t.fiscal_year): t
            for t in ResidentTax.objects.for_organization(organization_id).filter(employee_id__in=set(ids.values()))
        }
        new: list[ResidentTax] = []
        changed: list[ResidentTax] = []
        for _, r in rows:
            key = (ids[r.staff_number], r.fiscal_year)
            row = existing.get(key) or ResidentTax(
                organization_id=organization_id, employee_id=key[0], fiscal_year=key[1]
            )
            row.municipality_code, row.june_amount, row.monthly_amount = r.municipality, r.june, r.monthly
            (changed if row.pk else new).append(row)
        ResidentTax.objects.bulk_create(new)
        ResidentTax.objects.bulk_update(changed, ["municipality_code", "june_amount", "monthly_amount"])
        audit_record(
            actor=acting_user,
            action=events.RESIDENT_TAX_IMPORT,
            target_type="payroll.residenttax",
            target_label="住民税特別徴収税額",
            organization_id=organization_id,
            after={"rows": len(rows), "created": len(new), "updated": len(changed)},
        )
    return len(rows)
