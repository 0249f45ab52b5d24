"""スキル自己評価: the employee submits; only the 所属長 of the employee's unit confirms (never their own)."""

from __future__ import annotations

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.models import EmployeeSkill, SkillArea, SkillAssessment
from jinji.talent.selectors.skills import employee_skill_views, pending_confirmations
from jinji.talent.services import SkillClaim, skill_assessment_decide, skill_assessment_submit
from tests.talent.world import TODAY, Town


def area(code: str) -> SkillArea:
    found: SkillArea = SkillArea.objects.get(code=code, organization__isnull=True)
    return found


def submit(town: Town, who: str = "alice", **levels: int) -> list[SkillAssessment]:
    claims = {area(code).pk: SkillClaim(level=level, comment="RPAで集計を自動化") for code, level in levels.items()}
    return skill_assessment_submit(acting_user=town.user(who), employee=town.emp(who), claims=claims)


def test_six_dx_areas_with_four_described_levels_are_seeded(town: Town) -> None:
    areas = SkillArea.objects.filter(organization__isnull=True).order_by("sort_order")
    assert [a.name for a in areas] == [
        "データ活用",
        "デザイン",
        "プロジェクト管理",
        "セキュリティ",
        "業務改革(BPR)",
        "AI・RPA",
    ]
    assert all(sorted(a.levels.values_list("level", flat=True)) == [1, 2, 3, 4] for a in areas)


def test_the_unit_head_confirms_and_the_level_becomes_the_employees(town: Town) -> None:
    [pending] = submit(town, ai_rpa=3)
    assert [
        p.employee_name for p in pending_confirmations(organization=town.org.pk, user=town.user("head"), on=TODAY)
    ] == [town.emp("alice").working_name]
    skill_assessment_decide(acting_user=town.user("head"), assessment=pending, confirm=True, on=TODAY)
    held = EmployeeSkill.objects.get(employee=town.emp("alice"))
    assert (held.area.code, held.level, held.confirmed_on) == ("ai_rpa", 3, TODAY)
    assert AuditEvent.objects.filter(action="talent.skill.confirm", actor=town.user("head")).count() == 1
    assert pending_confirmations(organization=town.org.pk, user=town.user("head"), on=TODAY) == []


@pytest.mark.parametrize("who", ["welfare_head", "hr", "bob"])
def test_others_cannot_confirm(town: Town, who: str) -> None:
    [pending] = submit(town, data=2)
    assert pending_confirmations(organization=town.org.pk, user=town.user(who), on=TODAY) == []
    with pytest.raises(NotPermitted, match="所属長だけ"):
        skill_assessment_decide(acting_user=town.user(who), assessment=pending, confirm=True, on=TODAY)
    assert not EmployeeSkill.objects.exists()


def test_a_unit_head_cannot_confirm_their_own(town: Town) -> None:
    [own] = submit(town, who="head", bpr=4)
    assert pending_confirmations(organization=town.org.pk, user=town.user("head"), on=TODAY) == []
    with pytest.raises(NotPermitted):
        skill_assessment_decide(acting_user=town.user("head"), assessment=own, confirm=True, on=TODAY)


def test_returning_needs_a_comment_and_the_employee_sees_it(town: Town) -> None:
    [pending] = submit(town, design=4)
    with pytest.raises(DomainError, match="差戻しの理由"):
        skill_assessment_decide(acting_user=town.user("head"), assessment=pending, confirm=False, on=TODAY)
    skill_assessment_decide(
        acting_user=town.user("head"), assessment=pending, confirm=False, comment="実績を書いてください", on=TODAY
    )
    views = {v.area_name: v for v in employee_skill_views(organization=town.org.pk, employee_id=town.emp("alice").pk)}
    assert views["デザイン"].returned_comment == "実績を書いてください"
    assert views["デザイン"].confirmed_level is None
    with pytest.raises(DomainError, match="差戻し"):
        skill_assessment_decide(acting_user=town.user("head"), assessment=pending, confirm=True, on=TODAY)


def test_resubmitting_while_pending_updates_in_place(town: Town) -> None:
    submit(town, data=2)
    submit(town, data=3, security=1)
    rows = {a.area.code: a.level for a in SkillAssessment.objects.filter(status="submitted")}
    assert rows == {"data": 3, "security": 1}


def test_only_the_employee_submits_and_levels_are_checked(town: Town) -> None:
    with pytest.raises(NotPermitted):
        skill_assessment_submit(
            acting_user=town.user("head"), employee=town.emp("alice"), claims={area("data").pk: SkillClaim(level=2)}
        )
    with pytest.raises(DomainError) as caught:
        skill_assessment_submit(
            acting_user=town.user("alice"), employee=town.emp("alice"), claims={area("data").pk: SkillClaim(level=5)}
        )
    assert caught.value.problems[0].message == "データ活用のレベルは1〜4で選んでください"
    with pytest.raises(DomainError, match="少なくとも1つ"):
        skill_assessment_submit(acting_user=town.user("alice"), employee=town.emp("alice"), claims={})
    assert not SkillAssessment.objects.exists()


def test_a_second_confirmation_replaces_the_level(town: Town) -> None:
    [first] = submit(town, data=2)
    skill_assessment_decide(acting_user=town.user("head"), assessment=first, confirm=True, on=TODAY)
    [second] = submit(town, data=4)
    skill_assessment_decide(acting_user=town.user("head"), assessment=second, confirm=True, on=TODAY)
    assert EmployeeSkill.objects.get(employee=town.emp("alice")).level == 4
