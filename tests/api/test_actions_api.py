"""Contract of /api/personnel-actions and /api/org-units, and the OpenAPI document."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.test import Client

from jinji.accounts.models import User
from jinji.personnel.models import ActionStatus, Assignment
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db
Bearer = Callable[[User], dict[str, str]]


def _create(client: Client, headers: dict[str, str], **payload: object) -> dict[str, object]:
    response = client.post("/api/personnel-actions", payload, content_type="application/json", headers=headers)
    assert response.status_code == 201, response.content
    body: dict[str, object] = response.json()
    return body


def test_create_and_apply_a_transfer(client: Client, town: Town, bearer: Bearer) -> None:
    headers = bearer(town.user("hr"))
    target = town.staff[1]
    created = _create(
        client,
        headers,
        employee_id=target.pk,
        action_type="transfer",
        effective_on="2026-04-01",
        org_unit_id=town.jinji.pk,
    )
    assert created["status"] == ActionStatus.DRAFT
    assert created["unit_name"] == "人事課"
    applied = client.post(
        f"/api/personnel-actions/{created['id']}/apply", {}, content_type="application/json", headers=headers
    )
    assert applied.status_code == 200, applied.content
    assert applied.json()["status"] == ActionStatus.APPLIED
    post = Assignment.unscoped.get(employee=target, valid_from=datetime.date(2026, 4, 1))
    assert post.org_unit_id == town.jinji.pk


def test_apply_problem_is_reported_with_japanese_message(client: Client, town: Town, bearer: Bearer) -> None:
    headers = bearer(town.user("hr"))
    created = _create(client, headers, employee_id=town.staff[1].pk, action_type="promotion", effective_on="2026-04-01")
    response = client.post(
        f"/api/personnel-actions/{created['id']}/apply", {}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    messages = [e["message"] for e in response.json()["errors"]]
    assert any("昇任には新しい職が必要です" in m for m in messages)


def test_bad_type_is_a_field_error(client: Client, town: Town, bearer: Bearer) -> None:
    response = client.post(
        "/api/personnel-actions",
        {"employee_id": town.staff[1].pk, "action_type": "fly", "effective_on": "2026-04-01"},
        content_type="application/json",
        headers=bearer(town.user("hr")),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "action_type", "message": "発令種別を選んでください"}]


def test_actions_need_hr(client: Client, town: Town, bearer: Bearer) -> None:
    for role in ("unit_head", "payroll", "staff"):
        assert client.get("/api/personnel-actions", headers=bearer(town.user(role))).status_code == 403


def test_other_organizations_action_is_not_found(client: Client, town: Town, bearer: Bearer) -> None:
    other = build_town()
    theirs = _create(
        client,
        bearer(other.user("hr")),
        employee_id=other.staff[1].pk,
        action_type="transfer",
        effective_on="2026-04-01",
        org_unit_id=other.jinji.pk,
    )
    headers = bearer(town.user("hr"))
    assert client.get(f"/api/personnel-actions/{theirs['id']}", headers=headers).status_code == 404
    apply = client.post(
        f"/api/personnel-actions/{theirs['id']}/apply", {}, content_type="application/json", headers=headers
    )
    assert apply.status_code == 404
    foreign_employee = client.post(
        "/api/personnel-actions",
        {"employee_id": other.staff[1].pk, "action_type": "transfer", "effective_on": "2026-04-01"},
        content_type="application/json",
        headers=headers,
    )
    assert foreign_employee.status_code == 400
    assert foreign_employee.json()["errors"][0]["field"] == "employee_id"


def test_action_list_query_count_is_bounded(client: Client, bearer: Bearer, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for n in (1, 25):
        town = build_town(extra_staff=n)
        headers = bearer(town.user("hr"))
        for e in town.staff[4:]:
            _create(
                client,
                headers,
                employee_id=e.pk,
                action_type="transfer",
                effective_on="2026-04-01",
                org_unit_id=town.jinji.pk,
            )
        with django_assert_max_num_queries(12) as ctx:
            body = client.get("/api/personnel-actions", headers=headers).json()
        assert body["total"] == n
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_org_tree_as_of_date(client: Client, town: Town, bearer: Bearer) -> None:
    body = client.get("/api/org-units", {"on": "2026-04-01"}, headers=bearer(town.user("staff"))).json()
    names = {u["name"]: [c["name"] for c in u["children"]] for u in body["units"]}
    assert names["総務部"] == ["総務課", "人事課"] or sorted(names["総務部"]) == ["人事課", "総務課"]
    assert "福祉部" in names
    assert client.get("/api/org-units", {"on": "1990-01-01"}, headers=bearer(town.user("staff"))).json()["units"] == []


def test_org_unit_of_other_organization_is_not_found(client: Client, town: Town, bearer: Bearer) -> None:
    other = build_town()
    assert client.get(f"/api/org-units/{other.jinji.pk}", headers=bearer(town.user("hr"))).status_code == 404
    assert client.get(f"/api/org-units/{town.jinji.pk}", headers=bearer(town.user("hr"))).json()["name"] == "人事課"


def test_openapi_document_and_offline_docs(client: Client, town: Town) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/employees" in schema["paths"]
    assert "/api/personnel-actions/{action_id}/apply" in schema["paths"]
    assert schema["components"]["securitySchemes"]
    client.force_login(town.user("hr"))
    html = client.get("/api/docs").content.decode()
    assert "/api/employees" in html
    assert "cdn" not in html.lower()
    assert "https://" not in html
