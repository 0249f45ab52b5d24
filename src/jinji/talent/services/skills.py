"""スキル自己評価: the employee submits levels; the 所属長 confirms (→ the employee's skill) or returns them."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.personnel.models import Employee
from jinji.talent import events
from jinji.talent.models import (
    MAX_LEVEL,
    MIN_LEVEL,
    AssessmentStatus,
    EmployeeSkill,
    SkillArea,
    SkillAssessment,
)
from jinji.talent.permissions import can_confirm_skills, is_own, refuse
from jinji.talent.services.common import business_today, raise_if
from jinji.talent.skill_summary import SummaryUpdate


@dataclass(frozen=True, slots=True)
class SkillClaim:
    """One area of a self-assessment: the level claimed (1–4) and the employee's comment."""

    level: int
    comment: str = ""


def _claim_problems(claims: Mapping[int, SkillClaim], areas: dict[int, SkillArea]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not claims:
        problems.append(FieldProblem("levels", "少なくとも1つのスキル領域でレベルを選んでください"))
    for area_id, claim in claims.items():
        area = areas.get(area_id)
        if area is None:
            problems.append(FieldProblem(f"level_{area_id}", "スキル領域が見つかりません"))
        elif not MIN_LEVEL <= claim.level <= MAX_LEVEL:
            problems.append(
                FieldProblem(f"level_{area_id}", f"{area.name}のレベルは{MIN_LEVEL}〜{MAX_LEVEL}で選んでください")
            )
        if len(claim.comment) > 300:
            problems.append(FieldProblem(f"comment_{area_id}", "コメントは300文字以内で入力してください"))
    return problems


def skill_assessment_submit(
    *, acting_user: Any, employee: Employee, claims: Mapping[int, SkillClaim]
) -> list[SkillAssessment]:
    """自己評価の提出 (本人のみ). Areas keyed by id; an area already waiting for the 所属長 is updated in place."""
    if not is_own(acting_user, employee.pk):
        raise refuse("スキルの自己評価は本人だけが提出できます")
    areas = {a.pk: a for a in SkillArea.objects.for_organization(employee.organization_id).filter(is_active=True)}
    raise_if(_claim_problems(claims, areas))
    saved: list[SkillAssessment] = []
    with transaction.atomic():
        pending = {
            a.area_id: a
            for a in SkillAssessment.objects.for_organization(employee.organization_id)
            .select_for_update()
            .filter(employee=employee, area_id__in=sorted(claims), status=AssessmentStatus.SUBMITTED)
        }
        for area_id, claim in sorted(claims.items()):
            row = pending.get(area_id)
            if row is None:
                row = SkillAssessment.objects.create(
                    organization_id=employee.organization_id,
                    employee=employee,
                    area_id=area_id,
                    level=claim.level,
                    comment=claim.comment.strip(),
                )
            else:
                row.level, row.comment = claim.level, claim.comment.strip()
                row.save(update_fields=["level", "comment"])
            saved.append(row)
        audit_record(
            actor=acting_user,
            action=events.SKILL_SUBMIT,
            target=employee,
            after={"levels": {areas[a].code: c.level for a, c in claims.items()}},
        )
    return saved


def skill_assessment_decide(
    *, acting_user: Any, assessment: SkillAssessment, confirm: bool, comment: str = "", on: datetime.date | None = None
) -> SkillAssessment:
    """所属長の確認: confirm (the level becomes the employee's skill) or return with a comment."""
    today = on or business_today()
    comment = comment.strip()
    with transaction.atomic():
        locked: SkillAssessment = (
            SkillAssessment.objects.for_organization(assessment.organization_id)
            .select_for_update()
            .select_related("employee", "area")
            .get(pk=assessment.pk)
        )
        if not can_confirm_skills(acting_user, locked.employee, on=today):
            raise refuse("この職員の所属長だけが自己評価を確認できます")
        problems: list[FieldProblem] = []
        if locked.status != AssessmentStatus.SUBMITTED:
            problems.append(FieldProblem("status", f"この自己評価は「{locked.get_status_display()}」です"))
        if not confirm and not comment:
            problems.append(FieldProblem("comment", "差戻しの理由をコメントに入力してください"))
        raise_if(problems)
        locked.status = AssessmentStatus.CONFIRMED if confirm else AssessmentStatus.RETURNED
        locked.decided_by, locked.decided_at = acting_user, timezone.now()
        locked.supervisor_comment = comment[:300]
        locked.save(update_fields=["status", "decided_by", "decided_at", "supervisor_comment"])
        if confirm:
            _hold(locked, today)
        audit_record(
            actor=acting_user,
            action=events.SKILL_CONFIRM if confirm else events.SKILL_RETURN,
            target=locked,
            after={"employee": locked.employee_id, "area": locked.area.code, "level": locked.level, "comment": comment},
        )
    return locked


def _hold(assessment: SkillAssessment, today: datetime.date) -> None:
    """Write the confirmed level and move the employee's count in the skill map's summary (same transaction)."""
    summary = SummaryUpdate(assessment.organization_id)
    current = (
        EmployeeSkill.objects.for_organization(assessment.organization_id)
        .select_for_update()
        .filter(employee_id=assessment.employee_id, area_id=assessment.area_id)
        .first()
    )
    old_level = None if current is None else current.level
    if current is None:
        EmployeeSkill.objects.create(
            organization_id=assessment.organization_id,
            employee_id=assessment.employee_id,
            area_id=assessment.area_id,
            level=assessment.level,
            confirmed_on=today,
            assessment=assessment,
        )
    else:
        current.level, current.confirmed_on, current.assessment = assessment.level, today, assessment
        current.save(update_fields=["level", "confirmed_on", "assessment"])
    summary.done(
        employee_id=assessment.employee_id, area_id=assessment.area_id, old_level=old_level, new_level=assessment.level
    )
