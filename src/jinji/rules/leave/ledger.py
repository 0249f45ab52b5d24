"""A pure leave ledger (休暇簿): grants, uses, carry-overs and expiries → the balance on any date.

Each grant is a lot with its own expiry (年次休暇: the grant year and the next, 労基法第115条 /
勤務時間条例 — the carried part lapses at the end of the following year). A use draws first on
the lot that expires first (繰越分から先に使用する, the usual 運用 ❓); a carry-over
(``LeaveCarryOver``) caps what is held at that date (20日, §D ✅✅), dropping the part that would
lapse first; a ``LeaveExpiry`` forfeits everything granted before its date (任期の満了・退職).
Lots past their ``expires_on`` lapse automatically. All arithmetic is in integer minutes at
the ledger's ``daily_minutes`` (1日 = 7時間45分 for full-time staff).

Never negative: a use beyond the balance raises ``InvalidArgument('残日数が不足しています…')``
unless ``allow_negative`` (then the deficit is repaid by the next grant).
On one date events apply in the order: lapse, expiry, carry-over, grant, use.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from jinji.rules.errors import InvalidArgument
from jinji.rules.leave.units import LeaveBalance, LeaveQuantity, LeaveUnit, check_daily_minutes


@dataclass(frozen=True, slots=True)
class LeaveGrant:
    """付与: ``amount`` on ``on``, lapsing after ``expires_on`` (None: never)."""

    on: datetime.date
    amount: LeaveQuantity
    expires_on: datetime.date | None = None
    note: str = ""

    def __post_init__(self) -> None:
        if self.expires_on is not None and self.expires_on < self.on:
            raise InvalidArgument(f"付与日 {self.on.isoformat()} より前に失効する付与は登録できません")


@dataclass(frozen=True, slots=True)
class LeaveUse:
    """使用: ``amount`` taken on ``on`` in ``unit`` (the unit matters for the 5-day uptake check)."""

    on: datetime.date
    amount: LeaveQuantity
    unit: LeaveUnit = LeaveUnit.DAY
    note: str = ""


@dataclass(frozen=True, slots=True)
class LeaveCarryOver:
    """繰越: on ``on`` (the new year's first day) at most ``cap`` stays; the rest lapses."""

    on: datetime.date
    cap: LeaveQuantity


@dataclass(frozen=True, slots=True)
class LeaveExpiry:
    """失効: everything granted before ``on`` lapses on ``on``."""

    on: datetime.date
    note: str = ""


LedgerEvent = LeaveGrant | LeaveUse | LeaveCarryOver | LeaveExpiry
_ORDER = {LeaveExpiry: 0, LeaveCarryOver: 1, LeaveGrant: 2, LeaveUse: 3}


@dataclass(frozen=True, slots=True)
class LeaveLot:
    """What is left of one grant (minutes)."""

    granted_on: datetime.date
    expires_on: datetime.date | None
    remaining: int


@dataclass(frozen=True, slots=True)
class LedgerLine:
    """One change: ``kind`` (grant / use / carry_over / expiry / lapse), signed ``minutes``, balance after."""

    on: datetime.date
    kind: str
    minutes: int
    balance: int


@dataclass(frozen=True, slots=True)
class LedgerState:
    """The ledger after its events up to ``as_of``; totals are minutes."""

    daily_minutes: int
    lots: tuple[LeaveLot, ...]
    deficit: int
    lines: tuple[LedgerLine, ...]
    granted: int
    used: int
    lapsed: int

    @property
    def balance(self) -> LeaveBalance:
        """残日数 (negative only when a deficit was allowed)."""
        held = sum(lot.remaining for lot in self.lots) - self.deficit
        return LeaveBalance.from_minutes(held, self.daily_minutes)


@dataclass(slots=True)
class _Book:
    daily: int
    allow_negative: bool
    lots: list[LeaveLot] = field(default_factory=list)
    deficit: int = 0
    lines: list[LedgerLine] = field(default_factory=list)
    granted: int = 0
    used: int = 0
    lapsed: int = 0

    def held(self) -> int:
        return sum(lot.remaining for lot in self.lots) - self.deficit

    def log(self, on: datetime.date, kind: str, minutes: int) -> None:
        if minutes:
            self.lines.append(LedgerLine(on, kind, minutes, self.held()))

    def by_expiry(self) -> list[LeaveLot]:
        return sorted(self.lots, key=lambda lot: (lot.expires_on or datetime.date.max, lot.granted_on))

    def drop(self, on: datetime.date, kind: str, keep: list[LeaveLot]) -> None:
        gone = sum(lot.remaining for lot in self.lots) - sum(lot.remaining for lot in keep)
        self.lots = [lot for lot in keep if lot.remaining]
        self.lapsed += gone
        self.log(on, kind, -gone)

    def lapse_before(self, on: datetime.date) -> None:
        """Lots whose last valid day is before ``on`` lapse."""
        for lot in self.by_expiry():
            if lot.expires_on is not None and lot.expires_on < on:
                self.drop(lot.expires_on, "lapse", [x for x in self.lots if x is not lot])

    def grant(self, event: LeaveGrant) -> None:
        minutes = event.amount.to_minutes(self.daily)
        repaid = min(self.deficit, minutes)
        self.deficit -= repaid
        if minutes > repaid:
            self.lots.append(LeaveLot(event.on, event.expires_on, minutes - repaid))
        self.granted += minutes
        self.log(event.on, "grant", minutes)

    def use(self, event: LeaveUse) -> None:
        wanted = event.amount.to_minutes(self.daily)
        if wanted > self.held() and not self.allow_negative:
            have = LeaveBalance.from_minutes(self.held(), self.daily)
            raise InvalidArgument(
                f"残日数が不足しています: {event.on.isoformat()} に {event.amount} を使用できません (残り {have})"
            )
        left, kept = wanted, []
        for lot in self.by_expiry():
            take = min(lot.remaining, left)
            left -= take
            kept.append(LeaveLot(lot.granted_on, lot.expires_on, lot.remaining - take))
        self.lots = [lot for lot in kept if lot.remaining]
        self.deficit += left
        self.used += wanted
        self.log(event.on, "use", -wanted)

    def carry_over(self, event: LeaveCarryOver) -> None:
        excess = max(sum(lot.remaining for lot in self.lots) - event.cap.to_minutes(self.daily), 0)
        kept = []
        for lot in self.by_expiry():
            cut = min(lot.remaining, excess)
            excess -= cut
            kept.append(LeaveLot(lot.granted_on, lot.expires_on, lot.remaining - cut))
        self.drop(event.on, "carry_over", kept)

    def expire(self, event: LeaveExpiry) -> None:
        self.drop(event.on, "expiry", [lot for lot in self.lots if lot.granted_on >= event.on])


def apply_ledger(
    events: Iterable[LedgerEvent],
    *,
    daily_minutes: int,
    as_of: datetime.date | None = None,
    allow_negative: bool = False,
) -> LedgerState:
    """Apply ``events`` (any order; sorted by date) up to and including ``as_of`` (None: all)."""
    book = _Book(check_daily_minutes(daily_minutes), allow_negative)
    indexed = sorted(enumerate(events), key=lambda p: (p[1].on, _ORDER[type(p[1])], p[0]))
    for _, event in indexed:
        if as_of is not None and event.on > as_of:
            break
        book.lapse_before(event.on)
        if isinstance(event, LeaveGrant):
            book.grant(event)
        elif isinstance(event, LeaveUse):
            book.use(event)
        elif isinstance(event, LeaveCarryOver):
            book.carry_over(event)
        else:
            book.expire(event)
    if as_of is not None:
        book.lapse_before(as_of)
    return LedgerState(
        daily_minutes=book.daily,
        lots=tuple(book.by_expiry()),
        deficit=book.deficit,
        lines=tuple(book.lines),
        granted=book.granted,
        used=book.used,
        lapsed=book.lapsed,
    )


def balance_on(
    events: Iterable[LedgerEvent], on: datetime.date, *, daily_minutes: int, allow_negative: bool = False
) -> LeaveBalance:
    """残日数 at the end of ``on``."""
    return apply_ledger(events, daily_minutes=daily_minutes, as_of=on, allow_negative=allow_negative).balance
