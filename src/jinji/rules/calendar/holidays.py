"""休日, business days and pay-day shifts for a local government.

Sources:

* 国民の祝日に関する法律 (祝日法, 昭和23年法律第178号) 第2条・第3条 — 国民の祝日, 振替休日
  (第3条第2項) and 国民の休日 (第3条第3項), plus one-off laws (e.g. 天皇の即位の日及び即位礼正殿の
  儀の行われる日を休日とする法律, 平成30年法律第99号). Computed by the ``jpholiday`` library.
* 職員の勤務時間、休暇等に関する条例 (each authority; it mirrors 一般職の職員の勤務時間、休暇等に
  関する法律 第6条 and 第14条): 週休日 are Saturday and Sunday; 休日 are 祝日法による休日 and
  年末年始の休日 (12月29日から翌年1月3日まで).
* 地方自治法 第4条の2 — an authority may add its own 休日 by 条例 (e.g. 沖縄県 慰霊の日); pass
  those as ``local_holidays``.
* 銀行法 第15条第1項, 銀行法施行令 第5条第1項 — bank holidays: 日曜日, 祝日法の休日,
  12月31日から翌年1月3日まで, 土曜日.

Future 春分の日/秋分の日 are computed by formula; the official dates are fixed by the
官報 (国立天文台「暦要項」) each February for the following year.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from enum import Enum
from fractions import Fraction

from jpholiday import JPHoliday

from jinji.rules.calendar.fiscal import fiscal_year_end, fiscal_year_start
from jinji.rules.errors import InvalidArgument

# A private instance: the module-level ``jpholiday.register`` API changes results for the
# whole process, so this one never has custom checkers registered.
_NATIONAL = JPHoliday()

YEAR_END_HOLIDAY_NAME = "年末年始の休日"
STANDARD_WEEKLY_MINUTES = 38 * 60 + 45
"""1週間当たりの正規の勤務時間 38時間45分 (勤務時間条例; 勤務時間法 第5条)."""
STANDARD_DAILY_MINUTES = 7 * 60 + 45
"""1日の正規の勤務時間 7時間45分 (5日 × 7時間45分 = 38時間45分)."""
WEEKS_PER_YEAR = 52
_MAX_SHIFT_DAYS = 366

Dates = Collection[datetime.date]


class ShiftDirection(Enum):
    """Which way a pay day moves when it falls on a 週休日 or 休日."""

    PREVIOUS = "previous"
    """その日前において、その日に最も近い休日等でない日 (the usual 給与条例 wording)."""
    NEXT = "next"
    """その日後において最も近い休日等でない日 (some 条例/規則, and bank-side rules)."""


def national_holiday_name(day: datetime.date) -> str | None:
    """The name of the 祝日法の休日 on ``day`` (incl. 振替休日 and 国民の休日), or ``None``."""
    holidays = _NATIONAL.holidays(day)
    return str(holidays[0].name) if holidays else None


def is_national_holiday(day: datetime.date) -> bool:
    """祝日法による休日: 国民の祝日, 振替休日 (第3条第2項), 国民の休日 (第3条第3項)."""
    return national_holiday_name(day) is not None


def is_year_end_holiday(day: datetime.date) -> bool:
    """年末年始の休日: 12月29日から翌年1月3日まで (勤務時間条例; 勤務時間法 第14条)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def is_holiday(day: datetime.date, *, local_holidays: Dates = ()) -> bool:
    """休日 under the 勤務時間条例: 祝日法による休日 or 年末年始の休日 (or a 条例 local 休日)."""
    return is_national_holiday(day) or is_year_end_holiday(day) or day in local_holidays


def holiday_name(day: datetime.date, *, local_holidays: Dates = ()) -> str | None:
    """The name of the 休日 on ``day``: the 祝日 name first, else 年末年始の休日 / 条例で定める休日."""
    name = national_holiday_name(day)
    if name is not None:
        return name
    if is_year_end_holiday(day):
        return YEAR_END_HOLIDAY_NAME
    if day in local_holidays:
        return "条例で定める休日"
    return None


def is_weekly_rest_day(day: datetime.date) -> bool:
    """週休日: 日曜日及び土曜日 (勤務時間条例 第3条; 勤務時間法 第6条第1項)."""
    return day.weekday() >= 5


def is_business_day(day: datetime.date, *, local_holidays: Dates = ()) -> bool:
    """A day that is neither a 週休日 nor a 休日 (the authority's 執務日)."""
    return not is_weekly_rest_day(day) and not is_holiday(day, local_holidays=local_holidays)


def is_bank_holiday(day: datetime.date) -> bool:
    """銀行の休日 (銀行法施行令 第5条第1項): 日曜日, 祝日法の休日, 12/31〜1/3, 土曜日.

    12月29日・30日 are 休日 for staff but normal bank business days.
    """
    return (
        day.weekday() >= 5
        or is_national_holiday(day)
        or (day.month == 12 and day.day == 31)
        or (day.month == 1 and day.day <= 3)
    )


def is_bank_business_day(day: datetime.date) -> bool:
    """A day on which banks settle transfers (not a 銀行の休日)."""
    return not is_bank_holiday(day)


def shift_to_business_day(
    day: datetime.date,
    direction: ShiftDirection = ShiftDirection.PREVIOUS,
    *,
    is_open: Callable[[datetime.date], bool] | None = None,
    local_holidays: Dates = (),
) -> datetime.date:
    """``day`` itself if it is a business day, else the nearest one in ``direction``.

    The usual 給与条例/規則 rule (趣旨: 支給日が週休日又は休日に当たるときは、その日前において
    その日に最も近い週休日又は休日でない日を支給日とする) is PREVIOUS; check the authority's own
    text. ``is_open`` replaces the test (e.g. :func:`is_bank_business_day` for a bank transfer date).
    """
    if not isinstance(direction, ShiftDirection):
        raise InvalidArgument(f"direction は ShiftDirection で指定してください: {direction!r}")

    def open_day(d: datetime.date) -> bool:
        if is_open is not None:
            return is_open(d)
        return is_business_day(d, local_holidays=local_holidays)

    step = datetime.timedelta(days=-1 if direction is ShiftDirection.PREVIOUS else 1)
    current = day
    for _ in range(_MAX_SHIFT_DAYS):
        if open_day(current):
            return current
        current += step
    raise InvalidArgument(f"{day.isoformat()} の前後 {_MAX_SHIFT_DAYS} 日に営業日がありません")


def pay_day(
    year: int,
    month: int,
    day: int,
    *,
    direction: ShiftDirection = ShiftDirection.PREVIOUS,
    local_holidays: Dates = (),
) -> datetime.date:
    """The actual 支給日 for the nominal day ``day`` of ``year``/``month`` (see shift rule above)."""
    try:
        nominal = datetime.date(year, month, day)
    except (TypeError, ValueError) as exc:
        raise InvalidArgument(f"支給日 {year}年{month}月{day}日 は存在しない日付です") from exc
    return shift_to_business_day(nominal, direction, local_holidays=local_holidays)


def holidays_between(
    start: datetime.date, end: datetime.date, *, local_holidays: Dates = ()
) -> list[tuple[datetime.date, str]]:
    """Every 休日 from ``start`` to ``end`` inclusive, with its name, in date order."""
    if end < start:
        raise InvalidArgument(f"期間の終了日 {end.isoformat()} が開始日 {start.isoformat()} より前です")
    result: list[tuple[datetime.date, str]] = []
    current = start
    while current <= end:
        name = holiday_name(current, local_holidays=local_holidays)
        if name is not None:
            result.append((current, name))
        current += datetime.timedelta(days=1)
    return result


def working_day_holiday_count(start: datetime.date, end: datetime.date, *, local_holidays: Dates = ()) -> int:
    """休日 from ``start`` to ``end`` inclusive that fall on a day other than Saturday/Sunday."""
    return sum(1 for d, _ in holidays_between(start, end, local_holidays=local_holidays) if not is_weekly_rest_day(d))


def hourly_rate_holiday_count(fiscal_year: int, *, local_holidays: Dates = ()) -> int:
    """N in the 勤務1時間当たりの給与額 divisor for ``fiscal_year`` (4/1〜翌3/31).

    給与条例 (mirroring 給与法 第19条; 趣旨): 給料月額等 × 12 ÷ (1週間当たりの勤務時間 × 52 −
    7時間45分 × その年度の祝日法による休日及び年末年始の休日の日数 (土曜日・日曜日に当たる日を
    除く)) — reference payroll-rules.md §C7 [S56][S57] (three local 条例 agree). Some 条例 count by
    calendar year: use :func:`working_day_holiday_count` for another period. ``local_holidays`` only
    if the 条例 counts them.
    """
    return working_day_holiday_count(
        fiscal_year_start(fiscal_year), fiscal_year_end(fiscal_year), local_holidays=local_holidays
    )


def hourly_rate_annual_minutes(
    holiday_count: int,
    *,
    weekly_minutes: int = STANDARD_WEEKLY_MINUTES,
    daily_minutes: int = STANDARD_DAILY_MINUTES,
) -> int:
    """Divisor of the 勤務1時間当たりの給与額 in minutes: 週の勤務時間 × 52 − 1日の勤務時間 × N.

    Standard staff: 38時間45分 × 52 − 7時間45分 × N (payroll-rules.md §C7). Integer minutes, so
    no rounding happens here.
    """
    for name, value in (
        ("holiday_count", holiday_count),
        ("weekly_minutes", weekly_minutes),
        ("daily_minutes", daily_minutes),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgument(f"{name} は0以上の整数で指定してください: {value!r}")
    minutes = weekly_minutes * WEEKS_PER_YEAR - daily_minutes * holiday_count
    if minutes <= 0:
        raise InvalidArgument(f"年間勤務時間が0以下になります ({minutes}分)")
    return minutes


def hourly_rate_divisor_hours(
    fiscal_year: int,
    *,
    weekly_minutes: int = STANDARD_WEEKLY_MINUTES,
    daily_minutes: int = STANDARD_DAILY_MINUTES,
    local_holidays: Dates = (),
) -> Fraction:
    """年間の勤務時間 (hours, exact) that divides 12 × 月額 in the 勤務1時間当たりの給与額.

    E.g. 令和8年度 (N = 20): 38.75 × 52 − 7.75 × 20 = 1,860 hours. The caller divides
    ``monthly × 12`` by this and applies the 条例's rounding (:mod:`jinji.rules.money`).
    """
    n = hourly_rate_holiday_count(fiscal_year, local_holidays=local_holidays)
    minutes = hourly_rate_annual_minutes(n, weekly_minutes=weekly_minutes, daily_minutes=daily_minutes)
    return Fraction(minutes, 60)
