"""職員別控除の取込 (CSV, all-or-nothing, Japanese problems naming the row and column).

Columns (header row required): 職員番号, 控除項目コード, 月額, 適用開始日, 適用終了日 (空欄可).
UTF-8 (BOM allowed) or Shift_JIS. Each row adds a period of a deduction for an employee; an open-ended
earlier period of the same employee and 控除項目 ends the day before (as on the settings screen); any
other overlap — with a stored period or another row of the file — refuses the whole file.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll.models import DeductionItem, EmployeeDeduction
from jinji.payroll.services.resident_tax import MAX_AMOUNT, _decode
from jinji.payroll.services.settings import DEDUCTION_IMPORT, KINDS, fit_period
from jinji.personnel.models import Employee

COLUMNS = ("職員番号", "控除項目コード", "月額", "適用開始日", "適用終了日")
MAX_ROWS = 200_000
IN_LIMIT = 5_000


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    staff_number: str
    item_code: str
    amount: int
    valid_from: datetime.date
    valid_to: datetime.date | None


def _date(text: str, column: str, line: int, problems: list[FieldProblem]) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        problems.append(FieldProblem(column, f"日付は YYYY-MM-DD で入力してください: {text!r}", row=line))
        return None


def _parse_row(cells: list[str], line: int, problems: list[FieldProblem]) -> _Row | None:
    if len(cells) != len(COLUMNS):
        problems.append(FieldProblem("行", f"列の数が {len(COLUMNS)} ではありません", row=line))
        return None
    number, code, amount, start, end = (c.strip() for c in cells)
    before = len(problems)
    if not number:
        problems.append(FieldProblem("職員番号", "職員番号を入力してください", row=line))
    if not code:
        problems.append(FieldProblem("控除項目コード", "控除項目コードを入力してください", row=line))
    text = amount.replace(",", "")
    if not text.isdigit() or int(text) > MAX_AMOUNT:
        problems.append(FieldProblem("月額", f"0以上の整数(円)で入力してください: {amount!r}", row=line))
    valid_from = _date(start, "適用開始日", line, problems)
    valid_to = _date(end, "適用終了日", line, problems) if end else None
    if valid_from and valid_to and valid_to < valid_from:
        problems.append(FieldProblem("適用終了日", "適用開始日以降の日付にしてください", row=line))
    if len(problems) > before or valid_from is None:
        return None
    return _Row(line, number, code, int(text), valid_from, valid_to)


def _parse(text: str) -> tuple[list[_Row], list[FieldProblem]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        return [], [FieldProblem("見出し", f"1行目は見出し {','.join(COLUMNS)} にしてください", row=1)]
    rows: list[_Row] = []
    problems: list[FieldProblem] = []
    for line, cells in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            problems.append(FieldProblem("file", f"一度に取り込めるのは {MAX_ROWS:,} 行までです"))
            break
        if any(c.strip() for c in cells):
            parsed = _parse_row(cells, line, problems)
            if parsed is not None:
                rows.append(parsed)
    return rows, problems


def _resolve(org: int, rows: list[_Row], problems: list[FieldProblem]) -> tuple[dict[str, int], dict[str, int]]:
    numbers = {r.staff_number for r in rows}
    found = Employee.objects.for_organization(org)
    if len(numbers) <= IN_LIMIT:  # a long IN list would pass SQLite's parameter limit: read all instead
        found = found.filter(staff_number__in=numbers)
    employees = {n: pk for n, pk in found.values_list("staff_number", "id") if n in numbers}
    items = dict(DeductionItem.objects.for_organization(org).values_list("code", "id"))
    for r in rows:
        if r.staff_number not in employees:
            problems.append(FieldProblem("職員番号", f"職員番号 {r.staff_number} の職員がいません", row=r.line))
        if r.item_code not in items:
            problems.append(FieldProblem("控除項目コード", f"控除項目 {r.item_code} は登録されていません", row=r.line))
    return employees, items


def _place(
    org: int, rows: list[_Row], employees: dict[str, int], items: dict[str, int]
) -> tuple[list[EmployeeDeduction], dict[int, EmployeeDeduction], list[FieldProblem]]:
    """New rows in file order, stored rows ended by them, and every overlap (by file row)."""
    kind = KINDS["deductions"]
    keys = {(employees[r.staff_number], items[r.item_code]) for r in rows}
    item_ids = sorted({k[1] for k in keys})
    # the 控除項目 rows are the lock shared with the settings screen (see services.settings._lock_keys)
    list(DeductionItem.objects.for_organization(org).select_for_update().filter(pk__in=item_ids).order_by("pk"))
    stored: defaultdict[tuple[int, int], list[EmployeeDeduction]] = defaultdict(list)
    locked = (
        EmployeeDeduction.objects.for_organization(org)
        .select_for_update()
        .filter(item_id__in=item_ids)
        .order_by("valid_from")
    )
    for existing in locked:
        if (existing.employee_id, existing.item_id) in keys:
            stored[(existing.employee_id, existing.item_id)].append(existing)
    new: list[EmployeeDeduction] = []
    ended: dict[int, EmployeeDeduction] = {}
    problems: list[FieldProblem] = []
    for r in sorted(rows, key=lambda r: (r.staff_number, r.item_code, r.valid_from)):
        key = (employees[r.staff_number], items[r.item_code])
        row = EmployeeDeduction(
            organization_id=org, employee_id=key[0], item_id=key[1], amount=r.amount,
            valid_from=r.valid_from, valid_to=r.valid_to,
        )  # fmt: skip
        try:
            for other in fit_period(kind, row, creating=True, others=stored[key]):
                if other.pk:
                    ended[other.pk] = other
        except DomainError as exc:
            problems += [FieldProblem("適用開始日", p.message, row=r.line) for p in exc.problems]
            continue
        stored[key].append(row)
        new.append(row)
    return new, ended, problems


def deduction_import(*, acting_user: User, organization_id: int, data: bytes) -> int:
    """Import the file; returns the number of periods added. Raises DomainError listing every bad row."""
    rows, problems = _parse(_decode(data))
    employees, items = _resolve(organization_id, rows, problems) if rows else ({}, {})
    if not rows and not problems:
        problems.append(FieldProblem("file", "データ行がありません"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        new, ended, problems = _place(organization_id, rows, employees, items)
        if problems:
            raise DomainError(sorted(problems, key=lambda p: p.row or 0))
        EmployeeDeduction.objects.bulk_update(list(ended.values()), ["valid_to"], batch_size=1000)
        EmployeeDeduction.objects.bulk_create(new, batch_size=1000)
        audit_record(
            actor=acting_user,
            action=DEDUCTION_IMPORT,
            target_type="payroll.employeededuction",
            target_label="職員別控除",
            organization_id=organization_id,
            after={"rows": len(new), "ended": len(ended)},
        )
    return len(new)
