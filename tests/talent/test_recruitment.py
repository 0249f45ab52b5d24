"""採用: screening, hiring through personnel's 採用 発令, and term tracking (任期付・会計年度任用・再任用)."""

from __future__ import annotations

import datetime

import pytest

from jinji.core.errors import DomainError
from jinji.personnel.models import ActionStatus, ActionType, Assignment, Employee, PersonnelAction
from jinji.talent.models import Applicant, RecruitmentCategory, TermAppointment
from jinji.talent.selectors.recruitment import terms_ending
from jinji.talent.services import (
    applicant_hire,
    applicant_register,
    applicant_status_set,
    recruitment_category_create,
    term_appointment_end,
    term_appointment_reappoint,
    term_appointment_register,
)
from tests.talent.world import TODAY, Town

HIRED = datetime.date(2026, 6, 1)


def category(town: Town, appointment_type: str = "regular") -> RecruitmentCategory:
    return recruitment_category_create(
        acting_user=town.user("hr"),
        organization=town.org,
        code=appointment_type,
        name="採用区分",
        appointment_type=appointment_type,
    )


def offered(town: Town, c: RecruitmentCategory) -> Applicant:
    a = applicant_register(
        acting_user=town.user("hr"),
        category=c,
        family_name="甲府",
        given_name="次郎",
        family_name_kana="コウフ",
        given_name_kana="ジロウ",
        birth_date=datetime.date(1964, 7, 7),
        experience_years=30,
        on=TODAY,
    )
    for status in ("screening", "interview", "offered"):
        a = applicant_status_set(acting_user=town.user("hr"), applicant=a, status=status)
    return a


def test_status_follows_the_screening_flow(town: Town) -> None:
    a = applicant_register(
        acting_user=town.user("hr"), category=category(town), family_name="a", given_name="b",
        family_name_kana="ア", given_name_kana="ビ", birth_date=datetime.date(2000, 1, 1), on=TODAY,
    )  # fmt: skip
    with pytest.raises(DomainError) as caught:
        applicant_status_set(acting_user=town.user("hr"), applicant=a, status="offered")
    assert (
        caught.value.problems[0].message
        == "「応募受付」から「内定」には変更できません(変更できる状況: 書類選考中・不合格・辞退)"
    )
    rejected = applicant_status_set(acting_user=town.user("hr"), applicant=a, status="rejected")
    with pytest.raises(DomainError, match="変更できる状況: なし"):
        applicant_status_set(acting_user=town.user("hr"), applicant=rejected, status="screening")


def test_hiring_creates_the_employee_through_an_applied_hire_action(town: Town) -> None:
    a = offered(town, category(town))
    employee = applicant_hire(
        acting_user=town.user("hr"),
        applicant=a,
        staff_number="900001",
        hired_on=HIRED,
        org_unit=town.somuka,
        position=town.shuji,
    )
    assert (employee.family_name, employee.hired_on, employee.staff_number) == ("甲府", HIRED, "900001")
    action = PersonnelAction.objects.get(employee=employee)
    assert (action.action_type, action.status, action.reason) == (ActionType.HIRE, ActionStatus.APPLIED, "採用区分採用")
    post = Assignment.objects.get(employee=employee)
    assert (post.org_unit_id, post.valid_from, post.appointment_type) == (town.somuka.pk, HIRED, "regular")
    a.refresh_from_db()
    assert (a.status, a.hired_employee_id) == ("hired", employee.pk)
    assert not TermAppointment.objects.exists()


def test_hiring_an_applicant_who_is_not_offered_changes_nothing(town: Town) -> None:
    a = applicant_register(
        acting_user=town.user("hr"), category=category(town), family_name="a", given_name="b",
        family_name_kana="ア", given_name_kana="ビ", birth_date=datetime.date(2000, 1, 1), on=TODAY,
    )  # fmt: skip
    before = Employee.objects.count()
    with pytest.raises(DomainError, match="内定の応募者だけ"):
        applicant_hire(
            acting_user=town.user("hr"), applicant=a, staff_number="900002", hired_on=HIRED, org_unit=town.somuka
        )
    assert Employee.objects.count() == before


def test_a_personnel_refusal_rolls_back_the_whole_hire(town: Town) -> None:
    a = offered(town, category(town))
    taken = town.emp("alice").staff_number
    with pytest.raises(DomainError, match=f"職員番号 {taken} は既に使われています"):
        applicant_hire(
            acting_user=town.user("hr"), applicant=a, staff_number=taken, hired_on=HIRED, org_unit=town.somuka
        )
    a.refresh_from_db()
    assert a.status == "offered"


def test_fixed_term_hire_tracks_the_term_and_requires_its_end(town: Town) -> None:
    a = offered(town, category(town, "fixed_term"))
    with pytest.raises(DomainError, match="任期の終期を入力してください"):
        applicant_hire(
            acting_user=town.user("hr"), applicant=a, staff_number="900003", hired_on=HIRED, org_unit=town.somuka
        )
    employee = applicant_hire(
        acting_user=town.user("hr"),
        applicant=a,
        staff_number="900003",
        hired_on=HIRED,
        org_unit=town.somuka,
        term_end=datetime.date(2029, 5, 31),
    )
    term = TermAppointment.objects.get(employee=employee)
    assert (term.kind, term.term_start, term.term_end, term.sequence) == (
        "fixed_term",
        HIRED,
        datetime.date(2029, 5, 31),
        1,
    )


def test_fiscal_year_terms_stay_within_the_year_and_reappointment_chains(town: Town) -> None:
    carol = town.emp("carol")
    with pytest.raises(DomainError, match="年度末"):
        term_appointment_register(
            acting_user=town.user("hr"), employee=carol, kind="fiscal_year",
            term_start=datetime.date(2026, 4, 1), term_end=datetime.date(2027, 4, 30),
        )  # fmt: skip
    first = term_appointment_register(
        acting_user=town.user("hr"), employee=carol, kind="fiscal_year",
        term_start=datetime.date(2026, 4, 1), term_end=datetime.date(2027, 3, 31),
    )  # fmt: skip
    second = term_appointment_reappoint(acting_user=town.user("hr"), term=first, term_end=datetime.date(2028, 3, 31))
    assert (second.term_start, second.sequence, second.previous_id) == (datetime.date(2027, 4, 1), 2, first.pk)
    first.refresh_from_db()
    assert first.status == "reappointed"
    with pytest.raises(DomainError, match="再度の任用済"):
        term_appointment_reappoint(acting_user=town.user("hr"), term=first, term_end=datetime.date(2028, 3, 31))
    [view] = terms_ending(organization=town.org.pk, on=datetime.date(2028, 2, 1), within_days=60)
    assert (view.days_left, view.needs_public_call) == (59, True)
    term_appointment_end(acting_user=town.user("hr"), term=second)
    assert terms_ending(organization=town.org.pk, on=datetime.date(2028, 2, 1), within_days=60) == []
