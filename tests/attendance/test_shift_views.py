"""Shift admin screens: patterns (人事担当・庶務担当), the roster (staff × 4 weeks), assigning a rotation
and a 週休日の振替 through the forms; the 出勤簿 shows the plan's label and warnings."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.attendance.models import RestDayTransfer, ShiftPattern, ShiftRotation
from tests.attendance.conftest import World

pytestmark = pytest.mark.django_db
FIRE = "当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-04:30\n非番,非番\n週休,週休日"


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def test_pattern_form_saves_and_reports_errors_by_line(world: World) -> None:
    c = _client(world.clerk)
    bad = c.post("/attendance/shifts/", {"code": "F", "name": "消防", "days": "当番,勤務,08:30\n非番,休み"})
    body = bad.content.decode()
    assert "1行目" in body
    assert "2行目" in body
    assert not ShiftPattern.objects.exists()
    ok = c.post("/attendance/shifts/", {"code": "F", "name": "消防", "days": FIRE}, follow=True)
    text = ok.content.decode()
    assert "交替制勤務のパターン「消防」を保存しました" in text
    assert "当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-04:30" in text  # shown back as entered
    assert _client(world.head).get("/attendance/shifts/").status_code == 403


def test_roster_assign_and_transfer_through_the_forms(world: World, django_assert_max_num_queries: object) -> None:
    c = _client(world.clerk)
    c.post("/attendance/shifts/", {"code": "F", "name": "消防", "days": FIRE})
    pattern = ShiftPattern.objects.get()
    eid = world.staff.employee_id
    assert eid is not None
    start = {"unit": world.kakari.pk, "start": "2026-06-01"}
    c.post("/attendance/shifts/assign/", {**start, "employee": eid, "pattern": pattern.pk, "valid_from": "2026-06-01",
                                          "position": "1"})  # fmt: skip
    assert ShiftRotation.objects.get().start_offset == 0
    with django_assert_max_num_queries(25):  # type: ignore[operator]
        page = c.get(f"/attendance/shifts/roster/?unit={world.kakari.pk}&start=2026-06-01")
    body = page.content.decode()
    assert page.status_code == 200
    assert body.count('title="当番"') == 10  # 6/1, 6/4 … 6/28 for the rotating staff member
    assert "38時間45分" in body
    head = _client(world.head)
    eid2 = world.staff2.employee_id
    form = {**start, "employee": eid2, "work_on": "2026-06-06", "rest_on": "2026-06-10", "reason": "防災訓練"}
    done = head.post("/attendance/shifts/transfer/", form, follow=True)
    assert "週休日を振り替えました" in done.content.decode()
    assert RestDayTransfer.objects.get().rest_on == datetime.date(2026, 6, 10)
    refused = head.post("/attendance/shifts/assign/", {**start, "employee": eid2, "pattern": pattern.pk,
                                                       "valid_from": "2026-06-01", "position": "1"})  # fmt: skip
    assert refused.status_code == 403  # 所属長 may 振替 but not assign rotations
    sheet = _client(world.staff2).get("/attendance/sheet/?year=2026&month=6").content.decode()
    assert "勤務日(振替)" in sheet
    assert "週休日(振替)" in sheet


def test_staff_enters_the_actual_on_the_overtime_page_and_the_head_sees_it(world: World) -> None:
    from jinji.attendance.models import OvertimeActual, OvertimeOrder
    from tests.attendance.conftest import jst

    eid = world.staff.employee_id
    assert eid is not None
    order = OvertimeOrder.objects.create(employee_id=eid, day=datetime.date(2026, 11, 2),
                                         starts_at=jst(2026, 11, 2, 17, 15), ends_at=jst(2026, 11, 2, 19, 15),
                                         ordered_minutes=120)  # fmt: skip
    c = _client(world.staff)
    page = c.post("/attendance/overtime/actual/", {"order": order.pk, "start": "17:15", "end": "18:30"}, follow=True)
    body = page.content.decode()
    assert "実績を入力しました" in body
    assert "入力済み 17:15〜18:30" in body
    assert OvertimeActual.objects.get(order=order).minutes == 75
    bad = c.post("/attendance/overtime/actual/", {"order": order.pk, "start": "x", "end": "18:30"}, follow=True)
    assert "HH:MM" in bad.content.decode()
    other = _client(world.staff2).post("/attendance/overtime/actual/", {"order": order.pk, "start": "17:15",
                                                                        "end": "18:00"}, follow=True)  # fmt: skip
    assert "自分の時間外勤務命令の実績のみ入力できます" in other.content.decode()
    dashboard = _client(world.head).get("/attendance/overtime/dashboard/").content.decode()
    assert "本人の実績 17:15〜18:30" in dashboard
    assert 'value="75"' in dashboard
