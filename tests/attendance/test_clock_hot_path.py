"""The lean punch path: one read for the key, the previous punch and the week's telework days."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from jinji.attendance.models import AttendancePolicy, ClockEvent, LocationKind
from tests.attendance.conftest import World, jst
from tests.attendance.test_clock import punch

pytestmark = pytest.mark.django_db


def test_an_online_punch_runs_a_small_fixed_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    punch(world, "in", "a", now=jst(2026, 6, 1, 8, 25), location_kind=LocationKind.MAIN_OFFICE,
          location_id=world.honcho.pk)  # fmt: skip
    # the office, the lock (which also reads the closed month and the policy), the one read of
    # the punches, insert, audit (+ the savepoint pair of the test's transaction); session 1: 11
    with django_assert_max_num_queries(7):
        result = punch(world, "out", "b", now=jst(2026, 6, 1, 17, 40), location_kind=LocationKind.MAIN_OFFICE,
                       location_id=world.honcho.pk)  # fmt: skip
    assert result.created


def test_a_resend_of_an_offline_punch_after_72_hours_still_returns_the_first_event(world: World) -> None:
    first = punch(world, "in", "q", now=jst(2026, 6, 1, 12, 0), device_time=jst(2026, 6, 1, 8, 31))
    again = punch(world, "in", "q", now=jst(2026, 6, 5, 12, 0), device_time=jst(2026, 6, 1, 8, 31))
    assert not again.created
    assert again.event.pk == first.event.pk
    assert ClockEvent.objects.count() == 1


def test_a_queued_telework_clock_in_counts_later_days_of_its_week(world: World) -> None:
    AttendancePolicy.objects.create(telework_max_days_per_week=1)
    punch(world, "in", "tue", now=jst(2026, 6, 2, 8, 30))  # 火, 在宅
    punch(world, "out", "tue-out", now=jst(2026, 6, 2, 17, 30))
    # Monday's 在宅 clock-in, queued on the phone and sent on Tuesday evening
    queued = punch(world, "in", "mon", now=jst(2026, 6, 2, 18, 0), device_time=jst(2026, 6, 1, 8, 30))
    assert queued.created
    assert "今週のテレワークが 2日" in queued.message


def test_the_previous_punch_is_found_across_midnight(world: World) -> None:
    punch(world, "in", "night-in", now=jst(2026, 6, 1, 21, 0))
    out = punch(world, "out", "night-out", now=jst(2026, 6, 2, 6, 0))
    assert out.created
    assert not out.event.without_clock_in
    assert out.event.business_date == jst(2026, 6, 1, 21, 0).date()
