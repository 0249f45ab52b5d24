"""人材検索 and the skill map: each filter, the HR-only scope, bounded queries at two sizes, safe exports."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from openpyxl import load_workbook

from jinji.talent.exports import csv_bytes, safe_cell, xlsx_bytes
from jinji.talent.models import CareerWish, Enrolment
from jinji.talent.selectors import SkillFilter, TalentFilters, skill_map, talent_search
from jinji.talent.selectors.search import talent_rows
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    EmployeeQualificationFactory,
    EmployeeSkillFactory,
    RoleTagAssignmentFactory,
    TrainingSessionFactory,
    national,
)
from tests.talent.world import TODAY, Town


def ids(town: Town, filters: TalentFilters, who: str = "hr") -> set[int]:
    page = talent_search(organization=town.org.pk, user=town.user(who), on=TODAY, filters=filters, page_size=200)
    return {r.id for r in page}


def test_skill_filter_is_at_or_above_the_level(town: Town) -> None:
    data = national("SkillArea", "data")
    EmployeeSkillFactory(employee=town.emp("alice"), area=data, level=3)
    EmployeeSkillFactory(employee=town.emp("bob"), area=data, level=2)
    EmployeeSkillFactory(employee=town.emp("carol"), area=national("SkillArea", "design"), level=4)
    assert ids(town, TalentFilters(skills=(SkillFilter(data.pk, 3),))) == {town.emp("alice").pk}  # type: ignore[attr-defined]
    assert ids(town, TalentFilters(skills=(SkillFilter(data.pk, 2),))) == {town.emp("alice").pk, town.emp("bob").pk}  # type: ignore[attr-defined]


def test_qualification_filter_counts_only_verified_and_valid(town: Town) -> None:
    sc = national("Qualification", "ipa_sc")
    EmployeeQualificationFactory(employee=town.emp("alice"), qualification=sc, expires_on=datetime.date(2027, 1, 1))
    EmployeeQualificationFactory(employee=town.emp("bob"), qualification=sc, expires_on=datetime.date(2026, 1, 1))
    EmployeeQualificationFactory(employee=town.emp("carol"), qualification=sc, status="pending")
    assert ids(town, TalentFilters(qualification_ids=(sc.pk,))) == {town.emp("alice").pk}  # type: ignore[attr-defined]
    assert ids(town, TalentFilters(min_ipa_level=4)) == {town.emp("alice").pk}


def test_training_past_units_roles_and_wishes(town: Town) -> None:
    session = TrainingSessionFactory(course__organization=town.org)
    Enrolment.objects.create(
        organization=town.org,
        session=session,
        course=session.course,
        employee=town.emp("bob"),
        origin="hr",
        status="completed",
    )
    Enrolment.objects.create(
        organization=town.org, session=session, course=session.course, employee=town.emp("alice"), origin="hr"
    )
    assert ids(town, TalentFilters(course_id=session.course_id)) == {town.emp("bob").pk}

    AssignmentFactory(  # carol worked in 総務課 before 福祉課 (an earlier period)
        employee=town.emp("carol"),
        org_unit=town.somuka,
        valid_from=datetime.date(2010, 4, 1),
        valid_to=datetime.date(2012, 3, 31),
    )
    in_somuka = {town.emp(n).pk for n in ("head", "alice", "bob", "carol")}
    assert ids(town, TalentFilters(past_unit_id=town.somuka.pk)) == in_somuka

    RoleTagAssignmentFactory(employee=town.emp("carol"), tag=national("RoleTag", "smart_reform_specialist"))
    tag_id = national("RoleTag", "smart_reform_specialist").pk  # type: ignore[attr-defined]
    assert ids(town, TalentFilters(role_tag_id=tag_id)) == {town.emp("carol").pk}

    wish = CareerWish.objects.create(
        organization=town.org, employee=town.emp("alice"), fiscal_year=2026, transfer_wish="transfer",
        career_intention="specialist", dx_interest=True,
    )  # fmt: skip
    wish.wished_units.set([town.fukushika])
    CareerWish.objects.create(
        organization=town.org,
        employee=town.emp("bob"),
        fiscal_year=2025,
        transfer_wish="transfer",
        career_intention="undecided",
    )
    assert ids(town, TalentFilters(transfer_wish="transfer")) == {town.emp("alice").pk}  # this 年度 only
    assert ids(town, TalentFilters(wished_unit_id=town.fukushika.pk, dx_interest=True)) == {town.emp("alice").pk}


@pytest.mark.parametrize("who", ["alice", "head", "welfare_head"])
def test_only_hr_finds_anyone(town: Town, who: str) -> None:
    assert ids(town, TalentFilters(), who=who) == set()


def test_rows_show_skills_qualifications_roles_and_wish(town: Town) -> None:
    EmployeeSkillFactory(employee=town.emp("alice"), area=national("SkillArea", "ai_rpa"), level=3)
    EmployeeQualificationFactory(employee=town.emp("alice"), qualification=national("Qualification", "ipa_ap"))
    RoleTagAssignmentFactory(employee=town.emp("alice"))
    [row] = talent_rows(organization=town.org.pk, on=TODAY, ids=[town.emp("alice").pk])
    assert (row.unit_name, row.position_name) == ("総務課", "主事")
    assert row.skills == (("AI・RPA", 3),)
    assert row.qualifications == ("応用情報技術者",)
    assert row.role_tags == ("DX推進員",)


def _grow(town: Town, n: int) -> None:
    data, fe = national("SkillArea", "data"), national("Qualification", "ipa_fe")
    for _ in range(n):
        e = EmployeeFactory(organization=town.org)
        AssignmentFactory(employee=e, org_unit=town.fukushika, position=town.shuji)
        EmployeeSkillFactory(employee=e, area=data, level=3)
        EmployeeQualificationFactory(employee=e, qualification=fe)
        RoleTagAssignmentFactory(employee=e)


SEARCH_QUERIES = 12
"""Grants (role check, scope), count, page ids, names, posts, units, skills, quals, tags, wishes, courses."""


@pytest.mark.parametrize("size", [5, 60])
def test_search_runs_a_bounded_number_of_queries(town: Town, django_assert_max_num_queries: Any, size: int) -> None:
    _grow(town, size)
    data = national("SkillArea", "data")
    filters = TalentFilters(
        skills=(SkillFilter(data.pk, 2),), qualification_ids=(national("Qualification", "ipa_fe").pk,)
    )  # type: ignore[attr-defined]
    with django_assert_max_num_queries(SEARCH_QUERIES):
        page = talent_search(organization=town.org.pk, user=town.user("hr"), on=TODAY, filters=filters, page_size=50)
    assert page.total == size
    assert len(page.items) == min(size, 50)
    assert all(r.qualifications == ("基本情報技術者",) for r in page)


@pytest.mark.parametrize("size", [5, 60])
def test_skill_map_runs_a_bounded_number_of_queries(town: Town, django_assert_max_num_queries: Any, size: int) -> None:
    _grow(town, size)
    with django_assert_max_num_queries(6):  # areas, tree, grants (2), staff per unit, holders per cell
        result = skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY, min_level=2, depth=0)
    rows = {r.name: r for r in result.rows}
    assert rows["福祉部"].staff == size + 2
    data_col = [name for _, name in result.areas].index("データ活用")
    assert rows["福祉部"].cells[data_col].holders == size
    assert rows["総務部"].cells[data_col].holders == 0


def test_skill_map_rolls_up_to_the_chosen_depth_and_heat_steps(town: Town) -> None:
    data = national("SkillArea", "data")
    EmployeeSkillFactory(employee=town.emp("alice"), area=data, level=2)
    EmployeeSkillFactory(employee=town.emp("bob"), area=data, level=1)
    deep = skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY, min_level=2, depth=1)
    by_name = {r.name: r for r in deep.rows}
    assert set(by_name) == {"総務部", "総務課", "人事課", "福祉部", "福祉課"}
    col = [name for _, name in deep.areas].index("データ活用")
    cell = by_name["総務課"].cells[col]
    assert (cell.holders, by_name["総務課"].staff, cell.percent, cell.heat) == (1, 3, 33, 3)
    assert by_name["福祉課"].cells[col].heat == 0
    assert skill_map(organization=town.org.pk, user=town.user("alice"), on=TODAY).rows == ()


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_text_gets_an_apostrophe(text: str) -> None:
    assert safe_cell(text) == "'" + text
    assert safe_cell("山田=太郎") == "山田=太郎"
    assert safe_cell(-5) == -5


def test_csv_and_xlsx_exports_neutralise_formulas(town: Town) -> None:
    emp = town.emp("alice")
    emp.family_name = "=cmd|' /C calc'!A0"
    emp.save()
    rows = talent_rows(organization=town.org.pk, on=TODAY, ids=[emp.pk])
    data = csv_bytes(rows)
    assert data.startswith("\ufeff".encode())
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert parsed[0][:2] == ["職員番号", "氏名"]
    assert parsed[1][1].startswith("'=cmd")
    sheet = load_workbook(io.BytesIO(xlsx_bytes(rows))).active
    assert sheet is not None
    cell = sheet.cell(row=2, column=2)
    assert cell.value.startswith("'=cmd")  # type: ignore[union-attr]
    assert cell.data_type == "s"
