"""Shift rotations, 週休日の振替 and overtime actuals through the per-day plan into the 出勤簿 and the
monthly summary. Expected minutes are hand-derived from §C7 (rate classes: 勤務日 125, 週休日・非番
and 休日 overtime 135, 22–5時 +25; 休日給 for the hours of a 休日) and §D (振替 window 4週間前〜8週間後)."""

from __future__ import annotations

import datetime

import pytest

from jinji.attendance.models import ClockEvent, ClockKind, LocationKind, OvertimeOrder
from jinji.attendance.selectors import monthly_summary
from jinji.attendance.selectors.plan import day_plans
from jinji.attendance.selectors.sheet import monthly_rows
from jinji.attendance.services.overtime_actual import actual_span, overtime_actual_confirm, overtime_actual_report
from jinji.attendance.shifts.roster import unit_roster
from jinji.attendance.shifts.services import rest_day_transfer_record, shift_pattern_save, shift_rotation_assign
from jinji.core.errors import DomainError, NotPermitted
from jinji.rules.attendance import DayType
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db
D = datetime.date
T = datetime.time
FIRE = "当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-04:30\n非番,非番\n週休,週休日"  # 当番 = 930 minutes


def _eid(user: object) -> int:
    eid = getattr(user, "employee_id", None)
    assert isinstance(eid, int)
    return eid


def _punch(w: World, eid: int, start: datetime.datetime, end: datetime.datetime, day: datetime.date) -> None:
    for kind, at in ((ClockKind.CLOCK_IN, start), (ClockKind.CLOCK_OUT, end)):
        ClockEvent.objects.create(
            employee_id=eid, kind=kind, occurred_at=at, received_at=at, business_date=day,
            location_kind=LocationKind.MAIN_OFFICE, idempotency_key=f"{eid}{kind}{at.isoformat()}", entered_by=w.staff,
        )  # fmt: skip


def _on_fire_rotation(w: World) -> int:
    pattern, warnings = shift_pattern_save(acting_user=w.hr, code="FIRE3", name="消防3日周期", days_text=FIRE)
    assert warnings == []  # from day 1: 10 当番 in 28 days = 9,300 minutes = 38h45m × 4
    eid = _eid(w.staff)
    # 2026-05-30 is day 3 (週休) of the cycle → 5/31 当番, 6/1 非番, … 6/30 当番 (31 days later).
    shift_rotation_assign(acting_user=w.clerk, employee_id=eid, pattern_id=pattern.pk, valid_from=D(2026, 5, 30),
                          start_offset=2)  # fmt: skip
    return eid


def test_rotation_plan_across_the_month_boundary(world: World) -> None:
    eid = _on_fire_rotation(world)
    plans = day_plans(organization=world.org, employee_ids=[eid], first=D(2026, 5, 29), last=D(2026, 7, 1))[eid]
    assert plans[D(2026, 5, 29)].source == "default"  # before the rotation: Friday, the standard day
    assert [plans[D(2026, 5, d)].label for d in (30, 31)] == ["週休", "当番"]
    assert [plans[D(2026, 6, d)].label for d in (1, 2, 3, 30)] == ["非番", "週休", "当番", "当番"]
    assert plans[D(2026, 7, 1)].label == "非番"
    assert plans[D(2026, 6, 1)].day_type is DayType.WEEKLY_REST_DAY  # 非番: no hours, no absence
    assert plans[D(2026, 6, 6)].schedule is not None  # 6/6 (土) is a 当番 day in the rotation
    assert plans[D(2026, 6, 6)].day_type is DayType.WORKDAY


def test_night_duty_with_ordered_overtime_into_the_next_month(world: World) -> None:
    eid = _on_fire_rotation(world)
    # 当番 6/30 8:30 → 7/1 10:30; ordered 7/1 8:30–10:30 (after the duty, on the 非番 day).
    _punch(world, eid, jst(2026, 6, 30, 8, 30), jst(2026, 7, 1, 10, 30), D(2026, 6, 30))
    OvertimeOrder.objects.create(employee_id=eid, day=D(2026, 6, 30), starts_at=jst(2026, 7, 1, 8, 30),
                                 ends_at=jst(2026, 7, 1, 10, 30), ordered_minutes=120)  # fmt: skip
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.regular_minutes == 930
    assert s.night_work == 30  # 04:30–05:00 of the duty is regular time at night (夜勤手当)
    assert s.overtime_rest_day == 120  # 7/1 is 非番 (no hours): 135/100, not 125/100
    assert s.overtime_normal == 0
    assert s.absence_days == 9  # the other 9 当番 of June without punches; 非番・週休 are never absences
    july = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=7)[eid]
    assert july.worked_minutes == 0  # the night belongs to the month of its business date


def test_unordered_time_is_a_warning_not_overtime(world: World) -> None:
    eid = _eid(world.staff2)
    _punch(world, eid, jst(2026, 6, 1, 8, 30), jst(2026, 6, 1, 19, 15), D(2026, 6, 1))
    rows = monthly_rows(organization=world.org, employee_ids=[eid], year=2026, month=6, upto=D(2026, 6, 30))[eid]
    first = rows[0]
    assert first.record is not None
    assert first.record.overtime_minutes == 0
    assert first.record.unordered_minutes == 120
    assert any("命令のない時間外の勤務 2時間" in w for w in first.warnings)
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.cap_minutes == 0
    assert s.unordered_minutes == 120


def test_holiday_overtime_across_midnight(world: World) -> None:
    eid = _eid(world.staff2)
    # 2026-07-20 海の日 (月): 8:30 → 7/21 (火) 1:00, ordered 17:15–翌1:00.
    _punch(world, eid, jst(2026, 7, 20, 8, 30), jst(2026, 7, 21, 1, 0), D(2026, 7, 20))
    OvertimeOrder.objects.create(employee_id=eid, day=D(2026, 7, 20), starts_at=jst(2026, 7, 20, 17, 15),
                                 ends_at=jst(2026, 7, 21, 1, 0), ordered_minutes=465)  # fmt: skip
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=7)[eid]
    assert s.holiday_work == 465  # the 休日's own hours: 休日給
    assert s.overtime_rest_day == 285  # 17:15–22:00 on the 休日
    assert s.overtime_rest_day_night == 120  # 22:00–24:00
    assert s.overtime_normal_night == 60  # 0:00–1:00 on Tuesday, a 勤務日: 125 + 25


def test_staff_reports_the_actual_and_the_head_confirms_it(world: World) -> None:
    eid = _eid(world.staff)
    _punch(world, eid, jst(2026, 6, 2, 8, 30), jst(2026, 6, 2, 19, 0), D(2026, 6, 2))
    order = OvertimeOrder.objects.create(employee_id=eid, day=D(2026, 6, 2), starts_at=jst(2026, 6, 2, 17, 15),
                                         ends_at=jst(2026, 6, 2, 20, 15), ordered_minutes=180)  # fmt: skip
    rows = monthly_rows(organization=world.org, employee_ids=[eid], year=2026, month=6, upto=D(2026, 6, 30))[eid]
    assert any("実績が未確認" in w for w in rows[1].warnings)
    assert actual_span(D(2026, 6, 2), T(22, 0), T(1, 30)) == (jst(2026, 6, 2, 22, 0), jst(2026, 6, 3, 1, 30))
    with pytest.raises(NotPermitted):
        overtime_actual_report(acting_user=world.staff2, order_id=order.pk, start=T(17, 15), end=T(18, 15))
    overtime_actual_report(acting_user=world.staff, order_id=order.pk, start=T(17, 15), end=T(18, 45))
    with pytest.raises(NotPermitted):
        overtime_actual_confirm(acting_user=world.clerk, order_id=order.pk)
    confirmed = overtime_actual_confirm(acting_user=world.head, order_id=order.pk)
    assert confirmed.confirmed_minutes == 90
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.overtime_normal == 90  # 17:15–18:45 confirmed; 18:45–19:00 worked but not confirmed
    assert s.unordered_minutes == 15
    with pytest.raises(DomainError, match="確認済み"):
        overtime_actual_report(acting_user=world.staff, order_id=order.pk, start=T(17, 15), end=T(18, 45))


def test_rest_day_transfer_moves_the_rest_day(world: World) -> None:
    eid = _eid(world.staff)
    rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 6), rest_on=D(2026, 6, 10),
                             reason="イベント対応")  # fmt: skip
    plans = day_plans(organization=world.org, employee_ids=[eid], first=D(2026, 6, 1), last=D(2026, 6, 30))[eid]
    assert plans[D(2026, 6, 6)].day_type is DayType.WORKDAY
    assert plans[D(2026, 6, 6)].transferred
    assert plans[D(2026, 6, 10)].day_type is DayType.WEEKLY_REST_DAY
    _punch(world, eid, jst(2026, 6, 6, 8, 30), jst(2026, 6, 6, 17, 15), D(2026, 6, 6))
    rows = monthly_rows(organization=world.org, employee_ids=[eid], year=2026, month=6, upto=D(2026, 6, 30))[eid]
    sat, wed = rows[5].record, rows[9].record
    assert sat is not None
    assert sat.regular_minutes == 465
    assert sat.overtime_minutes == 0  # regular hours, not 週休日 work
    assert wed is not None
    assert not wed.absent_whole_day
    assert rows[5].label == "勤務日(振替)"


def test_rest_day_transfer_refusals(world: World) -> None:
    eid = _eid(world.staff)
    with pytest.raises(DomainError, match="期間の外"):  # 6/6 + 8 weeks = 8/1
        rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 6),
                                 rest_on=D(2026, 8, 3), reason="x")  # fmt: skip
    with pytest.raises(DomainError, match="週休日ではない"):
        rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 8),
                                 rest_on=D(2026, 6, 9), reason="x")  # fmt: skip
    with pytest.raises(DomainError, match="理由"):
        rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 6),
                                 rest_on=D(2026, 6, 9), reason=" ")  # fmt: skip
    with pytest.raises(NotPermitted):
        rest_day_transfer_record(acting_user=world.clerk, employee_id=_eid(world.outsider), work_on=D(2026, 6, 6),
                                 rest_on=D(2026, 6, 9), reason="x")  # fmt: skip
    with pytest.raises(NotPermitted):
        rest_day_transfer_record(acting_user=world.staff, employee_id=eid, work_on=D(2026, 6, 6),
                                 rest_on=D(2026, 6, 9), reason="x")  # fmt: skip
    rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 6), rest_on=D(2026, 6, 9),
                             reason="x")  # fmt: skip
    with pytest.raises(DomainError, match="既に振替済み"):
        rest_day_transfer_record(acting_user=world.head, employee_id=eid, work_on=D(2026, 6, 7),
                                 rest_on=D(2026, 6, 9), reason="x")  # fmt: skip


def test_pattern_and_rotation_refusals(world: World) -> None:
    with pytest.raises(DomainError) as info:
        shift_pattern_save(acting_user=world.hr, code="X", name="誤り", days_text="当番,勤務,08:30\n非番,休み")
    assert [p.row for p in info.value.problems] == [1, 2]
    with pytest.raises(NotPermitted):
        shift_pattern_save(acting_user=world.staff, code="X", name="x", days_text="非番,非番")
    _, warnings = shift_pattern_save(
        acting_user=world.hr, code="TWO", name="2部制", days_text="\n".join(FIRE.split("\n")[:2])
    )
    assert len(warnings) == 1  # 14 当番 in 4 weeks = 54h15m a week
    assert "54時間15分" in warnings[0]
    pattern, _ = shift_pattern_save(acting_user=world.hr, code="FIRE3", name="消防", days_text=FIRE)
    with pytest.raises(NotPermitted):
        shift_rotation_assign(acting_user=world.clerk, employee_id=_eid(world.outsider), pattern_id=pattern.pk,
                              valid_from=D(2026, 6, 1), start_offset=0)  # fmt: skip
    with pytest.raises(DomainError, match="1〜3"):
        shift_rotation_assign(acting_user=world.hr, employee_id=_eid(world.outsider), pattern_id=pattern.pk,
                              valid_from=D(2026, 6, 1), start_offset=3)  # fmt: skip


def test_roster_and_summary_queries_are_bounded(world: World, django_assert_max_num_queries: object) -> None:
    eid = _on_fire_rotation(world)
    ids = [eid, _eid(world.staff2), _eid(world.head), _eid(world.clerk)]
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        monthly_summary(organization=world.org, employee_ids=ids, year=2026, month=6)
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        roster = unit_roster(organization_id=world.org.pk, org_unit_id=world.kakari.pk, first=D(2026, 6, 1))
    line = next(x for x in roster.lines if x.employee.pk == eid)
    assert [p.label for p in line.plans[:3]] == ["非番", "週休", "当番"]
    assert line.weekly_average == 930 * 9 // 4  # 9 当番 in 6/1–6/28: 34h52m a week
    assert line.within


def test_overtime_hours_carry_across_a_transfer_within_the_year(world: World) -> None:
    """The caps count the employee's orders of the fiscal year whatever unit they were in (§5)."""
    from jinji.attendance.overtime_orders import OvertimeAsk
    from jinji.attendance.services.overtime import overtime_cap_check
    from jinji.personnel.models import Assignment
    from tests.factories import AssignmentFactory

    eid = _eid(world.outsider)
    for month in range(4, 12):  # 44 h a month in 税務課, April–November: 352 h
        OvertimeOrder.objects.create(employee_id=eid, day=D(2026, month, 10), starts_at=jst(2026, month, 10, 17, 15),
                                     ends_at=jst(2026, month, 10, 19, 15), ordered_minutes=44 * 60)  # fmt: skip
    Assignment.objects.filter(employee_id=eid).update(valid_to=D(2026, 11, 30))
    AssignmentFactory(employee=world.outsider.employee, organization=world.org, org_unit=world.kakari,
                      valid_from=D(2026, 12, 1))  # fmt: skip
    ask = OvertimeAsk(D(2026, 12, 10), jst(2026, 12, 10, 17, 15), jst(2026, 12, 11, 1, 15), "予算", "")
    with pytest.raises(DomainError, match="特例業務"):  # 352 h + 10 h = 362 h > 360 h, in the new unit too
        overtime_cap_check(organization_id=world.org.pk, employee_id=eid, ask=ask, add=10 * 60)
    check = overtime_cap_check(organization_id=world.org.pk, employee_id=eid, ask=ask, add=8 * 60)  # 360 h: allowed
    assert check.minutes == 8 * 60  # December's own hours
    assert check.allowed


def test_a_pattern_in_use_cannot_be_rewritten(world: World) -> None:
    _on_fire_rotation(world)  # FIRE3 assigned: changing its days would rewrite past 出勤簿
    with pytest.raises(DomainError, match="割り当て済み"):
        shift_pattern_save(acting_user=world.hr, code="FIRE3", name="消防", days_text="非番,非番")
