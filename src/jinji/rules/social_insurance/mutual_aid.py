"""共済組合 contributions (組合員の掛金・厚生年金保険料) on 標準報酬月額 and 標準期末手当等の額.

Items (payroll-rules.md §B1): 短期掛金, 介護掛金 (40〜64歳: :func:`periods.nursing_care_due`),
福祉掛金, 子ども・子育て支援掛金 (from 令和8年4月分), 厚生年金保険料 (91.5/1000) and
退職等年金給付掛金 (7.5/1000). 短期-side items use the 短期 標準報酬, the pension items the 長期
one. Each item is 標準報酬 × the union's employee rate, 円未満切捨て per person
(:func:`money.floor_yen_ratio`; §B1 "Rounding", ✅ [S36], one union's published rule).

Rates are per union and change every April: one table per union, ``mutual_aid_rates.<union>``
(built in: ``mutual_aid_rates.toyama_municipal``, 富山県市町村職員共済組合, as a sample). A
municipality ships its own union's file under its local tables directory with the same
layout; naming the union (``union="<union>"``) registers the schema for it. Its
``[data.employee_per_mille]`` lists the employee rates per 1000; an item left out is not
collected by that union (e.g. 福祉 folded into 短期). Items listed in
``provenance.unconfirmed`` as ``employee_per_mille.<item>`` are reported back in
``MutualAidContributions.unconfirmed`` so a payslip can show the warning.

Bonus basis (§B3): 標準期末手当等の額 = the bonus, 1,000円未満切捨て; 短期 capped at 5,730,000 a
fiscal year (April–March, cumulative), 長期 at 1,500,000 a month.

Fast path: :func:`mutual_aid_table` → :class:`MutualAidTable`, whose per-grade amounts are
computed once.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinji.rules._table_fields import Ratio, table_map
from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_to_1000_yen, floor_yen_ratio
from jinji.rules.social_insurance.grades import LONG_TERM, SHORT_TERM, GradeTable, check_date, grade_table
from jinji.rules.social_insurance.periods import nursing_care_due, pension_due
from jinji.rules.tables import Schema, TableRef, TableStore, default_store, register_schema, typed

SHORT_TERM_ITEMS = ("short_term", "nursing_care", "welfare", "child_support")
LONG_TERM_ITEMS = ("pension", "retirement_benefit")
ITEMS = SHORT_TERM_ITEMS + LONG_TERM_ITEMS
TABLE_PREFIX = "mutual_aid_rates."
BUILTIN_UNIONS = ("toyama_municipal",)
_UNION_ID = re.compile(r"[a-z0-9][a-z0-9_]*")


@dataclass(frozen=True, slots=True)
class MutualAidRateData:
    union: str
    employee_rates: Mapping[str, Ratio]


def parse_mutual_aid_rates(data: Mapping[str, Any]) -> MutualAidRateData:
    """Schema of a union rate table: ``union`` (name) and ``[data.employee_per_mille]``."""
    raw = table_map(data["employee_per_mille"], key="employee_per_mille")
    unknown = sorted(set(raw) - set(ITEMS))
    if unknown:
        raise TableInvalid(f"employee_per_mille に未知の項目があります: {unknown} (使える項目: {list(ITEMS)})")
    rates = {k: Ratio.parse(v, unit=1000, key=f"employee_per_mille.{k}") for k, v in raw.items()}
    return MutualAidRateData(union=str(data["union"]), employee_rates=rates)


def mutual_aid_table_id(union: str) -> str:
    """The table id of ``union``'s rates, ``mutual_aid_rates.<union>`` (registering its schema, so
    a local union's file loads too)."""
    if not isinstance(union, str) or not _UNION_ID.fullmatch(union):
        raise InvalidArgument(f"共済組合の識別子 (union) は英小文字・数字・_ で指定してください: {union!r}")
    table_id = TABLE_PREFIX + union
    schema: Schema = parse_mutual_aid_rates
    register_schema(table_id)(schema)
    return table_id


for _union in BUILTIN_UNIONS:
    mutual_aid_table_id(_union)


@dataclass(frozen=True, slots=True)
class MutualAidContributions:
    """Employee contributions for one month or one bonus, in yen."""

    short_term: int = 0  # 短期掛金
    nursing_care: int = 0  # 介護掛金
    welfare: int = 0  # 福祉掛金
    child_support: int = 0  # 子ども・子育て支援掛金
    pension: int = 0  # 厚生年金保険料 (組合員保険料)
    retirement_benefit: int = 0  # 退職等年金給付掛金
    unconfirmed: tuple[str, ...] = ()  # items computed with a rate flagged unconfirmed
    refs: tuple[TableRef, ...] = field(default=(), compare=False)

    @property
    def total(self) -> int:
        return sum(getattr(self, item) for item in ITEMS)


@dataclass(frozen=True, slots=True)
class BonusBasis:
    """標準期末手当等の額 after the caps."""

    standard_bonus: int  # 1,000円未満切捨て, before caps
    short_term: int  # after the fiscal-year cap
    long_term: int  # after the monthly cap


def standard_bonus_amount(bonus: int) -> int:
    """標準期末手当等の額 (標準賞与額): 1,000円未満切捨て (§B3; 厚生年金保険法第24条の4)."""
    if type(bonus) is not int or bonus < 0:
        raise InvalidArgument(f"期末手当等の額 (bonus) は0以上の整数(円)で指定してください: {bonus!r}")
    return floor_to_1000_yen(bonus)


def bonus_basis(
    *, bonus: int, short_term_year_to_date: int, long_term_month_to_date: int, short: GradeTable, long: GradeTable
) -> BonusBasis:
    """Apply the caps: 短期 ``short.bonus_cap`` less what this fiscal year already counted;
    長期 ``long.bonus_cap`` less what this month already counted."""
    for name, value in (
        ("short_term_year_to_date", short_term_year_to_date),
        ("long_term_month_to_date", long_term_month_to_date),
    ):
        if type(value) is not int or value < 0:
            raise InvalidArgument(f"{name} は0以上の整数(円)で指定してください: {value!r}")
    basis = standard_bonus_amount(bonus)
    return BonusBasis(
        standard_bonus=basis,
        short_term=max(0, min(basis, short.bonus_cap - short_term_year_to_date)),
        long_term=max(0, min(basis, long.bonus_cap - long_term_month_to_date)),
    )


@dataclass(frozen=True, slots=True)
class MutualAidTable:
    """One union's rates with the grade tables, in force for one month (batch fast path)."""

    union: str
    month: datetime.date
    rates: Mapping[str, Ratio]
    unconfirmed: frozenset[str]
    short: GradeTable
    long: GradeTable
    refs: tuple[TableRef, ...]
    _by_standard: dict[tuple[str, int], int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for item, rate in self.rates.items():
            table = self.short if item in SHORT_TERM_ITEMS else self.long
            for standard in table.standards:
                self._by_standard[item, standard] = floor_yen_ratio(standard * rate.numerator, rate.denominator)

    def item(self, item: str, basis: int) -> int:
        """One item on ``basis`` (0 when the union does not collect it)."""
        rate = self.rates.get(item)
        if rate is None:
            return 0
        return floor_yen_ratio(basis * rate.numerator, rate.denominator)

    def monthly(
        self,
        *,
        short_term_standard: int,
        long_term_standard: int,
        nursing_care: bool,
        pension: bool = True,
        short_term_member: bool = True,
        long_term_member: bool = True,
    ) -> MutualAidContributions:
        """Monthly contributions; ``nursing_care`` / ``pension`` say whether the age rules owe them
        (:func:`periods.nursing_care_due`, :func:`periods.pension_due`)."""
        amounts: dict[str, int] = {}
        if short_term_member:
            self.short.grade_of_standard(short_term_standard)
            for item in SHORT_TERM_ITEMS:
                if item != "nursing_care" or nursing_care:
                    amounts[item] = self._by_standard.get((item, short_term_standard), 0)
        if long_term_member and pension:
            self.long.grade_of_standard(long_term_standard)
            for item in LONG_TERM_ITEMS:
                amounts[item] = self._by_standard.get((item, long_term_standard), 0)
        return self._result(amounts)

    def bonus(
        self,
        *,
        basis: BonusBasis,
        nursing_care: bool,
        pension: bool = True,
        short_term_member: bool = True,
        long_term_member: bool = True,
    ) -> MutualAidContributions:
        """Contributions on a bonus's capped 標準期末手当等の額."""
        amounts: dict[str, int] = {}
        if short_term_member:
            for item in SHORT_TERM_ITEMS:
                if item != "nursing_care" or nursing_care:
                    amounts[item] = self.item(item, basis.short_term)
        if long_term_member and pension:
            for item in LONG_TERM_ITEMS:
                amounts[item] = self.item(item, basis.long_term)
        return self._result(amounts)

    def _result(self, amounts: dict[str, int]) -> MutualAidContributions:
        flagged = tuple(i for i in ITEMS if i in self.unconfirmed and amounts.get(i))
        return MutualAidContributions(**amounts, unconfirmed=flagged, refs=self.refs)


def _resolve(union: str, month: datetime.date, store: TableStore) -> MutualAidTable:
    version = store.version_on(mutual_aid_table_id(union), month)
    data = typed(version, MutualAidRateData)
    prefix = "employee_per_mille."
    unconfirmed = frozenset(k.removeprefix(prefix) for k in version.provenance.unconfirmed if k.startswith(prefix))
    short = grade_table(scheme=SHORT_TERM, on=month, store=store)
    long = grade_table(scheme=LONG_TERM, on=month, store=store)
    return MutualAidTable(
        union=data.union,
        month=month,
        rates=data.employee_rates,
        unconfirmed=unconfirmed,
        short=short,
        long=long,
        refs=(version.ref, short.ref, long.ref),
    )


@lru_cache(maxsize=128)
def _default(union: str, month: datetime.date) -> MutualAidTable:
    return _resolve(union, month, default_store())


def mutual_aid_table(*, union: str, month: datetime.date, store: TableStore | None = None) -> MutualAidTable:
    """Resolve ``union``'s rates (e.g. "toyama_municipal") and the grade tables for ``month`` (its
    1st day is used: rates change from the 1st of a month)."""
    first = check_date("month", month).replace(day=1)
    return _default(union, first) if store is None else _resolve(union, first, store)


def mutual_aid_monthly_contributions(
    *,
    union: str,
    month: datetime.date,
    birth_date: datetime.date,
    short_term_standard: int,
    long_term_standard: int,
    short_term_member: bool = True,
    long_term_member: bool = True,
) -> MutualAidContributions:
    """組合員の掛金 for ``month`` (介護 and the pension items by the age rules of :mod:`periods`).

    Whether the month is owed at all (資格取得・喪失, 産休・育休) is :func:`periods.contribution_due`
    and :func:`periods.monthly_contribution_waived`, checked by the caller.
    """
    table = mutual_aid_table(union=union, month=month)
    return table.monthly(
        short_term_standard=short_term_standard,
        long_term_standard=long_term_standard,
        nursing_care=nursing_care_due(birth_date=birth_date, month=month),
        pension=pension_due(birth_date=birth_date, month=month),
        short_term_member=short_term_member,
        long_term_member=long_term_member,
    )


def mutual_aid_bonus_contributions(
    *,
    union: str,
    paid_on: datetime.date,
    birth_date: datetime.date,
    bonus: int,
    short_term_year_to_date: int,
    long_term_month_to_date: int = 0,
    short_term_member: bool = True,
    long_term_member: bool = True,
) -> tuple[BonusBasis, MutualAidContributions]:
    """掛金 on a 期末手当・勤勉手当 paid on ``paid_on``. ``short_term_year_to_date`` is the 短期
    標準期末手当等の額 already counted this fiscal year (April–March); ``long_term_month_to_date``
    the 長期 amount already counted this month. Returns the capped basis (add its
    ``short_term`` to the year-to-date) and the contributions."""
    table = mutual_aid_table(union=union, month=paid_on)
    basis = bonus_basis(
        bonus=bonus,
        short_term_year_to_date=short_term_year_to_date,
        long_term_month_to_date=long_term_month_to_date,
        short=table.short,
        long=table.long,
    )
    contributions = table.bonus(
        basis=basis,
        nursing_care=nursing_care_due(birth_date=birth_date, month=paid_on),
        pension=pension_due(birth_date=birth_date, month=paid_on),
        short_term_member=short_term_member,
        long_term_member=long_term_member,
    )
    return basis, contributions
