"""住居手当 (housing allowance for rented housing) by rent band.

Source: 給与法 第11条の10 (local: 給与条例 住居手当の条), reference §C5 (national, in force
令和2年4月): rent ≤ 16,000 → 0; ≤ 27,000 → rent − 16,000; above → 11,000 + (rent −
27,000) ÷ 2, at most 28,000; the amount is truncated to 100 yen. The family of a 単身赴任
employee gets half (max 14,000). The band edges are table data so a municipality can
ship its own.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_to_100_yen_ratio
from jinji.rules.pay.table_fields import ratio_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "housing_allowance"


@dataclass(frozen=True, slots=True)
class HousingAllowanceTable:
    """``threshold`` 16,000; ``full_band_upper`` 27,000; above it ``upper_share`` (1/2); cap ``maximum``."""

    threshold: int
    full_band_upper: int
    upper_share_num: int
    upper_share_den: int
    maximum: int


@register_schema(TABLE_ID)
def parse_housing_allowance(data: Mapping[str, Any]) -> HousingAllowanceTable:
    """Schema: ``threshold``, ``full_band_upper``, ``upper_share`` ("1/2"), ``maximum``."""
    share = ratio_field(data["upper_share"], "upper_share")
    table = HousingAllowanceTable(
        threshold=yen_field(data["threshold"], "threshold"),
        full_band_upper=yen_field(data["full_band_upper"], "full_band_upper"),
        upper_share_num=share.numerator,
        upper_share_den=share.denominator,
        maximum=yen_field(data["maximum"], "maximum"),
    )
    if table.full_band_upper <= table.threshold:
        raise TableInvalid("full_band_upper は threshold より大きくしてください")
    return table


def housing_allowance_table(on: datetime.date, store: TableStore | None = None) -> TableVersion[HousingAllowanceTable]:
    """The 住居手当 bands in force on ``on``."""
    version: TableVersion[HousingAllowanceTable] = table_on(TABLE_ID, on, store)
    typed(version, HousingAllowanceTable)
    return version


def housing_allowance(table: HousingAllowanceTable, *, rent: int, single_posting_family: bool = False) -> int:
    """住居手当月額 for monthly ``rent`` (給与法 第11条の10第1項; 単身赴任の留守家族 同条第2項の2分の1).

    The amount (or half of it) is truncated below 100 yen.
    """
    if isinstance(rent, bool) or not isinstance(rent, int) or rent < 0:
        raise InvalidArgument(f"家賃月額は0以上の整数(円)で指定してください: {rent!r}")
    if rent <= table.threshold:
        return 0
    base = table.full_band_upper - table.threshold
    if rent <= table.full_band_upper:
        numerator, denominator = rent - table.threshold, 1
    else:
        excess = rent - table.full_band_upper
        numerator = base * table.upper_share_den + excess * table.upper_share_num
        denominator = table.upper_share_den
    numerator = min(numerator, table.maximum * denominator)
    if single_posting_family:
        denominator *= 2
    return floor_to_100_yen_ratio(numerator, denominator)
