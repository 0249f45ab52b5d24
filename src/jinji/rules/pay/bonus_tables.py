"""Tables of the 期末手当・勤勉手当: months per payment by fiscal year, 成績率 bands, and the
fixed ratios (在職期間別割合, 期間率, 役職段階別加算, 管理職加算).

Sources: 給与法 第19条の4 (期末手当), 第19条の7 (勤勉手当); 人事院規則9-40; local 期末手当及び
勤勉手当に関する規則. Reference §C8.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jinji.rules.errors import TableInvalid
from jinji.rules.pay.table_fields import int_key, list_field, ratio_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

MONTHS_TABLE_ID = "bonus_months"
RULES_TABLE_ID = "bonus_rules"
RATINGS = ("outstanding", "excellent", "good", "poor")  # 特に優秀・優秀・良好・良好でない
STAFF_KINDS = ("general", "specified_manager")  # 一般職員・特定管理職員


@dataclass(frozen=True, slots=True)
class PaymentMonths:
    """期別支給割合 (期末) and the average 勤勉 months of one payment (June or December)."""

    term_end: Fraction
    diligence: Fraction


@dataclass(frozen=True, slots=True)
class PerformanceBand:
    """成績率 allowed for one 評語: ``minimum`` ≤ r ≤ ``maximum`` (or < when not inclusive)."""

    minimum: Fraction
    maximum: Fraction
    maximum_inclusive: bool

    def admits(self, ratio: Fraction) -> bool:
        if ratio < self.minimum:
            return False
        return ratio <= self.maximum if self.maximum_inclusive else ratio < self.maximum


@dataclass(frozen=True, slots=True)
class BonusMonths:
    """One fiscal year: months for June and December, 成績率 bands per staff kind (may be absent)."""

    june: PaymentMonths
    december: PaymentMonths
    performance: Mapping[str, Mapping[str, PerformanceBand]]


@dataclass(frozen=True, slots=True)
class PeriodBand:
    """A lower bound of a period (``months`` and ``days``) and the ratio from there upward."""

    months: int
    days: int
    ratio: Fraction


@dataclass(frozen=True, slots=True)
class BonusRules:
    """在職期間別割合 and 期間率 bands (longest first); 役職段階別加算 by 級; 管理職加算 by 種."""

    service_period_ratios: tuple[PeriodBand, ...]
    period_rates: tuple[PeriodBand, ...]
    position_addition: Mapping[int, Fraction]
    management_addition: Mapping[int, Fraction]


def _payment(raw: Mapping[str, Any], key: str) -> PaymentMonths:
    return PaymentMonths(
        term_end=ratio_field(raw["term_end"], f"{key}.term_end"),
        diligence=ratio_field(raw["diligence"], f"{key}.diligence"),
    )


def _band(raw: Mapping[str, Any], key: str) -> PerformanceBand:
    if "exact" in raw:
        exact = ratio_field(raw["exact"], f"{key}.exact")
        return PerformanceBand(exact, exact, maximum_inclusive=True)
    minimum = ratio_field(raw.get("min", 0), f"{key}.min")
    if "max_exclusive" in raw:
        return PerformanceBand(minimum, ratio_field(raw["max_exclusive"], key), maximum_inclusive=False)
    return PerformanceBand(minimum, ratio_field(raw["max"], f"{key}.max"), maximum_inclusive=True)


def _performance(raw: Mapping[str, Any]) -> dict[str, dict[str, PerformanceBand]]:
    result: dict[str, dict[str, PerformanceBand]] = {}
    for kind, bands in raw.items():
        if kind not in STAFF_KINDS or not isinstance(bands, Mapping) or set(bands) != set(RATINGS):
            raise TableInvalid(f"performance.{kind}: 職員区分 {STAFF_KINDS} ごとに評語 {RATINGS} を書いてください")
        result[kind] = {r: _band(bands[r], f"performance.{kind}.{r}") for r in RATINGS}
    return result


@register_schema(MONTHS_TABLE_ID)
def parse_bonus_months(data: Mapping[str, Any]) -> BonusMonths:
    """Schema: ``[data.june]``/``[data.december]`` term_end, diligence; optional ``[data.performance.*]``."""
    return BonusMonths(
        june=_payment(table_field(data, "june"), "june"),
        december=_payment(table_field(data, "december"), "december"),
        performance=_performance(data.get("performance", {})),
    )


def _period_bands(data: Mapping[str, Any], key: str) -> tuple[PeriodBand, ...]:
    bands = [
        PeriodBand(months=int(b["months"]), days=int(b["days"]), ratio=ratio_field(b["ratio"], key))
        for b in list_field(data, key)
    ]
    ordered = sorted(bands, key=lambda b: (b.months, b.days), reverse=True)
    if ordered != bands or (bands[-1].months, bands[-1].days) != (0, 0):
        raise TableInvalid(f"{key} は長い期間から順に書き、最後は months = 0, days = 0 にしてください")
    return tuple(bands)


def _by_int_key(data: Mapping[str, Any], key: str) -> dict[int, Fraction]:
    return {int_key(k, key): ratio_field(v, f"{key}.{k}") for k, v in table_field(data, key).items()}


@register_schema(RULES_TABLE_ID)
def parse_bonus_rules(data: Mapping[str, Any]) -> BonusRules:
    """Schema: ``[[data.service_period_ratios]]``, ``[[data.period_rates]]`` (months, days, ratio),
    ``[data.position_addition]`` 級 → 率, ``[data.management_addition]`` 種 → 率."""
    return BonusRules(
        service_period_ratios=_period_bands(data, "service_period_ratios"),
        period_rates=_period_bands(data, "period_rates"),
        position_addition=_by_int_key(data, "position_addition"),
        management_addition=_by_int_key(data, "management_addition"),
    )


def bonus_months_table(base_date: datetime.date, store: TableStore | None = None) -> TableVersion[BonusMonths]:
    """The months of the fiscal year containing the 基準日 ``base_date`` (6/1 or 12/1)."""
    version: TableVersion[BonusMonths] = table_on(MONTHS_TABLE_ID, base_date, store)
    typed(version, BonusMonths)
    return version


def bonus_rules_table(base_date: datetime.date, store: TableStore | None = None) -> TableVersion[BonusRules]:
    """The 期末・勤勉 ratios in force on the 基準日 ``base_date``."""
    version: TableVersion[BonusRules] = table_on(RULES_TABLE_ID, base_date, store)
    typed(version, BonusRules)
    return version
