"""休暇: grants, balances in hours, requests through the workflow, overlaps, the 出勤簿, uptake."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinji.accounts.models import User
from jinji.attendance.leave_requests import LeaveAsk, parse_leave
from jinji.attendance.models import ClockEvent, ClockKind, EntryKind, LeaveAccount, LeaveEntry, LeaveKind, LocationKind
from jinji.attendance.selectors import monthly_summary
from jinji.attendance.selectors.leave import leave_balances
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.attendance.services.leave import leave_grant_year, leave_use_record
from jinji.core.errors import DomainError, NotPermitted
from jinji.rules.leave import LeaveQuantity, LeaveUnit
from jinji.workflow.models import InstanceStatus
from jinji.workflow.services import instance_approve, instance_create
from tests.accounts.builders import make_employee
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db
DAY = 465


def _grant(w: World, employee_id: int, days: int = 20, on: datetime.date = datetime.date(2026, 1, 1)) -> LeaveAccount:
    account = LeaveAccount.objects.create(employee_id=employee_id, kind=LeaveKind.ANNUAL, daily_minutes=DAY)
    LeaveEntry.objects.create(account=account, employee_id=employee_id, entry_kind=EntryKind.GRANT, on=on, days=days,
                              expires_on=datetime.date(2027, 12, 31))  # fmt: skip
    return account


def _balance(w: World, employee_id: int, on: datetime.date = datetime.date(2026, 12, 31)) -> int:
    return leave_balances(organization_id=w.org.pk, employee_ids=[employee_id], on=on)[
        employee_id
    ].balance.total_minutes


def _hours(w: World, day: datetime.date, start: str, hours: int) -> LeaveAsk:
    payload = {"kind": "annual", "unit": "hour", "date": day.isoformat(), "start": start, "hours": hours}
    return parse_leave(payload, organization_id=w.org.pk)


def _apply(user: User, payload: dict[str, object], key: str = ""):  # type: ignore[no-untyped-def]
    return instance_create(acting_user=user, application_type="leave_request", subject="休暇", payload=payload,
                           attributes={"days": 0}, idempotency_key=key or None)  # fmt: skip


def test_two_hours_of_annual_leave_through_the_workflow(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    eid = world.staff.employee_id
    assert eid is not None
    _grant(world, eid)
    payload = {"kind": "annual", "unit": "hour", "date": "2026-06-10", "start": "15:15", "hours": "2"}
    instance = _apply(world.staff, payload)
    assert not LeaveEntry.objects.filter(entry_kind=EntryKind.USE).exists()
    done = instance_approve(instance=instance, acting_user=world.head)
    assert done.status == InstanceStatus.APPROVED
    assert _balance(world, eid) == 20 * DAY - 120  # 19日5時間45分
    # The 出勤簿 counts it: worked 8:30–15:15 with 2h leave → no early leave, 120 minutes excused.
    for kind, at in ((ClockKind.CLOCK_IN, jst(2026, 6, 10, 8, 30)), (ClockKind.CLOCK_OUT, jst(2026, 6, 10, 15, 15))):
        ClockEvent.objects.create(employee_id=eid, kind=kind, occurred_at=at, received_at=at,
                                  business_date=datetime.date(2026, 6, 10), location_kind=LocationKind.HOME,
                                  idempotency_key=f"k{kind}", entered_by=world.staff)  # fmt: skip
    s = monthly_summary(organization=world.org, employee_ids=[eid], year=2026, month=6)[eid]
    assert s.early_leave_minutes == 0
    assert s.excused_minutes == 120


def test_leave_beyond_the_balance_is_refused_at_submission(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    eid = world.staff.employee_id
    assert eid is not None
    _grant(world, eid, days=1)
    payload = {"kind": "annual", "unit": "day", "date": "2026-06-10", "days": "2"}
    with pytest.raises(DomainError, match="残日数が不足しています"):
        _apply(world.staff, payload)


def test_overlapping_requests_are_refused(world: World) -> None:
    eid = world.staff.employee_id
    assert eid is not None
    _grant(world, eid)
    leave_use_record(acting_user=world.head, employee_id=eid, ask=_hours(world, datetime.date(2026, 6, 10), "13:00", 2),
                     application_id=None)  # fmt: skip
    with pytest.raises(DomainError, match="重なっています"):
        leave_use_record(acting_user=world.head, employee_id=eid,
                         ask=_hours(world, datetime.date(2026, 6, 10), "14:00", 2), application_id=None)  # fmt: skip
    day = parse_leave(
        {"kind": "annual", "unit": "day", "date": "2026-06-09", "days": "2"}, organization_id=world.org.pk
    )
    with pytest.raises(DomainError, match="重なっています"):
        leave_use_record(acting_user=world.head, employee_id=eid, ask=day, application_id=None)
    assert _balance(world, eid) == 20 * DAY - 120


def test_bad_payload_names_the_field(world: World) -> None:
    with pytest.raises(DomainError) as info:
        parse_leave({"kind": "x", "unit": "hour", "date": "2026-06-10", "start": "25:00", "hours": "9"},
                    organization_id=world.org.pk)  # fmt: skip
    fields = {p.field for p in info.value.problems}
    assert {"payload.kind", "payload.start"} <= fields


def test_half_day_uses_the_schedule_halves(world: World) -> None:
    am = parse_leave(
        {"kind": "annual", "unit": "half_day", "date": "2026-06-10", "half": "am"}, organization_id=world.org.pk
    )
    pm = parse_leave(
        {"kind": "annual", "unit": "half_day", "date": "2026-06-10", "half": "pm"}, organization_id=world.org.pk
    )
    assert am.amount == LeaveQuantity(0, 210)
    assert pm.amount == LeaveQuantity(0, 255)
    assert am.starts_at == jst(2026, 6, 10, 8, 30)
    assert pm.ends_at == jst(2026, 6, 10, 17, 15)


_counter = itertools.count()


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(requests=st.lists(st.tuples(st.sampled_from(["day", "hour"]), st.integers(1, 7)), min_size=1, max_size=8))
def test_grant_minus_approved_uses_is_the_balance_and_never_negative(
    world: World, requests: list[tuple[str, int]]
) -> None:
    employee = make_employee(world.org, world.kakari)
    _grant(world, employee.pk, days=3)
    used = 0
    for n, (unit, count) in enumerate(requests):
        day = datetime.date(2026, 6, 1) + datetime.timedelta(days=10 * n)
        payload = {"kind": "annual", "unit": unit, "date": day.isoformat(), "days": str(min(count, 5)),
                   "start": "09:00", "hours": str(count)}  # fmt: skip
        ask = parse_leave(payload, organization_id=world.org.pk)
        wanted = ask.amount.to_minutes(DAY)
        app_id = next(_counter) + 10**6
        if wanted > 3 * DAY - used:
            with pytest.raises(DomainError, match="残日数が不足"):
                leave_use_record(acting_user=world.head, employee_id=employee.pk, ask=ask, application_id=app_id)
        else:
            leave_use_record(acting_user=world.head, employee_id=employee.pk, ask=ask, application_id=app_id)
            used += wanted
        balance = _balance(world, employee.pk)
        assert balance == 3 * DAY - used
        assert balance >= 0


def test_leave_grant_year_prorates_the_hire_year_and_carries_over(world: World) -> None:
    eid = world.staff.employee_id
    assert eid is not None
    late = make_employee(world.org, world.kakari, valid_from=datetime.date(2026, 4, 1))
    late.hired_on = datetime.date(2026, 4, 1)
    late.save()
    assert leave_grant_year(acting_user=world.hr, year=2026) >= 2
    assert leave_grant_year(acting_user=world.hr, year=2026) == 0  # runs again safely
    assert _balance(world, late.pk, datetime.date(2026, 4, 1)) == 15 * DAY  # April hire, calendar year
    assert _balance(world, eid, datetime.date(2026, 1, 1)) == 20 * DAY
    leave_grant_year(acting_user=world.hr, year=2027)
    assert _balance(world, eid, datetime.date(2027, 1, 1)) == 40 * DAY  # 20 carried (≤ 20) + 20
    with pytest.raises(NotPermitted):
        leave_grant_year(acting_user=world.clerk, year=2027)


def test_uptake_page_lists_covered_staff(world: World) -> None:
    from django.test import Client

    eid = world.staff.employee_id
    assert eid is not None
    _grant(world, eid, on=datetime.date(2026, 1, 1))
    c = Client()
    c.force_login(world.head)
    body = c.get("/attendance/leave/uptake/").content.decode()
    assert "残り 5日" in body
    assert world.outsider.employee is not None
    assert world.outsider.employee.staff_number not in body


def test_my_leave_page_submits_a_request(world: World) -> None:
    from django.test import Client

    attendance_definitions_seed(acting_user=world.hr)
    assert world.staff.employee_id is not None
    _grant(world, world.staff.employee_id)
    c = Client()
    c.force_login(world.staff)
    form = {
        "kind": "annual",
        "unit": "hour",
        "date": "2026-06-10",
        "start": "15:15",
        "hours": "2",
        "idempotency_key": "l1",
    }
    page = c.post("/attendance/leave/", form, follow=True).content.decode()
    assert "休暇を申請しました" in page
    assert '<strong id="annual-balance">20日</strong>' in page  # not recorded until approved
    from jinji.workflow.models import WorkflowInstance

    assert WorkflowInstance.objects.filter(application_type="leave_request", applicant=world.staff).count() == 1


def test_unit_of_use_is_kept(world: World) -> None:
    eid = world.staff.employee_id
    assert eid is not None
    _grant(world, eid)
    ask = _hours(world, datetime.date(2026, 6, 10), "09:00", 1)
    entry = leave_use_record(acting_user=world.head, employee_id=eid, ask=ask, application_id=None)
    assert entry.unit == LeaveUnit.HOUR


def test_sick_leave_warns_before_the_90_paid_days_end(world: World) -> None:
    from django.test import Client

    from jinji.attendance.selectors.leave import sick_leave_status_of

    eid = world.staff.employee_id
    assert eid is not None
    account = LeaveAccount.objects.create(employee_id=eid, kind=LeaveKind.SICK, daily_minutes=DAY)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=84)
    begins = jst(start.year, start.month, start.day, 0, 0)
    LeaveEntry.objects.create(
        account=account, employee_id=eid, entry_kind=EntryKind.USE, on=start, days=88, unit="day",
        starts_at=begins, ends_at=begins + datetime.timedelta(days=88),
    )  # fmt: skip
    status = sick_leave_status_of(organization_id=world.org.pk, employee_id=eid, on=today)
    assert status is not None
    assert status.warning
    assert status.used_days == 85
    assert status.remaining_days == 5
    c = Client()
    c.force_login(world.staff)
    assert "残り 5日" in c.get("/attendance/leave/").content.decode()


def test_fiscal_year_appointee_gets_the_proportional_grant(world: World) -> None:
    from jinji.rules.leave import continuous_service_months, proportional_grant_days, proportional_grant_table

    part = make_employee(world.org, world.kakari, appointment_type="fiscal_year_part", weekly_minutes=1200,
                         valid_from=datetime.date(2024, 4, 1))  # fmt: skip
    part.hired_on = datetime.date(2024, 4, 1)
    part.save()
    leave_grant_year(acting_user=world.hr, year=2026)
    table = proportional_grant_table(datetime.date(2026, 1, 1)).data
    months = continuous_service_months(datetime.date(2024, 4, 1), datetime.date(2026, 1, 1))
    expected = proportional_grant_days(table, service_months=months, weekly_minutes=1200, weekly_days=3)
    assert 0 < expected < 20
    grant = LeaveEntry.objects.get(employee=part, entry_kind=EntryKind.GRANT)
    assert grant.days == expected


def test_leave_grant_command(world: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("leave_grant", organization=world.org.code, year=2026, stdout=out)
    assert "年次休暇を" in out.getvalue()
    assert "leave_request" in out.getvalue()
    assert LeaveEntry.objects.filter(entry_kind=EntryKind.GRANT).count() >= 6
