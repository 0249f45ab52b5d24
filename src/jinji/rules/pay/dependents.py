"""扶養手当 (dependents allowance) by dependant category, from a dated table.

Source: 給与法 第11条 (local: 給与条例 扶養手当の条), reference §C4. From 令和8年度 the
配偶者 amount is 0 (abolished), 子 13,000, 父母等 6,500 (行(一) 8級 3,500, 9級以上 none),
and each 子 in the 特定期間 (16歳到達年度の翌4/1〜22歳到達年度末) gets +5,000.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.table_fields import int_key, table_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "dependents_allowance"
CATEGORIES = ("spouse", "child", "child_special_period", "other_dependent")


@dataclass(frozen=True, slots=True)
class CategoryAmount:
    """Monthly amount per person; ``by_grade`` overrides it for some 級 (e.g. 8級 3,500)."""

    amount: int
    by_grade: Mapping[int, int]

    def for_grade(self, grade: int) -> int:
        return self.by_grade.get(grade, self.amount)


@dataclass(frozen=True, slots=True)
class DependentsAllowanceTable:
    spouse: CategoryAmount
    child: CategoryAmount
    child_special_period: CategoryAmount
    other_dependent: CategoryAmount


def _category(raw: Mapping[str, Any], key: str) -> CategoryAmount:
    by_grade_raw = raw.get("by_grade", {})
    by_grade = {int_key(g, f"{key}.by_grade"): yen_field(v, f"{key}.by_grade.{g}") for g, v in by_grade_raw.items()}
    return CategoryAmount(amount=yen_field(raw["amount"], f"{key}.amount"), by_grade=by_grade)


@register_schema(TABLE_ID)
def parse_dependents_allowance(data: Mapping[str, Any]) -> DependentsAllowanceTable:
    """Schema: ``[data.<category>] amount = …, by_grade = {"8" = …}`` for each category."""
    parts = {key: _category(table_field(data, key), key) for key in CATEGORIES}
    return DependentsAllowanceTable(**parts)


def dependents_allowance_table(
    on: datetime.date, store: TableStore | None = None
) -> TableVersion[DependentsAllowanceTable]:
    """The 扶養手当 amounts in force on ``on``."""
    version: TableVersion[DependentsAllowanceTable] = table_on(TABLE_ID, on, store)
    typed(version, DependentsAllowanceTable)
    return version


def check_dependant_counts(*, children: int, special_period_children: int, other_dependents: int) -> None:
    """Refuse negative counts, or more 特定期間の子 than 子."""
    for name, value in (
        ("子の数", children),
        ("特定期間の子の数", special_period_children),
        ("父母等の数", other_dependents),
    ):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidArgument(f"{name} は0以上の整数で指定してください: {value!r}")
    if special_period_children > children:
        raise InvalidArgument(f"特定期間の子の数 ({special_period_children}) が子の数 ({children}) を超えています")


def dependents_allowance(
    table: DependentsAllowanceTable,
    *,
    grade: int,
    spouse: bool,
    children: int,
    special_period_children: int,
    other_dependents: int,
) -> int:
    """扶養手当月額 = Σ (人数 × 区分ごとの月額) (給与法 第11条第3項・第4項)."""
    check_dependant_counts(
        children=children, special_period_children=special_period_children, other_dependents=other_dependents
    )
    return (
        (table.spouse.for_grade(grade) if spouse else 0)
        + children * table.child.for_grade(grade)
        + special_period_children * table.child_special_period.for_grade(grade)
        + other_dependents * table.other_dependent.for_grade(grade)
    )
