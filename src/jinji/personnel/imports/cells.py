"""Reading one cell: width normalisation, dates in 西暦 and 和暦, numbers, hours, choices.

Every reader returns the parsed value or ``None`` and records a Japanese
:class:`~jinji.core.errors.FieldProblem` naming the row and the column. Digits and letters
are folded to half width (NFKC), 半角カナ to 全角, ひらがな in フリガナ to カタカナ. A cell that
an export protected against formula injection (``'=…``) is read back without the apostrophe.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from jinji.core.errors import FieldProblem
from jinji.personnel.services.employees import to_katakana
from jinji.rules.calendar.wareki import parse_wareki
from jinji.rules.errors import InvalidArgument

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
"""Cell starts that spreadsheet programs run as formulas (OWASP CSV injection)."""
DATE_EXAMPLES = "例: 2026-04-01、2026/4/1、令和8年4月1日、R8.4.1"
_WESTERN = (
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
)
_ERA_START = re.compile(r"(明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\s*(元|\d)")
_KATAKANA = re.compile(r"[\u30A1-\u30FA\u30FC\u30FD\u30FE・ ]+")
_HOURS = (re.compile(r"(\d{1,2}):(\d{2})"), re.compile(r"(\d{1,2})時間(?:(\d{1,2})分)?"), re.compile(r"(\d{1,2})()"))
MAX_WEEKLY_MINUTES = 45 * 60


def unescape_formula(text: str) -> str:
    """Drop the apostrophe an export put before a formula-like cell (``'=SUM()`` → ``=SUM()``)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_TRIGGERS:
        return text[1:]
    return text


def fold(text: str) -> str:
    """NFKC (全角英数→半角, 半角カナ→全角), trimmed; 全角スペース becomes an ASCII space."""
    return unicodedata.normalize("NFKC", text).strip()


def choice_key(text: str) -> str:
    """The form used to look up a label: folded, lower case, without spaces, brackets and ・."""
    folded = fold(text).lower()
    return re.sub(r"[\s()\[\]【】・]", "", folded)


def parse_date(text: str) -> datetime.date:
    """A date written in 西暦 (2026-04-01, 2026/4/1, 2026年4月1日, 20260401) or 和暦 (令和8年4月1日, R8.4.1).

    ValueError with a Japanese message (from :func:`jinji.rules.calendar.wareki.parse_wareki`
    for 和暦: 令和0年, 平成32年 … are refused with the era's range).
    """
    value = fold(text)
    for pattern in _WESTERN:
        match = pattern.fullmatch(value)
        if match:
            try:
                return datetime.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                raise ValueError(f"{value} は存在しない日付です") from None
    if _ERA_START.match(value):
        try:
            return parse_wareki(value)
        except InvalidArgument as exc:
            raise ValueError(str(exc)) from None
    raise ValueError(f"日付として読めません({DATE_EXAMPLES})")


def parse_minutes(text: str) -> int:
    """Weekly hours as minutes: 38:45, 38時間45分, 31時間 or 31 (hours)."""
    value = fold(text)
    for pattern in _HOURS:
        match = pattern.fullmatch(value)
        if match:
            minutes = int(match[1]) * 60 + int(match[2] or 0)
            if int(match[2] or 0) < 60 and 0 < minutes <= MAX_WEEKLY_MINUTES:
                return minutes
            break
    raise ValueError("週勤務時間は 時:分 で 0:01〜45:00 の範囲で入力してください(例: 38:45)")


@dataclass(frozen=True, slots=True)
class Choices:
    """Allowed values of a column: lookup key → stored value, and the labels to show."""

    lookup: Mapping[str, str]
    labels: Mapping[str, str]
    """stored value → label (what the export writes)."""

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]], aliases: Mapping[str, str] | None = None) -> Choices:
        """From (value, label) pairs; the value, the label and each alias (alias → value) are accepted."""
        labels = dict(pairs)
        lookup: dict[str, str] = {}
        for value, label in labels.items():
            lookup[choice_key(value)] = value
            lookup[choice_key(label)] = value
        for alias, value in (aliases or {}).items():
            lookup[choice_key(alias)] = value
        return cls(lookup=lookup, labels=labels)

    @property
    def allowed(self) -> str:
        return "、".join(self.labels.values())

    def label(self, value: str) -> str:
        return self.labels.get(value, value)


def minutes_text(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


class RowReader:
    """The cells of one data row by header, collecting problems for that row."""

    def __init__(self, row: int, cells: Mapping[str, str], problems: list[FieldProblem]):
        self.row = row
        self._cells = cells
        self.problems = problems
        self._count = len(problems)

    @property
    def ok(self) -> bool:
        """No problem was recorded for this row (so far)."""
        return len(self.problems) == self._count

    def has(self, header: str) -> bool:
        return header in self._cells

    def problem(self, header: str, message: str) -> None:
        self.problems.append(FieldProblem(field=header, message=message, row=self.row))

    def raw(self, header: str) -> str:
        return unescape_formula(self._cells.get(header, "").strip())

    def _present(self, header: str, required: bool) -> str | None:
        value = self.raw(header)
        if not value:
            if required:
                self.problem(header, "入力してください")
            return None
        return value

    def text(self, header: str, *, required: bool = False, max_length: int = 100, no_spaces: bool = False) -> str:
        """Folded text (NFKC); ``no_spaces`` removes spaces (names)."""
        value = self._present(header, required)
        if value is None:
            return ""
        folded = fold(value).replace(" ", "") if no_spaces else " ".join(fold(value).split())
        if len(folded) > max_length:
            self.problem(header, f"{max_length}文字以内で入力してください({len(folded)}文字あります)")
        return folded

    def code(self, header: str, *, required: bool = False, max_length: int = 20) -> str:
        """A code (職員番号, 所属コード …): half-width letters, digits, - and _ only."""
        value = self.text(header, required=required, max_length=max_length)
        if value and not re.fullmatch(r"[0-9A-Za-z_-]+", value):
            self.problem(header, "半角英数字(と - _)で入力してください")
        return value

    def kana(self, header: str, *, required: bool = False, max_length: int = 100) -> str:
        """フリガナ: カタカナ (ひらがな and 半角ｶﾅ are converted), spaces removed."""
        value = self._present(header, required)
        if value is None:
            return ""
        kana = to_katakana(value).replace(" ", "").replace("\u3000", "")
        if not _KATAKANA.fullmatch(kana):
            self.problem(header, "カタカナで入力してください")
        elif len(kana) > max_length:
            self.problem(header, f"{max_length}文字以内で入力してください")
        return kana

    def date(self, header: str, *, required: bool = False) -> datetime.date | None:
        value = self._present(header, required)
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError as exc:
            self.problem(header, str(exc))
            return None

    def integer(self, header: str, *, low: int, high: int) -> int | None:
        value = self._present(header, False)
        if value is None:
            return None
        folded = fold(value)
        if not folded.isdigit() or not low <= int(folded) <= high:
            self.problem(header, f"{low}〜{high}の整数で入力してください")
            return None
        return int(folded)

    def minutes(self, header: str) -> int | None:
        value = self._present(header, False)
        if value is None:
            return None
        try:
            return parse_minutes(value)
        except ValueError as exc:
            self.problem(header, str(exc))
            return None

    def choice(self, header: str, choices: Choices, *, required: bool = False, default: str = "") -> str:
        """One of ``choices`` (by label, alias or code, in either width); its stored value."""
        value = self._present(header, required)
        if value is None:
            return default
        found = choices.lookup.get(choice_key(value))
        if found is None:
            self.problem(header, f"「{value}」は使えません(使えるもの: {choices.allowed})")
            return default
        return found
