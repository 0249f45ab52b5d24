"""API contract: submit (files as base64) → inbox → approve → the 認定簿; errors as Japanese JSON naming
the field; 403 for out-of-scope (audited), 409 for a stale version, 404 for what one may not see."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from django.test import Client

from jinji.accounts.models import User
from jinji.accounts.tokens import api_token_issue
from jinji.audit.models import AuditEvent
from jinji.workflow import events as workflow_events
from tests.applications.conftest import COMMUTE_BY_CAR, GIF, PDF, Town

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user: User) -> None:
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {api_token_issue(acting_user=None, user=user, name='t').key}"}

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api{path}", params, **self.headers)  # type: ignore[arg-type]

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(f"/api{path}", body, content_type="application/json", **self.headers)  # type: ignore[arg-type]


def submission(**changes: Any) -> dict[str, Any]:
    body = {
        "application_type": "commuting_notification",
        "effective_on": "2026-04-01",
        "payload": COMMUTE_BY_CAR,
        "attachments": [{"name": "teiki.pdf", "content_base64": base64.b64encode(PDF).decode()}],
        "idempotency_key": "api-1",
    }
    return {**body, **changes}


def errors(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def test_submit_approve_and_read_the_register(town: Town) -> None:
    staff = Api(town.staff)
    response = staff.post("/applications/submit", submission())
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "in_progress"
    assert created["current_step_name"] == "係長承認"
    assert created["payload"]["distance_km"] == "12.3"
    again = staff.post("/applications/submit", submission())
    assert again.status_code == 201
    assert again.json()["id"] == created["id"], "the same idempotency key returns the same application"

    mine = staff.get("/workflow/applications").json()
    assert mine["total"] == 1
    assert mine["counts_by_status"] == {"in_progress": 1}

    version = created["version"]
    for user in (town.kakaricho, town.kacho, town.payroll):
        api = Api(user)
        inbox = api.get("/workflow/inbox").json()
        assert [i["instance_id"] for i in inbox["items"]] == [created["id"]]
        assert inbox["approval_count"] == 1
        result = api.post(f"/workflow/applications/{created['id']}/approve", {"version": version, "comment": "確認"})
        assert result.status_code == 200, result.content
        version = result.json()["version"]
    assert result.json()["status"] == "approved"

    register = Api(town.payroll).get("/applications/determinations", on="2026-04-01", kind="commuting").json()
    assert register["total"] == 1
    row = register["items"][0]
    assert (row["monthly_amount"], row["nontaxable_amount"], row["taxable_amount"]) == (7_100, 7_100, 0)
    assert row["staff_number"] == town.staff.employee.staff_number  # type: ignore[union-attr]
    assert row["source_application_id"] == created["id"]
    detail = staff.get(f"/workflow/applications/{created['id']}").json()
    assert [t["action"] for t in detail["timeline"]] == ["submit", "approve", "approve", "final_approve"]


def test_bad_payload_names_the_field(town: Town) -> None:
    response = Api(town.staff).post(
        "/applications/submit", submission(payload={**COMMUTE_BY_CAR, "distance_km": "12.34"}, idempotency_key=None)
    )
    assert response.status_code == 400
    assert "0.1km単位" in errors(response)["payload.distance_km"]


def test_bad_files_are_refused_with_the_reason(town: Town) -> None:
    api = Api(town.staff)
    gif = [{"name": "x.pdf", "content_base64": base64.b64encode(GIF).decode()}]
    response = api.post("/applications/submit", submission(attachments=gif, idempotency_key=None))
    assert response.status_code == 400
    assert "添付できない形式" in errors(response)["attachments"]
    broken = [{"name": "x.pdf", "content_base64": "***"}]
    response = api.post("/applications/submit", submission(attachments=broken, idempotency_key=None))
    assert "Base64" in errors(response)["attachments.0"]
    response = api.post("/applications/submit", submission(application_type="nope", idempotency_key=None))
    assert response.status_code == 400
    assert "申請種別" in errors(response)["application_type"]


def test_proxy_entry_out_of_scope_is_403(town: Town) -> None:
    response = Api(town.other_clerk).post(
        "/applications/submit", submission(applicant_employee_id=town.staff.employee_id)
    )
    assert response.status_code == 403
    assert "代理入力" in errors(response)["applicant"]
    ok = Api(town.clerk).post("/applications/submit", submission(applicant_employee_id=town.staff.employee_id))
    assert ok.status_code == 201


def test_approving_out_of_scope_stale_and_unseen(town: Town) -> None:
    created = Api(town.staff).post("/applications/submit", submission()).json()
    url = f"/workflow/applications/{created['id']}"
    refused = Api(town.outsider).post(f"{url}/approve", {"version": created["version"]})
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(action=workflow_events.REFUSED, actor_id=town.outsider.pk).exists()
    stale = Api(town.kakaricho).post(f"{url}/approve", {"version": created["version"] - 1})
    assert stale.status_code == 409
    assert Api(town.outsider).get(url).status_code == 404
    no_reason = Api(town.kakaricho).post(f"{url}/send-back", {"version": created["version"], "comment": ""})
    assert no_reason.status_code == 400
    assert "理由" in errors(no_reason)["comment"]
    back = Api(town.kakaricho).post(
        f"{url}/send-back", {"version": created["version"], "comment": "定期券の写しが不鮮明"}
    )
    assert back.json()["status"] == "sent_back"


def test_bulk_approve_reports_each_item(town: Town) -> None:
    api = Api(town.staff)
    first = api.post("/applications/submit", submission(idempotency_key="a")).json()
    second = api.post("/applications/submit", submission(idempotency_key="b")).json()
    outcome = Api(town.kakaricho).post(
        "/workflow/inbox/bulk-approve",
        {"items": [{"id": first["id"], "version": first["version"]}, {"id": second["id"], "version": 999}]},
    )
    assert outcome.status_code == 200
    assert [(o["id"], o["ok"]) for o in outcome.json()] == [(first["id"], True), (second["id"], False)]


def test_the_register_is_for_payroll_and_hr_only(town: Town) -> None:
    assert Api(town.staff).get("/applications/determinations").status_code == 403
    assert Api(town.hr).get("/applications/determinations").status_code == 200
    bad = Api(town.payroll).get("/applications/determinations", kind="bonus")
    assert bad.status_code == 400
    assert "手当" in errors(bad)["kind"]


def test_types_are_listed(town: Town) -> None:
    types = Api(town.staff).get("/applications/types").json()
    assert [t["code"] for t in types][:3] == ["address_change", "name_change", "bank_account_change"]
    assert next(t for t in types if t["code"] == "commuting_notification")["allowance"] == "commuting"


def test_detail_shows_approvers_the_summary_with_the_account_number_masked(town: Town) -> None:
    bank = {
        "bank_code": "0001",
        "bank_name": "みずほ銀行",
        "branch_code": "001",
        "branch_name": "東京営業部",
        "account_type": "1",
        "account_number": "0123456",
        "holder_kana": "ショクイン タロウ",
    }
    created = (
        Api(town.staff)
        .post("/applications/submit", submission(application_type="bank_account_change", payload=bank))
        .json()
    )
    url = f"/workflow/applications/{created['id']}"
    seen_by_approver = Api(town.kakaricho).get(url).json()
    assert seen_by_approver["payload"] is None
    assert {"label": "口座番号", "value": "****456"} in seen_by_approver["summary"]
    assert Api(town.staff).get(url).json()["payload"]["account_number"] == "0123456"
