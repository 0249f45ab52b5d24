"""和暦 (Japanese era dates) ⇄ 西暦.

Era start dates (the first day of each era's 元年):

=====  ======  ==========  ==================================================================
元号   略号    始期        根拠
=====  ======  ==========  ==================================================================
明治   M / 明  1873-01-01  改暦 (明治5年太政官布告第337号): 明治5年12月3日 = 明治6年1月1日.
                           Earlier 明治 dates are in the 太陰太陽暦 and are not converted here.
大正   T / 大  1912-07-30  改元の詔書 (明治45年7月30日)
昭和   S / 昭  1926-12-25  改元の詔書 (大正15年12月25日)
平成   H / 平  1989-01-08  元号を改める政令 (昭和64年政令第1号)
令和   R / 令  2019-05-01  元号を改める政令 (平成31年政令第143号)
=====  ======  ==========  ==================================================================

Year 1 of an era is written 元年 in official documents; :func:`format_wareki` has an option.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from jinji.rules.errors import InvalidArgument


@dataclass(frozen=True, slots=True)
class Era:
    """One 元号: its name, Latin initial, and the first day of its 元年 (as used here)."""

    name: str
    letter: str
    start: datetime.date
    first_year: int
    """The 西暦 year of the era's 元年 (differs from ``start.year`` only for 明治)."""

    @property
    def initial(self) -> str:
        """One-kanji abbreviation (令, 平 …)."""
        return self.name[0]


ERAS: tuple[Era, ...] = (
    Era("明治", "M", datetime.date(1873, 1, 1), 1868),
    Era("大正", "T", datetime.date(1912, 7, 30), 1912),
    Era("昭和", "S", datetime.date(1926, 12, 25), 1926),
    Era("平成", "H", datetime.date(1989, 1, 8), 1989),
    Era("令和", "R", datetime.date(2019, 5, 1), 2019),
)
_BY_TOKEN: dict[str, Era] = {}
for _era in ERAS:
    _BY_TOKEN[_era.name] = _era
    _BY_TOKEN[_era.initial] = _era
    _BY_TOKEN[_era.letter] = _era


class WarekiStyle(Enum):
    KANJI = "kanji"
    """令和8年4月1日"""
    LETTER = "letter"
    """R8.4.1"""


@dataclass(frozen=True, slots=True)
class WarekiDate:
    era: Era
    year: int
    month: int
    day: int

    def label(self, *, gannen: bool = True) -> str:
        year = "元" if self.year == 1 and gannen else str(self.year)
        return f"{self.era.name}{year}年{self.month}月{self.day}日"


def era_of(day: datetime.date) -> Era:
    """The era in force on ``day``; :class:`InvalidArgument` before 明治6年1月1日."""
    for era in reversed(ERAS):
        if day >= era.start:
            return era
    raise InvalidArgument(
        f"{day.isoformat()} は明治6年1月1日 (1873-01-01, 太陽暦採用) より前のため和暦に換算できません"
    )


def era_year(day: datetime.date) -> int:
    """The year number within its era (元年 = 1)."""
    return day.year - era_of(day).first_year + 1


def to_wareki(day: datetime.date) -> WarekiDate:
    """西暦 → 和暦."""
    return WarekiDate(era_of(day), era_year(day), day.month, day.day)


def _era_by_token(token: str) -> Era:
    era = _BY_TOKEN.get(token) or _BY_TOKEN.get(token.upper())
    if era is None:
        raise InvalidArgument(f"元号「{token}」は使用できません (明治・大正・昭和・平成・令和、または M・T・S・H・R)")
    return era


def _next_era(era: Era) -> Era | None:
    index = ERAS.index(era)
    return ERAS[index + 1] if index + 1 < len(ERAS) else None


def from_wareki(era: Era | str, year: int, month: int, day: int) -> datetime.date:
    """和暦 → 西暦, refusing dates outside the era (平成32年, 令和1年4月30日 …)."""
    era = era if isinstance(era, Era) else _era_by_token(era)
    label = WarekiDate(era, year, month, day).label(gannen=False)
    if isinstance(year, bool) or not isinstance(year, int) or year < 1:
        raise InvalidArgument(f"{era.name}{year}年は存在しません (年は1 (元年) 以上です)")
    try:
        result = datetime.date(era.first_year + year - 1, month, day)
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(f"{label} は存在しない日付です") from exc
    if result < era.start:
        first = to_wareki(era.start)
        raise InvalidArgument(f"{label} は{era.name}の始まり ({first.label()} = {era.start.isoformat()}) より前です")
    following = _next_era(era)
    if following is not None and result >= following.start:
        last = to_wareki(following.start - datetime.timedelta(days=1))
        last_label = f"{era.name}{last.year}年{last.month}月{last.day}日"
        raise InvalidArgument(
            f"{label} は存在しません ({era.name}は{last_label}まで、"
            f"{result.isoformat()} は{to_wareki(result).label()}です)"
        )
    return result


_ERA_PATTERN = r"(?P<era>明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])"
_YEAR = r"\s*(?P<year>元|[0-9]{1,3})\s*"
_MONTH_DAY = r"(?P<month>[0-9]{1,2})\s*SEP\s*(?P<day>[0-9]{1,2})"
_KANJI_RE = re.compile(_ERA_PATTERN + _YEAR + r"年\s*" + _MONTH_DAY.replace("SEP", "月") + r"\s*日")
_LETTER_RE = re.compile(_ERA_PATTERN + _YEAR + r"(?P<sep>[./-])\s*" + _MONTH_DAY.replace("SEP", "(?P=sep)"))


def parse_wareki(text: str) -> datetime.date:
    """Read 「令和8年4月1日」「令和元年5月1日」「R8.4.1」「H31/4/30」「令８．４．１」 into a date.

    Full-width digits and the ligatures ㍻/㋿ are accepted (NFKC). Invalid era dates are refused
    with the era's valid range in the message.
    """
    if not isinstance(text, str):
        raise InvalidArgument(f"和暦の日付は文字列で指定してください: {text!r}")
    normalized = unicodedata.normalize("NFKC", text).strip()
    match = _KANJI_RE.fullmatch(normalized) or _LETTER_RE.fullmatch(normalized)
    if match is None:
        raise InvalidArgument(f"和暦の日付として読めません: {text!r} (例: 令和8年4月1日、R8.4.1)")
    era = _era_by_token(match["era"])
    year = 1 if match["year"] == "元" else int(match["year"])
    return from_wareki(era, year, int(match["month"]), int(match["day"]))


def format_wareki(
    day: datetime.date,
    *,
    style: WarekiStyle = WarekiStyle.KANJI,
    gannen: bool = True,
    zero_pad: bool = False,
) -> str:
    """西暦 → 「令和8年4月1日」 (``gannen``: 「令和元年」 for year 1) or 「R8.4.1」 (``zero_pad``: R08.04.01)."""
    w = to_wareki(day)
    if style is WarekiStyle.LETTER:
        if zero_pad:
            return f"{w.era.letter}{w.year:02d}.{w.month:02d}.{w.day:02d}"
        return f"{w.era.letter}{w.year}.{w.month}.{w.day}"
    if zero_pad:
        year = "元" if w.year == 1 and gannen else f"{w.year:02d}"
        return f"{w.era.name}{year}年{w.month:02d}月{w.day:02d}日"
    return w.label(gannen=gannen)
