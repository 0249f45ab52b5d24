"""The talent pages: who may open them, the main forms end to end, and the CSP-safe markup."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import (
    Applicant,
    CareerWish,
    EmployeeQualification,
    EmployeeSkill,
    Enrolment,
    RecruitmentCategory,
    RoleTagAssignment,
    SkillArea,
    SkillAssessment,
    TermAppointment,
)
from jinji.talent.services import course_create, session_create
from tests.factories import national
from tests.talent.helpers import upload
from tests.talent.world import Town

TEMPLATES = Path(__file__).resolve().parents[2] / "src/jinji/talent/templates/talent"

STAFF_PAGES = ["/talent/", "/talent/qualifications/new/", "/talent/skills/", "/talent/wishes/", "/talent/training/"]
HR_PAGES = [
    "/talent/hr/",
    "/talent/hr/qualifications/",
    "/talent/hr/qualifications/master/",
    "/talent/hr/allowances/",
    "/talent/hr/search/",
    "/talent/hr/search/export/",
    "/talent/hr/skill-map/",
    "/talent/hr/training/",
    "/talent/hr/training/dashboard/",
    "/talent/hr/roles/",
    "/talent/hr/wishes/",
    "/talent/hr/terms/",
    "/talent/hr/recruitment/",
    "/talent/hr/recruitment/applicants/new/",
]


def client_for(town: Town, who: str) -> Client:
    client = Client()
    client.force_login(town.user(who))
    return client


@pytest.mark.parametrize(
    ("who", "staff", "hr", "head"), [("alice", 200, 403, 403), ("head", 200, 403, 200), ("hr", 200, 200, 403)]
)
def test_who_opens_which_page(town: Town, who: str, staff: int, hr: int, head: int) -> None:
    client = client_for(town, who)
    for url in STAFF_PAGES:
        assert client.get(url).status_code == staff, url
    for url in HR_PAGES:
        assert client.get(url).status_code == hr, url
    assert client.get("/talent/skills/confirmations/").status_code == head


def test_profile_page_is_404_outside_the_viewers_reach(town: Town) -> None:
    carol = town.emp("carol").pk
    alice = town.emp("alice").pk
    assert client_for(town, "alice").get(f"/talent/staff/{carol}/").status_code == 404
    assert client_for(town, "head").get(f"/talent/staff/{alice}/").status_code == 200
    assert client_for(town, "head").get(f"/talent/staff/{carol}/").status_code == 404
    assert client_for(town, "hr").get(f"/talent/staff/{carol}/").status_code == 200


def test_registering_and_verifying_a_qualification_through_the_pages(town: Town) -> None:
    fe = national("Qualification", "ipa_fe")
    response = client_for(town, "alice").post(
        "/talent/qualifications/new/",
        {"qualification": fe.pk, "acquired_on": "2021-04-18", "evidence": upload()},  # type: ignore[attr-defined]
    )
    assert response.status_code == 302
    record = EmployeeQualification.objects.get()
    hr = client_for(town, "hr")
    assert "基本情報技術者" in hr.get("/talent/hr/qualifications/").content.decode()
    returned = hr.post(f"/talent/hr/qualifications/{record.pk}/review/", {"decision": "reject"}, follow=True)
    assert "差戻しの理由を入力してください" in returned.content.decode()
    hr.post(f"/talent/hr/qualifications/{record.pk}/review/", {"decision": "verify"})
    record.refresh_from_db()
    assert record.status == "verified"
    assert "確認済" in client_for(town, "alice").get("/talent/").content.decode()


def test_self_assessment_then_the_head_confirms_through_the_pages(town: Town) -> None:
    data = SkillArea.objects.get(code="data", organization__isnull=True)
    response = client_for(town, "alice").post(
        "/talent/skills/", {f"level_{data.pk}": "3", f"comment_{data.pk}": "EBPM"}
    )
    assert response.status_code == 302
    head = client_for(town, "head")
    page = head.get("/talent/skills/confirmations/").content.decode()
    assert "データ活用" in page
    assert "EBPM" in page
    assessment = SkillAssessment.objects.get(employee=town.emp("alice"))
    head.post(f"/talent/skills/assessments/{assessment.pk}/decide/", {"decision": "confirm"})
    assert EmployeeSkill.objects.get().level == 3


def test_enrolling_from_the_session_list_and_the_full_message(town: Town) -> None:
    course = course_create(
        acting_user=town.user("hr"), organization=town.org, code="E1", name="生成AI入門", kind="e_learning"
    )
    start = timezone.localdate() + datetime.timedelta(days=30)
    session = session_create(
        acting_user=town.user("hr"), course=course, name="第1回", starts_on=start, ends_on=start, capacity=1
    )
    assert "生成AI入門" in client_for(town, "alice").get("/talent/training/").content.decode()
    client_for(town, "alice").post(f"/talent/training/sessions/{session.pk}/enrol/")
    full = client_for(town, "bob").post(f"/talent/training/sessions/{session.pk}/enrol/", follow=True)
    assert "定員(1人)に達しているため申し込めません" in full.content.decode()
    assert list(Enrolment.objects.values_list("employee_id", flat=True)) == [town.emp("alice").pk]


def test_wish_form_and_hr_list(town: Town) -> None:
    response = client_for(town, "alice").post(
        "/talent/wishes/",
        {
            "fiscal_year": str(fiscal_year_of(timezone.localdate())),
            "transfer_wish": "transfer",
            "wished_units": [str(town.fukushika.pk)],
            "career_intention": "generalist",
            "free_text": "福祉の現場を経験したい",
        },
    )
    assert response.status_code == 302
    assert CareerWish.objects.get().wished_units.get() == town.fukushika
    assert "福祉の現場を経験したい" in client_for(town, "hr").get("/talent/hr/wishes/").content.decode()


def test_designating_a_dx_promoter_updates_the_missing_units_report(town: Town) -> None:
    hr = client_for(town, "hr")
    before = hr.get("/talent/hr/roles/").content.decode()
    assert "総務部 総務課" in before
    dx = national("RoleTag", "dx_promoter")
    response = hr.post(
        "/talent/hr/roles/",
        {"staff_number": town.emp("alice").staff_number, "tag": dx.pk, "valid_from": "2024-04-01"},  # type: ignore[attr-defined]
    )
    assert response.status_code == 302
    assert RoleTagAssignment.objects.get().org_unit_id == town.somuka.pk
    unknown = hr.post("/talent/hr/roles/", {"staff_number": "nobody", "tag": dx.pk, "valid_from": "2024-04-01"})  # type: ignore[attr-defined]
    assert "この職員番号の職員は見つかりません" in unknown.content.decode()


def test_recruitment_pages_refuse_an_ineligible_applicant_then_hire_an_eligible_one(town: Town) -> None:
    hr = client_for(town, "hr")
    hr.post("/talent/hr/recruitment/", {"code": "digital", "name": "デジタル職", "appointment_type": "fixed_term"})
    category = RecruitmentCategory.objects.get()
    fe, ap = national("Qualification", "ipa_fe"), national("Qualification", "ipa_ap")
    hr.post(
        f"/talent/hr/recruitment/categories/{category.pk}/",
        {"kind": "qualification_any", "qualifications": [fe.pk, ap.pk], "min_count": "1"},  # type: ignore[attr-defined]
    )
    person = {
        "category": category.pk,
        "family_name": "横浜",
        "given_name": "一郎",
        "family_name_kana": "ヨコハマ",
        "given_name_kana": "イチロウ",
        "birth_date": "1990-01-01",
        "experience_years": "5",
    }
    refused = hr.post("/talent/hr/recruitment/applicants/new/", person).content.decode()
    assert "デジタル職の応募資格を満たしていません" in refused
    assert not Applicant.objects.exists()
    hr.post("/talent/hr/recruitment/applicants/new/", {**person, "qualifications": [ap.pk]})  # type: ignore[attr-defined]
    applicant = Applicant.objects.get()
    for status in ("screening", "interview", "offered"):
        hr.post(f"/talent/hr/recruitment/applicants/{applicant.pk}/", {"action": "status", "status": status})
    hired = hr.post(
        f"/talent/hr/recruitment/applicants/{applicant.pk}/",
        {
            "action": "hire",
            "staff_number": "777001",
            "hired_on": "2026-04-01",
            "org_unit": town.somuka.pk,
            "term_end": "2029-03-31",
        },
    )
    assert hired.status_code == 302
    applicant.refresh_from_db()
    assert applicant.status == "hired"
    assert TermAppointment.objects.get().employee_id == applicant.hired_employee_id


def test_templates_have_no_inline_styles_or_scripts() -> None:
    offenders = []
    for path in TEMPLATES.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        if path.name == "certificate.html":  # rendered to PDF by WeasyPrint, never served to a browser
            continue
        if (
            re.search(r"\sstyle\s*=", text)
            or "<script" in text
            or "<style" in text
            or re.search(r"\son[a-z]+\s*=", text)
        ):
            offenders.append(path.name)
    assert offenders == []


def test_plain_select_marks_the_choice_and_escapes_labels() -> None:
    from jinji.talent.forms.common import PlainSelect, PlainSelectMultiple

    widget = PlainSelect(choices=[("", "(指定なし)"), ("1", "総務課"), ("2", "<b>福祉課</b>")])
    html = widget.render("unit", 2, attrs={"id": "id_unit"})
    assert html.startswith('<select name="unit" id="id_unit">')
    assert '<option value="2" selected>&lt;b&gt;福祉課&lt;/b&gt;</option>' in html
    assert '<option value="1">総務課</option>' in html
    many = PlainSelectMultiple(choices=[("1", "a"), ("2", "b"), ("3", "c")]).render("u", ["1", "3"])
    assert " multiple" in many
    assert many.count(" selected") == 2
