"""初任給調整手当 (starting-pay adjustment) from a municipality table.

Source: 給与法 第10条の4, 人事院規則9-34 (local: 給与条例 初任給調整手当の条 and its 規則).
Amounts are per kind of post (医師, 専門職 …) and year since appointment; the reference
gives no national figures, so only local tables (``starting_pay_adjustment``) exist.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import list_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "starting_pay_adjustment"


@dataclass(frozen=True, slots=True)
class StartingPayKind:
    """``amounts[n]`` is the monthly amount in year n+1 after appointment; nothing afterwards."""

    code: str
    label: str
    amounts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StartingPayAdjustmentTable:
    kinds: Mapping[str, StartingPayKind]


@register_schema(TABLE_ID)
def parse_starting_pay_adjustment(data: Mapping[str, Any]) -> StartingPayAdjustmentTable:
    """Schema: ``[[data.kinds]] code, label, amounts = [1年目, 2年目, …]``."""
    kinds: dict[str, StartingPayKind] = {}
    for raw in list_field(data, "kinds"):
        code = str(raw["code"])
        amounts = raw.get("amounts")
        if not isinstance(amounts, list) or not amounts:
            raise TableInvalid(f"kinds.{code}.amounts は年数順の月額の配列で書いてください")
        kinds[code] = StartingPayKind(
            code=code, label=str(raw["label"]), amounts=tuple(yen_field(a, f"{code}.amounts") for a in amounts)
        )
    return StartingPayAdjustmentTable(kinds=kinds)


def starting_pay_adjustment_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[StartingPayAdjustmentTable]:
    """The municipality's 初任給調整手当 table in force on ``on``."""
    version: TableVersion[StartingPayAdjustmentTable] = table_on(TABLE_ID, on, store)
    typed(version, StartingPayAdjustmentTable)
    return version


def starting_pay_adjustment(table: StartingPayAdjustmentTable, *, kind: str, years: int) -> int:
    """初任給調整手当月額 for ``kind`` in its ``years``-th completed year (0 = first year)."""
    entry = table.kinds.get(kind)
    if entry is None:
        raise InvalidArgument(f"初任給調整手当の表に区分 {kind!r} の定めがありません")
    if years < 0:
        raise InvalidArgument(f"初任給調整手当の経過年数に負の値は指定できません: {years}")
    return entry.amounts[years] if years < len(entry.amounts) else 0
