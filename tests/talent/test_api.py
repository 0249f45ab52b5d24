"""REST endpoints of the talent app: roles, scope, Japanese errors."""

from __future__ import annotations

import datetime

from django.test import Client

from jinji.accounts.models import Role
from jinji.accounts.tokens import api_token_issue
from jinji.talent.services import allowance_rule_create, course_create, course_requirement_add, session_create
from tests.factories import EmployeeQualificationFactory, EmployeeSkillFactory, RoleGrantFactory, national
from tests.talent.world import Town


def get(town: Town, who: str, url: str, method: str = "get") -> tuple[int, object]:
    key = api_token_issue(acting_user=None, user=town.user(who), name="test").key
    response = getattr(Client(), method)(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    return response.status_code, response.json()


def test_master_is_open_to_every_token(town: Town) -> None:
    status, body = get(town, "alice", "/api/talent/qualifications")
    assert status == 200
    names = {row["name"]: row for row in body}  # type: ignore[attr-defined]
    assert names["情報処理安全確保支援士(登録セキスペ)"]["renewal_years"] == 3
    assert names["ITパスポート"]["national"] is True


def test_employee_qualifications_for_self_and_hr_only(town: Town) -> None:
    EmployeeQualificationFactory(employee=town.emp("alice"))
    url = f"/api/talent/employees/{town.emp('alice').pk}/qualifications"
    assert get(town, "alice", url)[0] == 200
    assert get(town, "hr", url)[0] == 200
    status, body = get(town, "head", url)
    assert status == 404
    assert body == {"detail": "指定されたデータは見つかりません。", "errors": []}


def test_search_and_skill_map_are_hr_only(town: Town) -> None:
    data = national("SkillArea", "data")
    EmployeeSkillFactory(employee=town.emp("bob"), area=data, level=4)
    status, body = get(town, "hr", f"/api/talent/search?skill_area_id={data.pk}&min_level=3")  # type: ignore[attr-defined]
    assert status == 200
    assert [row["staff_number"] for row in body["items"]] == [town.emp("bob").staff_number]  # type: ignore[index]
    status, body = get(town, "alice", "/api/talent/search")
    assert status == 403
    assert body["errors"][0]["message"] == "人材検索の権限がありません"  # type: ignore[index]
    status, body = get(town, "hr", "/api/talent/skill-map?min_level=4")
    assert status == 200
    rows = {r["name"]: r for r in body["rows"]}  # type: ignore[index]
    assert rows["総務部"]["holders"][body["areas"].index("データ活用")] == 1  # type: ignore[index]
    assert get(town, "head", "/api/talent/skill-map")[0] == 403
    status, body = get(town, "hr", "/api/talent/search?min_level=9")
    assert status == 400
    assert body["errors"][0]["field"] == "min_level"  # type: ignore[index]


def test_allowances_for_payroll(town: Town) -> None:
    payroll = town.person("payroll", town.jinjika)
    RoleGrantFactory(user=payroll, role=Role.PAYROLL)
    allowance_rule_create(
        acting_user=town.user("hr"),
        organization=town.org,
        code="ipa",
        name="情報処理資格手当",
        monthly_amount=50_000,
        qualifications=[national("Qualification", "ipa_ap")],  # type: ignore[list-item]
        valid_from=datetime.date(2026, 4, 1),
    )
    EmployeeQualificationFactory(employee=town.emp("alice"), qualification=national("Qualification", "ipa_ap"))
    status, body = get(town, "payroll", "/api/talent/allowances?month=2026-04-01")
    assert status == 200
    assert body == [
        {
            "employee_id": town.emp("alice").pk,
            "code": "ipa",
            "name": "情報処理資格手当",
            "amount": 50000,
            "qualifications": ["応用情報技術者"],
        }
    ]
    assert get(town, "alice", "/api/talent/allowances?month=2026-04-01")[0] == 403


def test_units_without_a_dx_promoter_and_mandatory_enrolment(town: Town) -> None:
    status, body = get(town, "hr", "/api/talent/units-without-role?role=dx_promoter&on=2026-04-01")
    assert status == 200
    assert [u["name"] for u in body] == ["総務部 総務課", "総務部 人事課", "福祉部 福祉課"]  # type: ignore[attr-defined]
    assert get(town, "hr", "/api/talent/units-without-role?role=unknown")[0] == 404
    course = course_create(
        acting_user=town.user("hr"), organization=town.org, code="M", name="管理職研修", kind="rank_based"
    )
    course_requirement_add(acting_user=town.user("hr"), course=course, position_rank=5)
    start = datetime.date(2026, 7, 1)
    session = session_create(
        acting_user=town.user("hr"), course=course, name="第1回", starts_on=start, ends_on=start, capacity=1
    )
    url = f"/api/talent/sessions/{session.pk}/mandatory-enrolment"
    status, body = get(town, "hr", url, method="post")
    assert status == 400  # two 課長, one seat
    assert "残り定員は1人" in body["errors"][0]["message"]  # type: ignore[index]
    assert get(town, "alice", url, method="post")[0] == 403
