"""標準報酬月額 grade tables, 定時決定 and 随時改定.

Schemes: ``"short_term"`` — 短期 (健康保険・共済短期・介護・福祉・子ども子育て支援) grades 1–50
(58,000〜1,390,000); ``"long_term"`` — 長期 (厚生年金・退職等年金給付) grades 1–32
(88,000〜650,000). 共済 uses the same boundaries as 健康保険法第40条 / 厚生年金保険法第20条
(payroll-rules.md §B2). Table ids ``health_standard_remuneration_grades`` and
``pension_standard_remuneration_grades``: ``rows = [[grade, 標準報酬月額, 報酬月額の下限], …]``
(grade 1 starts at 0; each grade runs to the next one's lower bound) and the bonus cap of
the scheme (§B3: 短期 5,730,000 per fiscal year, 長期 1,500,000 per month).

:class:`GradeTable` is the fast path (bisect on int bounds).
"""

from __future__ import annotations

import datetime
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinji.rules._table_fields import strictly_increasing, table_list, yen
from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.money import floor_yen_ratio
from jinji.rules.tables import TableRef, TableStore, default_store, register_schema, typed

SHORT_TERM = "short_term"
LONG_TERM = "long_term"
SCHEME_TABLES = {
    SHORT_TERM: "health_standard_remuneration_grades",
    LONG_TERM: "pension_standard_remuneration_grades",
}
REGULAR_MIN_DAYS = 17
"""報酬支払基礎日数: months under 17 days are left out (健康保険法第41条・第43条; not stated in
payroll-rules.md, which only names "the days rule"; 短時間労働者 use 11 — pass ``min_days``)."""


@dataclass(frozen=True, slots=True)
class GradeData:
    lowers: tuple[int, ...]
    standards: tuple[int, ...]
    bonus_cap: int


@dataclass(frozen=True, slots=True)
class GradeTable:
    """One scheme's grades in force on a date."""

    scheme: str
    lowers: tuple[int, ...]
    standards: tuple[int, ...]
    bonus_cap: int
    ref: TableRef

    def grade(self, remuneration: int) -> int:
        """等級 (1-based) for a 報酬月額."""
        return bisect_right(self.lowers, remuneration)

    def standard(self, remuneration: int) -> int:
        """標準報酬月額 for a 報酬月額."""
        return self.standards[bisect_right(self.lowers, remuneration) - 1]

    def standard_of_grade(self, grade: int) -> int:
        if type(grade) is not int or not 1 <= grade <= len(self.standards):
            raise InvalidArgument(f"等級は1〜{len(self.standards)}で指定してください: {grade!r}")
        return self.standards[grade - 1]

    def grade_of_standard(self, standard: int) -> int:
        """The grade whose 標準報酬月額 is ``standard``; InvalidArgument if none."""
        i = bisect_right(self.standards, standard) - 1
        if i < 0 or self.standards[i] != standard:
            raise InvalidArgument(f"標準報酬月額 {standard!r} は{_label(self.scheme)}の等級表にありません")
        return i + 1


def _label(scheme: str) -> str:
    return "短期" if scheme == SHORT_TERM else "長期"


def _parse(data: Mapping[str, Any], cap_key: str) -> GradeData:
    rows = table_list(data["rows"], key="rows")
    if any(not isinstance(r, list) or len(r) != 3 for r in rows):
        raise TableInvalid("rows の各行は [等級, 標準報酬月額, 報酬月額の下限] で指定してください")
    grades = [yen(r[0], key="rows[].grade") for r in rows]
    if grades != list(range(1, len(rows) + 1)):
        raise TableInvalid("rows の等級は1から連番で指定してください")
    standards = tuple(yen(r[1], key="rows[].standard") for r in rows)
    lowers = tuple(yen(r[2], key="rows[].lower") for r in rows)
    if lowers[0] != 0:
        raise TableInvalid("1級の報酬月額の下限は0としてください")
    strictly_increasing(lowers, key="rows[].lower")
    strictly_increasing(standards, key="rows[].standard")
    return GradeData(lowers, standards, yen(data[cap_key], key=cap_key))


@register_schema("health_standard_remuneration_grades")
def parse_health_grades(data: Mapping[str, Any]) -> GradeData:
    """短期 grades; ``annual_bonus_cap`` = 標準賞与額の年度累計上限."""
    return _parse(data, "annual_bonus_cap")


@register_schema("pension_standard_remuneration_grades")
def parse_pension_grades(data: Mapping[str, Any]) -> GradeData:
    """長期 grades; ``monthly_bonus_cap`` = 標準賞与額の1月当たり上限."""
    return _parse(data, "monthly_bonus_cap")


def check_scheme(scheme: object) -> str:
    if scheme not in SCHEME_TABLES:
        raise InvalidArgument(f"scheme は 'short_term'(短期) か 'long_term'(長期) を指定してください: {scheme!r}")
    return str(scheme)


def check_date(name: str, value: object) -> datetime.date:
    if type(value) is not datetime.date:
        raise InvalidArgument(f"{name} は日付 (datetime.date) で指定してください: {value!r}")
    return value


def _resolve(scheme: str, on: datetime.date, store: TableStore) -> GradeTable:
    version = store.version_on(SCHEME_TABLES[scheme], on)
    data = typed(version, GradeData)
    return GradeTable(scheme, data.lowers, data.standards, data.bonus_cap, version.ref)


@lru_cache(maxsize=128)
def _default(scheme: str, on: datetime.date) -> GradeTable:
    return _resolve(scheme, on, default_store())


def grade_table(*, scheme: str, on: datetime.date, store: TableStore | None = None) -> GradeTable:
    """The grade table of ``scheme`` in force on ``on`` (TableNotFound outside every version)."""
    check_scheme(scheme)
    check_date("on", on)
    return _default(scheme, on) if store is None else _resolve(scheme, on, store)


def _check_remuneration(remuneration: object) -> int:
    if type(remuneration) is not int or remuneration < 0:
        raise InvalidArgument(f"報酬月額 (remuneration) は0以上の整数(円)で指定してください: {remuneration!r}")
    return remuneration


def standard_monthly_remuneration(remuneration: int, *, scheme: str, on: datetime.date) -> int:
    """標準報酬月額 for a 報酬月額 (健康保険法第40条 / 厚生年金保険法第20条 の等級区分)."""
    return grade_table(scheme=scheme, on=on).standard(_check_remuneration(remuneration))


def standard_remuneration_grade(remuneration: int, *, scheme: str, on: datetime.date) -> int:
    """標準報酬月額の等級 for a 報酬月額."""
    return grade_table(scheme=scheme, on=on).grade(_check_remuneration(remuneration))


@dataclass(frozen=True, slots=True)
class MonthlyRemuneration:
    """One month's 報酬 and its 報酬支払基礎日数."""

    amount: int
    base_days: int

    def __post_init__(self) -> None:
        _check_remuneration(self.amount)
        if type(self.base_days) is not int or not 0 <= self.base_days <= 31:
            raise InvalidArgument(f"報酬支払基礎日数は0〜31の整数で指定してください: {self.base_days!r}")


@dataclass(frozen=True, slots=True)
class Determination:
    """A 定時決定 or 随時改定 result."""

    scheme: str
    average: int  # 報酬月額 (対象月の平均, 円未満切捨て)
    grade: int
    standard: int
    applies_from: datetime.date  # first day of the first month it applies to
    months_used: int


def _add_months(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _average(months: Sequence[MonthlyRemuneration]) -> int:
    return floor_yen_ratio(sum(m.amount for m in months), len(months))


def _three_months(months: Sequence[MonthlyRemuneration]) -> Sequence[MonthlyRemuneration]:
    if len(months) != 3 or not all(isinstance(m, MonthlyRemuneration) for m in months):
        raise InvalidArgument("3か月分の MonthlyRemuneration を指定してください")
    return months


def regular_determination(
    *, months: Sequence[MonthlyRemuneration], year: int, scheme: str, min_days: int = REGULAR_MIN_DAYS
) -> Determination | None:
    """定時決定: average of the April, May and June 報酬 of ``year`` (in that order), leaving out
    months with fewer than ``min_days`` 報酬支払基礎日数; applies from September of ``year``
    to the next August (payroll-rules.md §B2). None when no month qualifies (the 保険者 then
    decides: 従前の標準報酬月額)."""
    used = [m for m in _three_months(months) if m.base_days >= min_days]
    if not used:
        return None
    applies_from = datetime.date(year, 9, 1)
    table = grade_table(scheme=scheme, on=applies_from)
    average = _average(used)
    grade = table.grade(average)
    return Determination(scheme, average, grade, table.standards[grade - 1], applies_from, len(used))


def occasional_revision(
    *,
    months: Sequence[MonthlyRemuneration],
    first_month: datetime.date,
    current_standard: int,
    scheme: str,
    direction: str,
    min_days: int = REGULAR_MIN_DAYS,
) -> Determination | None:
    """随時改定: after a change of 固定的賃金 (``direction`` "increase" or "decrease"), the
    average of the three months from ``first_month`` (the month the changed pay was first
    paid) moves the grade by 2 or more in the same direction → the new grade applies from
    the 4th month (payroll-rules.md §B2). Every month must have ``min_days`` 報酬支払基礎日数.
    Overtime alone does not trigger it: callers pass only changes of fixed pay. Returns
    None when no revision is made. The special cases at the ends of the table (e.g. a
    1-grade change into or out of the top grade) are not covered by the reference and
    are not applied."""
    if direction not in ("increase", "decrease"):
        raise InvalidArgument(
            f"direction は 'increase'(昇給等) か 'decrease'(降給等) を指定してください: {direction!r}"
        )
    check_date("first_month", first_month)
    if any(m.base_days < min_days for m in _three_months(months)):
        return None
    applies_from = _add_months(first_month.replace(day=1), 3)
    table = grade_table(scheme=scheme, on=applies_from)
    current = table.grade_of_standard(current_standard)
    average = _average(months)
    grade = table.grade(average)
    moved = grade - current if direction == "increase" else current - grade
    if moved < 2:
        return None
    return Determination(scheme, average, grade, table.standards[grade - 1], applies_from, 3)
