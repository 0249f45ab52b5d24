"""管理職手当 (national 俸給の特別調整額): fixed monthly amounts by 級 and 種.

Source: 給与法 第10条の2, 人事院規則9-17 別表 (local: 管理職手当に関する規則), reference
§C9 (single source, 令和8年4月現在). Recipients get no 時間外勤務手当, 休日勤務手当 or 夜勤手当.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import int_key, table_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "management_allowance"


@dataclass(frozen=True, slots=True)
class ManagementAllowanceTable:
    """``amounts[級][種]`` = 月額."""

    amounts: Mapping[int, Mapping[int, int]]


@register_schema(TABLE_ID)
def parse_management_allowance(data: Mapping[str, Any]) -> ManagementAllowanceTable:
    """Schema: ``[data.amounts.<級>] <種> = 月額``."""
    amounts: dict[int, dict[int, int]] = {}
    for grade_key, by_class in table_field(data, "amounts").items():
        grade = int_key(grade_key, "amounts")
        if not isinstance(by_class, Mapping):
            raise TableInvalid(f"amounts.{grade_key} は 種 → 月額 の表で書いてください")
        amounts[grade] = {
            int_key(c, f"amounts.{grade_key}"): yen_field(v, f"amounts.{grade_key}.{c}") for c, v in by_class.items()
        }
    return ManagementAllowanceTable(amounts=amounts)


def management_allowance_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[ManagementAllowanceTable]:
    """The 管理職手当 amounts in force on ``on``."""
    version: TableVersion[ManagementAllowanceTable] = table_on(TABLE_ID, on, store)
    typed(version, ManagementAllowanceTable)
    return version


def management_allowance(table: ManagementAllowanceTable, *, grade: int, management_class: int) -> int:
    """管理職手当月額 for 級 ``grade`` and 種 ``management_class`` (0 = not a 管理職)."""
    if management_class == 0:
        return 0
    amount = table.amounts.get(grade, {}).get(management_class)
    if amount is None:
        raise InvalidArgument(f"{grade}級 に管理職手当 {management_class}種 の定めはありません")
    return amount
