"""年次休暇 (annual leave) of regular staff: the yearly grant, the hire-year pro-ration, carry-over.

Sources (payroll-rules.md §D ✅✅ [S72][S74]): 勤務時間条例・規則 mirroring 人事院規則15-14 第18条:
**20日** a year, granted on 1月1日 (national; calendar year) or 4月1日 (some authorities; fiscal
year); in the year of hire a smaller number by the remaining months of the year (e.g. **15日**
for an April hire under the calendar-year system — the other months ✅ komuinfo.com 「公務員の休暇
制度」, ❓ against the 規則's own 別表); unused days carry to the next year **up to 20日** (so at most
40 held), then lapse (労基法第115条: 2年).

The table ``annual_leave`` holds these numbers, with the 5-day uptake parameters
(:mod:`jinji.rules.leave.uptake`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.leave.ledger import LeaveCarryOver, LeaveGrant, LedgerEvent
from jinji.rules.leave.units import LeaveQuantity
from jinji.rules.pay.table_fields import ascending, list_field, positive_int_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "annual_leave"


class GrantBasis(StrEnum):
    """The leave year: 暦年 (1月1日〜12月31日) or 年度 (4月1日〜翌年3月31日), an organization setting."""

    CALENDAR = "calendar"
    FISCAL = "fiscal"


@dataclass(frozen=True, slots=True)
class AnnualLeaveRules:
    """Days per year, carry-over cap, validity in leave years, the hire-year table, 5-day uptake."""

    annual_days: int
    carry_over_max_days: int
    valid_years: int
    hire_year_days: tuple[tuple[int, int], ...]  # (在職する月数 up to, days), ascending
    uptake_required_days: int
    uptake_min_grant_days: int
    uptake_scope_confirmed: bool


@register_schema(TABLE_ID)
def parse_annual_leave(data: Mapping[str, Any]) -> AnnualLeaveRules:
    """Schema: scalars, ``hire_year_months`` (1..12 ascending) with ``hire_year_days`` of the same length."""
    months = ascending(
        [positive_int_field(m, "hire_year_months") for m in list_field(data, "hire_year_months")], "hire_year_months"
    )
    days = [positive_int_field(d, "hire_year_days") for d in list_field(data, "hire_year_days")]
    if len(days) != len(months) or months[-1] != 12:
        raise TableInvalid("hire_year_months と hire_year_days は同じ長さで、月数は12で終わるようにしてください")
    confirmed = data.get("uptake_scope_confirmed")
    if not isinstance(confirmed, bool):
        raise TableInvalid("uptake_scope_confirmed は true / false で書いてください")
    return AnnualLeaveRules(
        annual_days=positive_int_field(data.get("annual_days"), "annual_days"),
        carry_over_max_days=positive_int_field(data.get("carry_over_max_days"), "carry_over_max_days"),
        valid_years=positive_int_field(data.get("valid_years"), "valid_years"),
        hire_year_days=tuple(zip(months, days, strict=True)),
        uptake_required_days=positive_int_field(data.get("uptake_required_days"), "uptake_required_days"),
        uptake_min_grant_days=positive_int_field(data.get("uptake_min_grant_days"), "uptake_min_grant_days"),
        uptake_scope_confirmed=confirmed,
    )


def annual_leave_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[AnnualLeaveRules]:
    """The annual-leave rules in force on ``on``."""
    version: TableVersion[AnnualLeaveRules] = table_on(TABLE_ID, on, store)
    typed(version, AnnualLeaveRules)
    return version


def leave_year_start(day: datetime.date, basis: GrantBasis) -> datetime.date:
    """The first day of the leave year containing ``day`` (1月1日 or 4月1日)."""
    if basis is GrantBasis.CALENDAR:
        return datetime.date(day.year, 1, 1)
    return datetime.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


def leave_year_end(start: datetime.date, *, years: int = 1) -> datetime.date:
    """The last day of the leave year starting ``start`` (or of the ``years``-th year from it)."""
    return datetime.date(start.year + years, start.month, 1) - datetime.timedelta(days=1)


def months_in_hire_year(hired_on: datetime.date, basis: GrantBasis) -> int:
    """在職する月数 from ``hired_on`` to the end of its leave year; a started month counts whole
    (the 規則's bands are 「X月を超えY月以下」: hired 4月15日 → 8月17日 → the 9-month band)."""
    end = leave_year_end(leave_year_start(hired_on, basis))
    return (end.year - hired_on.year) * 12 + end.month - hired_on.month + 1


def hire_year_grant_days(rules: AnnualLeaveRules, *, hired_on: datetime.date, basis: GrantBasis) -> int:
    """Days granted in the year of hire, by the hire-year table (April hire, calendar year → 15)."""
    months = months_in_hire_year(hired_on, basis)
    for up_to, days in rules.hire_year_days:
        if months <= up_to:
            return days
    raise InvalidArgument(f"在職する月数 {months} が採用年の表にありません")  # pragma: no cover - schema ends at 12


def annual_grant_days(
    rules: AnnualLeaveRules, *, year_start: datetime.date, hired_on: datetime.date, basis: GrantBasis
) -> int:
    """Days granted for the leave year starting ``year_start``: 20, or the hire-year number."""
    if leave_year_start(year_start, basis) != year_start:
        raise InvalidArgument(f"{year_start.isoformat()} は休暇年の初日 ({basis.value}) ではありません")
    if hired_on > leave_year_end(year_start):
        raise InvalidArgument(
            f"{year_start.isoformat()} からの年には、まだ採用されていません ({hired_on.isoformat()} 採用)"
        )
    if hired_on <= year_start:
        return rules.annual_days
    return hire_year_grant_days(rules, hired_on=hired_on, basis=basis)


def annual_leave_events(
    rules: AnnualLeaveRules, *, hired_on: datetime.date, through: datetime.date, basis: GrantBasis
) -> list[LedgerEvent]:
    """The grants and carry-overs from hire to ``through``, for :func:`jinji.rules.leave.apply_ledger`.

    Each year's grant is made on its first day (the hire date in the hire year) and stays valid
    for ``valid_years`` leave years; each later year starts with a carry-over capped at
    ``carry_over_max_days``.
    """
    events: list[LedgerEvent] = []
    start = leave_year_start(hired_on, basis)
    while start <= through:
        granted_on = max(start, hired_on)
        days = annual_grant_days(rules, year_start=start, hired_on=hired_on, basis=basis)
        if start > hired_on:
            events.append(LeaveCarryOver(start, LeaveQuantity(rules.carry_over_max_days)))
        expires = leave_year_end(start, years=rules.valid_years)
        events.append(LeaveGrant(granted_on, LeaveQuantity(days), expires, note="年次休暇"))
        start = leave_year_end(start) + datetime.timedelta(days=1)
    return events
