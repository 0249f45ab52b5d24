"""REST API for leave, overtime and the 出勤簿: my data, workflow submission, the head's and the
clerk's actions, and refusals out of scope (Japanese errors)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from jinji.accounts.tokens import api_token_issue
from jinji.attendance.models import (
    AttendanceSheet,
    ClockEvent,
    ClockKind,
    EntryKind,
    LeaveAccount,
    LeaveEntry,
    LeaveKind,
    LocationKind,
    MonthClose,
    OvertimeOrder,
    SheetStatus,
)
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.workflow.models import WorkflowInstance
from tests.attendance.conftest import World, jst

pytestmark = pytest.mark.django_db


def _api(user: object) -> Client:
    key = api_token_issue(acting_user=None, user=user, name="t").key  # type: ignore[arg-type]
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def _post(c: Client, url: str, body: dict[str, Any]) -> Any:
    return c.post(url, body, content_type="application/json")


def _eid(user: object) -> int:
    eid = getattr(user, "employee_id", None)
    assert isinstance(eid, int)
    return eid


def test_leave_balances_and_a_request_submitted_to_the_workflow(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    eid = _eid(world.staff)
    account = LeaveAccount.objects.create(employee_id=eid, kind=LeaveKind.ANNUAL, daily_minutes=465)
    expires = datetime.date(2027, 12, 31)
    LeaveEntry.objects.create(account=account, employee_id=eid, entry_kind=EntryKind.GRANT,
                              on=datetime.date(2026, 1, 1), days=20, expires_on=expires)  # fmt: skip
    c = _api(world.staff)
    body = c.get("/api/attendance/leave/balances").json()
    assert body["balances"] == [{"kind": "annual", "kind_label": "年次休暇", "days": 20, "minutes": 0,
                                 "daily_minutes": 465, "used_minutes": 0}]  # fmt: skip
    request = {"kind": "annual", "unit": "hour", "date": "2026-12-10", "start": "15:15", "hours": "2",
               "idempotency_key": "k1"}  # fmt: skip
    response = _post(c, "/api/attendance/leave/requests", request)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] != "draft"  # submitted to the route
    assert WorkflowInstance.objects.get(pk=created["application_id"]).application_type == "leave_request"
    again = _post(c, "/api/attendance/leave/requests", request)  # resent: the same application
    assert again.json()["application_id"] == created["application_id"]
    listed = c.get("/api/attendance/leave/requests?year=2026").json()
    assert [a["id"] for a in listed["applications"]] == [created["application_id"]]


def test_leave_request_errors_name_the_field_in_japanese(world: World) -> None:
    response = _post(_api(world.staff), "/api/attendance/leave/requests",
                     {"kind": "nap", "unit": "day", "date": "2026-12-10"})  # fmt: skip
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"field": "payload.kind", "message": "休暇の種類を選んでください"} in errors
    assert _post(_api(world.staff), "/api/attendance/leave/requests", {"unit": "day"}).status_code == 400


def test_overtime_request_actual_and_head_confirmation(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    eid = _eid(world.staff)
    response = _post(_api(world.staff), "/api/attendance/overtime/requests",
                     {"date": "2026-12-10", "start": "17:15", "end": "19:15", "reason": "予算編成"})  # fmt: skip
    assert response.status_code == 201, response.content
    order = OvertimeOrder.objects.create(employee_id=eid, day=datetime.date(2026, 12, 11),
                                         starts_at=jst(2026, 12, 11, 17, 15), ends_at=jst(2026, 12, 11, 19, 15),
                                         ordered_minutes=120)  # fmt: skip
    url = f"/api/attendance/overtime/orders/{order.pk}"
    other = _post(_api(world.staff2), f"{url}/actual", {"start": "17:15", "end": "18:00"})
    assert other.status_code == 403
    assert other.json()["errors"][0]["message"] == "自分の時間外勤務命令の実績のみ入力できます"
    reported = _post(_api(world.staff), f"{url}/actual", {"start": "17:15", "end": "18:45"})
    assert reported.status_code == 200
    assert datetime.datetime.fromisoformat(reported.json()["actual_ends_at"]) == jst(2026, 12, 11, 18, 45)
    assert _post(_api(world.clerk), f"{url}/confirm", {}).status_code == 403
    confirmed = _post(_api(world.head), f"{url}/confirm", {})
    assert confirmed.status_code == 200
    assert confirmed.json()["confirmed_minutes"] == 90
    mine = _api(world.staff).get("/api/attendance/overtime/orders").json()
    assert [(o["id"], o["confirmed_minutes"]) for o in mine] == [(order.pk, 90)]
    assert _post(_api(world.head), f"{url}/confirm", {"actual_minutes": -5}).status_code == 400


def test_my_sheet_rows_totals_and_confirmation(world: World) -> None:
    eid = _eid(world.staff)
    for kind, at in ((ClockKind.CLOCK_IN, jst(2026, 6, 1, 8, 30)), (ClockKind.CLOCK_OUT, jst(2026, 6, 1, 18, 15))):
        ClockEvent.objects.create(employee_id=eid, kind=kind, occurred_at=at, received_at=at,
                                  business_date=datetime.date(2026, 6, 1), location_kind=LocationKind.HOME,
                                  idempotency_key=str(at), entered_by=world.staff)  # fmt: skip
    c = _api(world.staff)
    body = c.get("/api/attendance/sheets/me?year=2026&month=6").json()
    assert len(body["days"]) == 30
    first = body["days"][0]
    assert first["label"] == "勤務日"
    assert first["worked_minutes"] == 525
    assert first["overtime_minutes"] == 0  # no order: shown as a warning instead
    assert first["warnings"] == ["命令のない時間外の勤務 1時間(超過勤務には計上されません)"]
    assert body["totals"]["unordered_minutes"] == 60
    assert body["days"][5]["label"] == "週休日"
    assert c.get("/api/attendance/sheets/me?year=2026&month=13").status_code == 400
    assert _post(c, "/api/attendance/sheets/me/confirm", {"year": 2026, "month": 6}).json()["status"] == (
        SheetStatus.STAFF_CONFIRMED
    )


def test_unit_sheet_head_confirm_and_close_with_scope(world: World) -> None:
    unit = world.kakari.pk
    for user in (world.staff, world.staff2):
        _post(_api(user), "/api/attendance/sheets/me/confirm", {"year": 2026, "month": 6})
    head, clerk = _api(world.head), _api(world.clerk)
    body = head.get(f"/api/attendance/sheets/units/{unit}?year=2026&month=6").json()
    assert {s["employee_id"] for s in body["staff"]} == {_eid(world.staff), _eid(world.staff2)}
    assert body["closed"] is False
    assert _api(world.staff).get(f"/api/attendance/sheets/units/{unit}?year=2026&month=6").status_code == 403
    assert head.get(f"/api/attendance/sheets/units/{world.other.pk}?year=2026&month=6").status_code == 403
    assert head.get("/api/attendance/sheets/units/999999?year=2026&month=6").status_code == 404
    refused = _post(head, "/api/attendance/sheets/head-confirm",
                    {"employee_id": _eid(world.outsider), "year": 2026, "month": 6})  # fmt: skip
    assert refused.status_code == 403
    for user in (world.staff, world.staff2):
        ok = _post(head, "/api/attendance/sheets/head-confirm", {"employee_id": _eid(user), "year": 2026, "month": 6})
        assert ok.status_code == 200
    assert _post(head, "/api/attendance/sheets/close", {"org_unit_id": unit, "year": 2026, "month": 6}).status_code == (
        403
    )
    closed = _post(clerk, "/api/attendance/sheets/close", {"org_unit_id": unit, "year": 2026, "month": 6})
    assert closed.status_code == 200
    assert MonthClose.objects.filter(org_unit_id=unit, year=2026, month=6).exists()
    assert AttendanceSheet.objects.filter(status=SheetStatus.HEAD_CONFIRMED).count() == 2
    again = _post(clerk, "/api/attendance/sheets/close", {"org_unit_id": unit, "year": 2026, "month": 6})
    assert again.status_code == 400
    assert "締め済み" in again.json()["errors"][0]["message"]


def test_api_needs_a_token(world: World) -> None:
    assert Client().get("/api/attendance/sheets/me?year=2026&month=6").status_code == 401
    assert Client().get("/api/attendance/leave/balances").status_code == 401
