"""研修: capacity (clear message, nothing partial), automatic mandatory enrolment, results, certificates."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.certificates import certificate_html, certificate_pdf
from jinji.talent.models import Course, Enrolment, RoleTag, TrainingSession
from jinji.talent.selectors.dashboard import completion_dashboard
from jinji.talent.selectors.training import mandatory_target_ids, training_history
from jinji.talent.services import (
    course_create,
    course_requirement_add,
    enrolment_cancel,
    enrolment_create,
    mandatory_enrolment_apply,
    session_create,
    session_results_record,
)
from tests.factories import RoleTagAssignmentFactory, national
from tests.talent.world import TODAY, Town

START = TODAY + datetime.timedelta(days=20)


def course(town: Town, **kwargs: object) -> Course:
    values: dict[str, object] = {"code": "R3", "name": "係長級研修", "kind": "rank_based", "hours": 12}
    values.update(kwargs)
    return course_create(acting_user=town.user("hr"), organization=town.org, **values)  # type: ignore[arg-type]


def session(town: Town, c: Course, capacity: int = 10, **kwargs: object) -> TrainingSession:
    return session_create(
        acting_user=town.user("hr"),
        course=c,
        name="第1回",
        starts_on=START,
        ends_on=START + datetime.timedelta(days=1),
        capacity=capacity,
        **kwargs,  # type: ignore[arg-type]
    )


def test_self_enrolment_until_full_then_a_clear_refusal(town: Town) -> None:
    s = session(town, course(town), capacity=2)
    enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("alice"), on=TODAY)
    enrolment_create(acting_user=town.user("bob"), session=s, employee=town.emp("bob"), on=TODAY)
    with pytest.raises(DomainError) as caught:
        enrolment_create(acting_user=town.user("carol"), session=s, employee=town.emp("carol"), on=TODAY)
    assert caught.value.problems[0].message == "定員(2人)に達しているため申し込めません"
    assert Enrolment.objects.filter(session=s).count() == 2


def test_cancelling_frees_the_seat(town: Town) -> None:
    s = session(town, course(town), capacity=1)
    mine = enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("alice"), on=TODAY)
    enrolment_cancel(acting_user=town.user("alice"), enrolment=mine, on=TODAY)
    enrolment_create(acting_user=town.user("carol"), session=s, employee=town.emp("carol"), on=TODAY)
    with pytest.raises(DomainError, match="既に申し込んでいます"):
        enrolment_create(acting_user=town.user("carol"), session=s, employee=town.emp("carol"), on=TODAY)


def test_staff_cannot_enrol_someone_else_and_closed_or_started_sessions_refuse_self(town: Town) -> None:
    s = session(town, course(town))
    with pytest.raises(NotPermitted):
        enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("bob"), on=TODAY)
    with pytest.raises(DomainError, match="開始日を過ぎた"):
        enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("alice"), on=START)
    TrainingSession.objects.filter(pk=s.pk).update(is_open=False)
    with pytest.raises(DomainError, match="受け付けていません"):
        enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("alice"), on=TODAY)
    assert enrolment_create(acting_user=town.user("hr"), session=s, employee=town.emp("alice"), on=TODAY).origin == "hr"


def test_mandatory_by_rank_enrols_exactly_that_rank(town: Town) -> None:
    c = course(town)
    course_requirement_add(acting_user=town.user("hr"), course=c, position_rank=3)
    s = session(town, c)
    added = mandatory_enrolment_apply(acting_user=town.user("hr"), session=s)
    assert added == [town.emp("bob").pk]
    assert Enrolment.objects.get().origin == "mandatory"
    assert mandatory_enrolment_apply(acting_user=town.user("hr"), session=s) == []  # already has a seat
    assert AuditEvent.objects.filter(action="talent.enrolment.mandatory").count() == 2


def test_mandatory_by_role_tag_follows_the_designation_on_the_start_date(town: Town) -> None:
    c = course(town, code="DXW", name="DX推進員ワークショップ", kind="workshop")
    dx: RoleTag = national("RoleTag", "dx_promoter")  # type: ignore[assignment]
    course_requirement_add(acting_user=town.user("hr"), course=c, role_tag=dx)
    RoleTagAssignmentFactory(employee=town.emp("alice"), tag=dx, valid_from=datetime.date(2025, 4, 1))
    RoleTagAssignmentFactory(employee=town.emp("carol"), tag=dx, valid_from=datetime.date(2025, 4, 1), valid_to=TODAY)
    assert mandatory_target_ids(course=c, on=START) == {town.emp("alice").pk}


def test_over_capacity_mandatory_enrolment_is_refused_whole(town: Town) -> None:
    c = course(town, code="ALL", name="情報セキュリティeラーニング", kind="e_learning")
    course_requirement_add(acting_user=town.user("hr"), course=c, all_staff=True)
    s = session(town, c, capacity=3)
    enrolment_create(acting_user=town.user("alice"), session=s, employee=town.emp("alice"), on=TODAY)
    with pytest.raises(DomainError) as caught:
        mandatory_enrolment_apply(acting_user=town.user("hr"), session=s)
    message = caught.value.problems[0].message
    assert "未登録の受講必須者は6人、この回の残り定員は2人です" in message
    assert "誰も登録していません" in message
    assert Enrolment.objects.filter(session=s).count() == 1


def test_creating_a_session_with_automatic_enrolment_is_all_or_nothing(town: Town) -> None:
    c = course(town, code="ALL", name="全職員研修", kind="e_learning")
    course_requirement_add(acting_user=town.user("hr"), course=c, all_staff=True)
    with pytest.raises(DomainError, match="定員を超える"):
        session(town, c, capacity=2, enrol_mandatory=True)
    assert not TrainingSession.objects.exists()
    s = session(town, c, capacity=50, enrol_mandatory=True)
    assert Enrolment.objects.filter(session=s).count() == 7


def test_staff_who_completed_the_course_are_not_enrolled_again(town: Town) -> None:
    c = course(town)
    course_requirement_add(acting_user=town.user("hr"), course=c, position_rank=3)
    first = session(town, c)
    mandatory_enrolment_apply(acting_user=town.user("hr"), session=first)
    e = Enrolment.objects.get()
    session_results_record(acting_user=town.user("hr"), session=first, results={e.pk: "completed"}, completed_on=START)
    second = session_create(
        acting_user=town.user("hr"), course=c, name="第2回", starts_on=START, ends_on=START, capacity=5
    )
    assert mandatory_enrolment_apply(acting_user=town.user("hr"), session=second) == []


def test_results_set_completion_and_certificate_number_atomically(town: Town) -> None:
    s = session(town, course(town))
    a = enrolment_create(acting_user=town.user("hr"), session=s, employee=town.emp("alice"), on=TODAY)
    b = enrolment_create(acting_user=town.user("hr"), session=s, employee=town.emp("bob"), on=TODAY)
    with pytest.raises(DomainError) as caught:
        session_results_record(acting_user=town.user("hr"), session=s, results={a.pk: "completed", b.pk: "passed"})
    fields = {p.field for p in caught.value.problems}
    assert fields == {f"status_{b.pk}", "completed_on"}
    a.refresh_from_db()
    assert a.status == "enrolled"
    changed = session_results_record(
        acting_user=town.user("hr"), session=s, results={a.pk: "completed", b.pk: "absent"}, completed_on=START
    )
    assert changed == 2
    a.refresh_from_db()
    assert (a.status, a.completed_on, a.certificate_number) == ("completed", START, f"R3-2026-{a.pk:06d}")
    history = training_history(organization=town.org.pk, employee_id=town.emp("alice").pk)
    assert [(h.course_name, h.status_label) for h in history] == [("係長級研修", "修了")]


def test_certificate_only_for_completed_and_only_for_self_or_hr(town: Town) -> None:
    s = session(town, course(town))
    e = enrolment_create(acting_user=town.user("hr"), session=s, employee=town.emp("alice"), on=TODAY)
    with pytest.raises(DomainError, match="修了した研修"):
        certificate_pdf(acting_user=town.user("alice"), enrolment=e)
    session_results_record(acting_user=town.user("hr"), session=s, results={e.pk: "completed"}, completed_on=START)
    e.refresh_from_db()
    with pytest.raises(NotPermitted):
        certificate_pdf(acting_user=town.user("head"), enrolment=e)
    html = certificate_html(e, issuer="テスト市長")
    assert "係長級研修" in html
    assert "令和8年6月4日" in html
    assert "local(" in html
    assert "http" not in html
    pdf = certificate_pdf(acting_user=town.user("alice"), enrolment=e)
    assert pdf.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="talent.certificate.print", kind="read").count() == 1


def test_dashboard_counts_targets_and_completions_by_department_and_rank(town: Town) -> None:
    c = course(town, code="ALL", name="全職員研修", kind="e_learning")
    course_requirement_add(acting_user=town.user("hr"), course=c, all_staff=True)
    s = session(town, c, capacity=50, enrol_mandatory=True)
    done = {e.employee_id: e.pk for e in Enrolment.objects.filter(session=s)}
    finished = [town.emp("alice").pk, town.emp("carol").pk, town.emp("hr").pk]
    session_results_record(
        acting_user=town.user("hr"), session=s, results={done[p]: "completed" for p in finished}, completed_on=START
    )
    d = completion_dashboard(organization=town.org.pk, user=town.user("hr"), course=c, on=START)
    assert (d.total.target, d.total.completed) == (7, 3)
    assert {(r.label, r.target, r.completed) for r in d.by_unit} == {("総務部", 5, 2), ("福祉部", 2, 1)}
    assert {(r.label, r.target, r.completed, r.rate) for r in d.by_rank} == {
        ("主事", 4, 3, 75),
        ("係長", 1, 0, 0),
        ("課長", 2, 0, 0),
    }
