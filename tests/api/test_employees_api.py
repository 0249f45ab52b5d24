"""Contract of /api/employees: auth, tenancy, validation errors in Japanese, versioned update."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from jinji.accounts.models import User
from jinji.personnel.models import Employee
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db
Bearer = Callable[[User], dict[str, str]]


def test_requires_a_token(client: Client, town: Town) -> None:
    response = client.get("/api/employees")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("認証が必要です")
    assert response["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/employees", headers={"Authorization": "Bearer jinji_wrong"}).status_code == 401


def test_session_login_is_not_enough(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    assert client.get("/api/employees").status_code == 401


def test_search_by_kana_and_former_name(client: Client, town: Town, bearer: Bearer) -> None:
    headers = bearer(town.user("hr"))
    body = client.get("/api/employees", {"q": "すずき"}, headers=headers).json()
    assert body["total"] == 1
    assert body["items"][0]["staff_number"] == "100001"
    assert body["items"][0]["unit_name"] == "総務課"


def test_list_is_scoped_for_unit_head(client: Client, town: Town, bearer: Bearer) -> None:
    body = client.get("/api/employees", headers=bearer(town.user("unit_head"))).json()
    assert {i["staff_number"] for i in body["items"]} == {"100001", "100002"}


def test_plain_staff_cannot_list(client: Client, town: Town, bearer: Bearer) -> None:
    response = client.get("/api/employees", headers=bearer(town.user("staff")))
    assert response.status_code == 403
    assert "権限がありません" in response.json()["detail"]


def test_other_organizations_employee_is_not_found(client: Client, town: Town, bearer: Bearer) -> None:
    other = build_town()
    response = client.get(f"/api/employees/{other.staff[0].pk}", headers=bearer(town.user("hr")))
    assert response.status_code == 404
    assert response.json()["detail"] == "指定されたデータは見つかりません。"
    patch = client.patch(
        f"/api/employees/{other.staff[0].pk}",
        {"version": 1, "phone": "000"},
        content_type="application/json",
        headers=bearer(town.user("hr")),
    )
    assert patch.status_code == 404


def test_detail_and_versioned_update(client: Client, town: Town, bearer: Bearer) -> None:
    headers = bearer(town.user("hr"))
    target = town.staff[2]
    detail = client.get(f"/api/employees/{target.pk}", headers=headers).json()
    assert detail["primary"]["unit_name"] == "人事課"
    version = detail["version"]
    url = f"/api/employees/{target.pk}"
    ok = client.patch(
        url, {"version": version, "phone": "03-1234-5678"}, content_type="application/json", headers=headers
    )
    assert ok.status_code == 200, ok.content
    assert ok.json()["phone"] == "03-1234-5678"
    stale = client.patch(
        url, {"version": version, "phone": "03-0000-0000"}, content_type="application/json", headers=headers
    )
    assert stale.status_code == 409
    assert stale.json()["errors"][0]["field"] == "version"
    assert Employee.unscoped.get(pk=target.pk).phone == "03-1234-5678"


def test_update_refused_for_payroll(client: Client, town: Town, bearer: Bearer) -> None:
    response = client.patch(
        f"/api/employees/{town.staff[2].pk}",
        {"version": 1, "phone": "1"},
        content_type="application/json",
        headers=bearer(town.user("payroll")),
    )
    assert response.status_code == 403


def test_validation_errors_name_the_field_in_japanese(client: Client, town: Town, bearer: Bearer) -> None:
    response = client.post(
        "/api/employees",
        {"staff_number": "900001", "family_name": "新人", "birth_date": "1999-02-30"},
        content_type="application/json",
        headers=bearer(town.user("hr")),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "入力内容に誤りがあります。"
    errors = {e["field"]: e["message"] for e in body["errors"]}
    assert errors["birth_date"].startswith("日付の形式が正しくありません")
    assert errors["given_name"] == "必須項目です"


def test_create_hires_and_refuses_duplicate_number(client: Client, town: Town, bearer: Bearer) -> None:
    headers = bearer(town.user("hr"))
    payload = {
        "staff_number": "900001",
        "family_name": "新井",
        "given_name": "春香",
        "family_name_kana": "あらい",
        "given_name_kana": "ハルカ",
        "birth_date": "2002-05-05",
        "hired_on": "2026-04-01",
        "org_unit_id": town.jinji.pk,
        "appointment_type": "regular",
        "position_id": town.shuji.pk,
    }
    created = client.post("/api/employees", payload, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    assert created.json()["family_name_kana"] == "アライ"
    assert created.json()["primary"]["unit_name"] == "人事課"
    again = client.post("/api/employees", payload, content_type="application/json", headers=headers)
    assert again.status_code == 400
    assert again.json()["errors"][0]["field"] == "staff_number"


def test_create_with_other_organizations_unit_is_refused(client: Client, town: Town, bearer: Bearer) -> None:
    other = build_town()
    payload = {
        "staff_number": "900002",
        "family_name": "新井",
        "given_name": "春香",
        "family_name_kana": "アライ",
        "given_name_kana": "ハルカ",
        "birth_date": "2002-05-05",
        "hired_on": "2026-04-01",
        "org_unit_id": other.jinji.pk,
        "appointment_type": "regular",
    }
    response = client.post("/api/employees", payload, content_type="application/json", headers=bearer(town.user("hr")))
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "org_unit_id", "message": f"所属(ID {other.jinji.pk})が見つかりません"}
    ]


def test_list_query_count_is_bounded(client: Client, bearer: Bearer, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (0, 40):
        town = build_town(extra_staff=extra)
        headers = bearer(town.user("hr"))
        with django_assert_max_num_queries(12) as ctx:
            response = client.get("/api/employees", headers=headers)
        assert response.status_code == 200
        assert response.json()["total"] == 4 + extra
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_api_reads_and_changes_are_audited_like_the_web(client: Client, town: Town, bearer: Bearer) -> None:
    from jinji.audit.models import AuditEvent

    hr = town.user("hr")
    headers = bearer(hr)
    target = town.staff[2]
    version = client.get(f"/api/employees/{target.pk}", headers=headers).json()["version"]
    client.patch(
        f"/api/employees/{target.pk}",
        {"version": version, "email": "tanaka@example.jp"},
        content_type="application/json",
        headers=headers,
    )
    events = AuditEvent.objects.filter(actor=hr, target_id=str(target.pk)).values_list("action", flat=True)
    assert "personnel.employee.view" in events
    assert "personnel.employee.update" in events
