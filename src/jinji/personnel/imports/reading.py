"""Reading an uploaded table: CSV (UTF-8 with or without BOM, or Shift_JIS/CP932) or Excel .xlsx.

The result is a :class:`Table` of text cells with spreadsheet row numbers (the header is row
1, the first data row is row 2), whatever the format. Problems with the file itself (empty,
not readable in the encoding, not an .xlsx) raise :class:`~jinji.core.errors.DomainError`
with a Japanese message; a wrong encoding names the byte offset and the line.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from jinji.core.errors import DomainError, FieldProblem

FILE_FIELD = "ファイル"
UTF8_BOM = b"\xef\xbb\xbf"
XLSX_MAGIC = b"PK\x03\x04"


class Encoding(StrEnum):
    """文字コード of a CSV file: detect, or as told."""

    AUTO = "auto"
    UTF8 = "utf-8"
    CP932 = "cp932"


@dataclass(frozen=True, slots=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    """(row number, cells) of the non-blank data rows."""
    source: str
    """How the file was read: "CSV (UTF-8)", "CSV (UTF-8 BOM付き)", "CSV (CP932)" or "Excel (.xlsx)"."""


def _fail(message: str, row: int | None = None) -> DomainError:
    return DomainError([FieldProblem(field=FILE_FIELD, message=message, row=row)])


def _decode_error(data: bytes, exc: UnicodeDecodeError, label: str, shift: int = 0) -> str:
    offset = exc.start + shift
    line = data.count(b"\n", 0, offset) + 1
    return f"文字コード{label}として読めません: 先頭から{offset + 1}バイト目(0x{data[offset]:02X}、{line}行目)"


def decode_csv(data: bytes, encoding: Encoding | str = Encoding.AUTO) -> tuple[str, str]:
    """The text of a CSV file and the encoding label used; DomainError naming the bad byte."""
    encoding = Encoding(encoding)
    if data.startswith(UTF8_BOM):
        try:
            return data[len(UTF8_BOM) :].decode("utf-8"), "UTF-8 BOM付き"
        except UnicodeDecodeError as exc:
            raise _fail(_decode_error(data, exc, "UTF-8", len(UTF8_BOM))) from exc
    if encoding is Encoding.CP932:
        try:
            return data.decode("cp932"), "CP932"
        except UnicodeDecodeError as exc:
            hint = "。UTF-8 のファイルなら文字コードに UTF-8 を指定してください"
            raise _fail(_decode_error(data, exc, "Shift_JIS(CP932)") + hint) from exc
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        if encoding is Encoding.UTF8:
            hint = "。Shift_JIS(CP932)で保存したファイルなら文字コードに CP932 を指定してください"
            raise _fail(_decode_error(data, exc, "UTF-8") + hint) from exc
        utf8_error = exc
    try:
        return data.decode("cp932"), "CP932"
    except UnicodeDecodeError as exc:
        message = (
            f"文字コードを判別できません({_decode_error(data, utf8_error, 'UTF-8')}、"
            f"{_decode_error(data, exc, 'CP932')})。UTF-8 または Shift_JIS(CP932)で保存してください"
        )
        raise _fail(message) from exc


def _csv_rows(text: str) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise _fail(f"CSV として読めません: {exc}") from exc


def _cell_text(value: Any) -> str:
    """An .xlsx cell as the text a CSV would hold (dates as YYYY-MM-DD, whole numbers without .0)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
        raise _fail("Excel ファイル(.xlsx)として読めません。ファイルが壊れていないか確認してください") from exc
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(v) for v in row] for row in sheet.iter_rows(min_row=1, values_only=True)]
    finally:
        workbook.close()


def _is_xlsx(data: bytes, filename: str) -> bool:
    name = filename.lower()
    if name.endswith(".xls"):
        raise _fail("旧形式の Excel ファイル(.xls)は読めません。.xlsx または CSV で保存し直してください")
    return name.endswith((".xlsx", ".xlsm")) or (not name.endswith((".csv", ".txt")) and data[:4] == XLSX_MAGIC)


def _table(raw_rows: list[list[str]], source: str) -> Table:
    cleaned = [[cell.strip() for cell in row] for row in raw_rows]
    if not cleaned or not any(any(cell for cell in row) for row in cleaned):
        raise _fail("ファイルが空です(見出し行とデータ行が必要です)")
    headers = cleaned[0]
    while headers and not headers[-1]:
        headers = headers[:-1]
    rows = [(number, row) for number, row in enumerate(cleaned[1:], start=2) if any(row)]
    if not rows:
        raise _fail("データ行がありません(見出し行だけのファイルです)")
    return Table(headers=headers, rows=rows, source=source)


def read_table(data: bytes, filename: str, encoding: Encoding | str = Encoding.AUTO) -> Table:
    """Read an uploaded CSV or .xlsx file into a :class:`Table`; DomainError if it cannot be read."""
    if not data.strip() or data == UTF8_BOM:
        raise _fail("ファイルが空です(見出し行とデータ行が必要です)")
    if _is_xlsx(data, filename):
        return _table(_xlsx_rows(data), "Excel (.xlsx)")
    text, label = decode_csv(data, encoding)
    if "\x00" in text:
        raise _fail("CSV に NUL 文字が含まれています(UTF-16 のファイルは読めません。UTF-8 で保存してください)")
    return _table(_csv_rows(text), f"CSV ({label})")
