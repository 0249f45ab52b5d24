"""評価シートの作成: templates by 職の序列, evaluators from the org tree as of the 評価基準日, 空席 flags."""

from __future__ import annotations

import datetime

import pytest

from jinji.core.errors import NotPermitted
from jinji.evaluation.models import CycleKind, Sheet, SheetTemplate, Stage, TemplateItem
from jinji.evaluation.services import cycle_generate_sheets
from jinji.personnel.models import Assignment
from jinji.rules.evaluation import check_weights
from tests.evaluation.builders import Town, make_cycle, sheet_of
from tests.factories import AssignmentFactory, EmployeeFactory, PositionFactory

pytestmark = pytest.mark.django_db


def test_national_model_templates_are_installed_with_weights_totalling_100() -> None:
    templates = SheetTemplate.unscoped.filter(organization__isnull=True)
    codes = set(templates.values_list("code", flat=True))
    assert {
        "national.competency.staff",
        "national.competency.chief",
        "national.competency.manager",
        "national.competency.director",
        "national.competency.fiscal_year",
        "national.performance.regular",
        "national.performance.fiscal_year",
    } <= codes
    for template in templates.filter(kind=CycleKind.COMPETENCY):
        weights = list(TemplateItem.unscoped.filter(template=template).values_list("weight", flat=True))
        check_weights(weights)  # raises if not 100%
        assert not TemplateItem.unscoped.filter(template=template, description="").exists()


def test_evaluators_follow_the_org_tree(town: Town) -> None:
    cycle = make_cycle(town)
    a = sheet_of(cycle, town.staff_a)
    # 庶務係 has no 所属長: the 課長 of 総務課 rates first, the 部長 second; nobody above → default 調整者
    assert (a.first_evaluator_id, a.second_evaluator_id, a.adjuster_id) == (
        town.kacho.pk,
        town.bucho.pk,
        town.jinji_kacho.pk,
    )
    assert a.vacancies == []
    assert not a.has_vacancy
    assert a.stage == Stage.SELF
    assert a.unit_id == town.units["shomu"].pk
    assert a.department_id == town.units["dept"].pk


def test_a_unit_head_is_rated_from_the_unit_above_never_by_themself(town: Town) -> None:
    cycle = make_cycle(town)
    kacho = sheet_of(cycle, town.kacho)
    assert kacho.first_evaluator_id == town.bucho.pk
    assert kacho.second_evaluator_id is None  # nothing above 総務部
    assert kacho.vacancies == [Stage.SECOND]
    assert kacho.has_vacancy
    bucho = sheet_of(cycle, town.bucho)
    assert bucho.first_evaluator_id is None
    assert bucho.second_evaluator_id is None
    assert bucho.vacancies == [Stage.FIRST, Stage.SECOND]
    for sheet in Sheet.unscoped.filter(cycle=cycle):
        assert sheet.employee_id not in (sheet.first_evaluator_id, sheet.second_evaluator_id, sheet.adjuster_id)


def test_a_vacant_head_post_is_flagged(town: Town) -> None:
    cycle = make_cycle(town)
    zeimu = sheet_of(cycle, town.zeimu_staff)
    assert zeimu.first_evaluator_id is None  # 税務課長 is vacant: not silently replaced by the 部長
    assert zeimu.second_evaluator_id == town.bucho.pk
    assert zeimu.vacancies == [Stage.FIRST]


def test_templates_by_rank_and_fiscal_year_appointees(town: Town) -> None:
    cycle = make_cycle(town)
    codes = {
        e: sheet_of(cycle, getattr(town, e)).template.code for e in ("staff_a", "kakaricho", "kacho", "bucho", "fiscal")
    }
    assert codes == {
        "staff_a": "national.competency.staff",
        "kakaricho": "national.competency.chief",
        "kacho": "national.competency.manager",
        "bucho": "national.competency.director",
        "fiscal": "national.competency.fiscal_year",
    }
    assert sheet_of(cycle, town.fiscal).is_fiscal_year_appointee


def test_evaluators_are_resolved_as_of_the_reference_date(town: Town) -> None:
    """A new 課長 from 10/1 is not the evaluator of a cycle whose 評価基準日 is 9/30."""
    newcomer = EmployeeFactory(organization=town.org)
    kacho_position = PositionFactory(organization=town.org, name="課長", rank=5, is_unit_head=True)
    AssignmentFactory(
        employee=newcomer,
        organization=town.org,
        org_unit=town.units["zeimu"],
        position=kacho_position,
        valid_from=datetime.date(2026, 10, 1),
    )
    cycle = make_cycle(town)
    assert sheet_of(cycle, town.zeimu_staff).first_evaluator_id is None
    assert not Sheet.unscoped.filter(cycle=cycle, employee=newcomer).exists()  # not in post on 9/30


def test_regenerating_adds_only_missing_sheets_and_skips_staff_on_leave(town: Town) -> None:
    cycle = make_cycle(town)
    before = Sheet.unscoped.filter(cycle=cycle).count()
    assert before == 8
    late = EmployeeFactory(organization=town.org)
    AssignmentFactory(employee=late, organization=town.org, org_unit=town.units["shomu"])
    resting = EmployeeFactory(organization=town.org)
    AssignmentFactory(employee=resting, organization=town.org, org_unit=town.units["shomu"], is_on_leave=True)
    result = cycle_generate_sheets(acting_user=town.user("hr"), cycle=cycle)
    assert (result.created, result.already, result.on_leave) == (1, 8, 1)
    assert Sheet.unscoped.filter(cycle=cycle).count() == 9


def test_only_hr_generates_sheets(town: Town) -> None:
    cycle = make_cycle(town, generate=False)
    with pytest.raises(NotPermitted, match="人事担当"):
        cycle_generate_sheets(acting_user=town.user("kacho"), cycle=cycle)
    assert not Sheet.unscoped.filter(cycle=cycle).exists()


@pytest.mark.parametrize("extra", [0, 40])
def test_generation_runs_a_fixed_number_of_queries(town: Town, extra: int, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(extra):
        AssignmentFactory(
            employee=EmployeeFactory(organization=town.org), organization=town.org, org_unit=town.units["shomu"]
        )
    cycle = make_cycle(town, generate=False)
    with django_assert_max_num_queries(20):
        result = cycle_generate_sheets(acting_user=town.user("hr"), cycle=cycle)
    assert result.created == 8 + extra
    assert Assignment.unscoped.filter(organization=town.org).count() >= 8 + extra
