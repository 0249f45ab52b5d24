"""住民税 特別徴収: splitting the annual amount into the June … May instalments.

Public API (stable): :func:`special_collection_split` ``(annual: int) -> SpecialCollectionSplit``
and :func:`monthly_special_collection` ``(annual: int, *, month: int) -> int``.

Rule (payroll-rules.md §E, ✅ [S80]; legal basis 地方税法第321条の5 ❓ not re-read, "Items not
confirmed" 10): the annual tax is collected from June pay to the following May pay, 12
instalments. July–May are equal: annual ÷ 12, 100円未満切捨て (:func:`money.floor_to_100_yen_ratio`);
June takes the rest (the fractions under 100 yen, and the whole amount when it is under
1,200 yen so that the monthly amount would be 0). In practice the amounts are printed on the
特別徴収税額決定通知書; use those when they differ.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.money import floor_to_100_yen_ratio

FIRST_MONTH = 6  # June
MONTHS_IN_ORDER = (6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5)


@dataclass(frozen=True, slots=True)
class SpecialCollectionSplit:
    """The 12 instalments: ``june`` and the equal ``july_to_may``."""

    annual: int
    june: int
    july_to_may: int

    def for_month(self, month: int) -> int:
        """The instalment deducted from the pay of calendar month ``month`` (1–12)."""
        if type(month) is not int or not 1 <= month <= 12:
            raise InvalidArgument(f"月 (month) は1〜12で指定してください: {month!r}")
        return self.june if month == FIRST_MONTH else self.july_to_may

    def schedule(self) -> tuple[tuple[int, int], ...]:
        """``(month, amount)`` from June to May."""
        return tuple((m, self.for_month(m)) for m in MONTHS_IN_ORDER)


def special_collection_split(annual: int) -> SpecialCollectionSplit:
    """Split an annual 特別徴収税額 into June and July–May (see the module docstring)."""
    if type(annual) is not int or annual < 0:
        raise InvalidArgument(f"特別徴収税額 (年額) は0以上の整数(円)で指定してください: {annual!r}")
    monthly = floor_to_100_yen_ratio(annual, 12)
    return SpecialCollectionSplit(annual=annual, june=annual - monthly * 11, july_to_may=monthly)


def monthly_special_collection(annual: int, *, month: int) -> int:
    """The instalment for calendar ``month`` of a 特別徴収 year."""
    return special_collection_split(annual).for_month(month)
