"""賞与に対する源泉徴収税額の算出率の表 (所得税法 別表第四; 平成24年3月31日財務省告示第115号,
令和7年4月30日改正) and the rule for bonuses the table does not cover.

Table id ``income_tax_bonus_rate``; each version holds ``rates_percent`` (the rate of each
band, lowest first), ``kou`` (for each 扶養親族等の数 0…``max_dependents``, the lower bounds in
yen of bands 1… of 「前月の社会保険料等控除後の給与等の金額」; band 0 starts at 0; the
last column reads 「7人以上」) and ``otsu`` (its own rates and lower bounds).

Normal method: rate by the previous month's pay after social insurance, × this bonus after
social insurance, 円未満切捨て (:func:`money.floor_yen_ratio`).

Special method (前月中に給与等の支払がない場合, or the bonus exceeds 10 × the previous month's
pay after social insurance; payroll-rules.md §A4):

1. X = bonus ÷ 6 (÷ 12 when the bonus covers a period of more than 6 months), 円未満切捨て;
2. tax on (previous month + X) by the 月額表 — here the 電算機計算の特例 for 甲欄, which the
   reference allows in place of the printed table — or on X alone when there was no pay;
3. minus the 月額表 tax on the previous month's pay (0 when there was none), × 6 (or 12).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinji.rules._table_fields import Ratio, strictly_increasing, table_list, table_map, yen
from jinji.rules.errors import InvalidArgument, TableInvalid, TableNotFound
from jinji.rules.income_tax.monthly import (
    KOU,
    MonthlyTaxTable,
    check_amount,
    check_column,
    check_dependents,
    check_pay_date,
    monthly_tax_table,
)
from jinji.rules.money import floor_yen_ratio
from jinji.rules.tables import TableRef, TableStore, default_store, register_schema, typed

TABLE_ID = "income_tax_bonus_rate"


@dataclass(frozen=True, slots=True)
class RateColumn:
    """One column of the table: ``rates[i]`` applies from ``lowers[i]`` (inclusive)."""

    lowers: tuple[int, ...]
    rates: tuple[Ratio, ...]

    def rate_for(self, previous_month_amount: int) -> Ratio:
        return self.rates[bisect_right(self.lowers, previous_month_amount) - 1]


@dataclass(frozen=True, slots=True)
class BonusRateTable:
    """One year's 算出率の表: 甲 columns for 0…max_dependents persons, and 乙."""

    kou: tuple[RateColumn, ...]
    otsu: RateColumn

    @property
    def max_dependents(self) -> int:
        """The last 甲 column, which covers that many persons or more (「7人以上」)."""
        return len(self.kou) - 1

    def rate_for(self, previous_month_amount: int, dependents: int, column: str) -> Ratio:
        if column == "otsu":
            return self.otsu.rate_for(previous_month_amount)
        return self.kou[min(dependents, self.max_dependents)].rate_for(previous_month_amount)

    def withholding(self, amount: int, previous_month_amount: int, dependents: int, column: str) -> int:
        """Normal method: ``amount`` × rate, 円未満切捨て (arguments unchecked)."""
        rate = self.rate_for(previous_month_amount, dependents, column)
        return floor_yen_ratio(amount * rate.numerator, rate.denominator)


def _column(lowers_raw: object, rates: tuple[Ratio, ...], *, key: str) -> RateColumn:
    lowers = tuple(yen(v, key=key) for v in table_list(lowers_raw, key=key))
    if len(lowers) != len(rates) - 1:
        raise TableInvalid(f"{key} の境界の数 ({len(lowers)}) は税率の数 − 1 ({len(rates) - 1}) と一致させてください")
    strictly_increasing([0, *lowers], key=key)
    return RateColumn((0, *lowers), rates)


def _rates(raw: object, *, key: str) -> tuple[Ratio, ...]:
    rates = tuple(Ratio.parse(v, unit=100, key=key) for v in table_list(raw, key=key))
    values = [r.numerator * 10**9 // r.denominator for r in rates]
    strictly_increasing(values, key=key)
    return rates


@register_schema(TABLE_ID)
def parse_bonus_rate(data: Mapping[str, Any]) -> BonusRateTable:
    """Schema of ``income_tax_bonus_rate`` (see the module docstring)."""
    kou_rates = _rates(data["rates_percent"], key="rates_percent")
    kou_raw = table_map(data["kou"], key="kou")
    max_dependents = yen(data["max_dependents"], key="max_dependents")
    if sorted(kou_raw) != sorted(str(n) for n in range(max_dependents + 1)):
        raise TableInvalid(f"kou には 0〜{max_dependents} 人の列をすべて指定してください")
    kou = tuple(_column(kou_raw[str(n)], kou_rates, key=f"kou.{n}") for n in range(max_dependents + 1))
    otsu_raw = table_map(data["otsu"], key="otsu")
    otsu_rates = _rates(otsu_raw["rates_percent"], key="otsu.rates_percent")
    return BonusRateTable(kou=kou, otsu=_column(otsu_raw["lowers"], otsu_rates, key="otsu.lowers"))


BONUS_PERIODS = (6, 12)
"""賞与の計算期間の月数 used by the special method: 6, or 12 when it exceeds 6 months."""


@dataclass(frozen=True, slots=True)
class BonusTaxTable:
    """The 算出率の表 and the 月額表 in force on one bonus pay date (batch fast path).

    ``rate_table`` is None when no 算出率の表 is in force on that date; the normal method then
    raises :class:`TableNotFound`, while the special method (which uses the 月額表) still works.
    """

    paid_on: datetime.date
    rate_table: BonusRateTable | None
    monthly: MonthlyTaxTable
    refs: tuple[TableRef, ...]

    def withholding(
        self,
        amount: int,
        previous_month_amount: int,
        dependents: int = 0,
        column: str = KOU,
        period_months: int = 6,
    ) -> int:
        """源泉徴収税額 on a bonus of ``amount`` after social insurance (arguments unchecked)."""
        if previous_month_amount == 0 or amount > 10 * previous_month_amount:
            return self.special_method(amount, previous_month_amount, dependents, column, period_months)
        if self.rate_table is None:
            raise TableNotFound(
                f"{self.paid_on.isoformat()} に支払う賞与に適用する算出率の表がありません (表 {TABLE_ID!r})"
            )
        return self.rate_table.withholding(amount, previous_month_amount, dependents, column)

    def special_method(
        self, amount: int, previous_month_amount: int, dependents: int, column: str, period_months: int
    ) -> int:
        """(月額表の税額(前月 + 賞与/6) − 月額表の税額(前月)) × 6 (or /12 and × 12)."""
        part = floor_yen_ratio(amount, period_months)
        tax = self.monthly.withholding
        previous_tax = tax(previous_month_amount, dependents, column) if previous_month_amount else 0
        return (tax(previous_month_amount + part, dependents, column) - previous_tax) * period_months


def _resolve(paid_on: datetime.date, store: TableStore) -> BonusTaxTable:
    monthly = monthly_tax_table(paid_on, store=store)
    try:
        version = store.version_on(TABLE_ID, paid_on)
    except TableNotFound:
        return BonusTaxTable(paid_on=paid_on, rate_table=None, monthly=monthly, refs=monthly.refs)
    return BonusTaxTable(
        paid_on=paid_on,
        rate_table=typed(version, BonusRateTable),
        monthly=monthly,
        refs=(*monthly.refs, version.ref),
    )


@lru_cache(maxsize=64)
def _default_table(paid_on: datetime.date) -> BonusTaxTable:
    return _resolve(paid_on, default_store())


def bonus_tax_table(paid_on: datetime.date, *, store: TableStore | None = None) -> BonusTaxTable:
    """Resolve the bonus tables for a bonus paid on ``paid_on``; :class:`TableNotFound` if the
    月額表 (電算機計算の特例) has no version covering that date."""
    check_pay_date(paid_on)
    if store is None:
        return _default_table(paid_on)
    return _resolve(paid_on, store)


def bonus_withholding(
    *,
    amount: int,
    previous_month_amount: int,
    dependents: int,
    paid_on: datetime.date,
    column: str = KOU,
    period_months: int = 6,
) -> int:
    """源泉徴収税額 on a bonus (賞与に対する源泉徴収税額の算出率の表, 令和8年分; 令和2〜7年分 flagged).

    ``amount``: 社会保険料等控除後の賞与の金額; ``previous_month_amount``: 前月中の社会保険料等
    控除後の給与等の金額 (0 when no pay was made in the previous month, or the pay did not
    exceed its social insurance). The special method applies when ``previous_month_amount``
    is 0 or ``amount`` > 10 × ``previous_month_amount``; ``period_months`` (6 or 12) is the
    divisor it uses. ``dependents`` above 7 use the 「7人以上」 column.
    """
    check_amount("社会保険料等控除後の賞与の金額 (amount)", amount)
    check_amount("前月の社会保険料等控除後の給与等の金額 (previous_month_amount)", previous_month_amount)
    check_dependents(dependents)
    check_column(column)
    if period_months not in BONUS_PERIODS:
        raise InvalidArgument(f"賞与の計算期間の月数 (period_months) は 6 か 12 を指定してください: {period_months!r}")
    return bonus_tax_table(paid_on).withholding(amount, previous_month_amount, dependents, column, period_months)
