"""地域手当 (regional allowance): rate by 級地, or a locality's transitional rate.

Source: 給与法 第11条の3, 人事院規則9-49 別表第1 (2025 version) and its transitional
附則 (local: 給与条例 地域手当の条), reference §C3: 1級地 20%, 2級地 16%, 3級地 12%, 4級地 8%,
5級地 4% from 令和7年4月, with intermediate rates until 令和9年度. The table may list
localities (code → 級地) and, for the fiscal year of the version, transitional rates
(code → rate) that take precedence. Base = 給料 + 管理職手当 + 扶養手当 (national wording:
俸給 + 俸給の特別調整額 + 扶養手当; 三重県: 給料 + 扶養手当), 円未満切捨て.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_yen_ratio
from jinji.rules.pay.table_fields import int_key, positive_int_field, ratio_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "regional_allowance"
NO_RATE = Fraction(0)


@dataclass(frozen=True, slots=True)
class RegionalAllowanceTable:
    grade_rates: Mapping[int, Fraction]
    localities: Mapping[str, int]
    transitional: Mapping[str, Fraction]


@register_schema(TABLE_ID)
def parse_regional_allowance(data: Mapping[str, Any]) -> RegionalAllowanceTable:
    """Schema: ``[data.grade_rates]`` 級地 → "20%"; optional ``[data.localities]``, ``[data.transitional]``."""
    rates = {
        int_key(k, "grade_rates"): ratio_field(v, f"grade_rates.{k}")
        for k, v in table_field(data, "grade_rates").items()
    }
    localities = {str(k): positive_int_field(v, f"localities.{k}") for k, v in data.get("localities", {}).items()}
    transitional = {str(k): ratio_field(v, f"transitional.{k}") for k, v in data.get("transitional", {}).items()}
    unknown = sorted({g for g in localities.values() if g not in rates})
    if unknown:
        raise TableInvalid(f"localities に率の定めのない級地があります: {unknown}")
    return RegionalAllowanceTable(grade_rates=rates, localities=localities, transitional=transitional)


def regional_allowance_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[RegionalAllowanceTable]:
    """The 地域手当 rates in force on ``on``."""
    version: TableVersion[RegionalAllowanceTable] = table_on(TABLE_ID, on, store)
    typed(version, RegionalAllowanceTable)
    return version


def regional_allowance_rate(table: RegionalAllowanceTable, *, grade_area: int, locality: str) -> Fraction:
    """支給割合: the locality's transitional rate, else the rate of its (or the given) 級地; 0 if none.

    ``locality`` (a code in the table) wins over ``grade_area``; ``grade_area`` 0 and no
    locality means the post is outside every 級地.
    """
    if locality:
        if locality in table.transitional:
            return table.transitional[locality]
        if locality not in table.localities:
            raise InvalidArgument(f"地域手当の表に勤務地 {locality!r} の定めがありません")
        grade_area = table.localities[locality]
    if grade_area == 0:
        return NO_RATE
    rate = table.grade_rates.get(grade_area)
    if rate is None:
        raise InvalidArgument(f"地域手当の級地は {sorted(table.grade_rates)} のいずれかです: {grade_area}")
    return rate


def regional_allowance(base: int, rate: Fraction) -> int:
    """地域手当月額 = 基礎 × 支給割合, 円未満切捨て (給与法 第11条の3第2項)."""
    return floor_yen_ratio(base * rate.numerator, rate.denominator)
