"""日割計算: pay for part of a month (採用・退職・異動・昇格 in the middle of a month).

National rule that 給与条例 mirror (給与法 第9条の2 ❓ — not in payroll-rules.md; local
examples: 鳥栖市「職員の給料の日割計算の方法」, 井手町「職員の給料の支給に関する規則」第3条):

* the monthly amount is divided by **the month's days minus its 週休日** (土曜日・日曜日); 祝日
  and 年末年始の休日 count, because the monthly pay already pays for them;
* and multiplied by the days of the period counted the same way;
* 1円未満の端数は切り捨て (国等の債権債務等の金額の端数計算に関する法律 第2条 as mirrored
  by 条例 ❓; the 京都府 worked example in the same sources truncates).

Which items are pro-rated (人事院規則9-7 and 給与法 第11条・第11条の10・第12条 ❓, mirrored by 条例):

* 給料, 報酬 (月額), 管理職手当 (俸給の特別調整額), 初任給調整手当, 地域手当: by days of each
  period, at the amount of that period's post (``PRORATED_CODES``);
* 扶養手当, 住居手当, 通勤手当: paid from the month **after** the hire (the same month when the
  hire is on the 1st) and in full for the month of a separation or transfer — never by days
  (``FROM_NEXT_MONTH_CODES``);
* time-based pay (時間外 …), 欠勤減額 and 特殊勤務手当: from the month's attendance as usual.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from jinji.rules.errors import InvalidArgument

# Earning codes paid by days (values of jinji.rules.payslip.result; duplicated as plain strings so
# the pay rules do not import the payslip package built on top of them).
PRORATED_CODES = frozenset(
    {
        "base_salary",  # 給料
        "remuneration",  # 報酬 (会計年度任用職員, 月額)
        "management_allowance",  # 管理職手当
        "starting_pay_adjustment",  # 初任給調整手当
        "regional_allowance",  # 地域手当
    }
)
FROM_NEXT_MONTH_CODES = frozenset(
    {
        "dependents_allowance",  # 扶養手当
        "housing_allowance",  # 住居手当
        "commuting_allowance",  # 通勤手当 (非課税分)
        "commuting_allowance_taxable",  # 通勤手当 (課税分)
    }
)
WEEKLY_REST_DAYS = frozenset({5, 6})  # 土曜日・日曜日 (date.weekday())


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First and last day of the month of ``month``."""
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def working_days(start: datetime.date, end: datetime.date) -> int:
    """Days from ``start`` to ``end`` (both included) that are not 週休日 (祝日 count)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    days = weeks * 5
    for offset in range(rest):
        if (start.weekday() + offset) % 7 not in WEEKLY_REST_DAYS:
            days += 1
    return days


def required_days(month: datetime.date) -> int:
    """その月の現日数から週休日の日数を差し引いた日数 (the divisor of every 日割)."""
    return working_days(*month_bounds(month))


def prorated_amount(monthly: int, *, days: int, required: int) -> int:
    """月額 × 勤務日数 ÷ 要勤務日数, 1円未満切捨て (int arithmetic, no float)."""
    if required <= 0:
        raise InvalidArgument(f"日割計算の基礎となる日数が不正です: {required}")
    if not 0 <= days <= required:
        raise InvalidArgument(f"日割計算の日数 ({days}) は0〜{required}日です")
    if monthly >= 0:
        return monthly * days // required
    return -((-monthly) * days // required)


def prorated_total(parts: Sequence[tuple[int, int]], *, required: int) -> int:
    """Sum over the month's periods of (月額 of the period, days of the period), each truncated."""
    if sum(days for _, days in parts) > required:
        raise InvalidArgument(f"期間の日数の合計が要勤務日数 ({required}日) を超えています")
    return sum(prorated_amount(monthly, days=days, required=required) for monthly, days in parts)


__all__ = [
    "FROM_NEXT_MONTH_CODES",
    "PRORATED_CODES",
    "month_bounds",
    "prorated_amount",
    "prorated_total",
    "required_days",
    "working_days",
]
