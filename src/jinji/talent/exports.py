"""人材検索結果の出力 (CSV / Excel), safe to open in a spreadsheet.

Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) get a leading apostrophe, so a name or comment such as
``=HYPERLINK(...)`` is shown as text and never run (CSV/formula injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from jinji.talent.selectors.search import TalentRow

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
HEADERS = (
    "職員番号",
    "氏名",
    "フリガナ",
    "所属",
    "職",
    "任用区分",
    "スキル(確認済レベル)",
    "資格(確認済・有効)",
    "役割",
    "異動の希望",
    "DX関連業務への関心",
    "修了した研修の数",
)
CellValue = str | int


def safe_cell(value: CellValue) -> CellValue:
    """The value as written to a file: text that could start a formula is prefixed with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def row_cells(row: TalentRow) -> list[CellValue]:
    cells: list[CellValue] = [
        row.staff_number,
        row.name,
        row.kana,
        row.unit_name,
        row.position_name,
        row.appointment_type_label,
        "、".join(f"{area} {level}" for area, level in row.skills),
        "、".join(row.qualifications),
        "、".join(row.role_tags),
        row.transfer_wish,
        "あり" if row.dx_interest else "",
        row.completed_courses,
    ]
    return [safe_cell(c) for c in cells]


def csv_bytes(rows: Iterable[TalentRow], headers: Sequence[str] = HEADERS) -> bytes:
    """UTF-8 with BOM (so Excel reads the Japanese correctly), CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in headers])
    for row in rows:
        writer.writerow(row_cells(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[TalentRow], headers: Sequence[str] = HEADERS, title: str = "人材検索") -> bytes:
    """An .xlsx workbook with one sheet; every text cell is stored as text (never as a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title)
    sheet.append([safe_cell(h) for h in headers])
    for row in rows:
        cells = []
        for value in row_cells(row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
