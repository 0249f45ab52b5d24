"""時間外勤務手当・休日勤務手当・夜勤手当 and the 勤務1時間当たりの給与額 they are built on.

Sources: 給与法 第16条 (超過勤務手当: 125/100, 週休日等 135/100, 22–5時 +25/100, 月60時間超
150/100 and 175/100), 第17条 (休日給 135/100), 第18条 (夜勤手当 25/100), 第19条 (勤務1時間当たり
の給与額); local: 給与条例 時間外勤務手当の条. Reference §C7: hourly = (給料 + 地域手当 + …) × 12
÷ (38.75 h × 52 − 7.75 h × N) with N the fiscal year's 休日 on weekdays; monthly minutes are
summed per rate class and rounded (30 min or more up to 1 h, less dropped); the hourly base
and each per-hour amount are rounded by the 50銭 rule (円未満四捨五入).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jinji.rules.calendar import hourly_rate_annual_minutes
from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import round_half_up_yen_ratio
from jinji.rules.pay.table_fields import positive_int_field, ratio_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "overtime_rates"
OVERTIME_CLASSES = (
    "normal",  # 正規の勤務日 時間外 125/100
    "normal_night",  # 同 22–5時 150/100
    "rest_day",  # 週休日等 135/100
    "rest_day_night",  # 同 22–5時 160/100
    "over60",  # 月60時間超 150/100
    "over60_night",  # 同 22–5時 175/100
    "weekly_excess",  # 週休日の振替等で週38時間45分超40時間以下 25/100
)
RATE_KEYS = (*OVERTIME_CLASSES, "holiday_work", "night_work")
REGIONAL_BASES = ("salary_only", "full")


@dataclass(frozen=True, slots=True)
class OvertimeRules:
    """Working-time constants (minutes) and 支給割合 by class (see :data:`RATE_KEYS`).

    ``regional_in_hourly_base``: "salary_only" counts the 地域手当 on 給料 (給与法 第19条
    "俸給の月額並びにこれに対する地域手当"); "full" counts the whole 地域手当月額.
    """

    weekly_minutes: int
    holiday_minutes: int
    sixty_hour_threshold_minutes: int
    rates: Mapping[str, Fraction]
    regional_in_hourly_base: str


@dataclass(frozen=True, slots=True)
class OvertimeBlock:
    """One overtime stretch in date order: ``minutes``, on a 週休日等 or not, in 22–5時 or not."""

    minutes: int
    rest_day: bool = False
    night: bool = False


@register_schema(TABLE_ID)
def parse_overtime_rules(data: Mapping[str, Any]) -> OvertimeRules:
    """Schema: minutes constants, ``regional_in_hourly_base`` and ``[data.rates]`` for every class."""
    raw_rates = table_field(data, "rates")
    missing = [k for k in RATE_KEYS if k not in raw_rates]
    if missing:
        raise TableInvalid(f"rates に必要な区分がありません: {missing}")
    regional = str(data.get("regional_in_hourly_base", "salary_only"))
    if regional not in REGIONAL_BASES:
        raise TableInvalid(f"regional_in_hourly_base は {REGIONAL_BASES} のいずれかです: {regional!r}")
    return OvertimeRules(
        weekly_minutes=positive_int_field(data["weekly_minutes"], "weekly_minutes"),
        holiday_minutes=positive_int_field(data["holiday_minutes"], "holiday_minutes"),
        sixty_hour_threshold_minutes=positive_int_field(
            data["sixty_hour_threshold_minutes"], "sixty_hour_threshold_minutes"
        ),
        rates={k: ratio_field(raw_rates[k], f"rates.{k}") for k in RATE_KEYS},
        regional_in_hourly_base=regional,
    )


def overtime_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[OvertimeRules]:
    """The overtime rates and working-time constants in force on ``on``."""
    version: TableVersion[OvertimeRules] = table_on(TABLE_ID, on, store)
    typed(version, OvertimeRules)
    return version


def annual_working_minutes(
    rules: OvertimeRules, *, holidays: int, weekly_minutes: int | None = None, daily_minutes: int | None = None
) -> int:
    """Divisor of 給与法 第19条 in minutes: 週の勤務時間 × 52 − 1日の勤務時間 × 休日数 (N).

    ``holidays`` is N, the 祝日法の休日・年末年始の休日 of the fiscal year falling on working
    days (:func:`jinji.rules.calendar.hourly_rate_holiday_count`); ``weekly_minutes`` and
    ``daily_minutes`` default to the table's 38h45m / 7h45m.
    """
    return hourly_rate_annual_minutes(
        holidays,
        weekly_minutes=rules.weekly_minutes if weekly_minutes is None else weekly_minutes,
        daily_minutes=rules.holiday_minutes if daily_minutes is None else daily_minutes,
    )


def hourly_rate_base(monthly_base: int, *, annual_minutes: int) -> int:
    """勤務1時間当たりの給与額 = 月額 × 12 ÷ 年間勤務時間, 50銭 rule (給与法 第19条; 給与条例 端数計算)."""
    if monthly_base < 0:
        raise InvalidArgument(f"勤務1時間当たりの給与額の基礎に負の値は指定できません: {monthly_base}")
    return round_half_up_yen_ratio(monthly_base * 12 * 60, annual_minutes)


def monthly_hours(minutes: int) -> int:
    """その月の時間数: 30分以上の端数は1時間に切上げ、30分未満は切捨て (reference §C7)."""
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes < 0:
        raise InvalidArgument(f"勤務時間 (分) は0以上の整数で指定してください: {minutes!r}")
    return (minutes + 30) // 60


def per_hour_amount(hourly: int, rate: Fraction) -> int:
    """勤務1時間につき支給する額 = 勤務1時間当たりの給与額 × 支給割合, 50銭 rule (給与条例 端数計算)."""
    return round_half_up_yen_ratio(hourly * rate.numerator, rate.denominator)


def hourly_class_amount(hourly: int, rate: Fraction, minutes: int) -> int:
    """Amount for one rate class: 1時間当たりの額 × その月の時間数 (月計、30分単位の端数処理)."""
    hours = monthly_hours(minutes)
    return per_hour_amount(hourly, rate) * hours if hours else 0


def classify_overtime(blocks: Iterable[OvertimeBlock], rules: OvertimeRules) -> dict[str, int]:
    """Minutes per rate class, applying the 60-hour rule (給与法 第16条第2項) in date order.

    The first ``sixty_hour_threshold_minutes`` (60 h) of the month's overtime (休日勤務 excluded)
    go to normal/rest_day classes; every minute after that goes to over60 (150/100) or,
    in 22–5時, over60_night (175/100).
    """
    result = dict.fromkeys(OVERTIME_CLASSES, 0)
    used = 0
    for block in blocks:
        if block.minutes < 0:
            raise InvalidArgument(f"時間外勤務の時間 (分) に負の値は指定できません: {block.minutes}")
        within = max(min(block.minutes, rules.sixty_hour_threshold_minutes - used), 0)
        base = "rest_day" if block.rest_day else "normal"
        night = "_night" if block.night else ""
        result[base + night] += within
        result["over60" + night] += block.minutes - within
        used += block.minutes
    return result
