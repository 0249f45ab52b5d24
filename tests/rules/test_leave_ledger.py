"""The leave ledger: grants, uses, carry-over (up to 20 days, max 40 held), expiry, never negative.

§D ✅✅: 20 days a year, 15 in an April hire year (calendar-year system), carry-over up to 20.
"""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import (
    GrantBasis,
    LeaveCarryOver,
    LeaveExpiry,
    LeaveGrant,
    LeaveQuantity,
    LeaveUnit,
    LeaveUse,
    LedgerEvent,
    annual_leave_events,
    annual_leave_rules,
    apply_ledger,
    balance_on,
)

D = datetime.date
FULL = 465
RULES = annual_leave_rules(D(2026, 1, 1)).data


def days(n: int, minutes: int = 0) -> LeaveQuantity:
    return LeaveQuantity(n, minutes)


def test_use_by_the_hour_leaves_hours() -> None:
    events: list[LedgerEvent] = [
        LeaveGrant(D(2026, 1, 1), days(20)),
        LeaveUse(D(2026, 2, 3), LeaveQuantity.of_hours(1), LeaveUnit.HOUR),
    ]
    assert str(balance_on(events, D(2026, 2, 3), daily_minutes=FULL)) == "19日6時間45分"
    assert str(balance_on(events, D(2026, 2, 2), daily_minutes=FULL)) == "20日"  # before the use
    assert str(balance_on(events, D(2025, 12, 31), daily_minutes=FULL)) == "0日"


def test_using_more_than_the_balance_is_refused() -> None:
    events: list[LedgerEvent] = [LeaveGrant(D(2026, 1, 1), days(1)), LeaveUse(D(2026, 1, 5), LeaveQuantity.of_hours(8))]
    with pytest.raises(InvalidArgument, match="残日数が不足しています") as info:
        apply_ledger(events, daily_minutes=FULL)
    assert "残り 1日" in str(info.value)


def test_a_deficit_when_allowed_is_repaid_by_the_next_grant() -> None:
    events: list[LedgerEvent] = [
        LeaveGrant(D(2026, 1, 1), days(1)),
        LeaveUse(D(2026, 1, 5), days(2)),
        LeaveGrant(D(2027, 1, 1), days(20)),
    ]
    assert str(balance_on(events, D(2026, 12, 31), daily_minutes=FULL, allow_negative=True)) == "-1日"
    state = apply_ledger(events, daily_minutes=FULL, allow_negative=True)
    assert str(state.balance) == "19日"
    assert state.deficit == 0


def test_hire_year_to_full_carry_over() -> None:
    # Hired 2024-04-01 (calendar year): 15 days. Uses 5 days in 2024 → 10 left.
    # 2025-01-01: 10 carried + 20 = 30; uses 3 days in 2025, from the 2024 days first → 7 + 20.
    # 2025-12-31: 27. 2026-01-01: the 7 from 2024 lapse; 20 carried + 20 = 40 (the maximum).
    events = annual_leave_events(RULES, hired_on=D(2024, 4, 1), through=D(2026, 12, 31), basis=GrantBasis.CALENDAR)
    events += [LeaveUse(D(2024, 8, 13), days(5)), LeaveUse(D(2025, 8, 12), days(3))]
    assert str(balance_on(events, D(2024, 12, 31), daily_minutes=FULL)) == "10日"
    assert str(balance_on(events, D(2025, 1, 1), daily_minutes=FULL)) == "30日"
    assert str(balance_on(events, D(2025, 12, 31), daily_minutes=FULL)) == "27日"
    state = apply_ledger(events, daily_minutes=FULL, as_of=D(2026, 1, 1))
    assert str(state.balance) == "40日"
    assert state.lapsed == 7 * FULL
    assert [(lot.granted_on, lot.remaining) for lot in state.lots] == [
        (D(2025, 1, 1), 20 * FULL),
        (D(2026, 1, 1), 20 * FULL),
    ]


def test_carry_over_cap_of_20_days() -> None:
    # A generous 25-day grant unused: only 20 carry; the hour fraction above 20 days lapses too.
    events: list[LedgerEvent] = [
        LeaveGrant(D(2026, 1, 1), days(25, 120), D(2027, 12, 31)),
        LeaveCarryOver(D(2027, 1, 1), days(20)),
        LeaveGrant(D(2027, 1, 1), days(20), D(2028, 12, 31)),
    ]
    state = apply_ledger(events, daily_minutes=FULL)
    assert str(state.balance) == "40日"
    assert state.lapsed == 5 * FULL + 120
    assert [line.kind for line in state.lines] == ["grant", "carry_over", "grant"]


def test_expiry_forfeits_what_was_granted_before() -> None:
    events: list[LedgerEvent] = [
        LeaveGrant(D(2026, 4, 1), days(10)),
        LeaveUse(D(2026, 6, 1), days(2)),
        LeaveExpiry(D(2027, 4, 1), note="任期満了"),
        LeaveGrant(D(2027, 4, 1), days(11)),
    ]
    state = apply_ledger(events, daily_minutes=FULL)
    assert (str(state.balance), state.lapsed) == ("11日", 8 * FULL)


def test_grant_expiring_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="失効"):
        LeaveGrant(D(2026, 1, 1), days(1), D(2025, 12, 31))


# --- property tests -------------------------------------------------------------------------

START = D(2026, 1, 1)
amounts = st.builds(LeaveQuantity, st.integers(0, 5), st.integers(0, 600))
offsets = st.integers(0, 720)
plain_events = st.lists(
    st.one_of(
        st.builds(lambda o, a: LeaveGrant(START + datetime.timedelta(days=o), a), offsets, amounts),
        st.builds(lambda o, a: LeaveUse(START + datetime.timedelta(days=o), a), offsets, amounts),
    ),
    max_size=25,
)


def _ordered(events: list[LeaveGrant | LeaveUse]) -> list[LeaveGrant | LeaveUse]:
    order = {LeaveGrant: 0, LeaveUse: 1}
    return sorted(events, key=lambda e: (e.on, order[type(e)]))


@settings(max_examples=300, deadline=None)
@given(events=plain_events, daily=st.sampled_from([465, 360, 240]))
def test_grants_minus_uses_is_the_balance_and_never_negative(events: list[LeaveGrant | LeaveUse], daily: int) -> None:
    granted = sum(e.amount.to_minutes(daily) for e in events if isinstance(e, LeaveGrant))
    used = sum(e.amount.to_minutes(daily) for e in events if isinstance(e, LeaveUse))
    running, fits = 0, True
    for e in _ordered(events):
        running += e.amount.to_minutes(daily) * (1 if isinstance(e, LeaveGrant) else -1)
        fits = fits and running >= 0
    if fits:
        state = apply_ledger(events, daily_minutes=daily)
        assert state.balance.total_minutes == granted - used
        assert all(line.balance >= 0 for line in state.lines)
    else:
        with pytest.raises(InvalidArgument, match="残日数が不足しています"):
            apply_ledger(events, daily_minutes=daily)
    allowed = apply_ledger(events, daily_minutes=daily, allow_negative=True)
    assert allowed.balance.total_minutes == granted - used


expiring = st.builds(
    lambda o, a, life: LeaveGrant(START + datetime.timedelta(days=o), a, START + datetime.timedelta(days=o + life)),
    offsets,
    amounts,
    st.integers(0, 400),
)
mixed_events = st.lists(
    st.one_of(
        expiring,
        st.builds(lambda o, a: LeaveUse(START + datetime.timedelta(days=o), a), offsets, amounts),
        st.builds(lambda o, a: LeaveCarryOver(START + datetime.timedelta(days=o), a), offsets, amounts),
        st.builds(lambda o: LeaveExpiry(START + datetime.timedelta(days=o)), offsets),
    ),
    max_size=25,
)


@settings(max_examples=300, deadline=None)
@given(events=mixed_events, as_of_offset=st.integers(0, 1_200))
def test_granted_minus_used_minus_lapsed_is_the_balance(events: list[LedgerEvent], as_of_offset: int) -> None:
    as_of = START + datetime.timedelta(days=as_of_offset)
    state = apply_ledger(events, daily_minutes=FULL, as_of=as_of, allow_negative=True)
    assert state.balance.total_minutes == state.granted - state.used - state.lapsed
    assert all(lot.remaining > 0 for lot in state.lots)
    assert all(lot.expires_on is None or lot.expires_on >= as_of for lot in state.lots)
