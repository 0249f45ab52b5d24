"""年次休暇 of 会計年度任用職員 and other part-time staff: the statutory proportional grant.

Source: 労働基準法 第39条第1項〜第3項, 労働基準法施行規則 第24条の3 — reference payroll-rules.md
§D ✅✅ [S75]. By continuous service (6箇月, 1年6箇月 … 6年6箇月以上) and the weekly working
days (or, when days are not fixed by the week, the yearly days: 217日以上 / 169–216 / 121–168 /
73–120 / 48–72). Staff working **30時間以上** a week (some 規則: 29時間) count as 週5日. The grant
needs 8割以上の出勤 in the preceding period (第39条第1項).

An authority's more generous table (e.g. days at the start of the appointment by its length,
大阪市 12/10/7/5/2 [S75]) loads through the same schema as a local version of
``annual_leave_proportional`` (``TableStore(extra_roots=…)``; service months may start at 0).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import ascending, list_field, positive_int_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "annual_leave_proportional"


@dataclass(frozen=True, slots=True)
class ProportionalColumn:
    """One column: ``weekly_days`` a week (or ``annual_days_min`` days a year and more) → days by service row."""

    weekly_days: int
    annual_days_min: int
    days: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ProportionalGrantTable:
    """Rows by ``service_months`` (lower bounds, ascending); columns by weekly days, most days first."""

    service_months: tuple[int, ...]
    full_time_weekly_minutes: int
    columns: tuple[ProportionalColumn, ...]

    @property
    def full_column(self) -> ProportionalColumn:
        return self.columns[0]


def _non_negative(value: object, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TableInvalid(f"{key} は0以上の整数で書いてください: {value!r}")
    return value


@register_schema(TABLE_ID)
def parse_proportional(data: Mapping[str, Any]) -> ProportionalGrantTable:
    """Schema: ``service_months``, ``full_time_weekly_minutes`` and ``[[data.columns]]``."""
    months = ascending(
        [_non_negative(m, "service_months") for m in list_field(data, "service_months")], "service_months"
    )
    columns = []
    for i, raw in enumerate(list_field(data, "columns")):
        if not isinstance(raw, Mapping):
            raise TableInvalid(f"columns[{i}] はテーブル ([[data.columns]]) で書いてください")
        days = tuple(_non_negative(d, f"columns[{i}].days") for d in list_field(raw, "days"))
        if len(days) != len(months):
            raise TableInvalid(f"columns[{i}].days は service_months と同じ数 ({len(months)}) だけ書いてください")
        columns.append(
            ProportionalColumn(
                positive_int_field(raw.get("weekly_days"), f"columns[{i}].weekly_days"),
                positive_int_field(raw.get("annual_days_min"), f"columns[{i}].annual_days_min"),
                days,
            )
        )
    weekly = [c.weekly_days for c in columns]
    if weekly != sorted(weekly, reverse=True) or len(set(weekly)) != len(weekly):
        raise TableInvalid(f"columns は週の勤務日数の多い順に重複なく書いてください: {weekly}")
    return ProportionalGrantTable(
        months, positive_int_field(data.get("full_time_weekly_minutes"), "full_time_weekly_minutes"), tuple(columns)
    )


def proportional_grant_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[ProportionalGrantTable]:
    """The proportional-grant table in force on ``on`` (a local version replaces the statutory one)."""
    version: TableVersion[ProportionalGrantTable] = table_on(TABLE_ID, on, store)
    typed(version, ProportionalGrantTable)
    return version


def continuous_service_months(start: datetime.date, on: datetime.date) -> int:
    """継続勤務の満月数 from ``start`` to ``on`` (4月1日 → 10月1日 = 6; → 9月30日 = 5)."""
    if on < start:
        raise InvalidArgument(f"基準日 {on.isoformat()} が勤務開始日 {start.isoformat()} より前です")
    months = (on.year - start.year) * 12 + on.month - start.month
    return months if on.day >= start.day else months - 1


def _column(
    table: ProportionalGrantTable, weekly_minutes: int, weekly_days: int | None, annual_days: int | None
) -> ProportionalColumn | None:
    if weekly_minutes >= table.full_time_weekly_minutes:
        return table.full_column
    if weekly_days is not None:
        if weekly_days >= table.full_column.weekly_days:
            return table.full_column
        return next((c for c in table.columns if c.weekly_days == weekly_days), None)
    if annual_days is not None:
        return next((c for c in table.columns if annual_days >= c.annual_days_min), None)
    raise InvalidArgument("週の勤務時間が基準未満のときは、週の勤務日数か年間の勤務日数を指定してください")


def proportional_grant_days(
    table: ProportionalGrantTable,
    *,
    service_months: int,
    weekly_minutes: int,
    weekly_days: int | None = None,
    annual_days: int | None = None,
    attendance_met: bool = True,
) -> int:
    """Days granted (労基法第39条, 施行規則第24条の3); 0 below the first service row, below the
    smallest column, or when 8割出勤 (``attendance_met``) was not met."""
    for name, value in (("継続勤務の月数", service_months), ("週の勤務時間 (分)", weekly_minutes)):
        _check(value, name)
    for name, opt in (("週の勤務日数", weekly_days), ("年間の勤務日数", annual_days)):
        if opt is not None:
            _check(opt, name)
    if not attendance_met:
        return 0
    column = _column(table, weekly_minutes, weekly_days, annual_days)
    rows = [i for i, months in enumerate(table.service_months) if months <= service_months]
    if column is None or not rows:
        return 0
    return column.days[rows[-1]]


def _check(value: object, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidArgument(f"{name} は0以上の整数で指定してください: {value!r}")
