"""Staff outside 共済 (e.g. 会計年度任用職員 who are not 短期組合員): 協会けんぽ, 厚生年金, 雇用保険.

Employee shares, each rounded by the 50銭ルール when deducted from pay
(:func:`money.employee_insurance_share_ratio`; payroll-rules.md §B4, ✅✅ [S40][S47]; for
雇用保険 the same rule is ❓ in §B5).

* ``kyokai_kenpo_rates`` (by the month the premium is for — 令和8年3月分 is deducted from April
  pay): ``health_percent`` per prefecture (JIS code), the national ``nursing_care_percent``
  and, from 令和8年4月分, ``child_support_percent`` (子ども・子育て支援金). The 健康保険料 of a
  介護保険第2号被保険者 is 標準報酬 × (健康保険 + 介護) ÷ 2 as one amount, as in the 協会けんぽ
  保険料額表; the 支援金 is a separate line. Both are halves of the total rate (折半).
* ``welfare_pension_rates``: 厚生年金保険料率 (18.3%), employee half.
* ``employment_insurance_rates`` (by fiscal year, from the first 賃金締切日 on or after
  April 1): per business type the total and the employee rate per 1000 of total wages
  (通勤手当を含む).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules._table_fields import Ratio, table_map
from jinji.rules.errors import InvalidArgument
from jinji.rules.money import employee_insurance_share_ratio
from jinji.rules.social_insurance.grades import LONG_TERM, SHORT_TERM, check_date, grade_table
from jinji.rules.tables import TableRef, register_schema, table_on, typed


@dataclass(frozen=True, slots=True)
class Prefecture:
    name: str
    health: Ratio


@dataclass(frozen=True, slots=True)
class KyokaiKenpoRates:
    prefectures: Mapping[str, Prefecture]
    nursing_care: Ratio
    child_support: Ratio | None


@register_schema("kyokai_kenpo_rates")
def parse_kyokai_kenpo(data: Mapping[str, Any]) -> KyokaiKenpoRates:
    """Schema of ``kyokai_kenpo_rates`` (see the module docstring)."""
    prefectures = {
        str(code): Prefecture(str(p["name"]), Ratio.parse(p["health_percent"], unit=100, key=f"{code}.health"))
        for code, p in table_map(data["prefectures"], key="prefectures").items()
    }
    child = data.get("child_support_percent")
    return KyokaiKenpoRates(
        prefectures=prefectures,
        nursing_care=Ratio.parse(data["nursing_care_percent"], unit=100, key="nursing_care_percent"),
        child_support=None if child is None else Ratio.parse(child, unit=100, key="child_support_percent"),
    )


@dataclass(frozen=True, slots=True)
class PensionRate:
    total: Ratio


@register_schema("welfare_pension_rates")
def parse_welfare_pension(data: Mapping[str, Any]) -> PensionRate:
    """Schema of ``welfare_pension_rates``: ``total_percent``."""
    return PensionRate(Ratio.parse(data["total_percent"], unit=100, key="total_percent"))


@dataclass(frozen=True, slots=True)
class EmploymentRate:
    name: str
    total: Ratio
    employee: Ratio


@register_schema("employment_insurance_rates")
def parse_employment_insurance(data: Mapping[str, Any]) -> Mapping[str, EmploymentRate]:
    """Schema of ``employment_insurance_rates``: ``[data.businesses.<key>]`` with ``name``,
    ``total_per_mille`` and ``employee_per_mille``."""
    return {
        str(key): EmploymentRate(
            str(b["name"]),
            Ratio.parse(b["total_per_mille"], unit=1000, key=f"{key}.total_per_mille"),
            Ratio.parse(b["employee_per_mille"], unit=1000, key=f"{key}.employee_per_mille"),
        )
        for key, b in table_map(data["businesses"], key="businesses").items()
    }


def _half_share(basis: int, rate: Ratio) -> int:
    """折半 of basis × rate, 50銭ルール."""
    return employee_insurance_share_ratio(basis * rate.numerator, 2 * rate.denominator)


def _basis(name: str, value: object) -> int:
    if type(value) is not int or value < 0:
        raise InvalidArgument(f"{name} は0以上の整数(円)で指定してください: {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class EmployeePlanTable:
    """協会けんぽ (one prefecture) and 厚生年金 rates for one month (batch fast path)."""

    month: datetime.date
    prefecture: Prefecture
    nursing_care_rate: Ratio
    child_support_rate: Ratio | None
    pension_rate: Ratio
    refs: tuple[TableRef, ...]

    def health(self, basis: int, *, nursing_care: bool) -> int:
        """健康保険料 (with 介護保険料 for a 第2号被保険者) on a 標準報酬月額 or 標準賞与額."""
        rate = self.prefecture.health
        if nursing_care:
            care = self.nursing_care_rate
            rate = Ratio(
                rate.numerator * care.denominator + care.numerator * rate.denominator,
                rate.denominator * care.denominator,
            )
        return _half_share(basis, rate)

    def child_support(self, basis: int) -> int:
        """子ども・子育て支援金 (0 before 令和8年4月分)."""
        return 0 if self.child_support_rate is None else _half_share(basis, self.child_support_rate)

    def pension(self, basis: int) -> int:
        """厚生年金保険料 on a 長期 標準報酬月額 or capped 標準賞与額."""
        return _half_share(basis, self.pension_rate)


def employee_plan_table(*, prefecture: str, month: datetime.date) -> EmployeePlanTable:
    """Resolve 協会けんぽ (JIS prefecture code, e.g. "13" 東京都) and 厚生年金 for the month a
    premium is for (保険料の対象月)."""
    first = check_date("month", month).replace(day=1)
    kenpo_version = table_on("kyokai_kenpo_rates", first)
    kenpo = typed(kenpo_version, KyokaiKenpoRates)
    if prefecture not in kenpo.prefectures:
        raise InvalidArgument(
            f"都道府県コード {prefecture!r} の協会けんぽ保険料率が表にありません (収録: {sorted(kenpo.prefectures)})"
        )
    pension_version = table_on("welfare_pension_rates", first)
    return EmployeePlanTable(
        month=first,
        prefecture=kenpo.prefectures[prefecture],
        nursing_care_rate=kenpo.nursing_care,
        child_support_rate=kenpo.child_support,
        pension_rate=typed(pension_version, PensionRate).total,
        refs=(kenpo_version.ref, pension_version.ref),
    )


@dataclass(frozen=True, slots=True)
class EmployeePlanContributions:
    health: int  # 健康保険料 (介護保険料を含む場合あり)
    child_support: int  # 子ども・子育て支援金
    pension: int  # 厚生年金保険料

    @property
    def total(self) -> int:
        return self.health + self.child_support + self.pension


def employee_plan_monthly_contributions(
    *, prefecture: str, month: datetime.date, health_standard: int, pension_standard: int, nursing_care: bool
) -> EmployeePlanContributions:
    """被保険者負担分 of 協会けんぽ and 厚生年金 on the 標準報酬月額 for ``month``."""
    table = employee_plan_table(prefecture=prefecture, month=month)
    grade_table(scheme=SHORT_TERM, on=table.month).grade_of_standard(health_standard)
    grade_table(scheme=LONG_TERM, on=table.month).grade_of_standard(pension_standard)
    return EmployeePlanContributions(
        health=table.health(health_standard, nursing_care=nursing_care),
        child_support=table.child_support(health_standard),
        pension=table.pension(pension_standard),
    )


def employment_insurance_employee_share(*, wages: int, closing_date: datetime.date, business: str = "general") -> int:
    """雇用保険料 被保険者負担分 on the wages of one pay period (賃金総額, 通勤手当を含む), by the
    rates in force on the 賃金締切日 ``closing_date``; ``business`` is "general" (一般の事業),
    "agriculture" (農林水産・清酒製造) or "construction" (建設)."""
    _basis("賃金 (wages)", wages)
    rates = typed(table_on("employment_insurance_rates", check_date("closing_date", closing_date)), dict)
    rate = rates.get(business)
    if not isinstance(rate, EmploymentRate):
        raise InvalidArgument(f"事業の種類 (business) {business!r} は表にありません (収録: {sorted(rates)})")
    return employee_insurance_share_ratio(wages * rate.employee.numerator, rate.employee.denominator)
