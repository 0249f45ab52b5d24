"""昇給 (annual step increase) by 昇給区分 A–E, with the reduced steps for older staff.

Source: 給与法 第8条第6項〜第8項; 人事院規則9-8 (初任給、昇格、昇給等の基準) 第37条
(local: 初任給、昇格、昇給等の基準に関する規則 第33–41条). Reference §C2 (❓ from memory:
A 8+, B 6, C 4, D 2, E 0; over 55: A 2+, B 1, C–E 0), so the numbers are a dated table
marked ``unconfirmed``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.salary_schedule import SalarySchedule
from jinji.rules.pay.table_fields import positive_int_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "step_increase"
STEP_INCREASE_CLASSES = ("A", "B", "C", "D", "E")


@dataclass(frozen=True, slots=True)
class StepIncreaseRules:
    """号給 added per 昇給区分, and the reduced numbers above ``reduced_over_age``."""

    steps: Mapping[str, int]
    reduced_over_age: int
    reduced_steps: Mapping[str, int]


def _class_steps(raw: Mapping[str, Any], key: str) -> dict[str, int]:
    result: dict[str, int] = {}
    for cls in STEP_INCREASE_CLASSES:
        value = raw.get(cls)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise TableInvalid(f"{key}.{cls} は0以上の整数で書いてください: {value!r}")
        result[cls] = value
    return result


@register_schema(TABLE_ID)
def parse_step_increase(data: Mapping[str, Any]) -> StepIncreaseRules:
    """Schema: ``[data.steps]`` A–E, ``reduced_over_age``, ``[data.reduced_steps]`` A–E."""
    return StepIncreaseRules(
        steps=_class_steps(table_field(data, "steps"), "steps"),
        reduced_over_age=positive_int_field(data["reduced_over_age"], "reduced_over_age"),
        reduced_steps=_class_steps(table_field(data, "reduced_steps"), "reduced_steps"),
    )


def step_increase_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[StepIncreaseRules]:
    """The 昇給 rules in force on the 昇給日 ``on``."""
    version: TableVersion[StepIncreaseRules] = table_on(TABLE_ID, on, store)
    typed(version, StepIncreaseRules)
    return version


def step_increase_count(step_class: str, *, age: int, rules: StepIncreaseRules, a_steps: int | None = None) -> int:
    """昇給号給数 for 昇給区分 ``step_class`` at ``age`` on the 昇給日 (人事院規則9-8 第37条).

    区分 A is "N号給以上": ``a_steps`` may raise it above the table's minimum, never lower.
    Staff older than ``reduced_over_age`` (55) get the reduced numbers.
    """
    if step_class not in STEP_INCREASE_CLASSES:
        raise InvalidArgument(f"昇給区分は A〜E のいずれかです: {step_class!r}")
    if isinstance(age, bool) or not isinstance(age, int) or age < 0:
        raise InvalidArgument(f"年齢は0以上の整数で指定してください: {age!r}")
    table = rules.reduced_steps if age > rules.reduced_over_age else rules.steps
    count = table[step_class]
    if a_steps is not None:
        if step_class != "A":
            raise InvalidArgument(f"号給数の上乗せは昇給区分 A のみ指定できます: {step_class}")
        if a_steps < count:
            raise InvalidArgument(f"昇給区分 A の号給数は {count} 以上です: {a_steps}")
        count = a_steps
    return count


def step_after_increase(schedule: SalarySchedule, *, grade: int, step: int, count: int) -> int:
    """号給 after adding ``count`` steps, never past the grade's 最高号給 (給与法 第8条; 人事院規則9-8)."""
    max_step = schedule.max_step(grade)
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= max_step:
        raise InvalidArgument(f"{schedule.name} {grade}級 に {step}号給 はありません (1〜{max_step})")
    if count < 0:
        raise InvalidArgument(f"昇給号給数に負の値は指定できません: {count}")
    return min(step + count, max_step)
