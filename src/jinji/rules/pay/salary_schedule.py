"""給料表 (salary schedules): 給料月額 by 級 (grade) and 号給 (step) from dated data files.

Each schedule is its own table, ``salary_schedule.<schedule_id>`` (e.g.
``salary_schedule.gyosei_1`` for 行政職給料表(一)), one file per revision, so a
municipality ships the 別表 of its own 給与条例 under a :class:`~jinji.rules.tables.TableStore`
``extra_roots`` directory with the same layout; a local version replaces the built-in one
of the same date. Source: 一般職の職員の給与に関する法律 (給与法) 第6条・別表第一, and
each 給与条例 別表 (reference §C1).

A schedule may carry the 「再任用職員」 column (``[data.reappointed]``, 級 → 給料月額): the pay of a
再任用職員 (定年前再任用・暫定再任用), who has a 級 but no 号給; see :func:`reappointed_salary`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_yen_ratio
from jinji.rules.pay.table_fields import int_key, table_field, yen_field
from jinji.rules.tables import TableStore, TableVersion, default_store, register_schema, typed

SCHEDULE_TABLE_PREFIX = "salary_schedule."
NATIONAL_SCHEDULE_IDS = ("gyosei_1",)
_SCHEDULE_ID = re.compile(r"[a-z0-9][a-z0-9_]*")
FULL_TIME_WEEKLY_MINUTES = 2325  # 38時間45分 (給与法 第8条; 勤務時間法 第5条; reference §D)


@dataclass(frozen=True, slots=True)
class SalarySchedule:
    """One version of a 給料表: ``grades[級]`` is the tuple of 給料月額 for 号給 1, 2, …;
    ``reappointed[級]`` the 再任用職員の欄 (empty when the file has none)."""

    schedule_id: str
    name: str
    grades: Mapping[int, tuple[int, ...]]
    reappointed: Mapping[int, int] = field(default_factory=dict)

    def max_step(self, grade: int) -> int:
        """最高号給 of ``grade``."""
        return len(self.grade_steps(grade))

    def grade_steps(self, grade: int) -> tuple[int, ...]:
        """The 号給 amounts of ``grade``; :class:`InvalidArgument` for an unknown 級."""
        steps = self.grades.get(grade)
        if steps is None:
            known = "、".join(f"{g}級" for g in sorted(self.grades))
            raise InvalidArgument(f"{self.name} に {grade}級 はありません (定めのある級: {known})")
        return steps


def parse_salary_schedule(data: Mapping[str, Any]) -> SalarySchedule:
    """Schema of a ``salary_schedule.*`` file: ``schedule_id``, ``name``, ``[data.grades]`` and the
    optional ``[data.reappointed]`` (級 → 再任用職員の給料月額, for 級 the schedule has)."""
    schedule_id = str(data["schedule_id"])
    grades: dict[int, tuple[int, ...]] = {}
    for key, amounts in table_field(data, "grades").items():
        grade = int_key(key, "grades")
        if not isinstance(amounts, list) or not amounts:
            raise TableInvalid(f"grades.{key} は号給順の月額の配列で書いてください")
        grades[grade] = tuple(yen_field(a, f"grades.{key}") for a in amounts)
    reappointed: dict[int, int] = {}
    if "reappointed" in data:
        for key, amount in table_field(data, "reappointed").items():
            grade = int_key(key, "reappointed")
            if grade not in grades:
                raise TableInvalid(f"reappointed.{key}: grades に {grade}級 がありません")
            reappointed[grade] = yen_field(amount, f"reappointed.{key}")
    return SalarySchedule(schedule_id=schedule_id, name=str(data["name"]), grades=grades, reappointed=reappointed)


def salary_schedule_table_id(schedule_id: str) -> str:
    """The table id of ``schedule_id`` (registering its schema, so local schedules load too)."""
    if not isinstance(schedule_id, str) or not _SCHEDULE_ID.fullmatch(schedule_id):
        raise InvalidArgument(f"給料表の識別子が不正です (英小文字・数字・_ のみ): {schedule_id!r}")
    table_id = SCHEDULE_TABLE_PREFIX + schedule_id
    register_schema(table_id)(parse_salary_schedule)
    return table_id


def salary_schedule_version(
    schedule_id: str, on: datetime.date, store: TableStore | None = None
) -> TableVersion[SalarySchedule]:
    """The version of 給料表 ``schedule_id`` in force on ``on`` (TableNotFound if none)."""
    table_id = salary_schedule_table_id(schedule_id)
    version: TableVersion[SalarySchedule] = (store or default_store()).version_on(table_id, on)
    schedule = typed(version, SalarySchedule)
    if schedule.schedule_id != schedule_id:
        raise TableInvalid(f"{version.path}: schedule_id が {schedule_id!r} ではありません")
    return version


def base_salary(schedule: SalarySchedule, *, grade: int, step: int) -> int:
    """給料月額: the amount of 号給 ``step`` of 級 ``grade`` (給与法 第6条・別表; 給与条例 別表)."""
    steps = schedule.grade_steps(grade)
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= len(steps):
        raise InvalidArgument(f"{schedule.name} {grade}級 に {step}号給 はありません (定めのある号給: 1〜{len(steps)})")
    return steps[step - 1]


def reappointed_salary(schedule: SalarySchedule, *, grade: int, weekly_minutes: int = FULL_TIME_WEEKLY_MINUTES) -> int:
    """再任用職員の給料月額: the 「再任用職員」 column of 級 ``grade`` (給与法 別表; 給与条例 別表).

    A 再任用短時間勤務職員 (``weekly_minutes`` < 2,325) gets that amount × 週の勤務時間 ÷ 38時間45分,
    1円未満切捨て (❓ unconfirmed: 給与法 第8条 (再任用短時間勤務職員の給料月額) / each 給与条例's
    article — not yet in payroll-rules.md).
    """
    schedule.grade_steps(grade)  # unknown 級 → the same message as for 号給
    amount = schedule.reappointed.get(grade)
    if amount is None:
        raise InvalidArgument(f"{schedule.name} に 再任用職員の {grade}級 の額がありません")
    if isinstance(weekly_minutes, bool) or not isinstance(weekly_minutes, int):
        raise InvalidArgument(f"週の勤務時間 (分) は整数で指定してください: {weekly_minutes!r}")
    if not 0 < weekly_minutes <= FULL_TIME_WEEKLY_MINUTES:
        raise InvalidArgument(f"週の勤務時間 (分) は1〜{FULL_TIME_WEEKLY_MINUTES}で指定してください: {weekly_minutes}")
    if weekly_minutes == FULL_TIME_WEEKLY_MINUTES:
        return amount
    return floor_yen_ratio(amount * weekly_minutes, FULL_TIME_WEEKLY_MINUTES)


for _national_id in NATIONAL_SCHEDULE_IDS:
    salary_schedule_table_id(_national_id)
