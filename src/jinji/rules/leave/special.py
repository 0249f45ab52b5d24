"""特別休暇 (special leave): the types, their limits and windows, 忌引 by relationship.

Source: 勤務時間条例・規則 (mirroring 人事院規則15-14 第22条 and 別表第二) — payroll-rules.md §D
✅✅ [S74][S75]: 夏季 3日 (7月〜9月); 結婚 5; 妻の出産 2; 育児参加 5; 子の看護 5 (2人以上 10);
短期介護 5 (2人以上 10); ボランティア 5; 産前 6週 (多胎 14週); 産後 8週; 忌引 父母・配偶者 7
(10 in some towns); 公民権の行使・裁判員 as needed. The other 忌引 relationships are ❓ (from the
national 別表第二 as remembered; flagged in the table). Each authority replaces the table with its
own version (``JINJI_RULES_LOCAL_TABLES``).

Limits are days; usage is checked in minutes at the employee's ``daily_minutes`` so that hourly
use (子の看護, 短期介護) draws on the same limit. The caller supplies what was already used in the
type's period (``per``: the calendar ``year`` or one ``event``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.leave.units import LeaveQuantity, check_daily_minutes, format_days_minutes
from jinji.rules.pay.table_fields import positive_int_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "special_leave"
PERIODS = ("year", "event", "as_needed")


@dataclass(frozen=True, slots=True)
class SpecialLeaveType:
    """One type: ``days`` per ``per`` (None: as needed), ``days_for_two_or_more`` (children, persons
    cared for, a multiple pregnancy), a ``window`` of (month, day) bounds, or days by relationship."""

    code: str
    label: str
    per: str
    days: int | None = None
    days_for_two_or_more: int | None = None
    window: tuple[tuple[int, int], tuple[int, int]] | None = None
    by_relationship: bool = False


@dataclass(frozen=True, slots=True)
class SpecialLeaveTable:
    types: Mapping[str, SpecialLeaveType]
    bereavement: Mapping[str, int]


def _month_day(raw: object, key: str) -> tuple[int, int]:
    if not isinstance(raw, str) or len(raw) != 5 or raw[2] != "-":
        raise TableInvalid(f'{key} は "MM-DD" で書いてください: {raw!r}')
    month, day = int(raw[:2]), int(raw[3:])
    datetime.date(2024, month, day)  # a leap year: 02-29 is allowed
    return month, day


def _parse_type(code: str, raw: Mapping[str, Any]) -> SpecialLeaveType:
    per = str(raw.get("per", ""))
    if per not in PERIODS:
        raise TableInvalid(f"types.{code}.per は {PERIODS} のいずれかです: {per!r}")
    days = raw.get("days")
    more = raw.get("days_for_two_or_more")
    window = None
    if "window_from" in raw or "window_to" in raw:
        window = (_month_day(raw.get("window_from"), "window_from"), _month_day(raw.get("window_to"), "window_to"))
    return SpecialLeaveType(
        code=code,
        label=str(raw["label"]),
        per=per,
        days=None if days is None else positive_int_field(days, f"types.{code}.days"),
        days_for_two_or_more=None if more is None else positive_int_field(more, f"types.{code}.days_for_two_or_more"),
        window=window,
        by_relationship=bool(raw.get("by_relationship", False)),
    )


@register_schema(TABLE_ID)
def parse_special_leave(data: Mapping[str, Any]) -> SpecialLeaveTable:
    """Schema: ``[data.types.<code>]`` (label, per, days …) and ``[data.bereavement]`` (relationship → days)."""
    types = {code: _parse_type(code, table_field(table_field(data, "types"), code)) for code in data["types"]}
    bereavement = {k: positive_int_field(v, f"bereavement.{k}") for k, v in table_field(data, "bereavement").items()}
    for t in types.values():
        if t.per != "as_needed" and t.days is None and not t.by_relationship:
            raise TableInvalid(f"types.{t.code} に日数 (days) がありません")
    return SpecialLeaveTable(MappingProxyType(types), MappingProxyType(bereavement))


def special_leave_table(on: datetime.date, store: TableStore | None = None) -> TableVersion[SpecialLeaveTable]:
    """The special-leave table in force on ``on``."""
    version: TableVersion[SpecialLeaveTable] = table_on(TABLE_ID, on, store)
    typed(version, SpecialLeaveTable)
    return version


def _type(table: SpecialLeaveTable, code: str) -> SpecialLeaveType:
    try:
        return table.types[code]
    except KeyError:
        raise InvalidArgument(f"特別休暇の種類 {code!r} は表にありません: {sorted(table.types)}") from None


def special_leave_limit(
    table: SpecialLeaveTable, code: str, *, count: int = 1, relationship: str | None = None
) -> int | None:
    """Days allowed for one period of type ``code`` (None: as needed). ``count`` is the number of
    children / persons cared for / babies; ``relationship`` the 忌引 relationship code."""
    kind = _type(table, code)
    if kind.by_relationship:
        if relationship is None or relationship not in table.bereavement:
            raise InvalidArgument(f"忌引の続柄 {relationship!r} は表にありません: {sorted(table.bereavement)}")
        return table.bereavement[relationship]
    if kind.days is None:
        return None
    if count >= 2 and kind.days_for_two_or_more is not None:
        return kind.days_for_two_or_more
    return kind.days


def in_window(kind: SpecialLeaveType, on: datetime.date) -> bool:
    """Whether ``on`` is inside the type's window (e.g. 夏季休暇 7月1日〜9月30日); no window → True."""
    if kind.window is None:
        return True
    return kind.window[0] <= (on.month, on.day) <= kind.window[1]


def check_special_leave(
    table: SpecialLeaveTable,
    code: str,
    *,
    on: datetime.date,
    requested: LeaveQuantity,
    used_in_period: LeaveQuantity,
    daily_minutes: int,
    count: int = 1,
    relationship: str | None = None,
) -> int | None:
    """Refuse a request outside the window or beyond the limit; return the minutes left after it
    (None for an as-needed type)."""
    kind = _type(table, code)
    if not in_window(kind, on):
        assert kind.window is not None
        (m1, d1), (m2, d2) = kind.window
        raise InvalidArgument(f"{kind.label}は {m1}月{d1}日〜{m2}月{d2}日 の間に限られます: {on.isoformat()}")
    limit_days = special_leave_limit(table, code, count=count, relationship=relationship)
    if limit_days is None:
        return None
    daily = check_daily_minutes(daily_minutes)
    left = limit_days * daily - used_in_period.to_minutes(daily) - requested.to_minutes(daily)
    if left < 0:
        over = divmod(-left, daily)
        raise InvalidArgument(
            f"{kind.label}の上限 {limit_days}日 を超えます (使用済み {used_in_period}, 申請 {requested},"
            f" 超過 {format_days_minutes(*over)})"
        )
    return left
