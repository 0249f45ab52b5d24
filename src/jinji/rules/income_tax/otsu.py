"""乙欄: 給与所得の源泉徴収税額表 (月額表) の乙欄.

Source: 所得税法 別表第二 (月額表) as published by 国税庁 in 「源泉徴収税額表」 (令和2年分〜令和7年分;
令和8年分), which include 復興特別所得税. The NTA's 「月額表の乙欄を適用する給与等に対する税額の
電算機計算について (令和8年分)」 (denshi_02) gives the same amounts; the tests re-derive every row
from it.

Table id ``income_tax_monthly_otsu``; each version holds:

* ``threshold`` / ``below_rate_percent``: A < threshold → A × rate, 円未満切捨て;
* ``rows``: ``[lower, tax]`` pairs, each row running from its lower bound (inclusive) to the
  next row's (exclusive), the last one to ``table_end``;
* ``above``: from ``from`` (inclusive) the tax is ``base`` + (A − from) × rate, 円未満切捨て;
* ``per_declared_dependant``: 「従たる給与についての扶養控除等申告書」 に記載された扶養親族等
  1人ごとに控除する額 (1,610円), never below 0.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules._table_fields import Ratio, strictly_increasing, table_list, yen
from jinji.rules.errors import TableInvalid
from jinji.rules.money import floor_yen_ratio
from jinji.rules.tables import register_schema

TABLE_ID = "income_tax_monthly_otsu"


@dataclass(frozen=True, slots=True)
class AboveBand:
    """A ≥ ``start``: ``base`` + (A − start) × ``rate`` (円未満切捨て)."""

    start: int
    base: int
    rate: Ratio


@dataclass(frozen=True, slots=True)
class OtsuTable:
    """The 乙 column of one year's 月額表."""

    threshold: int
    below_rate: Ratio
    lowers: tuple[int, ...]
    taxes: tuple[int, ...]
    table_end: int
    above: tuple[AboveBand, ...]
    per_declared_dependant: int

    def withholding(self, amount: int, declared_dependents: int = 0) -> int:
        """乙欄 tax for A = ``amount`` (arguments unchecked)."""
        if amount < self.threshold:
            tax = floor_yen_ratio(amount * self.below_rate.numerator, self.below_rate.denominator)
        elif amount < self.table_end:
            tax = self.taxes[bisect_right(self.lowers, amount) - 1]
        else:
            band = self.above[0]
            for candidate in self.above:
                if amount >= candidate.start:
                    band = candidate
            rate = band.rate
            tax = band.base + floor_yen_ratio((amount - band.start) * rate.numerator, rate.denominator)
        if declared_dependents:
            tax = max(0, tax - self.per_declared_dependant * declared_dependents)
        return tax


@register_schema(TABLE_ID)
def parse_otsu(data: Mapping[str, Any]) -> OtsuTable:
    """Schema of ``income_tax_monthly_otsu`` (see the module docstring)."""
    threshold = yen(data["threshold"], key="threshold")
    rows = table_list(data["rows"], key="rows")
    if any(not isinstance(r, list) or len(r) != 2 for r in rows):
        raise TableInvalid("rows の各行は [下限, 税額] の2要素で指定してください")
    lowers = tuple(yen(r[0], key="rows[].lower") for r in rows)
    taxes = tuple(yen(r[1], key="rows[].tax") for r in rows)
    table_end = yen(data["table_end"], key="table_end")
    strictly_increasing([*lowers, table_end], key="rows")
    if lowers[0] != threshold:
        raise TableInvalid(f"rows の最初の下限 ({lowers[0]}) は threshold ({threshold}) と一致させてください")
    above = tuple(
        AboveBand(
            yen(b["from"], key="above.from"),
            yen(b["base"], key="above.base"),
            Ratio.parse(b["rate_percent"], unit=100, key="above.rate_percent"),
        )
        for b in table_list(data["above"], key="above")
    )
    strictly_increasing([b.start for b in above], key="above")
    if above[0].start != table_end:
        raise TableInvalid(f"above の最初の from ({above[0].start}) は table_end ({table_end}) と一致させてください")
    return OtsuTable(
        threshold=threshold,
        below_rate=Ratio.parse(data["below_rate_percent"], unit=100, key="below_rate_percent"),
        lowers=lowers,
        taxes=taxes,
        table_end=table_end,
        above=above,
        per_declared_dependant=yen(data["per_declared_dependant"], key="per_declared_dependant"),
    )
