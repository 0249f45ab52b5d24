"""欠勤減額 (deduction for hours not worked without pay).

Source: 給与法 第15条 (給与の減額: 勤務しない1時間につき勤務1時間当たりの給与額を減額);
the month's hours not worked are summed and a fraction under 1 hour is dropped
(人事院規則9-7 ❓ not in the reference; the usual 給与条例 wording).
"""

from __future__ import annotations

from jinji.rules.errors import InvalidArgument


def absence_hours(*, days: int, minutes: int, daily_minutes: int) -> int:
    """減額時間数: 欠勤日数 × 1日の勤務時間 + 欠勤時間, 1時間未満の端数切捨て."""
    for name, value in (("欠勤日数", days), ("欠勤時間 (分)", minutes)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgument(f"{name} は0以上の整数で指定してください: {value!r}")
    return (days * daily_minutes + minutes) // 60


def absence_deduction(hourly: int, hours: int) -> int:
    """欠勤減額 = 勤務1時間当たりの給与額 × 減額時間数 (給与法 第15条)."""
    return hourly * hours
