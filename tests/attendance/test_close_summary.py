"""出勤簿の確認 → 勤怠締め, closed months, and the monthly summary payroll reads."""

from __future__ import annotations

import datetime

import pytest

from jinji.attendance.models import (
    ClockEvent,
    ClockKind,
    LocationKind,
    OvertimeOrder,
    Schedule,
    ScheduleAssignment,
    SheetStatus,
)
from jinji.attendance.selectors import is_month_closed, monthly_summary
from jinji.attendance.services.clock import PunchRequest, clock_punch
from jinji.attendance.services.close import month_close, sheet_confirm_by_head, sheet_confirm_by_staff
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def _confirm_all(w: World) -> None:
    for user in (w.staff, w.staff2):
        sheet_confirm_by_staff(acting_user=user, year=2026, month=6)
        assert user.employee_id is not None
        sheet_confirm_by_head(acting_user=w.head, employee_id=user.employee_id, year=2026, month=6)


def test_head_cannot_confirm_before_staff(world: World) -> None:
    assert world.staff.employee_id is not None
    with pytest.raises(DomainError, match="本人が確認していない"):
        sheet_confirm_by_head(acting_user=world.head, employee_id=world.staff.employee_id, year=2026, month=6)


def test_close_requires_every_sheet_confirmed_by_the_head(world: World) -> None:
    sheet_confirm_by_staff(acting_user=world.staff, year=2026, month=6)
    with pytest.raises(DomainError, match="2 件"):
        month_close(acting_user=world.clerk, org_unit_id=world.kakari.pk, year=2026, month=6)
    assert not is_month_closed(organization=world.org, year=2026, month=6, org_unit_id=world.kakari.pk)


def test_full_close_flow_then_punches_and_confirmations_are_refused(world: World) -> None:
    _confirm_all(world)
    close = month_close(acting_user=world.clerk, org_unit_id=world.kakari.pk, year=2026, month=6)
    assert close.closed_by_id == world.clerk.pk
    assert AuditEvent.objects.filter(action="attendance.month_closed").count() == 1
    assert is_month_closed(organization=world.org, year=2026, month=6, org_unit_id=world.kakari.pk)
    assert is_month_closed(organization=world.org.pk, year=2026, month=6, employee_id=world.staff.employee_id)
    assert not is_month_closed(organization=world.org, year=2026, month=6)  # 総務課 and 税務課 still open
    with pytest.raises(DomainError, match="既に締め済み"):
        month_close(acting_user=world.clerk, org_unit_id=world.kakari.pk, year=2026, month=6)
    with pytest.raises(DomainError, match="勤怠締め済み"):
        sheet_confirm_by_staff(acting_user=world.staff, year=2026, month=6)
    req = PunchRequest(employee_id=world.staff.employee.pk, kind="in", location_kind="home", idempotency_key="late",  # type: ignore[arg-type]
                       at=jst(2026, 6, 10, 8, 30), reason="打刻忘れ")  # fmt: skip
    with pytest.raises(DomainError, match="勤怠締め済み"):
        clock_punch(acting_user=world.clerk, request=req, now=jst(2026, 7, 2, 9, 0))


def test_close_is_limited_to_the_clerks_units(world: World) -> None:
    with pytest.raises(NotPermitted):
        month_close(acting_user=world.clerk, org_unit_id=world.other.pk, year=2026, month=6)
    with pytest.raises(NotPermitted):
        month_close(acting_user=world.head, org_unit_id=world.kakari.pk, year=2026, month=6)


def test_staff_confirm_after_head_confirm_is_refused(world: World) -> None:
    _confirm_all(world)
    with pytest.raises(DomainError, match="所属長が確認済み"):
        sheet_confirm_by_staff(acting_user=world.staff, year=2026, month=6)


def _event(w: World, kind: str, at: datetime.datetime, day: datetime.date) -> None:
    assert w.staff.employee_id is not None
    ClockEvent.objects.create(
        employee_id=w.staff.employee_id, kind=kind, occurred_at=at, received_at=at, business_date=day,
        location_kind=LocationKind.HOME, idempotency_key=f"{kind}{at.isoformat()}", entered_by=w.staff,
    )  # fmt: skip


def test_monthly_summary_matches_hand_computed_minutes(world: World) -> None:
    # 6/1 (月) 8:30–19:15: worked 10h45 − 1h break = 585, regular 465, overtime 120 (平日).
    _event(world, ClockKind.CLOCK_IN, jst(2026, 6, 1, 8, 30), datetime.date(2026, 6, 1))
    _event(world, ClockKind.CLOCK_OUT, jst(2026, 6, 1, 19, 15), datetime.date(2026, 6, 1))
    # 6/2 (火) 9:00–17:15: 15 minutes late, worked 435.
    _event(world, ClockKind.CLOCK_IN, jst(2026, 6, 2, 9, 0), datetime.date(2026, 6, 2))
    _event(world, ClockKind.CLOCK_OUT, jst(2026, 6, 2, 17, 15), datetime.date(2026, 6, 2))
    # 6/6 (土, 週休日) 10:00–12:00: 120 週休日 overtime.
    _event(world, ClockKind.CLOCK_IN, jst(2026, 6, 6, 10, 0), datetime.date(2026, 6, 6))
    _event(world, ClockKind.CLOCK_OUT, jst(2026, 6, 6, 12, 0), datetime.date(2026, 6, 6))
    eid = world.staff.employee_id
    assert eid is not None
    # Overtime counts only inside approved 時間外勤務命令 (issue 5 §5; unordered time is a warning).
    for day, start, end in ((1, jst(2026, 6, 1, 17, 15), jst(2026, 6, 1, 19, 15)),
                            (6, jst(2026, 6, 6, 10, 0), jst(2026, 6, 6, 12, 0))):  # fmt: skip
        OvertimeOrder.objects.create(employee_id=eid, day=datetime.date(2026, 6, day), starts_at=start, ends_at=end,
                                     ordered_minutes=120)  # fmt: skip
    s = monthly_summary(organization=world.org, employee_ids=[eid, world.staff2.employee_id or 0], year=2026, month=6)[
        eid
    ]
    assert s.worked_minutes == 585 + 435 + 120
    assert s.regular_minutes == 465 + 435
    assert s.overtime_normal == 120
    assert s.overtime_rest_day == 120
    assert s.late_minutes == 30
    assert s.worked_days == 2
    assert s.off_days_worked == 1
    assert s.absence_days == 22 - 2  # June 2026 has 22 weekdays and no 祝日


def test_monthly_summary_uses_the_assigned_staggered_schedule(world: World) -> None:
    early = Schedule.objects.create(code="A", name="時差A 7:30", start_minute=450, end_minute=975,
                                    break_start_minute=720, break_end_minute=780)  # fmt: skip
    eid = world.staff.employee_id
    assert eid is not None
    ScheduleAssignment.objects.create(employee_id=eid, schedule=early, valid_from=datetime.date(2026, 6, 1))
    _event(world, ClockKind.CLOCK_IN, jst(2026, 6, 1, 7, 30), datetime.date(2026, 6, 1))
    _event(world, ClockKind.CLOCK_OUT, jst(2026, 6, 1, 16, 15), datetime.date(2026, 6, 1))
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.regular_minutes == 465
    assert s.late_minutes == 0
    assert s.cap_minutes == 0


def test_monthly_summary_query_count_is_constant(world: World, django_assert_max_num_queries: object) -> None:
    ids = [u.employee_id or 0 for u in (world.staff, world.staff2, world.head, world.clerk, world.outsider)]
    # plan (transfers, default schedule, rotations, assignments), punches, leave, overtime orders
    with django_assert_max_num_queries(7):  # type: ignore[operator]
        result = monthly_summary(organization=world.org, employee_ids=ids, year=2026, month=6)
    assert set(result) == set(ids)


def test_incomplete_day_is_left_out_and_reported(world: World) -> None:
    _event(world, ClockKind.CLOCK_IN, jst(2026, 6, 3, 8, 30), datetime.date(2026, 6, 3))
    eid = world.staff.employee_id
    assert eid is not None
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.worked_minutes == 0


def test_sheet_statuses_progress(world: World) -> None:
    sheet = sheet_confirm_by_staff(acting_user=world.staff, year=2026, month=6)
    assert sheet.status == SheetStatus.STAFF_CONFIRMED
