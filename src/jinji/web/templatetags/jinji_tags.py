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


@register.filter
def seireki(value: datetime.date | None) -> str:
    """2026年4月1日."""
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


@register.filter
def jdate(value: datetime.date | None, show_wareki: bool = False) -> str:
    """西暦 by default; 和暦 when the user switched it on (``{{ d|jdate:show_wareki }}``)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return wareki(value) if show_wareki else seireki(value)


@register.filter
def yen(value: int | None) -> str:
    """12,345円."""
    return "" if value is None else f"{value:,}円"


@register.filter
def minutes_hm(value: int | None) -> str:
    """2325 → 38時間45分."""
    if value is None:
        return ""
    hours, minutes = divmod(int(value), 60)
    return f"{hours}時間{minutes}分" if minutes else f"{hours}時間"


@register.filter
def hm_km(value: int | None) -> str:
    """Distance kept in 100 m units → km with one decimal (123 → 12.3)."""
    if value is None:
        return ""
    return f"{int(value) // 10}.{int(value) % 10}"
