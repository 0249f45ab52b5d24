"""打刻: one event per tap, offline punches, punch-out without punch-in, IP policy, proxy entry."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jinji.attendance.models import ClockEvent, ClockSource, LocationKind, MonthClose, WorkLocation
from jinji.attendance.services.clock import PunchRequest, clock_punch, ip_allowed
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def punch(w: World, kind: str, key: str, *, now: datetime.datetime, user: str = "staff", **kw: object):  # type: ignore[no-untyped-def]
    actor = getattr(w, user)
    employee = kw.pop("employee", w.staff.employee)
    kw.setdefault("location_kind", LocationKind.HOME)
    req = PunchRequest(employee_id=employee.pk, kind=kind, idempotency_key=key, **kw)  # type: ignore[arg-type]
    return clock_punch(acting_user=actor, request=req, now=now)


def test_same_key_twice_records_one_event(world: World) -> None:
    first = punch(world, "in", "k1", now=jst(2026, 6, 1, 8, 25))
    again = punch(world, "in", "k1", now=jst(2026, 6, 1, 8, 26))
    assert first.created
    assert not again.created
    assert again.event.pk == first.event.pk
    assert ClockEvent.objects.count() == 1


def test_double_tap_with_new_key_within_seconds_returns_first(world: World) -> None:
    first = punch(world, "in", "a", now=jst(2026, 6, 1, 8, 25, 0))
    second = punch(world, "in", "b", now=jst(2026, 6, 1, 8, 25, 4))
    assert not second.created
    assert second.event.pk == first.event.pk
    assert "1回" in second.message
    assert ClockEvent.objects.count() == 1


def test_second_clock_in_later_the_same_day_is_refused(world: World) -> None:
    punch(world, "in", "a", now=jst(2026, 6, 1, 8, 25))
    with pytest.raises(DomainError, match="既に出勤の打刻があります"):
        punch(world, "in", "b", now=jst(2026, 6, 1, 9, 0))


def test_server_time_is_used_and_business_date_follows_clock_in_past_midnight(world: World) -> None:
    punch(world, "in", "a", now=jst(2026, 6, 1, 16, 0))
    out = punch(world, "out", "b", now=jst(2026, 6, 2, 1, 30))
    assert out.event.occurred_at == jst(2026, 6, 2, 1, 30)
    assert out.event.business_date == datetime.date(2026, 6, 1)
    assert not out.event.without_clock_in


def test_punch_out_without_punch_in_is_recorded_flagged_with_message(world: World) -> None:
    result = punch(world, "out", "a", now=jst(2026, 6, 1, 17, 20))
    assert result.created
    assert result.event.without_clock_in
    assert "出勤の打刻がありません" in result.message
    assert result.event.business_date == datetime.date(2026, 6, 1)


def test_late_offline_clock_in_completes_the_orphan_clock_out(world: World) -> None:
    punch(world, "out", "a", now=jst(2026, 6, 1, 17, 20))
    punch(world, "in", "b", now=jst(2026, 6, 1, 17, 25), device_time=jst(2026, 6, 1, 8, 29))
    out = ClockEvent.objects.get(kind="out")
    assert not out.without_clock_in


def test_offline_punch_keeps_device_time_and_is_flagged(world: World) -> None:
    result = punch(world, "in", "a", now=jst(2026, 6, 2, 12, 0), device_time=jst(2026, 6, 1, 8, 31))
    e = result.event
    assert e.source == ClockSource.OFFLINE
    assert e.occurred_at == jst(2026, 6, 1, 8, 31)
    assert e.received_at == jst(2026, 6, 2, 12, 0)
    assert e.business_date == datetime.date(2026, 6, 1)


def test_offline_punch_older_than_72_hours_is_refused(world: World) -> None:
    with pytest.raises(DomainError, match="72時間"):
        punch(world, "in", "a", now=jst(2026, 6, 4, 8, 32), device_time=jst(2026, 6, 1, 8, 31))
    assert not ClockEvent.objects.exists()


def test_offline_punch_into_a_closed_month_is_refused(world: World) -> None:
    MonthClose.objects.create(
        org_unit=world.kakari, year=2026, month=6, closed_at=timezone.now(), closed_by=world.clerk
    )
    with pytest.raises(DomainError, match="勤怠締め済み"):
        punch(world, "in", "a", now=jst(2026, 7, 1, 9, 0), device_time=jst(2026, 6, 30, 8, 30))
    assert not ClockEvent.objects.exists()


def test_future_device_time_is_refused(world: World) -> None:
    with pytest.raises(DomainError, match="未来"):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), device_time=jst(2026, 6, 1, 9, 0))


def test_ip_policy_of_an_office_location(world: World) -> None:
    world.honcho.allowed_networks = "10.1.0.0/16\n192.168.5.0/24"
    world.honcho.save()
    kw = {"location_kind": LocationKind.MAIN_OFFICE, "location_id": world.honcho.pk}
    with pytest.raises(DomainError, match="ネットワーク"):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), client_ip="203.0.113.9", **kw)
    ok = punch(world, "in", "b", now=jst(2026, 6, 1, 8, 1), client_ip="10.1.22.3", **kw)
    assert ok.created
    assert ok.event.location_id == world.honcho.pk


def test_ip_allowed_rules() -> None:
    assert ip_allowed("", None)
    assert not ip_allowed("10.0.0.0/8", None)
    assert not ip_allowed("10.0.0.0/8", "not-an-ip")
    assert ip_allowed("10.0.0.0/8\n::1/128", "::1")


def test_location_choices_are_checked(world: World) -> None:
    with pytest.raises(DomainError, match="勤務地"):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), location_kind=LocationKind.WORKATION)
    with pytest.raises(DomainError, match="どの勤務場所"):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), location_kind=LocationKind.SATELLITE)
    branch = WorkLocation.objects.create(kind=LocationKind.BRANCH, name="北支所")
    with pytest.raises(DomainError, match="区分が違います"):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), location_kind=LocationKind.SATELLITE, location_id=branch.pk)
    ok = punch(
        world, "in", "a", now=jst(2026, 6, 1, 8, 0), location_kind=LocationKind.WORKATION, location_note="白浜町"
    )
    assert ok.event.location_note == "白浜町"


def test_staff_cannot_punch_for_someone_else(world: World) -> None:
    with pytest.raises(NotPermitted):
        punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0), employee=world.staff2.employee)


def test_clerk_enters_for_unit_staff_with_reason_and_audit(world: World) -> None:
    kw = {"at": jst(2026, 6, 1, 8, 30), "employee": world.staff.employee, "user": "clerk"}
    with pytest.raises(DomainError, match="理由"):
        punch(world, "in", "a", now=jst(2026, 6, 2, 9, 0), **kw)
    result = punch(world, "in", "a", now=jst(2026, 6, 2, 9, 0), reason="打刻忘れ", **kw)
    assert result.event.source == ClockSource.PROXY
    assert result.event.entered_by_id == world.clerk.pk
    audit = AuditEvent.objects.get(action="attendance.clocked_by_proxy")
    assert audit.actor_id == world.clerk.pk
    assert audit.after["reason"] == "打刻忘れ"


def test_clerk_cannot_enter_outside_their_units(world: World) -> None:
    with pytest.raises(NotPermitted):
        punch(world, "in", "a", now=jst(2026, 6, 2, 9, 0), user="clerk", employee=world.outsider.employee,
              at=jst(2026, 6, 1, 8, 30), reason="打刻忘れ")  # fmt: skip


def test_every_punch_is_audited(world: World) -> None:
    punch(world, "in", "a", now=jst(2026, 6, 1, 8, 0))
    assert AuditEvent.objects.filter(action="attendance.clocked", actor_id=world.staff.pk).count() == 1


def test_telework_beyond_the_weekly_policy_warns(world: World) -> None:
    from jinji.attendance.models import AttendancePolicy

    AttendancePolicy.objects.create(telework_max_days_per_week=1)
    first = punch(world, "in", "mon", now=jst(2026, 6, 1, 8, 30))  # 月
    assert "上限" not in first.message
    punch(world, "out", "mon-out", now=jst(2026, 6, 1, 17, 30))
    second = punch(world, "in", "tue", now=jst(2026, 6, 2, 8, 30), location_kind=LocationKind.WORKATION,
                   location_note="白浜町")  # fmt: skip
    assert second.created
    assert "週1日" in second.message
    punch(world, "out", "tue-out", now=jst(2026, 6, 2, 17, 30))
    office = punch(world, "in", "wed", now=jst(2026, 6, 3, 8, 30), location_kind=LocationKind.MAIN_OFFICE,
                   location_id=world.honcho.pk)  # fmt: skip
    assert "上限" not in office.message
