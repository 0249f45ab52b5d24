"""Template filters used across Jinji's pages."""

from __future__ import annotations

import datetime

from django import template

register = template.Library()

_ERAS = (
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1868, 10, 23), "明治"),
)


@register.filter
def wareki(value: datetime.date | None) -> str:
    """令和8年4月1日 (元年 for the first year)."""
    if value is None:
        return ""
    for start, name in _ERAS:
        if value >= start:
            year = value.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年{value.month}月{value.day}日"
    return value.isoformat()
