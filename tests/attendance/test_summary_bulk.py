"""The set-based monthly summary (selectors/summary_bulk.py) equals the 出勤簿 path (monthly_rows +
summary_of, the original ``monthly_summary``) on randomized months: the default schedule, a staggered
assignment, a 3-day fire rotation with night duty, a 週休日の振替, day and hour leave, overtime orders
with and without actuals and confirmations, shifts across midnight, holidays, telework, missing and
doubled punches, and the current (partly future) month."""

from __future__ import annotations

import datetime
import random

import pytest
from django.utils import timezone

from jinji.attendance.models import (
    ClockEvent,
    ClockKind,
    ClockSource,
    EntryKind,
    LeaveAccount,
    LeaveEntry,
    LeaveKind,
    LocationKind,
    OvertimeActual,
    OvertimeOrder,
    RestDayTransfer,
    Schedule,
    ScheduleAssignment,
)
from jinji.attendance.selectors import monthly_summary, summary_bulk
from jinji.attendance.selectors.idset import employee_q
from jinji.attendance.selectors.sheet import monthly_rows, summary_of
from jinji.attendance.selectors.summary_bulk import instant, micros, monthly_summary_bulk, punch_keys
from jinji.attendance.shifts.services import shift_pattern_save, shift_rotation_assign
from jinji.rules.attendance import MonthlyAttendanceSummary, Punch, punch_key
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db
D = datetime.date
FIRE = "当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-04:30\n非番,非番\n週休,週休日"
LOCATIONS = (LocationKind.MAIN_OFFICE, LocationKind.HOME, LocationKind.SATELLITE, LocationKind.WORKATION)


def _eids(w: World) -> list[int]:
    return [u.employee_id or 0 for u in (w.staff, w.staff2, w.head, w.clerk, w.outsider)]


def _at(day: D, minute: int) -> datetime.datetime:
    return jst(day.year, day.month, day.day) + datetime.timedelta(minutes=minute)


def _punches(w: World, rnd: random.Random, eid: int, days: list[D], seq: list[int]) -> None:
    for day in days:
        roll = rnd.random()
        if roll < 0.3:
            continue  # no punches at all
        start = rnd.choice((450, 480, 510, 525, 540, 600, 1020, 1320))
        end = start + rnd.choice((60, 240, 465, 525, 585, 700, 930, 1000))  # may pass midnight
        events = [(ClockKind.CLOCK_IN, start), (ClockKind.CLOCK_OUT, end)]
        if roll < 0.36:
            events = events[:1]  # 退勤の打刻がない
        elif roll < 0.40:
            events = events[1:]  # 出勤の打刻がない
        elif roll < 0.44:
            events.append((ClockKind.CLOCK_IN, end + 30))  # a second, unfinished clock-in
        location = rnd.choice(LOCATIONS)
        for kind, minute in events:
            seq[0] += 1
            at = _at(day, minute) + datetime.timedelta(seconds=rnd.choice((0, 0, 0, 1, 30, 59)))
            ClockEvent.objects.create(
                employee_id=eid, kind=kind, occurred_at=at, received_at=at, business_date=day,
                location_kind=location, location_note="自宅" if location != LocationKind.MAIN_OFFICE else "",
                idempotency_key=f"k{seq[0]}", entered_by=w.staff, source=rnd.choice(list(ClockSource)),
            )  # fmt: skip


def _orders(w: World, rnd: random.Random, eid: int, days: list[D]) -> None:
    for day in rnd.sample(days, 5):
        start = rnd.choice((1035, 1080, 1260, 600))
        length = rnd.choice((60, 120, 240, 480))
        order = OvertimeOrder.objects.create(
            employee_id=eid, day=day, starts_at=_at(day, start), ends_at=_at(day, start + length),
            ordered_minutes=length, confirmed_minutes=rnd.choice((None, 0, length // 2, length)),
        )  # fmt: skip
        if rnd.random() < 0.5:
            shift = rnd.choice((-15, 0, 30))
            OvertimeActual.objects.create(
                order=order, starts_at=_at(day, start + shift), ends_at=_at(day, start + length + shift),
                reported_by=w.staff, reported_at=_at(day, 1439),
            )  # fmt: skip


def _leaves(rnd: random.Random, eid: int, days: list[D]) -> None:
    account = LeaveAccount.objects.create(employee_id=eid, kind=LeaveKind.ANNUAL, daily_minutes=465)
    for n, day in enumerate(rnd.sample(days, 4)):
        if n % 2 == 0:
            span = rnd.choice((1, 2))
            LeaveEntry.objects.create(account=account, employee_id=eid, entry_kind=EntryKind.USE, on=day, days=span,
                                      unit="day", starts_at=_at(day, 510),
                                      ends_at=_at(day + datetime.timedelta(days=span - 1), 1035))  # fmt: skip
        else:
            start = rnd.choice((510, 780, 900))
            LeaveEntry.objects.create(account=account, employee_id=eid, entry_kind=EntryKind.USE, on=day,
                                      minutes=120, unit="hour", starts_at=_at(day, start),
                                      ends_at=_at(day, start + 120))  # fmt: skip


def _build(w: World, rnd: random.Random, year: int, month: int) -> list[int]:
    staff, staff2, head, clerk, outsider = eids = _eids(w)
    first = D(year, month, 1)
    days = [
        first + datetime.timedelta(days=n) for n in range(31) if (first + datetime.timedelta(days=n)).month == month
    ]
    early = Schedule.objects.create(code="A", name="時差A", start_minute=450, end_minute=975, break_start_minute=720,
                                    break_end_minute=780)  # fmt: skip
    ScheduleAssignment.objects.create(employee_id=staff2, schedule=early, valid_from=first + datetime.timedelta(days=9),
                                      weekdays=rnd.choice(("01234", "0123", "12345")))  # fmt: skip
    pattern, _ = shift_pattern_save(acting_user=w.hr, code="FIRE3", name="消防3日周期", days_text=FIRE)
    shift_rotation_assign(acting_user=w.clerk, employee_id=head, pattern_id=pattern.pk,
                          valid_from=first - datetime.timedelta(days=rnd.randrange(0, 3)), start_offset=0)  # fmt: skip
    saturday = next(d for d in days if d.weekday() == 5)
    RestDayTransfer.objects.create(employee_id=clerk, work_on=saturday, rest_on=saturday + datetime.timedelta(days=4),
                                   reason="行事", entered_by=w.head, entered_at=_at(first, 0))  # fmt: skip
    seq = [0]
    for eid in eids:
        _punches(w, rnd, eid, days, seq)
        _orders(w, rnd, eid, days)
    for eid in (staff, clerk, outsider):
        _leaves(rnd, eid, days)
    return eids


def _old_path(org: object, eids: list[int], year: int, month: int) -> dict[int, MonthlyAttendanceSummary]:
    rows = monthly_rows(organization=org, employee_ids=eids, year=year, month=month, upto=None)  # type: ignore[arg-type]
    return {eid: summary_of(days, year=year, month=month) for eid, days in rows.items()}


@pytest.mark.parametrize(
    ("seed", "year", "month"),
    [(1, 2026, 5), (2, 2026, 7), (3, 2026, 9), (4, 2027, 1), (5, 2026, 6), (6, 2026, 12), (7, 2025, 12)],
)
def test_bulk_summary_equals_the_sheet_path(world: World, seed: int, year: int, month: int) -> None:
    eids = _build(world, random.Random(seed), year, month)
    old = _old_path(world.org, eids, year, month)
    assert sum(s.worked_minutes for s in old.values()) > 0  # the month is not trivially empty
    assert monthly_summary_bulk(organization=world.org, employee_ids=eids, year=year, month=month) == old
    # chunks of one employee, as id ranges or lists, give the same
    assert monthly_summary_bulk(organization=world.org, employee_ids=eids, year=year, month=month, chunk=2) == old
    assert monthly_summary(organization=world.org, employee_ids=eids, year=year, month=month) == old


def test_a_full_day_cache_is_emptied_without_changing_the_result(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    eids = _build(world, random.Random(8), 2026, 7)
    old = _old_path(world.org, eids, 2026, 7)
    monkeypatch.setattr(summary_bulk, "CACHE_LIMIT", 3)
    assert monthly_summary_bulk(organization=world.org, employee_ids=eids, year=2026, month=7) == old


def test_current_month_counts_only_days_up_to_today(world: World) -> None:
    today = timezone.localdate()
    eids = _build(world, random.Random(11), today.year, today.month)
    old = _old_path(world.org, eids, today.year, today.month)
    assert monthly_summary_bulk(organization=world.org, employee_ids=eids, year=today.year, month=today.month) == old


def test_bulk_summary_queries_per_chunk_are_bounded(world: World, django_assert_max_num_queries: object) -> None:
    eids = _eids(world)
    # per chunk: plan (transfers, default schedule, rotations ×2, assignments), punches, leave, orders
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        result = monthly_summary_bulk(organization=world.org, employee_ids=eids, year=2026, month=6)
    assert set(result) == set(eids)
    assert monthly_summary_bulk(organization=world.org, employee_ids=[], year=2026, month=6) == {}


def test_staff_not_asked_for_inside_the_id_range_change_nothing(world: World) -> None:
    """The plan, leave and orders are read by id range: the staff in between (here the one with a
    週休日の振替, leave and orders) must neither appear nor disturb the others."""
    eids = _build(world, random.Random(12), 2026, 9)
    clerk = world.clerk.employee_id
    asked = sorted(e for e in eids if e != clerk)
    assert min(asked) < (clerk or 0) < max(asked)
    assert "employee_id__gte" in str(employee_q(asked))  # the range path
    old = _old_path(world.org, asked, 2026, 9)
    assert monthly_summary_bulk(organization=world.org, employee_ids=asked, year=2026, month=9) == old


def test_punch_keys_from_microseconds_equal_the_rules() -> None:
    rnd = random.Random(3)
    day = D(2026, 6, 10)
    midnight = micros(jst(2026, 6, 10))
    minute = 60_000_000
    for _ in range(3000):
        a = midnight + rnd.randrange(-2 * 1440, 3 * 1440) * minute + rnd.choice((0, 0, 1, 999_999, 59_999_999))
        b = a + rnd.choice((-1, 0, 1, 59_999_999, 60_000_000)) + rnd.randrange(-3, 1500) * minute
        expected = punch_key(Punch(instant(a), instant(b)), day)
        assert punch_keys(((a, b),), midnight) == (expected,)
        assert micros(instant(a)) == a
