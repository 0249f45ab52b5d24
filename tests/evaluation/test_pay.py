"""Results to pay: the 成績率の区分 the bonus run reads (via the selector), 昇給区分 and 号給 per
§C2, the over-55 reduction, quota (人員分布率) excesses flagged, and the 昇給 発令バッチ."""

from __future__ import annotations

import datetime

import pytest

from jinji.evaluation.models import Cycle, CycleKind
from jinji.evaluation.selectors import bonus_quota_check, performance_ratios, step_increase_preview
from jinji.evaluation.services import sheet_confirm, step_increase_propose
from jinji.personnel.models import ActionStatus, ActionType, Assignment, Employee, PersonnelAction
from jinji.personnel.services import action_batch_apply
from jinji.rules.pay import salary_schedule_version
from tests.evaluation.builders import Town, make_cycle, sheet_of, through_second

pytestmark = pytest.mark.django_db

H1 = {
    "period_start": datetime.date(2025, 10, 1),
    "period_end": datetime.date(2026, 3, 31),
    "reference_date": datetime.date(2026, 3, 31),
}
H2 = {
    "period_start": datetime.date(2026, 4, 1),
    "period_end": datetime.date(2026, 9, 30),
    "reference_date": datetime.date(2026, 9, 30),
}
RAISE_ON = datetime.date(2027, 1, 1)


def _confirm(town: Town, cycle: Cycle, results: dict[Employee, str]) -> None:
    for employee, rating in results.items():
        sheet = through_second(town, sheet_of(cycle, employee), first=rating, second=rating)
        sheet_confirm(acting_user=town.user("jinji_kacho"), sheet=sheet, final_rating=rating)


def test_performance_ratios_for_the_june_and_december_bonus(town: Town) -> None:
    first_half = make_cycle(town, CycleKind.PERFORMANCE, name="令和7年度下期 業績評価", **H1)
    second_half = make_cycle(town, CycleKind.PERFORMANCE, name="令和8年度上期 業績評価", **H2)
    _confirm(town, first_half, {town.staff_a: "S", town.staff_b: "A", town.kakaricho: "B", town.fiscal: "C"})
    _confirm(town, second_half, {town.staff_a: "D"})
    # June (基準日 6/1): the period ending 3/31; S→特に優秀, A→優秀, B→良好, C→良好でない
    assert performance_ratios(organization=town.org, bonus_date=datetime.date(2026, 6, 1)) == {
        town.staff_a.pk: "outstanding",
        town.staff_b.pk: "excellent",
        town.kakaricho.pk: "good",
        town.fiscal.pk: "poor",
    }
    # December (基準日 12/1): the period ending 9/30; only 確定 results are given (others: 良好 by default)
    assert performance_ratios(organization=town.org, bonus_date=datetime.date(2026, 12, 1)) == {town.staff_a.pk: "poor"}
    assert performance_ratios(organization=town.org, bonus_date=datetime.date(2025, 12, 1)) == {}


def test_upper_bonus_bands_beyond_the_quota_are_flagged(town: Town) -> None:
    cycle = make_cycle(town, CycleKind.PERFORMANCE, **H1)
    _confirm(town, cycle, {town.staff_a: "S", town.staff_b: "A", town.kakaricho: "B", town.fiscal: "B"})
    # 4 people, 特に優秀 + 優秀 = 2; 25% of 4 allows ⌊1⌋ = 1
    violations = bonus_quota_check(organization=town.org, bonus_date=datetime.date(2026, 6, 1))
    assert [(v.count, v.allowed, v.total) for v in violations] == [(2, 1, 4)]
    assert violations[0].message == "成績率の上位区分(特に優秀・優秀)は4人中1人(25%)までです(現在 2人、1人超過)"


def _year(town: Town) -> Cycle:
    competency = make_cycle(town)
    _confirm(town, make_cycle(town, CycleKind.PERFORMANCE, name="上期", **H1), {town.staff_a: "S"})
    _confirm(town, make_cycle(town, CycleKind.PERFORMANCE, name="下期", **H2), {town.staff_a: "A"})
    _confirm(town, competency, {town.staff_a: "A", town.staff_b: "B", town.kakaricho: "S", town.fiscal: "B"})
    return competency


def test_step_increase_preview(town: Town) -> None:
    preview = step_increase_preview(organization=town.org, cycle=_year(town), effective_on=RAISE_ON)
    rows = {r.employee_id: r for r in preview.rows}
    a = rows[town.staff_a.pk]
    # 能力 A(4) and 業績 S, A (mean 4.5): 0.5 × 4 + 0.5 × 4.5 = 4.25 → A → 昇給区分 B → 6号給 (§C2)
    assert (a.performance_ratings, a.annual_rating, a.step_class, a.steps) == (("S", "A"), "A", "B", 6)
    top = salary_schedule_version("gyosei_1", RAISE_ON).data.max_step(1)
    assert a.new_step == (26 if top < 20 else min(26, top))
    k = rows[town.kakaricho.pk]
    assert (k.annual_rating, k.step_class, k.steps, k.grade, k.step) == ("S", "A", 8, 3, 25)
    # born 1968-04-02: 58 on 2027-01-01 → over 55: 区分 C gives 0号給 (§C2), so no 発令
    b = rows[town.staff_b.pk]
    assert (b.step_class, b.steps, b.proposes_action) == ("C", 0, False)
    f = rows[town.fiscal.pk]
    assert (f.new_step, f.proposes_action) == (None, False)
    assert "対象外" in f.notes[0]
    # 昇給区分 A + B = 2 of 4; 25% of 4 allows 1
    assert [(v.count, v.allowed) for v in preview.violations] == [(2, 1)]


def test_step_increases_are_proposed_as_a_draft_batch_for_hr_to_confirm(town: Town) -> None:
    made = step_increase_propose(acting_user=town.user("hr"), cycle=_year(town), effective_on=RAISE_ON)
    assert made.batch.status == ActionStatus.DRAFT
    assert made.actions == 2
    actions = {a.employee_id: a for a in PersonnelAction.objects.filter(batch=made.batch)}
    assert set(actions) == {town.staff_a.pk, town.kakaricho.pk}
    kakaricho = actions[town.kakaricho.pk]
    assert (kakaricho.action_type, kakaricho.effective_on) == (ActionType.STEP_INCREASE, RAISE_ON)
    assert "昇給区分A(8号給)" in kakaricho.reason
    top3 = salary_schedule_version("gyosei_1", RAISE_ON).data.grades.get(3)
    assert kakaricho.step == (33 if top3 is None or len(top3) < 25 else min(33, len(top3)))
    action_batch_apply(acting_user=town.user("hr"), batch=made.batch)
    post = Assignment.objects.get(employee=town.kakaricho, valid_from=RAISE_ON)
    assert (post.grade, post.step) == (3, kakaricho.step)


def test_only_hr_proposes_and_only_from_competency_cycles(town: Town) -> None:
    from jinji.core.errors import DomainError, NotPermitted

    competency = _year(town)
    with pytest.raises(NotPermitted):
        step_increase_propose(acting_user=town.user("kacho"), cycle=competency, effective_on=RAISE_ON)
    performance = make_cycle(town, CycleKind.PERFORMANCE, name="別", **H2)
    with pytest.raises(DomainError, match="能力評価のサイクル"):
        step_increase_propose(acting_user=town.user("hr"), cycle=performance, effective_on=RAISE_ON)
