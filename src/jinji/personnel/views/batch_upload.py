"""Reading 発令 rows for a batch from an uploaded CSV (UTF-8 or Shift_JIS) into :class:`ActionInput`.

Columns (header row, Japanese names): 職員番号, 発令種別, 発令日, 所属コード, 職コード, 任用区分,
級, 号給, 終了日, 事由. 発令種別 and 任用区分 accept the Japanese label or the code. Every bad
cell is reported with its row and column; nothing is added unless the whole file is good.
"""

from __future__ import annotations

import csv
import datetime
import io
import unicodedata
from collections.abc import Mapping

from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import ActionType, AppointmentType
from jinji.personnel.services import ActionInput

MAX_BYTES = 5 * 1024 * 1024
COLUMNS = ("職員番号", "発令種別", "発令日", "所属コード", "職コード", "任用区分", "級", "号給", "終了日", "事由")
_REQUIRED = ("職員番号", "発令種別")
_TYPES = {**{str(label): value for value, label in ActionType.choices}, **{v: v for v in ActionType.values}}
_APPOINTMENTS = {
    **{str(label): value for value, label in AppointmentType.choices},
    **{v: v for v in AppointmentType.values},
}


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else CP932; refuses anything else with a Japanese message."""
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DomainError([FieldProblem("file", "文字コードを判別できません(UTF-8 または Shift_JIS で保存してください)")])


def _cell(row: Mapping[str, str | None], name: str) -> str:
    return unicodedata.normalize("NFKC", (row.get(name) or "")).strip()


def _date(text: str, line: int, column: str, problems: list[FieldProblem]) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        problems.append(FieldProblem(column, f"日付「{text}」を読めません(例: 2026-04-01)", row=line))
        return None


def _int(text: str, line: int, column: str, problems: list[FieldProblem]) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        problems.append(FieldProblem(column, f"「{text}」は整数ではありません", row=line))
        return None
    return int(text)


def _code(text: str, codes: Mapping[str, int], line: int, column: str, problems: list[FieldProblem]) -> int | None:
    if not text:
        return None
    if text not in codes:
        problems.append(FieldProblem(column, f"コード「{text}」は登録されていません", row=line))
        return None
    return codes[text]


def parse_batch_csv(
    data: bytes, *, unit_codes: Mapping[str, int], position_codes: Mapping[str, int]
) -> list[ActionInput]:
    """Rows of the file as batch inputs; DomainError with every problem (行・列・理由) otherwise."""
    if not data.strip():
        raise DomainError([FieldProblem("file", "ファイルが空です")])
    if len(data) > MAX_BYTES:
        raise DomainError([FieldProblem("file", "ファイルが大きすぎます(5MBまで)")])
    reader = csv.DictReader(io.StringIO(decode(data)))
    header = [unicodedata.normalize("NFKC", h).strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        raise DomainError([FieldProblem("file", f"見出し行に「{'」「'.join(missing)}」の列がありません", row=1)])
    rows: list[ActionInput] = []
    problems: list[FieldProblem] = []
    for line, raw in enumerate(reader, start=2):
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        for column in _REQUIRED:
            if not _cell(raw, column):
                problems.append(FieldProblem(column, "必須項目です", row=line))
        type_text = _cell(raw, "発令種別")
        if type_text and type_text not in _TYPES:
            problems.append(FieldProblem("発令種別", f"「{type_text}」は発令種別にありません", row=line))
        appointment = _cell(raw, "任用区分")
        if appointment and appointment not in _APPOINTMENTS:
            problems.append(FieldProblem("任用区分", f"「{appointment}」は任用区分にありません", row=line))
        rows.append(
            ActionInput(
                action_type=_TYPES.get(type_text, type_text),
                staff_number=_cell(raw, "職員番号"),
                effective_on=_date(_cell(raw, "発令日"), line, "発令日", problems),
                org_unit_id=_code(_cell(raw, "所属コード"), unit_codes, line, "所属コード", problems),
                position_id=_code(_cell(raw, "職コード"), position_codes, line, "職コード", problems),
                appointment_type=_APPOINTMENTS.get(appointment, ""),
                grade=_int(_cell(raw, "級"), line, "級", problems),
                step=_int(_cell(raw, "号給"), line, "号給", problems),
                end_on=_date(_cell(raw, "終了日"), line, "終了日", problems),
                reason=_cell(raw, "事由")[:200],
                row=line,
            )
        )
    if problems:
        raise DomainError(problems)
    if not rows:
        raise DomainError([FieldProblem("file", "発令の行がありません")])
    return rows
