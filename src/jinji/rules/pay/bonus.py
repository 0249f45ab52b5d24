"""期末手当・勤勉手当 (term-end and diligence allowances), from the tables in :mod:`bonus_tables`.

* 期末手当 = 期末手当基礎額 × 期別支給割合 × 在職期間別割合 (給与法 第19条の4第2項).
* 勤勉手当 = 勤勉手当基礎額 × 期間率 × 成績率 (給与法 第19条の7第2項).
* 基礎額 = 給料 + 扶養手当 (期末のみ) + これらに対する地域手当 + 役職段階別加算額 + 管理職加算額
  (reference §C8 [S56][S58]; 扶養手当 not in the 勤勉 base [S53]). 役職段階別加算額 =
  (給料 + 給料に対する地域手当) × 加算割合 and 管理職加算額 = 給料 × 加算割合 (給与法 第19条の4
  第5項 wording as mirrored by 条例; ❓ the reference does not say what they multiply).
The base keeps exact fractions; the allowance is truncated below 1 yen at the end.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.money import floor_yen, floor_yen_ratio
from jinji.rules.pay.bonus_tables import RATINGS, STAFF_KINDS, BonusMonths, BonusRules, PaymentMonths, PeriodBand


@dataclass(frozen=True, slots=True)
class ServicePeriod:
    """A period of ``months`` whole months and ``days`` days (the 6 months to the 基準日)."""

    months: int
    days: int = 0

    def __post_init__(self) -> None:
        if self.months < 0 or not 0 <= self.days <= 30 or self.months > 6 or (self.months == 6 and self.days):
            raise InvalidArgument(f"期間は 0〜6箇月 (日数 0〜30) で指定してください: {self.months}箇月{self.days}日")


def payment_months(months: BonusMonths, base_date: datetime.date) -> PaymentMonths:
    """The June (基準日 6/1) or December (基準日 12/1) months of the fiscal year's table."""
    if base_date.month == 6:
        return months.june
    if base_date.month == 12:
        return months.december
    raise InvalidArgument(f"期末・勤勉手当の基準日は6月1日か12月1日です: {base_date.isoformat()}")


def _band_ratio(bands: tuple[PeriodBand, ...], period: ServicePeriod) -> Fraction:
    if period.months == 0 and period.days == 0:
        return Fraction(0)
    for band in bands:
        if (period.months, period.days) >= (band.months, band.days):
            return band.ratio
    return Fraction(0)


def service_period_ratio(rules: BonusRules, period: ServicePeriod) -> Fraction:
    """在職期間別割合 (給与法 第19条の4第2項; 6箇月 100/100, 5箇月以上 80, 3箇月以上 60, 未満 30)."""
    return _band_ratio(rules.service_period_ratios, period)


def period_rate(rules: BonusRules, period: ServicePeriod) -> Fraction:
    """期間率 by 勤務期間 (人事院規則9-40 別表; reference §C8, 6箇月 100/100 … 0.5箇月未満 5/100)."""
    return _band_ratio(rules.period_rates, period)


def performance_ratio(months: BonusMonths, *, rating: str, ratio: Fraction, staff_kind: str = "general") -> Fraction:
    """成績率 ``ratio`` checked against the band of 評語 ``rating`` (人事院規則9-40; reference §C8)."""
    if rating not in RATINGS or staff_kind not in STAFF_KINDS:
        raise InvalidArgument(f"評語は {RATINGS}、職員区分は {STAFF_KINDS} のいずれかです: {rating}, {staff_kind}")
    bands = months.performance.get(staff_kind)
    if bands is None:
        raise TableNotFound(f"この年度の成績率の表に職員区分 {staff_kind} の定めがありません")
    band = bands[rating]
    if not band.admits(ratio):
        raise InvalidArgument(
            f"成績率 {_per_100(ratio)}/100 は評語 {rating} の範囲 "
            f"({_per_100(band.minimum)}〜{_per_100(band.maximum)}/100) にありません"
        )
    return ratio


def _per_100(ratio: Fraction) -> str:
    return f"{Decimal(ratio.numerator * 100) / Decimal(ratio.denominator):f}"


def bonus_base(
    rules: BonusRules,
    *,
    base_salary: int,
    dependents_allowance: int,
    regional_rate: Fraction,
    grade: int,
    management_class: int,
) -> Fraction:
    """期末手当基礎額 (pass ``dependents_allowance=0`` for the 勤勉手当基礎額).

    地域手当 on 給料 + 扶養手当 is the monthly amount (円未満切捨て); the additions stay exact.
    """
    num, den = regional_rate.numerator, regional_rate.denominator
    regional = floor_yen_ratio((base_salary + dependents_allowance) * num, den)
    regional_on_salary = floor_yen_ratio(base_salary * num, den)
    position = (base_salary + regional_on_salary) * rules.position_addition.get(grade, Fraction(0))
    management = base_salary * rules.management_addition.get(management_class, Fraction(0)) if management_class else 0
    return base_salary + dependents_allowance + regional + position + management


def term_end_allowance(base: Fraction, *, months: Fraction, service_ratio: Fraction) -> int:
    """期末手当 = 基礎額 × 期別支給割合 × 在職期間別割合, 円未満切捨て (給与法 第19条の4)."""
    return floor_yen(base * months * service_ratio)


def diligence_allowance(base: Fraction, *, period_rate: Fraction, performance_ratio: Fraction) -> int:
    """勤勉手当 = 基礎額 × 期間率 × 成績率, 円未満切捨て (給与法 第19条の7)."""
    return floor_yen(base * period_rate * performance_ratio)
