"""Date helpers of the talent app: 年度, adding years (29 Feb → 28 Feb), months."""

from __future__ import annotations

import calendar
import datetime


def fiscal_year_of(day: datetime.date) -> int:
    """年度 (April to March): 2027-03-31 → 2026."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_end(year: int) -> datetime.date:
    """3/31 closing 年度 ``year``."""
    return datetime.date(year + 1, 3, 31)


def add_years(day: datetime.date, years: int) -> datetime.date:
    """Same month and day ``years`` later; 29 February becomes 28 February in a common year."""
    target = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(target):
        return datetime.date(target, 2, 28)
    return day.replace(year=target)


def validity_end(start: datetime.date, years: int) -> datetime.date:
    """Last valid day of a validity of ``years`` years starting on ``start`` (2024-04-01, 3 → 2027-03-31)."""
    return add_years(start, years) - datetime.timedelta(days=1)


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the month containing ``month``."""
    last = calendar.monthrange(month.year, month.month)[1]
    return month.replace(day=1), month.replace(day=last)


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """満年齢 on ``on`` (the age rises on the birthday, as counted for recruitment notices)."""
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))
