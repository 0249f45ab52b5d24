"""年5日の年次休暇の確実な取得 (the 5-day uptake obligation, 労働基準法 第39条第7項).

The employer must see that a worker granted **10日以上** of annual leave takes **5日** within one
year of the grant date (基準日), by designating the days if needed; days taken by the worker
count, half days count as ½ (労基則 第24条の6 / 厚生労働省 解説: 半日単位は0.5日), **hourly leave does
not count**.

❓ For whom it applies: the reference (payroll-rules.md §D) does not say whether 第39条第7項
binds 非現業の地方公務員 (地方公務員法 第58条第3項 lists the 労基法 provisions that do not apply)
nor how it works with a 1月1日 grant of 20 days plus carry-over. The ``annual_leave`` table
carries ``uptake_scope_confirmed = false``; every status says so (``scope_confirmed``), so a
report can show it as monitoring, not as a legal finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.leave.annual import AnnualLeaveRules
from jinji.rules.leave.ledger import LeaveUse
from jinji.rules.leave.units import LeaveUnit


def one_year_after(day: datetime.date) -> datetime.date:
    """The last day of the one-year period starting ``day`` (2月29日 → 翌年2月28日)."""
    try:
        return day.replace(year=day.year + 1) - datetime.timedelta(days=1)
    except ValueError:  # 2月29日
        return datetime.date(day.year + 1, 2, 28)


@dataclass(frozen=True, slots=True)
class UptakeStatus:
    """Half-days required and taken within ``period_start``–``period_end`` (both inclusive)."""

    applies: bool
    scope_confirmed: bool
    period_start: datetime.date
    period_end: datetime.date
    required_half_days: int
    taken_half_days: int
    shortfall_half_days: int
    overdue: bool
    message: str


def half_days_text(half_days: int) -> str:
    """5 → "2.5日" (display only; the count stays an integer of half days)."""
    whole, half = divmod(half_days, 2)
    return f"{whole}.5日" if half else f"{whole}日"


def counted_half_days(use: LeaveUse) -> int:
    """Half days a use counts for: a day use 2 per day, a half-day use 1, an hourly use 0."""
    if use.unit is LeaveUnit.DAY:
        if use.amount.minutes:
            raise InvalidArgument(f"日単位の使用 ({use.on.isoformat()}) に時間の端数があります: {use.amount}")
        return 2 * use.amount.days
    return 1 if use.unit is LeaveUnit.HALF_DAY else 0


def five_day_uptake(
    rules: AnnualLeaveRules,
    *,
    granted_on: datetime.date,
    granted_days: int,
    uses: Iterable[LeaveUse],
    as_of: datetime.date,
) -> UptakeStatus:
    """Where the obligation for the grant of ``granted_days`` on ``granted_on`` stands on ``as_of``."""
    end = one_year_after(granted_on)
    applies = granted_days >= rules.uptake_min_grant_days
    required = 2 * rules.uptake_required_days if applies else 0
    taken = sum(counted_half_days(u) for u in uses if granted_on <= u.on <= min(end, as_of))
    shortfall = max(required - taken, 0)
    overdue = bool(shortfall) and as_of > end
    if not applies:
        message = f"付与日数 {granted_days}日 は{rules.uptake_min_grant_days}日未満のため、年5日の取得義務の対象外です"
    elif shortfall:
        message = (
            f"{granted_on.isoformat()}〜{end.isoformat()} の取得 {half_days_text(taken)}: "
            f"年{rules.uptake_required_days}日まで残り {half_days_text(shortfall)}"
            + (" (期限を過ぎています)" if overdue else "")
        )
    else:
        message = f"{granted_on.isoformat()}〜{end.isoformat()} に年{rules.uptake_required_days}日を取得済みです"
    if not rules.uptake_scope_confirmed:
        message += " [適用範囲は未確認]"
    return UptakeStatus(
        applies=applies,
        scope_confirmed=rules.uptake_scope_confirmed,
        period_start=granted_on,
        period_end=end,
        required_half_days=required,
        taken_half_days=taken,
        shortfall_half_days=shortfall,
        overdue=overdue,
        message=message,
    )
