"""スキルの参照: the catalogue with level descriptions, an employee's skills, the 所属長's queue."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from jinji.accounts.scope import AnyUser
from jinji.talent.models import AssessmentStatus, EmployeeSkill, SkillArea, SkillAssessment, SkillLevel
from jinji.talent.permissions import supervised_q


@dataclass(frozen=True, slots=True)
class LevelView:
    level: int
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class AreaView:
    id: int
    code: str
    name: str
    description: str
    levels: tuple[LevelView, ...]


def skill_catalogue(*, organization: int) -> list[AreaView]:
    """Active skill areas with what each level means. Two queries."""
    qs = (
        SkillArea.objects.for_organization(organization)
        .filter(is_active=True)
        .prefetch_related(Prefetch("levels", queryset=SkillLevel.objects.order_by("level")))
        .order_by("sort_order", "code")
    )
    return [
        AreaView(
            id=a.pk,
            code=a.code,
            name=a.name,
            description=a.description,
            levels=tuple(LevelView(lv.level, lv.name, lv.description) for lv in a.levels.all()),
        )
        for a in qs
    ]


@dataclass(frozen=True, slots=True)
class EmployeeSkillView:
    area_id: int
    area_name: str
    confirmed_level: int | None
    confirmed_on: datetime.date | None
    pending_level: int | None
    returned_comment: str


def employee_skill_views(*, organization: int, employee_id: int) -> list[EmployeeSkillView]:
    """Per area: the confirmed level, a level waiting for the 所属長, the last 差戻し comment. Three queries."""
    areas = SkillArea.objects.for_organization(organization).filter(is_active=True).order_by("sort_order", "code")
    held = {s.area_id: s for s in EmployeeSkill.objects.for_organization(organization).filter(employee_id=employee_id)}
    latest: dict[int, SkillAssessment] = {}
    for a in (
        SkillAssessment.objects.for_organization(organization)
        .filter(employee_id=employee_id)
        .order_by("submitted_at", "id")
    ):
        latest[a.area_id] = a
    views = []
    for area in areas:
        skill, last = held.get(area.pk), latest.get(area.pk)
        views.append(
            EmployeeSkillView(
                area_id=area.pk,
                area_name=area.name,
                confirmed_level=skill.level if skill else None,
                confirmed_on=skill.confirmed_on if skill else None,
                pending_level=last.level if last and last.status == AssessmentStatus.SUBMITTED else None,
                returned_comment=last.supervisor_comment if last and last.status == AssessmentStatus.RETURNED else "",
            )
        )
    return views


@dataclass(frozen=True, slots=True)
class PendingAssessment:
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    area_name: str
    level: int
    current_level: int | None
    comment: str
    submitted_at: datetime.datetime


def pending_confirmations(
    *, organization: int, user: AnyUser, on: datetime.date, limit: int = 300
) -> list[PendingAssessment]:
    """所属長確認待ち in the units the user heads (never their own). Bounded: grants, tree, rows, levels."""
    rows = list(
        SkillAssessment.objects.for_organization(organization)
        .filter(status=AssessmentStatus.SUBMITTED)
        .filter(supervised_q(user, on=on, field="employee_id"))
        .select_related("employee", "area")
        .order_by("employee__staff_number", "area__sort_order")[:limit]
    )
    current = {
        (s.employee_id, s.area_id): s.level
        for s in EmployeeSkill.objects.for_organization(organization).filter(
            employee_id__in={r.employee_id for r in rows}
        )
    }
    return [
        PendingAssessment(
            id=r.pk,
            employee_id=r.employee_id,
            staff_number=r.employee.staff_number,
            employee_name=r.employee.working_name,
            area_name=r.area.name,
            level=r.level,
            current_level=current.get((r.employee_id, r.area_id)),
            comment=r.comment,
            submitted_at=r.submitted_at,
        )
        for r in rows
    ]


def assessment_get(*, organization: int, assessment_id: int) -> SkillAssessment | None:
    return (
        SkillAssessment.objects.for_organization(organization)
        .select_related("employee", "area")
        .filter(pk=assessment_id)
        .first()
    )
