"""The clock page, the API endpoint, and the 出勤簿 pages (status, content, query counts)."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.accounts.tokens import api_token_issue
from jinji.attendance.models import ClockEvent, ClockKind, ClockSource, LocationKind
from tests.accounts.builders import make_employee, make_user
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    return c


def test_clock_page_shows_big_buttons_and_location_choice(world: World) -> None:
    response = _client(world.staff).get("/attendance/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="clock-button clock-button--in"' in body
    assert 'value="home"' in body
    assert "本庁舎" in body
    assert 'name="idempotency_key"' in body


def test_clock_page_post_records_and_a_resubmitted_form_does_not(world: World) -> None:
    c = _client(world.staff)
    form = {"kind": "in", "location_kind": "home", "idempotency_key": "form-1"}
    assert c.post("/attendance/", form).status_code == 302
    assert c.post("/attendance/", form).status_code == 302
    assert ClockEvent.objects.count() == 1
    page = c.get("/attendance/").content.decode()
    assert "出勤" in page
    assert "在宅" in page


def test_clock_page_error_is_shown_in_japanese(world: World) -> None:
    c = _client(world.staff)
    response = c.post("/attendance/", {"kind": "in", "location_kind": "workation", "idempotency_key": "x"}, follow=True)
    assert "ワーケーションの場合は勤務地" in response.content.decode()
    assert not ClockEvent.objects.exists()


def test_api_clock_creates_then_returns_the_same_event(world: World) -> None:
    key = api_token_issue(acting_user=None, user=world.staff, name="t").key
    c = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = {"kind": "in", "location_kind": "home", "idempotency_key": "api-1"}
    first = c.post("/api/attendance/clock", body, content_type="application/json")
    second = c.post("/api/attendance/clock", body, content_type="application/json")
    assert first.status_code == 201
    assert second.status_code == 200
    assert first.json()["id"] == second.json()["id"]
    assert ClockEvent.objects.count() == 1


def test_api_offline_punch_and_errors(world: World) -> None:
    key = api_token_issue(acting_user=None, user=world.staff, name="t").key
    c = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    recent = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)).isoformat()
    ok = c.post("/api/attendance/clock", {"kind": "in", "location_kind": "home", "idempotency_key": "o1",
                                          "device_time": recent}, content_type="application/json")  # fmt: skip
    assert ok.status_code == 201
    assert ok.json()["source"] == ClockSource.OFFLINE
    bad = c.post("/api/attendance/clock", {"kind": "x", "location_kind": "home", "idempotency_key": "o2"},
                 content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["field"] == "打刻種別"
    assert Client().post("/api/attendance/clock", {}, content_type="application/json").status_code == 401


def _punch_day(w: World, employee_id: int, day: datetime.date) -> None:
    for kind, hour in ((ClockKind.CLOCK_IN, 8), (ClockKind.CLOCK_OUT, 18)):
        at = jst(day.year, day.month, day.day, hour, 30)
        ClockEvent.objects.create(
            employee_id=employee_id, kind=kind, occurred_at=at, received_at=at, business_date=day,
            location_kind=LocationKind.HOME, idempotency_key=f"{employee_id}-{day}-{kind}", entered_by=w.clerk,
        )  # fmt: skip


def _grow_unit(w: World, n: int) -> None:
    for _ in range(n):
        emp = make_employee(w.org, w.kakari)
        make_user(w.org, employee=emp)
        for d in (1, 2, 3):
            _punch_day(w, emp.pk, datetime.date(2026, 6, d))


@pytest.mark.parametrize("size", [2, 12])
def test_unit_sheet_queries_do_not_grow_with_staff(
    world: World, size: int, django_assert_max_num_queries: object
) -> None:
    _grow_unit(world, size)
    c = _client(world.head)
    with django_assert_max_num_queries(22):  # type: ignore[operator]
        response = c.get(f"/attendance/units/?year=2026&month=6&unit={world.kakari.pk}")
    assert response.status_code == 200
    assert response.content.decode().count('class="cell--worked"') == 3 * size


@pytest.mark.parametrize("days", [1, 3])
def test_my_sheet_queries_are_bounded(world: World, days: int, django_assert_max_num_queries: object) -> None:
    assert world.staff.employee is not None
    for d in range(1, days + 1):
        _punch_day(world, world.staff.employee.pk, datetime.date(2026, 6, d))
    c = _client(world.staff)
    with django_assert_max_num_queries(14):  # type: ignore[operator]
        response = c.get("/attendance/sheet/?year=2026&month=6")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("在宅") == 2 * days


def test_sheet_pdf_is_a_pdf_with_the_month(world: World) -> None:
    assert world.staff.employee is not None
    _punch_day(world, world.staff.employee.pk, datetime.date(2026, 6, 1))
    response = _client(world.staff).get("/attendance/sheet/pdf/?year=2026&month=6")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "shukkinbo-2026-06.pdf" in response["Content-Disposition"]
