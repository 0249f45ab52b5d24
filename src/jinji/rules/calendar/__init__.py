"""Calendars for pay and working time: 休日, business days, 和暦, fiscal years.

* :mod:`.holidays` — 祝日法の休日 (jpholiday) plus 年末年始の休日 (12/29–1/3) as the
  勤務時間条例 defines 休日; business days, pay-day shifts, bank holidays, and the
  holiday count used in the 勤務1時間当たりの給与額 divisor.
* :mod:`.wareki` — 和暦 (明治〜令和) ⇄ 西暦: parse, convert, format (元年 option).
* :mod:`.fiscal` — 会計年度 (4月〜翌年3月, 地方自治法 第208条第1項).

All functions are pure and take/return :class:`datetime.date`.
"""

from __future__ import annotations

from jinji.rules.calendar.fiscal import (
    fiscal_year,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_start,
)
from jinji.rules.calendar.holidays import (
    ShiftDirection,
    holiday_name,
    holidays_between,
    hourly_rate_annual_minutes,
    hourly_rate_divisor_hours,
    hourly_rate_holiday_count,
    is_bank_business_day,
    is_bank_holiday,
    is_business_day,
    is_holiday,
    is_national_holiday,
    is_weekly_rest_day,
    is_year_end_holiday,
    pay_day,
    shift_to_business_day,
    working_day_holiday_count,
)
from jinji.rules.calendar.wareki import (
    ERAS,
    Era,
    WarekiDate,
    WarekiStyle,
    era_of,
    era_year,
    format_wareki,
    from_wareki,
    parse_wareki,
    to_wareki,
)

__all__ = [
    "ERAS",
    "Era",
    "ShiftDirection",
    "WarekiDate",
    "WarekiStyle",
    "era_of",
    "era_year",
    "fiscal_year",
    "fiscal_year_end",
    "fiscal_year_label",
    "fiscal_year_start",
    "format_wareki",
    "from_wareki",
    "holiday_name",
    "holidays_between",
    "hourly_rate_annual_minutes",
    "hourly_rate_divisor_hours",
    "hourly_rate_holiday_count",
    "is_bank_business_day",
    "is_bank_holiday",
    "is_business_day",
    "is_holiday",
    "is_national_holiday",
    "is_weekly_rest_day",
    "is_year_end_holiday",
    "parse_wareki",
    "pay_day",
    "shift_to_business_day",
    "to_wareki",
    "working_day_holiday_count",
]
