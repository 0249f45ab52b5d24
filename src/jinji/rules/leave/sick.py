"""病気休暇 (sick leave): the 90-day paid period and a warning before it ends.

Sources: 勤務時間条例・規則 (mirroring 人事院規則15-14 第21条): 病気休暇 as long as needed, paid
**up to 90 days** — payroll-rules.md §D ✅ [S74]. Beyond it pay is reduced (給与条例; national
給与法 第15条 … 半減) and 分限休職 follows; both are outside this module.
❓ Not in the reference: the days are counted as consecutive calendar days (週休日・休日を含む),
and periods separated by fewer than **20 実勤務日** are added together (人事院規則15-14 第21条
第3項 as amended in 2017; local 規則 vary). The gap is counted with ``is_working_day``
(default: business days), an approximation of days actually worked. Both numbers live in the
dated ``sick_leave`` table, flagged unconfirmed.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from jinji.rules.calendar import is_business_day
from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.table_fields import positive_int_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "sick_leave"
_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class SickLeaveRules:
    paid_limit_days: int
    join_gap_working_days: int
    warning_days: int


@register_schema(TABLE_ID)
def parse_sick_leave(data: Mapping[str, Any]) -> SickLeaveRules:
    """Schema: the three positive integers of :class:`SickLeaveRules`."""
    return SickLeaveRules(**{n: positive_int_field(data.get(n), n) for n in SickLeaveRules.__dataclass_fields__})


def sick_leave_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[SickLeaveRules]:
    """The sick-leave numbers in force on ``on``."""
    version: TableVersion[SickLeaveRules] = table_on(TABLE_ID, on, store)
    typed(version, SickLeaveRules)
    return version


@dataclass(frozen=True, slots=True)
class SickPeriod:
    """An approved 病気休暇 from ``start`` to ``end`` inclusive (whole days)."""

    start: datetime.date
    end: datetime.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidArgument(
                f"病気休暇の終了日 {self.end.isoformat()} が開始日 {self.start.isoformat()} より前です"
            )

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True, slots=True)
class SickLeaveStatus:
    """Where the current run of sick leave stands on ``as_of``."""

    as_of: datetime.date
    chain_start: datetime.date | None
    used_days: int
    limit_days: int
    remaining_days: int
    over_limit_days: int
    warning: bool
    last_paid_day: datetime.date | None
    message: str


def _working_days_between(a: datetime.date, b: datetime.date, is_working_day: Callable[[datetime.date], bool]) -> int:
    """Working days strictly after ``a`` and strictly before ``b``."""
    count, day = 0, a + _DAY
    while day < b:
        count += is_working_day(day)
        day += _DAY
    return count


def _current_chain(
    periods: list[SickPeriod], as_of: datetime.date, gap: int, is_working_day: Callable[[datetime.date], bool]
) -> list[SickPeriod]:
    chain: list[SickPeriod] = []
    for period in periods:
        if chain and _working_days_between(chain[-1].end, period.start, is_working_day) >= gap:
            chain = []
        chain.append(period)
    last_day = min(chain[-1].end, as_of) if chain else as_of
    if chain and _working_days_between(last_day, as_of + _DAY, is_working_day) >= gap:
        return []
    return chain


def _last_paid_day(chain: list[SickPeriod], limit: int) -> datetime.date | None:
    counted = 0
    for period in chain:
        if counted + period.days >= limit:
            return period.start + datetime.timedelta(days=limit - counted - 1)
        counted += period.days
    return None


def sick_leave_status(
    periods: Iterable[SickPeriod],
    *,
    as_of: datetime.date,
    rules: SickLeaveRules,
    warning_days: int | None = None,
    is_working_day: Callable[[datetime.date], bool] = is_business_day,
) -> SickLeaveStatus:
    """Used and remaining paid days of the run of sick leave current on ``as_of``.

    ``warning`` is set when ``warning_days`` (default: the table's) or fewer paid days remain;
    ``last_paid_day`` is the 90th day of the run, counting approved future days too.
    """
    ordered = sorted((p for p in periods if p.start <= as_of), key=lambda p: p.start)
    for a, b in pairwise(ordered):
        if b.start <= a.end:
            raise InvalidArgument(f"病気休暇の期間が重なっています: {a.start.isoformat()}〜 と {b.start.isoformat()}〜")
    chain = _current_chain(ordered, as_of, rules.join_gap_working_days, is_working_day)
    used = sum((min(p.end, as_of) - p.start).days + 1 for p in chain)
    limit = rules.paid_limit_days
    remaining, over = max(limit - used, 0), max(used - limit, 0)
    warn_at = rules.warning_days if warning_days is None else warning_days
    warning = bool(chain) and remaining <= warn_at
    if over:
        message = f"病気休暇が {used}日 となり、有給の上限 {limit}日 を {over}日 超えています"
    elif warning:
        message = f"病気休暇が {used}日 となり、有給の上限 {limit}日 まで残り {remaining}日 です"
    else:
        message = f"病気休暇 {used}日 (上限 {limit}日)"
    return SickLeaveStatus(
        as_of=as_of,
        chain_start=chain[0].start if chain else None,
        used_days=used,
        limit_days=limit,
        remaining_days=remaining,
        over_limit_days=over,
        warning=warning,
        last_paid_day=_last_paid_day(chain, limit),
        message=message,
    )
