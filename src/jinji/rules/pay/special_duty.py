"""特殊勤務手当 (special-duty allowances): per day, per case or per month, from a municipality table.

Source: 給与法 第13条, 人事院規則9-30 (local: 特殊勤務手当に関する条例), reference §C10
(examples: 税務 300–1,000/day, 防疫 700–2,000/day (1,000 under 4 h), 死体処理 2,000–5,000
per case). Each authority defines its own kinds (table ``special_duty_allowance``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import list_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "special_duty_allowance"
UNITS = ("day", "case", "month")


@dataclass(frozen=True, slots=True)
class SpecialDutyKind:
    """One 特殊勤務手当: ``amount`` per ``unit``; ``short_amount`` for a short day; optional cap."""

    code: str
    label: str
    unit: str
    amount: int
    short_amount: int
    monthly_cap: int | None


@dataclass(frozen=True, slots=True)
class SpecialDutyTable:
    kinds: Mapping[str, SpecialDutyKind]


def _kind(raw: Mapping[str, Any]) -> SpecialDutyKind:
    code = str(raw["code"])
    unit = str(raw["unit"])
    if unit not in UNITS:
        raise TableInvalid(f"{code}.unit は {UNITS} のいずれかです: {unit!r}")
    cap = raw.get("monthly_cap")
    return SpecialDutyKind(
        code=code,
        label=str(raw["label"]),
        unit=unit,
        amount=yen_field(raw["amount"], f"{code}.amount"),
        short_amount=yen_field(raw.get("short_amount", 0), f"{code}.short_amount"),
        monthly_cap=None if cap is None else yen_field(cap, f"{code}.monthly_cap"),
    )


@register_schema(TABLE_ID)
def parse_special_duty(data: Mapping[str, Any]) -> SpecialDutyTable:
    """Schema: ``[[data.kinds]] code, label, unit (day/case/month), amount, short_amount?, monthly_cap?``."""
    kinds = {k.code: k for k in (_kind(raw) for raw in list_field(data, "kinds"))}
    return SpecialDutyTable(kinds=kinds)


def special_duty_table(on: datetime.date, store: TableStore | None = None) -> TableVersion[SpecialDutyTable]:
    """The municipality's 特殊勤務手当 table in force on ``on``."""
    version: TableVersion[SpecialDutyTable] = table_on(TABLE_ID, on, store)
    typed(version, SpecialDutyTable)
    return version


def special_duty_kind(table: SpecialDutyTable, code: str) -> SpecialDutyKind:
    """The kind ``code``; :class:`InvalidArgument` if the table has none."""
    kind = table.kinds.get(code)
    if kind is None:
        raise InvalidArgument(f"特殊勤務手当の表に {code!r} の定めがありません")
    return kind


def special_duty_allowance(kind: SpecialDutyKind, *, count: int, short_count: int = 0) -> int:
    """月額 of one kind: ``count`` × amount + ``short_count`` × short_amount, within ``monthly_cap``.

    For ``unit = "month"`` a ``count`` of 1 means the monthly amount is paid.
    """
    for name, value in (("回数・日数", count), ("短時間の日数", short_count)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgument(f"{kind.label} の{name}は0以上の整数で指定してください: {value!r}")
    if kind.unit == "month" and count + short_count > 1:
        raise InvalidArgument(f"{kind.label} は月額の手当です (回数は0か1): {count}")
    total = count * kind.amount + short_count * kind.short_amount
    return total if kind.monthly_cap is None else min(total, kind.monthly_cap)
