"""通勤手当 split into the income-tax non-taxable part and the taxable rest.

Source: 所得税法 第9条第1項第5号, 所得税法施行令 第20条の2 (reference §A6): 交通機関 up to
150,000/month; 自動車等 by one-way distance (below 2 km fully taxable); the 駐車場等 add-on
up to 5,000 (from 2026-04-01, only for 2 km+). Dated table ``commuting_allowance_tax_limits``.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.pay.commuting import CommutingAllowance
from jinji.rules.pay.table_fields import ascending, list_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "commuting_allowance_tax_limits"


@dataclass(frozen=True, slots=True)
class CommutingTaxLimits:
    """非課税限度額: ``transit_limit`` (also the overall cap), distance bands, parking add-on."""

    transit_limit: int
    parking_limit: int
    parking_min_distance_m: int
    band_from_m: tuple[int, ...]
    band_limits: tuple[int, ...]


@register_schema(TABLE_ID)
def parse_commuting_tax_limits(data: Mapping[str, Any]) -> CommutingTaxLimits:
    """Schema: ``transit_limit``, ``parking_limit``, ``parking_min_distance_m``, ``[[data.vehicle_bands]]``."""
    bands = list_field(data, "vehicle_bands")
    return CommutingTaxLimits(
        transit_limit=yen_field(data["transit_limit"], "transit_limit"),
        parking_limit=yen_field(data.get("parking_limit", 0), "parking_limit"),
        parking_min_distance_m=yen_field(data.get("parking_min_distance_m", 0), "parking_min_distance_m"),
        band_from_m=ascending([yen_field(b["from_m"], "vehicle_bands.from_m") for b in bands], "vehicle_bands"),
        band_limits=tuple(yen_field(b["limit"], "vehicle_bands.limit") for b in bands),
    )


def commuting_tax_limits(on: datetime.date, store: TableStore | None = None) -> TableVersion[CommutingTaxLimits]:
    """The 非課税限度額 in force on the pay date ``on``."""
    version: TableVersion[CommutingTaxLimits] = table_on(TABLE_ID, on, store)
    typed(version, CommutingTaxLimits)
    return version


def vehicle_nontaxable_limit(limits: CommutingTaxLimits, distance_m: int) -> int:
    """自動車等 非課税限度額 for a one-way distance (所得税法施行令 第20条の2第2号); 0 below 2 km."""
    index = bisect_right(limits.band_from_m, distance_m) - 1
    return limits.band_limits[index] if index >= 0 else 0


def commuting_nontaxable(limits: CommutingTaxLimits, allowance: CommutingAllowance, *, distance_m: int) -> int:
    """Non-taxable part of ``allowance`` (所得税法施行令 第20条の2第1号〜第4号).

    Transit fare up to ``transit_limit``; the vehicle part up to its distance band, plus the
    parking part up to ``parking_limit`` when the distance reaches ``parking_min_distance_m``;
    the whole never above ``transit_limit`` (併用の場合の上限).
    """
    transit = min(allowance.transit, limits.transit_limit)
    vehicle = min(allowance.vehicle, vehicle_nontaxable_limit(limits, distance_m)) if allowance.vehicle else 0
    parking = 0
    if allowance.parking and distance_m >= limits.parking_min_distance_m:
        parking = min(allowance.parking, limits.parking_limit)
    return min(transit + vehicle + parking, limits.transit_limit)
