"""デモ市's past months of 勤怠 (the seed-demo step ``attendance.months``): punches on every planned 勤務日,
出勤簿 confirmed, every unit closed, so the monthly summary payroll reads is closed and absence-free."""

from __future__ import annotations

import datetime

import pytest

from jinji.accounts.models import User
from jinji.attendance.demo_month import attendance_demo_months
from jinji.attendance.models import (
    AttendanceSheet,
    ClockEvent,
    LocationKind,
    OvertimeOrder,
    ScheduleAssignment,
    SheetStatus,
)
from jinji.attendance.selectors.closes import closed_unit_ids, is_month_closed
from jinji.attendance.selectors.sheet import monthly_summary
from jinji.core.models import Organization, as_of_q
from jinji.core.tenancy import tenant_context
from jinji.demo.extras import DEMO_STEPS, run_demo_extras
from jinji.demo.seed import DEMO_ORGANIZATION_CODE, seed_demo
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 6, 10)
MAY_END = datetime.date(2026, 5, 31)
MAY_WORKDAYS = 18
"""May 2026: 21 weekdays less みどりの日 (5/4), こどもの日 (5/5) and the 振替休日 of 憲法記念日 (5/6)."""
STEPS = tuple(s for s in DEMO_STEPS if s.key in {"attendance.leave", "attendance.locations", "attendance.months"})


@pytest.fixture
def city() -> Organization:
    seed_demo(employees=120, seed=2, as_of=datetime.date(2026, 4, 1))
    org = Organization.objects.get(code=DEMO_ORGANIZATION_CODE)
    run_demo_extras(organization=org, on=ON, seed=2, steps=STEPS)
    return org


def _may_posts() -> dict[int, Assignment]:
    rows = Assignment.objects.filter(as_of_q(MAY_END), kind=AssignmentKind.PRIMARY).exclude(is_on_leave=True)
    return {a.employee_id: a for a in rows}


def test_sample_employee_has_a_closed_absence_free_month(city: Organization) -> None:
    with tenant_context(city):
        staff = User.objects.get(username="demo-staff").employee_id
        assert staff is not None
        summary = monthly_summary(organization=city, employee_ids=[staff], year=2026, month=5)[staff]
        assert (summary.absence_days, summary.absence_minutes) == (0, 0)
        assert summary.worked_days + summary.paid_leave_days == MAY_WORKDAYS
        assert summary.regular_minutes >= summary.worked_days * 465
        assert is_month_closed(organization=city, year=2026, month=5, employee_id=staff)
        sheet = AttendanceSheet.objects.get(employee_id=staff, year=2026, month=5)
        assert sheet.status == SheetStatus.HEAD_CONFIRMED
        assert sheet.head_confirmed_by is not None
        thursdays = ClockEvent.objects.filter(employee_id=staff, business_date=datetime.date(2026, 5, 14))
        assert {e.location_kind for e in thursdays} == {LocationKind.HOME}  # demo-staff's telework day


def test_every_unit_is_closed_and_nobody_is_absent_a_whole_day(city: Organization) -> None:
    with tenant_context(city):
        posts = _may_posts()
        assert len(posts) > 100
        assert {a.org_unit_id for a in posts.values()} <= closed_unit_ids(organization=city, year=2026, month=5)
        assert closed_unit_ids(organization=city, year=2026, month=4), "April too (会計年度任用職員 paid in arrears)"
        summaries = monthly_summary(organization=city, employee_ids=list(posts), year=2026, month=5)
        assert all(s.absence_days == 0 for s in summaries.values())
        assert all(s.worked_days + s.paid_leave_days > 0 for s in summaries.values())
        late = {eid for eid, s in summaries.items() if s.absence_minutes}
        assert all(posts[eid].appointment_type == AppointmentType.REGULAR for eid in late)
        assert len(late) <= len(posts) // 10


def test_part_timers_work_their_weekly_hours_without_absence(city: Organization) -> None:
    with tenant_context(city):
        part = {eid: a for eid, a in _may_posts().items() if a.weekly_minutes < 2325}
        assert part, "the demo has part-time 会計年度任用職員"
        assert set(part) <= set(ScheduleAssignment.objects.values_list("employee_id", flat=True))
        summaries = monthly_summary(organization=city, employee_ids=list(part), year=2026, month=5)
        for eid, s in summaries.items():
            assert (s.absence_days, s.absence_minutes) == (0, 0), eid
            weeks = (s.regular_minutes + s.excused_minutes) / part[eid].weekly_minutes
            assert 3 <= weeks <= 5, (eid, s)  # about four weeks of their hours (May has the 連休)


def test_ordered_overtime_is_counted_and_the_step_adds_nothing_twice(city: Organization) -> None:
    with tenant_context(city):
        order = OvertimeOrder.objects.filter(day__month=5).order_by("pk").first()
        assert order is not None
        assert order.confirmed_minutes == 120
        summary = monthly_summary(organization=city, employee_ids=[order.employee_id], year=2026, month=5)
        assert summary[order.employee_id].overtime_normal == 120
        punches = ClockEvent.objects.count()
        hr = User.objects.get(username="demo-hr")
        again = attendance_demo_months(
            acting_user=hr, months=[datetime.date(2026, 4, 1), datetime.date(2026, 5, 1)], seed=2
        )
        assert again == {}
        assert ClockEvent.objects.count() == punches
