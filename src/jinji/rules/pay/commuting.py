"""通勤手当 (commuting allowance), pay side: public transport and vehicle distance bands.

Source: 給与法 第12条 (local: 給与条例 通勤手当の条), reference §C6: 交通機関 paid at the
1箇月当たりの運賃等相当額 up to 150,000/month (from 令和7年4月; the cap also bounds
交通機関 and 自動車等 used together); 自動車等 by one-way distance band from 2 km; the
駐車場等 allowance up to the table's ``parking_max`` for car commuters. The tax split is in
:mod:`jinji.rules.pay.commuting_tax`.
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_yen_ratio
from jinji.rules.pay.table_fields import ascending, list_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "commuting_allowance"
PASS_MONTHS = (1, 3, 6)
"""定期券の期間 (months) a fare can be given in."""


@dataclass(frozen=True, slots=True)
class CommutingAllowanceTable:
    """``band_from_m[i]`` (metres, inclusive) pays ``band_amounts[i]``; below the first band nothing.

    ``min_distance_m``: below this one-way distance no 通勤手当 at all (national 2 km; some 条例 1 km).
    """

    transit_cap: int
    min_distance_m: int
    parking_max: int
    band_from_m: tuple[int, ...]
    band_amounts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CommutingAllowance:
    """The parts of one month's 通勤手当 (their sum is ``total``)."""

    transit: int
    vehicle: int
    parking: int

    @property
    def total(self) -> int:
        return self.transit + self.vehicle + self.parking


@register_schema(TABLE_ID)
def parse_commuting_allowance(data: Mapping[str, Any]) -> CommutingAllowanceTable:
    """Schema: ``transit_cap``, ``min_distance_m``, ``parking_max``, ``[[data.vehicle_bands]] from_m, amount``."""
    bands = list_field(data, "vehicle_bands")
    if "min_distance_m" not in data:
        raise TableInvalid("min_distance_m(支給対象となる片道の最短距離、m)がありません")
    return CommutingAllowanceTable(
        transit_cap=yen_field(data["transit_cap"], "transit_cap"),
        min_distance_m=yen_field(data["min_distance_m"], "min_distance_m"),
        parking_max=yen_field(data.get("parking_max", 0), "parking_max"),
        band_from_m=ascending([yen_field(b["from_m"], "vehicle_bands.from_m") for b in bands], "vehicle_bands"),
        band_amounts=tuple(yen_field(b["amount"], "vehicle_bands.amount") for b in bands),
    )


def commuting_allowance_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[CommutingAllowanceTable]:
    """The 通勤手当 rules in force on ``on``."""
    version: TableVersion[CommutingAllowanceTable] = table_on(TABLE_ID, on, store)
    typed(version, CommutingAllowanceTable)
    return version


def monthly_fare_from_pass(six_month_pass_price: int) -> int:
    """1箇月当たりの運賃等相当額 = 6箇月定期券の価額 ÷ 6, 円未満切捨て (人事院規則9-24; ❓ article and
    rounding not in the reference)."""
    if six_month_pass_price < 0:
        raise InvalidArgument(f"定期券の価額に負の値は指定できません: {six_month_pass_price}")
    return floor_yen_ratio(six_month_pass_price, 6)


def monthly_fare(pass_price: int, pass_months: int) -> int:
    """1箇月当たりの運賃等相当額 of a 定期券 for ``pass_months`` (1, 3 or 6) months: the 6箇月 price by
    :func:`monthly_fare_from_pass`, otherwise price ÷ months, 円未満切捨て (人事院規則9-24; ❓ as above)."""
    if pass_months not in PASS_MONTHS:
        raise InvalidArgument(f"定期券の期間は {', '.join(map(str, PASS_MONTHS))} 箇月のいずれかです: {pass_months}")
    if pass_months == 6:
        return monthly_fare_from_pass(pass_price)
    if pass_price < 0:
        raise InvalidArgument(f"定期券の価額に負の値は指定できません: {pass_price}")
    return floor_yen_ratio(pass_price, pass_months)


def below_minimum_distance(table: CommutingAllowanceTable, distance_m: int) -> bool:
    """True when the one-way distance is under the table's minimum: no 通勤手当 (給与法 第12条第1項)."""
    if distance_m < 0:
        raise InvalidArgument(f"通勤距離に負の値は指定できません: {distance_m}")
    return distance_m < table.min_distance_m


def vehicle_band_amount(table: CommutingAllowanceTable, distance_m: int) -> int:
    """自動車等 amount for a one-way distance of ``distance_m`` metres (0 below the first band)."""
    if distance_m < 0:
        raise InvalidArgument(f"通勤距離に負の値は指定できません: {distance_m}")
    index = bisect_right(table.band_from_m, distance_m) - 1
    return table.band_amounts[index] if index >= 0 else 0


def commuting_allowance(
    table: CommutingAllowanceTable, *, transit_fare: int, vehicle_distance_m: int, parking_fee: int
) -> CommutingAllowance:
    """通勤手当月額 (給与法 第12条第2項): transit fare, vehicle band and parking, within the cap.

    ``transit_fare`` is the 1箇月当たりの運賃等相当額; ``parking_fee`` the monthly 駐車場 fee
    (paid up to ``parking_max`` only with a vehicle band). When the sum exceeds
    ``transit_cap`` the transit part is reduced.
    """
    for name, value in (("運賃等相当額", transit_fare), ("駐車場料金", parking_fee)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgument(f"{name} は0以上の整数(円)で指定してください: {value!r}")
    vehicle = vehicle_band_amount(table, vehicle_distance_m)
    parking = min(parking_fee, table.parking_max) if vehicle else 0
    transit = min(transit_fare, max(table.transit_cap - vehicle - parking, 0))
    return CommutingAllowance(transit=transit, vehicle=vehicle, parking=parking)
