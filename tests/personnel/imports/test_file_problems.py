"""Problems with the file itself: empty, wrong encoding, missing headers, not a spreadsheet."""

from __future__ import annotations

import pytest

from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.imports import import_apply, import_preview
from jinji.personnel.models import Employee
from tests.personnel.imports.conftest import EMPLOYEE_HEADER, Master, csv_bytes, good_row


def preview(master: Master, data: bytes, filename: str = "staff.csv", **kw: str):  # type: ignore[no-untyped-def]
    return import_preview(acting_user=master.hr, file_bytes=data, filename=filename, kind="employees", **kw)


def test_empty_file(master: Master) -> None:
    for data in (b"", b"\xef\xbb\xbf", b"\r\n\r\n"):
        result = preview(master, data)
        assert result.problems == [FieldProblem("ファイル", "ファイルが空です(見出し行とデータ行が必要です)")]
        assert result.rows == []


def test_header_only(master: Master) -> None:
    result = preview(master, csv_bytes(EMPLOYEE_HEADER, []))
    assert result.problems == [FieldProblem("ファイル", "データ行がありません(見出し行だけのファイルです)")]


def test_cp932_bytes_read_as_utf8_name_the_byte(master: Master) -> None:
    data = csv_bytes(EMPLOYEE_HEADER, [good_row()], encoding="cp932")
    offset = data.index("職".encode("cp932"))
    result = preview(master, data, encoding="utf-8")
    assert result.problems == [
        FieldProblem(
            "ファイル",
            f"文字コードUTF-8として読めません: 先頭から{offset + 1}バイト目(0x{data[offset]:02X}、1行目)。"
            "Shift_JIS(CP932)で保存したファイルなら文字コードに CP932 を指定してください",
        )
    ]
    with pytest.raises(DomainError, match="バイト目"):
        import_apply(acting_user=master.hr, file_bytes=data, filename="x.csv", kind="employees", encoding="utf-8")


def test_cp932_is_detected_and_utf8_bom_accepted(master: Master) -> None:
    cp932 = preview(master, csv_bytes(EMPLOYEE_HEADER, [good_row()], encoding="cp932"))
    assert cp932.source == "CSV (CP932)"
    assert cp932.problems == []
    assert cp932.creates == 1
    bom = preview(master, csv_bytes(EMPLOYEE_HEADER, [good_row()], encoding="utf-8-sig"))
    assert bom.source == "CSV (UTF-8 BOM付き)"
    assert bom.problems == []
    assert bom.creates == 1


def test_invalid_in_both_encodings(master: Master) -> None:
    data = csv_bytes(EMPLOYEE_HEADER, [good_row()]) + b"\x81\xff\n"
    result = preview(master, data)
    assert len(result.problems) == 1
    assert result.problems[0].message.startswith("文字コードを判別できません(文字コードUTF-8として読めません: 先頭から")


def test_missing_required_header_and_ignored_column(master: Master) -> None:
    header = [h for h in EMPLOYEE_HEADER if h != "生年月日"] + ["備考"]
    rows = [[v for h, v in zip(EMPLOYEE_HEADER, good_row(), strict=True) if h != "生年月日"] + ["メモ"]]
    result = preview(master, csv_bytes(header, rows))
    assert result.problems == [FieldProblem("生年月日", "必須の列がありません", row=1)]
    assert result.warnings == ["列「備考」は取り込み対象ではないため無視します"]


def test_duplicate_header(master: Master) -> None:
    header = [*EMPLOYEE_HEADER, "氏"]
    result = preview(master, csv_bytes(header, [[*good_row(), "佐藤"]]))
    assert result.problems == [FieldProblem("氏", "列「氏」が2回あります", row=1)]


def test_old_excel_and_broken_xlsx(master: Master) -> None:
    old = preview(master, b"\xd0\xcf\x11\xe0 old excel", filename="staff.xls")
    assert old.problems[0].message.startswith("旧形式の Excel ファイル(.xls)は読めません")
    broken = preview(master, b"PK\x03\x04 not really a zip", filename="staff.xlsx")
    assert broken.problems == [
        FieldProblem("ファイル", "Excel ファイル(.xlsx)として読めません。ファイルが壊れていないか確認してください")
    ]


def test_value_in_a_column_without_header(master: Master) -> None:
    result = preview(master, csv_bytes(EMPLOYEE_HEADER, [[*good_row(), "", "はみ出し"]]))
    assert result.problems == [FieldProblem("18列目", "見出しのない列に値があります", row=2)]


def test_only_hr_may_import(master: Master) -> None:
    with pytest.raises(NotPermitted):
        import_preview(
            acting_user=master.clerk, file_bytes=csv_bytes(EMPLOYEE_HEADER, [good_row()]), filename="a.csv",
            kind="employees",
        )  # fmt: skip
    assert not Employee.unscoped.filter(staff_number="200001").exists()
