"""Overtime caps (超過勤務を命ずる時間及び月数の上限): violations and early warnings.

Source: 人事院規則15-14 第16条の2の2 (平成31年2月1日公布, 平成31年4月1日施行), mirrored by each
authority's 規則 — reference payroll-rules.md §D ✅✅ [S70]:

* ordinary units (第1項第1号イ): 1箇月 45時間, 1年 360時間;
* 他律的業務の比重の高い部署 designated by the head (第1項第2号): 1箇月 100時間未満, 1年 720時間,
  2〜6箇月の各期間の1箇月当たりの平均 80時間, 1年のうち45時間を超える月数 6箇月;
* staff who moved during the year from a designated unit to an ordinary one (第1項第1号ロ): 1年
  720時間 (the further 人事院 limits of ロ(2) are not modelled ❓);
* 特例業務 (大規模災害 etc., 第2項): beyond a cap is allowed, but the excess must be recorded and
  analysed within 6 months after the year — so a finding is still reported, marked as 特例業務.

The 1年 is the fiscal year (4月1日〜翌年3月31日). The 2–6 month windows reach back into
whatever months the caller passes (the previous year's months too, if given).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Any

from jinji.rules.attendance.clock import duration_ja
from jinji.rules.calendar import fiscal_year
from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import positive_int_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "overtime_caps"


@dataclass(frozen=True, slots=True)
class OvertimeCaps:
    """The caps in minutes (months as counts). ``designated_month_below`` is exclusive (未満)."""

    ordinary_month_max: int
    ordinary_year_max: int
    designated_month_below: int
    designated_year_max: int
    designated_average_max: int
    average_min_months: int
    average_max_months: int
    designated_over_month_threshold: int
    designated_over_months_max: int


@register_schema(TABLE_ID)
def parse_overtime_caps(data: Mapping[str, Any]) -> OvertimeCaps:
    """Schema: every field of :class:`OvertimeCaps` as a positive integer."""
    caps = OvertimeCaps(**{n: positive_int_field(data.get(n), n) for n in OvertimeCaps.__dataclass_fields__})
    if caps.average_min_months > caps.average_max_months:
        raise TableInvalid("average_min_months が average_max_months を超えています")
    return caps


def overtime_caps(on: datetime.date, store: TableStore | None = None) -> TableVersion[OvertimeCaps]:
    """The caps in force on ``on``."""
    version: TableVersion[OvertimeCaps] = table_on(TABLE_ID, on, store)
    typed(version, OvertimeCaps)
    return version


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    """A calendar month."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise InvalidArgument(f"月は1〜12で指定してください: {self.month}")

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> YearMonth:
        year, month0 = divmod(self.index + months, 12)
        return YearMonth(year, month0 + 1)

    @property
    def fiscal_year(self) -> int:
        return fiscal_year(datetime.date(self.year, self.month, 1))

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"


@dataclass(frozen=True, slots=True)
class MonthOvertime:
    """超過勤務 ``minutes`` of a month, and whether the staff member was then in a designated unit."""

    month: YearMonth
    minutes: int
    designated: bool = False


class CapRule(StrEnum):
    MONTH = "month"
    YEAR = "year"
    AVERAGE = "average"
    MONTHS_OVER = "months_over"


class Severity(StrEnum):
    VIOLATION = "violation"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class CapFinding:
    """One cap reached (``WARNING``) or broken (``VIOLATION``): the limit, the actual value (minutes,
    or a number of months for MONTHS_OVER) and the months concerned, with a Japanese message."""

    rule: CapRule
    severity: Severity
    limit: int
    actual: int
    months: tuple[YearMonth, ...]
    message: str


@dataclass(frozen=True, slots=True)
class CapCheck:
    """The result for one month after a proposed addition."""

    month: YearMonth
    minutes: int
    designated: bool
    findings: tuple[CapFinding, ...]
    exceptional_duty: bool = False
    exceptional_reason: str = ""

    @property
    def violations(self) -> tuple[CapFinding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.VIOLATION)

    @property
    def warnings(self) -> tuple[CapFinding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def allowed(self) -> bool:
        """No violation, or one recorded as 特例業務 (with its reason)."""
        return not self.violations or self.exceptional_duty


@dataclass(frozen=True, slots=True)
class _Judge:
    warn_at: Fraction
    suffix: str

    def __call__(
        self, rule: CapRule, actual: int, limit: int, months: tuple[YearMonth, ...], what: str, *, below: bool = False
    ) -> CapFinding | None:
        """VIOLATION past the limit (at it, when ``below``: 未満); WARNING from ``warn_at`` × limit."""
        if rule is CapRule.MONTHS_OVER:
            shown, limit_text = f"{actual}箇月", f"{limit}箇月"
        else:
            shown, limit_text = duration_ja(actual), duration_ja(limit) + ("未満" if below else "")
        text = f"{what} {shown} (上限 {limit_text})"
        if actual >= limit if below else actual > limit:
            return CapFinding(
                rule, Severity.VIOLATION, limit, actual, months, f"{text}: 上限を超えています{self.suffix}"
            )
        if actual * self.warn_at.denominator >= limit * self.warn_at.numerator:
            return CapFinding(rule, Severity.WARNING, limit, actual, months, f"{text}: 上限に近づいています")
        return None


def _months(history: Sequence[MonthOvertime], month: YearMonth, add: int) -> dict[YearMonth, int]:
    table: dict[YearMonth, int] = {}
    for item in history:
        if item.month in table:
            raise InvalidArgument(f"{item.month} の超過勤務時間が重複しています")
        if isinstance(item.minutes, bool) or not isinstance(item.minutes, int) or item.minutes < 0:
            raise InvalidArgument(f"{item.month} の超過勤務時間 (分) は0以上の整数で指定してください: {item.minutes!r}")
        table[item.month] = item.minutes
    table[month] = table.get(month, 0) + add
    return table


def _average(table: dict[YearMonth, int], month: YearMonth, caps: OvertimeCaps) -> tuple[int, int, YearMonth]:
    """The 2–6 month window containing ``month`` with the highest average: (total, months, first)."""
    last = max(table)
    best = (0, 1, month)
    for length in range(caps.average_min_months, caps.average_max_months + 1):
        for first_offset in range(length):
            first = month.plus(-first_offset)
            if first.plus(length - 1) > last:
                continue
            window_total = sum(table.get(first.plus(i), 0) for i in range(length))
            if window_total * best[1] > best[0] * length:
                best = (window_total, length, first)
    return best


def check_overtime_caps(
    history: Sequence[MonthOvertime],
    *,
    month: YearMonth,
    add_minutes: int,
    designated: bool,
    caps: OvertimeCaps,
    warn_at: Fraction = Fraction(4, 5),
    exceptional_duty: bool = False,
    exceptional_reason: str = "",
) -> CapCheck:
    """Caps for ``month`` after adding ``add_minutes`` to what ``history`` already holds for it.

    ``history``: the months' 超過勤務 so far (this fiscal year, carried across transfers; earlier
    months too for the 2–6 month averages). ``designated``: the unit in ``month`` is 他律的.
    ``warn_at``: the share of a cap from which a WARNING is given (4/5 = 80%). ``exceptional_duty``
    (特例業務) keeps the findings but marks the check allowed; a reason is then required.
    """
    if isinstance(add_minutes, bool) or not isinstance(add_minutes, int) or add_minutes < 0:
        raise InvalidArgument(f"追加する超過勤務時間 (分) は0以上の整数で指定してください: {add_minutes!r}")
    if not 0 < warn_at <= 1:
        raise InvalidArgument(f"警告の割合 (warn_at) は0より大きく1以下で指定してください: {warn_at}")
    if exceptional_duty and not exceptional_reason.strip():
        raise InvalidArgument("特例業務として上限を超える場合は、その理由 (exceptional_reason) を記録してください")
    table = _months(history, month, add_minutes)
    judge = _Judge(warn_at, "(特例業務として記録)" if exceptional_duty else "")
    year = sorted(m for m in table if m.fiscal_year == month.fiscal_year)
    moved = any(h.designated for h in history if h.month.fiscal_year == month.fiscal_year)
    month_limit = caps.designated_month_below if designated else caps.ordinary_month_max
    year_limit = caps.designated_year_max if designated or moved else caps.ordinary_year_max
    year_total = sum(table[m] for m in year)
    findings = [
        judge(CapRule.MONTH, table[month], month_limit, (month,), f"{month}の超過勤務", below=designated),
        judge(CapRule.YEAR, year_total, year_limit, tuple(year), f"{month.fiscal_year}年度の超過勤務の合計"),
    ]
    if designated:
        findings.extend(_designated_findings(table, month, year, caps, judge))
    return CapCheck(
        month=month,
        minutes=table[month],
        designated=designated,
        findings=tuple(f for f in findings if f is not None),
        exceptional_duty=exceptional_duty,
        exceptional_reason=exceptional_reason,
    )


def _designated_findings(
    table: dict[YearMonth, int], month: YearMonth, year: list[YearMonth], caps: OvertimeCaps, judge: _Judge
) -> list[CapFinding | None]:
    """The 2–6 month average (compared as a total against 80時間 × months) and the months over 45 hours."""
    window_total, length, first = _average(table, month, caps)
    window = tuple(first.plus(i) for i in range(length))
    what = f"{first}〜{window[-1]}の{length}箇月の合計 (平均 {duration_ja(window_total // length)})"
    over = tuple(m for m in year if table[m] > caps.designated_over_month_threshold)
    months_what = f"{month.fiscal_year}年度に{duration_ja(caps.designated_over_month_threshold)}を超えた月数"
    return [
        judge(CapRule.AVERAGE, window_total, caps.designated_average_max * length, window, what),
        judge(CapRule.MONTHS_OVER, len(over), caps.designated_over_months_max, over, months_what),
    ]
