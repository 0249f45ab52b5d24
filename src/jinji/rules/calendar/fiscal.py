"""会計年度 (fiscal year): 毎年4月1日に始まり翌年3月31日に終わる (地方自治法 第208条第1項).

A fiscal year is named by the calendar year in which it starts: 2026年度 = 2026-04-01〜2027-03-31.
"""

from __future__ import annotations

import datetime

from jinji.rules.calendar.wareki import era_of, era_year
from jinji.rules.errors import InvalidArgument

FISCAL_YEAR_START_MONTH = 4


def _check_year(fiscal_year: int) -> int:
    if isinstance(fiscal_year, bool) or not isinstance(fiscal_year, int):
        raise InvalidArgument(f"年度は西暦の整数で指定してください: {fiscal_year!r}")
    if not 1873 <= fiscal_year <= 9998:
        raise InvalidArgument(f"年度 {fiscal_year} は扱える範囲 (1873〜9998) の外です")
    return fiscal_year


def fiscal_year(day: datetime.date) -> int:
    """The fiscal year (西暦) that contains ``day``: April–December → same year, January–March → previous."""
    return day.year if day.month >= FISCAL_YEAR_START_MONTH else day.year - 1


def fiscal_year_start(fiscal_year: int) -> datetime.date:
    """4月1日 of ``fiscal_year``."""
    return datetime.date(_check_year(fiscal_year), FISCAL_YEAR_START_MONTH, 1)


def fiscal_year_end(fiscal_year: int) -> datetime.date:
    """翌年3月31日 for ``fiscal_year``."""
    return datetime.date(_check_year(fiscal_year) + 1, 3, 31)


def fiscal_year_label(fiscal_year: int, *, gannen: bool = True) -> str:
    """和暦 label such as 「令和8年度」.

    A fiscal year in which the era changed carries the new era when its starting calendar year
    is the new era's first year (2019年度 → 令和元年度, the usage of 財務省 and most authorities
    after 改元; 1989年度 → 平成元年度); otherwise the era in force on 4月1日 (1988年度 → 昭和63年度).
    """
    end_era = era_of(fiscal_year_end(fiscal_year))
    year_in_end_era = fiscal_year - end_era.start.year + 1
    if year_in_end_era >= 1:
        era, year = end_era, year_in_end_era
    else:
        start = fiscal_year_start(fiscal_year)
        era, year = era_of(start), era_year(start)
    year_text = "元" if year == 1 and gannen else str(year)
    return f"{era.name}{year_text}年度"
