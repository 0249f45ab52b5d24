"""Attendance admin screens: work locations (CIDR ranges, seats), schedules (times, breaks, daily
minutes, the default), effective-dated assignments, the policy; permissions, audit, field-named errors."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.attendance.models import AttendancePolicy, LocationKind, Schedule, ScheduleAssignment, WorkLocation
from jinji.attendance.services.admin_locations import parse_location, work_location_save
from jinji.attendance.services.admin_policy import attendance_policy_save, parse_policy
from jinji.attendance.services.admin_schedules import (
    parse_assignment,
    parse_schedule,
    schedule_assign,
    schedule_save,
)
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from tests.attendance.conftest import World

pytestmark = pytest.mark.django_db
STANDARD = {"code": "standard", "name": "標準", "start": "08:30", "end": "17:15", "break_start": "12:00",
            "break_end": "13:00", "is_default": "1"}  # fmt: skip


def _fields(exc: pytest.ExceptionInfo[DomainError]) -> dict[str, str]:
    return {p.field: p.message for p in exc.value.problems}


def test_networks_must_be_cidr_and_the_error_names_the_line() -> None:
    raw = {"kind": "branch", "name": "北出張所", "allowed_networks": "10.1.0.0/16\n\n10.2.0.1/16\nabc"}
    with pytest.raises(DomainError) as exc:
        parse_location(raw)
    messages = [p.message for p in exc.value.problems if p.field == "打刻を許すネットワーク"]
    assert len(messages) == 2
    assert messages[0].startswith("3行目「10.2.0.1/16」")  # host bits set
    assert messages[1].startswith("4行目「abc」")
    ok = parse_location({**raw, "allowed_networks": " 10.1.0.0/16 \n2001:db8::/32", "is_active": "1"})
    assert ok.allowed_networks == "10.1.0.0/16\n2001:db8::/32"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"kind": "home", "name": "x"}, "区分"),
        ({"kind": "branch", "name": ""}, "名称"),
        ({"kind": "satellite", "name": "駅前", "seats": "0"}, "座席数"),
        ({"kind": "satellite", "name": "駅前", "seats": "-3"}, "座席数"),
    ],
)
def test_location_fields_are_checked(raw: dict[str, str], field: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse_location(raw)
    assert field in _fields(exc)


def test_location_save_is_audited_unique_and_hr_only(world: World) -> None:
    data = parse_location({"kind": "satellite", "name": "駅前サテライト", "seats": "6", "is_active": "1"})
    saved = work_location_save(acting_user=world.hr, location_id=None, data=data)
    assert (saved.kind, saved.seats, saved.is_active) == (LocationKind.SATELLITE, 6, True)
    assert AuditEvent.objects.filter(action="attendance.location_saved", target_id=str(saved.pk)).count() == 1
    with pytest.raises(DomainError) as exc:
        work_location_save(acting_user=world.hr, location_id=None, data=data)
    assert "既に登録" in _fields(exc)["名称"]
    changed = parse_location({"kind": "satellite", "name": "駅前サテライト", "seats": "8"})
    assert work_location_save(acting_user=world.hr, location_id=saved.pk, data=changed).seats == 8
    assert not WorkLocation.objects.get(pk=saved.pk).is_active
    with pytest.raises(NotPermitted):
        work_location_save(acting_user=world.head, location_id=saved.pk, data=data)


def test_location_page_shows_the_error_and_saves_nothing(world: World) -> None:
    c = Client()
    c.force_login(world.hr)
    form = {"kind": "main_office", "name": "第二庁舎", "allowed_networks": "192.168.1.300/24"}
    body = c.post("/attendance/admin/locations/", form).content.decode()
    assert "1行目「192.168.1.300/24」はCIDR表記のネットワークではありません" in body
    assert not WorkLocation.objects.filter(name="第二庁舎").exists()
    c.post("/attendance/admin/locations/", {**form, "allowed_networks": "192.168.1.0/24"})
    assert WorkLocation.objects.get(name="第二庁舎").allowed_networks == "192.168.1.0/24"


def test_standard_day_is_seven_hours_forty_five() -> None:
    assert parse_schedule(STANDARD).daily_minutes == 465  # 8:30–17:15, 休憩60分 (勤務時間条例)
    staggered = parse_schedule({**STANDARD, "start": "07:30", "end": "16:15", "break_start": "11:30",
                                "break_end": "12:30"})  # fmt: skip
    assert staggered.daily_minutes == 465
    no_break = parse_schedule({**STANDARD, "start": "09:00", "end": "12:00", "break_start": "", "break_end": ""})
    assert no_break.daily_minutes == 180


@pytest.mark.parametrize(
    ("change", "field", "fragment"),
    [
        ({"end": "08:00"}, "終業", "より後"),
        ({"end": "08:30"}, "終業", "より後"),
        ({"break_start": "07:00", "break_end": "08:00"}, "休憩開始", "勤務時間 (08:30〜17:15) の中"),
        ({"break_start": "17:00", "break_end": "18:00"}, "休憩開始", "の中"),
        ({"break_start": "13:00", "break_end": "12:00"}, "休憩終了", "開始より後"),
        ({"break_end": ""}, "休憩", "両方"),
        ({"start": "8時半"}, "始業", "HH:MM"),
        ({"start": ""}, "始業", "入力"),
        ({"code": ""}, "コード", "20文字"),
    ],
)
def test_schedule_errors_name_the_field(change: dict[str, str], field: str, fragment: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse_schedule({**STANDARD, **change})
    assert fragment in _fields(exc).get(field, ""), _fields(exc)


def test_one_default_schedule_and_the_page_shows_daily_minutes(world: World) -> None:
    first = schedule_save(acting_user=world.hr, schedule_id=None, data=parse_schedule(STANDARD))
    second = schedule_save(
        acting_user=world.hr, schedule_id=None, data=parse_schedule({**STANDARD, "code": "A", "name": "時差出勤A"})
    )
    assert list(Schedule.objects.filter(is_default=True)) == [second]
    with pytest.raises(DomainError) as exc:
        schedule_save(acting_user=world.hr, schedule_id=first.pk, data=parse_schedule({**STANDARD, "code": "A"}))
    assert "既に使われています" in _fields(exc)["コード"]
    c = Client()
    c.force_login(world.hr)
    body = c.get("/attendance/admin/schedules/").content.decode()
    assert "7時間45分" in body
    assert "08:30〜17:15" in body
    assert AuditEvent.objects.filter(action="attendance.schedule_saved").count() == 2


def _assign(world: World, schedule: Schedule, start: str, end: str = "", days: tuple[str, ...] = ("0", "1")) -> None:
    staff_number = world.staff.employee.staff_number if world.staff.employee else ""
    raw = {"staff_number": staff_number, "schedule": str(schedule.pk), "valid_from": start, "valid_to": end}
    schedule_assign(acting_user=world.hr, data=parse_assignment(raw, list(days)))


def test_assignment_closes_the_open_one_and_refuses_overlaps(world: World) -> None:
    schedule = schedule_save(acting_user=world.hr, schedule_id=None, data=parse_schedule(STANDARD))
    _assign(world, schedule, "2026-04-01")
    _assign(world, schedule, "2026-07-01", "2026-09-30", ("0", "2", "4"))
    rows = list(ScheduleAssignment.objects.order_by("valid_from").values_list("valid_from", "valid_to", "weekdays"))
    assert rows == [
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "01"),
        (datetime.date(2026, 7, 1), datetime.date(2026, 9, 30), "024"),
    ]
    with pytest.raises(DomainError) as exc:
        _assign(world, schedule, "2026-09-01")
    assert "2026-07-01〜2026-09-30" in _fields(exc)["適用開始日"]
    with pytest.raises(DomainError) as exc:
        schedule_assign(
            acting_user=world.hr,
            data=parse_assignment({"staff_number": "X999", "schedule": str(schedule.pk), "valid_from": "2026-10-01"},
                                  ["0"]),
        )  # fmt: skip
    assert "X999" in _fields(exc)["職員番号"]
    raw = {"staff_number": "X", "schedule": str(schedule.pk), "valid_from": "2026-10-01"}
    with pytest.raises(NotPermitted):
        schedule_assign(acting_user=world.clerk, data=parse_assignment(raw, ["0"]))
    assert AuditEvent.objects.filter(action="attendance.schedule_assigned").count() == 2
    c = Client()
    c.force_login(world.hr)
    staff_number = world.staff.employee.staff_number if world.staff.employee else ""
    page = c.get(f"/attendance/admin/schedules/assign/?staff_number={staff_number}").content.decode()
    assert 'id="assignments"' in page
    assert "月水金" in page


def test_assignment_input_errors() -> None:
    with pytest.raises(DomainError) as exc:
        parse_assignment({"staff_number": "", "schedule": "", "valid_from": "2026-13-01", "valid_to": ""}, ["9"])
    assert set(_fields(exc)) == {"職員番号", "割振り", "適用開始日", "勤務する曜日"}
    with pytest.raises(DomainError) as exc:
        parse_assignment({"staff_number": "1", "schedule": "1", "valid_from": "2026-05-01", "valid_to": "2026-04-01"},
                         ["0"])  # fmt: skip
    assert "適用終了日" in _fields(exc)


def test_policy_is_validated_saved_once_and_audited(world: World) -> None:
    with pytest.raises(DomainError) as exc:
        parse_policy({"grant_basis": "monthly", "telework_max_days_per_week": "8", "workation_max_days_per_year": "x"})
    assert set(_fields(exc)) == {
        "年次休暇の付与",
        "在宅勤務の上限(週あたり日数)",
        "ワーケーションの上限(年度あたり日数)",
    }
    data = parse_policy({"grant_basis": "fiscal", "telework_max_days_per_week": "3", "workation_max_days_per_year": ""})
    attendance_policy_save(acting_user=world.hr, data=data)
    attendance_policy_save(acting_user=world.hr, data=parse_policy({"grant_basis": "fiscal",
                           "telework_max_days_per_week": "1", "workation_max_days_per_year": "10"}))  # fmt: skip
    policy = AttendancePolicy.objects.get()
    assert (policy.telework_max_days_per_week, policy.workation_max_days_per_year) == (1, 10)
    assert AuditEvent.objects.filter(action="attendance.policy_saved").count() == 2
    with pytest.raises(NotPermitted):
        attendance_policy_save(acting_user=world.clerk, data=data)
    c = Client()
    c.force_login(world.staff)
    assert c.get("/attendance/admin/policy/").status_code == 403
