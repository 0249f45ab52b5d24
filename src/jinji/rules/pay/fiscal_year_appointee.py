"""会計年度任用職員の報酬・給料: monthly, daily or hourly rates, pro-rated by weekly hours.

Sources: 地方公務員法 第22条の2; 地方自治法 第203条の2 (パートタイム: 報酬) and 第204条
(フルタイム: 給料); 総務省「会計年度任用職員制度の導入等に向けた事務処理マニュアル」(報酬は
フルタイムの職と同等の給料月額を基礎に勤務時間に応じて定める). Not in the reference: each
authority's 条例 fixes the rates; the arithmetic below is the manual's pro-rating with
円未満切捨て.
"""

from __future__ import annotations

from jinji.rules.errors import InvalidArgument
from jinji.rules.money import floor_yen_ratio, round_half_up_yen_ratio

PAY_BASES = ("monthly", "daily", "hourly")
STANDARD_WEEKLY_MINUTES = 2325  # 38時間45分 (reference §D)


def _non_negative(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgument(f"{name} は0以上の整数で指定してください: {value!r}")
    return value


def prorated_monthly_pay(
    full_time_monthly: int, *, weekly_minutes: int, standard_weekly_minutes: int = STANDARD_WEEKLY_MINUTES
) -> int:
    """月額報酬 = フルタイム換算の月額 × 週の勤務時間 ÷ 38時間45分, 円未満切捨て (事務処理マニュアル)."""
    _non_negative("月額", full_time_monthly)
    if not 0 < weekly_minutes <= standard_weekly_minutes:
        raise InvalidArgument(f"週の勤務時間 (分) は1〜{standard_weekly_minutes}で指定してください: {weekly_minutes}")
    return floor_yen_ratio(full_time_monthly * weekly_minutes, standard_weekly_minutes)


def daily_pay(daily_rate: int, *, days: int) -> int:
    """日額報酬 × 勤務日数 (地方自治法 第203条の2第2項 ただし書の日額)."""
    return _non_negative("日額", daily_rate) * _non_negative("勤務日数", days)


def hourly_pay(hourly_rate: int, *, minutes: int) -> int:
    """時間額報酬 × 勤務時間 (分 ÷ 60), 円未満切捨て."""
    return floor_yen_ratio(_non_negative("時間額", hourly_rate) * _non_negative("勤務時間 (分)", minutes), 60)


def hourly_rate_from_daily(daily_rate: int, *, daily_minutes: int) -> int:
    """日額報酬の勤務1時間当たりの額 = 日額 ÷ 1日の勤務時間, 50銭 rule (時間外の報酬の基礎)."""
    if daily_minutes <= 0:
        raise InvalidArgument(f"1日の勤務時間 (分) は正の整数で指定してください: {daily_minutes}")
    return round_half_up_yen_ratio(_non_negative("日額", daily_rate) * 60, daily_minutes)
