"""Codes and labels of the payslip lines that pay 差額 and 追給・戻入."""

from __future__ import annotations

import datetime

from jinji.rules.calendar.wareki import to_wareki

RETRO_PREFIX = "retro:"  # + YYYY-MM + ":" + the item's code
CORRECTION_PREFIX = "correction:"  # + the correction's id
PRORATED_SUFFIX = "(日割)"


def is_adjustment(code: str) -> bool:
    """Whether a payslip line pays a 差額 or a 追給・戻入 (not recomputed when a month is recomputed)."""
    return code.startswith((RETRO_PREFIX, CORRECTION_PREFIX))


def month_label(month: datetime.date) -> str:
    """「令和8年4月分」."""
    w = to_wareki(month)
    year = "元" if w.year == 1 else str(w.year)
    return f"{w.era.name}{year}年{month.month}月分"


def retro_code(month: datetime.date, item_code: str) -> str:
    return f"{RETRO_PREFIX}{month:%Y-%m}:{item_code}"


def retro_label(month: datetime.date, item_label: str, *, recovery: bool = False) -> str:
    """「令和8年4月分 給料差額」 (「… 給料差額(戻入)」 for a negative difference)."""
    base = item_label.removesuffix(PRORATED_SUFFIX)
    return f"{month_label(month)} {base}差額{'(戻入)' if recovery else ''}"[:60]
