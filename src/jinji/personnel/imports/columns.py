"""Column layouts of the three import/export kinds (Japanese headers, documented in docs/import-format.md).

Import and export share these lists, so an exported file imports back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from jinji.core.errors import FieldProblem
from jinji.org.models import UnitLevel
from jinji.personnel.imports.cells import Choices, choice_key
from jinji.personnel.models import AppointmentType, AssignmentKind, WorkPattern


class ImportKind(StrEnum):
    """What a file holds."""

    EMPLOYEES = "employees"
    ORG_UNITS = "org_units"
    ASSIGNMENTS = "assignments"

    @property
    def label(self) -> str:
        return {"employees": "職員", "org_units": "組織", "assignments": "任用・所属履歴"}[self.value]


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    required: bool = False
    """The column must be in the file and the cell filled."""
    aliases: tuple[str, ...] = ()
    exported: bool = True


# Post columns shared by employees and assignment history.
POST_COLUMNS = (
    Column("所属コード", required=True),
    Column("職コード"),
    Column("職種コード"),
    Column("任命権者コード"),
    Column("給与支払者コード"),
    Column("任用区分", required=True),
    Column("給料表"),
    Column("級"),
    Column("号給"),
    Column("勤務形態"),
    Column("週勤務時間"),
)
EMPLOYEE_COLUMNS = (
    Column("職員番号", required=True),
    Column("処理区分", exported=False),
    Column("氏", required=True, aliases=("姓",)),
    Column("名", required=True),
    Column("氏フリガナ", required=True, aliases=("氏(フリガナ)", "姓フリガナ", "氏カナ")),
    Column("名フリガナ", required=True, aliases=("名(フリガナ)", "名カナ")),
    Column("旧姓"),
    Column("旧姓フリガナ", aliases=("旧姓(フリガナ)", "旧姓カナ")),
    Column("旧姓使用"),
    Column("生年月日", required=True),
    Column("性別"),
    Column("入庁日", required=True, aliases=("採用日",)),
    Column("退職日"),
    Column("メールアドレス"),
    Column("電話番号"),
    *POST_COLUMNS,
    Column("適用開始日"),
    Column("個人番号", exported=False),
)
ORG_UNIT_COLUMNS = (
    Column("所属コード", required=True),
    Column("名称", required=True, aliases=("所属名", "組織名")),
    Column("名称フリガナ", aliases=("名称(フリガナ)",)),
    Column("略称"),
    Column("階層", required=True),
    Column("上位所属コード"),
    Column("任命権者コード", required=True),
    Column("表示順"),
    Column("適用開始日", required=True),
    Column("適用終了日"),
)
ASSIGNMENT_COLUMNS = (
    Column("職員番号", required=True),
    Column("氏名"),
    Column("区分"),
    *POST_COLUMNS,
    Column("適用開始日", required=True),
    Column("適用終了日"),
)
LAYOUTS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.EMPLOYEES: EMPLOYEE_COLUMNS,
    ImportKind.ORG_UNITS: ORG_UNIT_COLUMNS,
    ImportKind.ASSIGNMENTS: ASSIGNMENT_COLUMNS,
}

APPOINTMENT_TYPES = Choices.of(
    AppointmentType.choices,
    {
        "再任用フル": "reappointed_full",
        "再任用短時間": "reappointed_short",
        "任期付職員": "fixed_term",
        "会計年度フルタイム": "fiscal_year_full",
        "会計年度任用職員フルタイム": "fiscal_year_full",
        "会計年度パートタイム": "fiscal_year_part",
        "会計年度任用職員パートタイム": "fiscal_year_part",
        "臨時": "temporary",
        "臨時的任用職員": "temporary",
    },
)
WORK_PATTERNS = Choices.of(
    WorkPattern.choices, {"常勤": "full_time", "フルタイム": "full_time", "短時間": "short_time", "交替制": "shift"}
)
UNIT_LEVELS = Choices.of(UnitLevel.choices, {"出先": "office"})
ASSIGNMENT_KINDS = Choices.of(AssignmentKind.choices, {"兼務・併任": "concurrent"})
GENDERS = Choices.of((("M", "男"), ("F", "女"), ("X", "その他")), {"男性": "M", "女性": "F", "回答しない": "X"})
FLAGS = Choices.of((("1", "する"), ("0", "しない")), {"○": "1", "はい": "1", "true": "1", "いいえ": "0", "false": "0"})


class Mode(StrEnum):
    """処理区分: 新規 refuses an existing 職員番号, 更新 an unknown one; blank = either."""

    AUTO = ""
    CREATE = "create"
    UPDATE = "update"


MODES = Choices.of(((Mode.CREATE.value, "新規"), (Mode.UPDATE.value, "更新")), {"追加": "create", "変更": "update"})


def header_map(
    headers: Sequence[str], columns: Sequence[Column]
) -> tuple[dict[str, int], list[FieldProblem], list[str]]:
    """Column index by canonical header; problems (missing/duplicate) and warnings (ignored columns)."""
    known: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            known[choice_key(name)] = column.header
    index: dict[str, int] = {}
    problems: list[FieldProblem] = []
    warnings: list[str] = []
    for position, raw in enumerate(headers):
        if not raw:
            continue
        header = known.get(choice_key(raw))
        if header is None:
            warnings.append(f"列「{raw}」は取り込み対象ではないため無視します")
        elif header in index:
            problems.append(FieldProblem(field=header, message=f"列「{header}」が2回あります", row=1))
        else:
            index[header] = position
    for column in columns:
        if column.required and column.header not in index:
            problems.append(FieldProblem(field=column.header, message="必須の列がありません", row=1))
    return index, problems, warnings


def row_cells(cells: Sequence[str], index: dict[str, int]) -> dict[str, str]:
    """The cells of one row by canonical header (missing trailing cells are blank)."""
    return {header: (cells[i] if i < len(cells) else "") for header, i in index.items()}


def exported_headers(kind: ImportKind) -> list[str]:
    return [c.header for c in LAYOUTS[kind] if c.exported]
