"""休暇簿 reads: the balance as of any date from the ledger (rules.leave), uses in a period."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.attendance.models import EntryKind, LeaveAccount, LeaveEntry, LeaveKind, Schedule
from jinji.attendance.selectors.idset import employee_q
from jinji.rules.attendance import STANDARD_SCHEDULE, WorkSchedule
from jinji.rules.leave import (
    LeaveBalance,
    LeaveCarryOver,
    LeaveExpiry,
    LeaveGrant,
    LeaveQuantity,
    LeaveUnit,
    LeaveUse,
    LedgerEvent,
    SickLeaveStatus,
    SickPeriod,
    apply_ledger,
    sick_leave_rules,
    sick_leave_status,
)

STANDARD_DAILY_MINUTES = 465


def default_schedule(organization_id: int) -> WorkSchedule:
    """The organization's standard day (団体の標準), else 8:30〜17:15 (one query)."""
    row = Schedule.objects.for_organization(organization_id).filter(is_default=True).first()
    if row is None:
        return STANDARD_SCHEDULE
    breaks = ((row.break_start_minute, row.break_end_minute),) if row.break_start_minute is not None else ()
    return WorkSchedule(row.start_minute, row.end_minute, breaks, row.code)


def ledger_event(entry: LeaveEntry) -> LedgerEvent:
    amount = LeaveQuantity(entry.days, entry.minutes)
    if entry.entry_kind == EntryKind.GRANT:
        return LeaveGrant(entry.on, amount, entry.expires_on, entry.note)
    if entry.entry_kind == EntryKind.USE:
        return LeaveUse(entry.on, amount, LeaveUnit(entry.unit))
    if entry.entry_kind == EntryKind.CARRY_OVER:
        return LeaveCarryOver(entry.on, amount)
    return LeaveExpiry(entry.on, entry.note)


def balance_of_entries(entries: Iterable[LeaveEntry], *, on: datetime.date, daily_minutes: int) -> LeaveBalance:
    """残日数 at the end of ``on`` (uses of other kinds than annual may go negative)."""
    events = [ledger_event(e) for e in entries]
    return apply_ledger(events, daily_minutes=daily_minutes, as_of=on, allow_negative=True).balance


@dataclass(frozen=True, slots=True)
class BalanceRow:
    employee_id: int
    kind: str
    balance: LeaveBalance
    used_minutes: int


def leave_balances(
    *, organization_id: int, employee_ids: Iterable[int], on: datetime.date, kind: str = LeaveKind.ANNUAL
) -> dict[int, BalanceRow]:
    """employee id → the balance of ``kind`` on ``on`` (two queries whatever the number of staff)."""
    ids = list(employee_ids)
    accounts = {
        a.pk: a for a in LeaveAccount.objects.for_organization(organization_id).filter(employee_id__in=ids, kind=kind)
    }
    entries: dict[int, list[LeaveEntry]] = defaultdict(list)
    for e in LeaveEntry.objects.for_organization(organization_id).filter(account_id__in=list(accounts)).order_by("on"):
        entries[e.account_id].append(e)
    result: dict[int, BalanceRow] = {}
    for account in accounts.values():
        state = apply_ledger(
            [ledger_event(e) for e in entries[account.pk]], daily_minutes=account.daily_minutes, as_of=on,
            allow_negative=True,
        )  # fmt: skip
        result[account.employee_id] = BalanceRow(account.employee_id, kind, state.balance, state.used)
    return result


def leave_uses_between(
    *, organization_id: int, employee_ids: Iterable[int], first: datetime.date, last: datetime.date
) -> list[LeaveEntry]:
    """Uses whose span touches ``first``–``last`` (one query; a dense id set is read as its range)."""
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=datetime.UTC) - datetime.timedelta(days=1)
    end = datetime.datetime.combine(last, datetime.time(), tzinfo=datetime.UTC) + datetime.timedelta(days=2)
    ids = sorted(set(employee_ids))
    rows = LeaveEntry.objects.for_organization(organization_id).filter(
        employee_q(ids), entry_kind=EntryKind.USE, starts_at__lt=end, ends_at__gt=start
    )
    wanted = set(ids)
    return [e for e in rows.select_related("account").order_by("starts_at") if e.employee_id in wanted]


def sick_leave_status_of(*, organization_id: int, employee_id: int, on: datetime.date) -> SickLeaveStatus | None:
    """The current run of 病気休暇 (90-day paid period, warning before its end); None without any (one query)."""
    rows = LeaveEntry.objects.for_organization(organization_id).filter(
        employee_id=employee_id, entry_kind=EntryKind.USE, account__kind=LeaveKind.SICK, unit=LeaveUnit.DAY
    )
    periods = [SickPeriod(e.on, e.on + datetime.timedelta(days=max(e.days, 1) - 1)) for e in rows.order_by("on")]
    if not periods:
        return None
    return sick_leave_status(periods, as_of=on, rules=sick_leave_rules(on).data)
