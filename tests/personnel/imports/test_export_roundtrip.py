"""Export in the import layout: round trips unchanged, formula-like cells escaped, CP932 limits named."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.exports import export_assignments, export_employees, export_org_units
from jinji.personnel.imports import RowAction, import_apply, import_preview
from jinji.personnel.models import Assignment, Employee
from tests.factories import AssignmentFactory, EmployeeFactory
from tests.personnel.imports.conftest import EMPLOYEE_HEADER, Master, good_row

ON = datetime.date(2026, 4, 1)
FORMULA = '=HYPERLINK("http://example.invalid","押して")'


def _rows(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding))))


def _preview(master: Master, data: bytes, filename: str, kind: str = "employees"):  # type: ignore[no-untyped-def]
    return import_preview(acting_user=master.hr, file_bytes=data, filename=filename, kind=kind)


def test_employee_export_imports_back_unchanged(master: Master) -> None:
    data = export_employees(acting_user=master.hr, on=ON, fmt="csv")
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _rows(data)
    assert rows[0][:6] == ["職員番号", "氏", "名", "氏フリガナ", "名フリガナ", "旧姓"]
    assert rows[1][0] == "100001"
    preview = _preview(master, data, "export.csv")
    assert preview.problems == []
    assert [r.action for r in preview.rows] == [RowAction.UNCHANGED]
    assert AuditEvent.objects.filter(action="personnel.export", kind="read", organization=master.org).count() == 1


def test_formula_like_name_is_escaped_on_export_and_read_back_as_it_was(master: Master) -> None:
    Employee.unscoped.filter(pk=master.employee.pk).update(family_name=FORMULA, given_name="+81", phone="-1")
    rows = _rows(export_employees(acting_user=master.hr, on=ON, fmt="csv"))
    header, row = rows[0], rows[1]
    assert row[header.index("氏")] == "'" + FORMULA
    assert row[header.index("名")] == "'+81"
    assert row[header.index("電話番号")] == "'-1"
    cp932 = _rows(export_employees(acting_user=master.hr, on=ON, fmt="csv-cp932"), "cp932")
    assert cp932[1][header.index("氏")] == "'" + FORMULA
    sheet = load_workbook(io.BytesIO(export_employees(acting_user=master.hr, on=ON, fmt="xlsx"))).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=header.index("氏") + 1)
    assert cell.value == "'" + FORMULA
    assert cell.data_type == "s"
    preview = _preview(master, export_employees(acting_user=master.hr, on=ON, fmt="csv"), "again.csv")
    assert [r.action for r in preview.rows] == [RowAction.UNCHANGED]


def test_cp932_export_names_the_character_it_cannot_hold(master: Master) -> None:
    Employee.unscoped.filter(pk=master.employee.pk).update(given_name="𠮷男")
    with pytest.raises(DomainError) as caught:
        export_employees(acting_user=master.hr, on=ON, fmt="csv-cp932")
    assert caught.value.problems == [
        FieldProblem("名", "「𠮷」は Shift_JIS(CP932)で表せません。UTF-8 の CSV か Excel 形式で出力してください", row=2)
    ]


def test_xlsx_export_and_import(master: Master) -> None:
    data = export_employees(acting_user=master.hr, on=ON, fmt="xlsx")
    assert [r.action for r in _preview(master, data, "export.xlsx").rows] == [RowAction.UNCHANGED]


def test_xlsx_import_with_date_and_number_cells(master: Master) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EMPLOYEE_HEADER)
    row: list[object] = list(good_row("200001"))
    row[EMPLOYEE_HEADER.index("生年月日")] = datetime.datetime(1990, 5, 1)
    row[EMPLOYEE_HEADER.index("級")] = 1
    row[EMPLOYEE_HEADER.index("号給")] = 25.0
    sheet.append(row)
    sheet.append(good_row("200002", 生年月日="平成2年5月1日"))
    out = io.BytesIO()
    book.save(out)
    result = import_apply(acting_user=master.hr, file_bytes=out.getvalue(), filename="new.xlsx", kind="employees")
    assert result.created == 2
    e = Employee.unscoped.get(staff_number="200001")
    assert e.birth_date == datetime.date(1990, 5, 1)
    assert Assignment.unscoped.get(employee=e).step == 25
    assert Employee.unscoped.get(staff_number="200002").birth_date == datetime.date(1990, 5, 1)


def test_xlsx_problems_use_sheet_row_numbers(master: Master) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(EMPLOYEE_HEADER)
    sheet.append(good_row("200001"))
    sheet.append([])
    sheet.append(good_row("200002", 所属コード="999"))
    out = io.BytesIO()
    book.save(out)
    preview = _preview(master, out.getvalue(), "bad.xlsx")
    assert preview.problems == [FieldProblem("所属コード", "所属コード「999」の組織はありません", row=4)]


def test_org_unit_export_imports_back_unchanged(master: Master) -> None:
    data = export_org_units(acting_user=master.hr, on=ON, fmt="csv-cp932")
    rows = _rows(data, "cp932")
    assert rows[0] == ["所属コード", "名称", "名称フリガナ", "略称", "階層", "上位所属コード", "任命権者コード",
                       "表示順", "適用開始日", "適用終了日"]  # fmt: skip
    assert {r[0] for r in rows[1:]} == {"100", "200"}
    preview = _preview(master, data, "units.csv", "org_units")
    assert preview.problems == []
    assert {r.action for r in preview.rows} == {RowAction.UNCHANGED}


def test_assignment_history_export_imports_back_unchanged(master: Master) -> None:
    past = EmployeeFactory(organization=master.org, staff_number="100002", hired_on=datetime.date(2010, 4, 1))
    AssignmentFactory(employee=past, org_unit=master.other_unit, valid_from=datetime.date(2010, 4, 1),
                      valid_to=datetime.date(2015, 3, 31), grade=None, step=None)  # fmt: skip
    AssignmentFactory(employee=past, org_unit=master.unit, valid_from=datetime.date(2015, 4, 1), grade=None, step=None)
    data = export_assignments(acting_user=master.hr, fmt="xlsx")
    preview = _preview(master, data, "history.xlsx", "assignments")
    assert preview.problems == []
    assert [r.action for r in preview.rows] == [RowAction.UNCHANGED] * 3


def test_only_hr_may_export(master: Master) -> None:
    with pytest.raises(NotPermitted):
        export_employees(acting_user=master.clerk, on=ON, fmt="csv")
