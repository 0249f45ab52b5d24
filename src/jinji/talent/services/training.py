"""研修の設定と結果: courses, who must take them, sessions, and attendance/completion."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.core.models import Organization
from jinji.talent import events
from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import (
    Course,
    CourseKind,
    CourseRequirement,
    Enrolment,
    EnrolmentStatus,
    RoleTag,
    SkillArea,
    TrainingSession,
)
from jinji.talent.permissions import require_hr
from jinji.talent.services.common import raise_if, same_organization
from jinji.talent.services.enrolment import enrol_mandatory_locked

RESULT_STATUSES = (
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.ABSENT,
)


def course_create(
    *,
    acting_user: Any,
    organization: Organization,
    code: str,
    name: str,
    kind: str,
    hours: int = 1,
    description: str = "",
    skill_area: SkillArea | None = None,
) -> Course:
    """研修コースの作成."""
    require_hr(acting_user)
    code, name = code.strip(), name.strip()
    problems: list[FieldProblem] = []
    if not code:
        problems.append(FieldProblem("code", "コースコードを入力してください"))
    elif Course.objects.for_organization(organization).filter(code=code).exists():
        problems.append(FieldProblem("code", f"コースコード「{code}」は既に使われています"))
    if not name:
        problems.append(FieldProblem("name", "研修名を入力してください"))
    if kind not in CourseKind.values:
        problems.append(FieldProblem("kind", "種類を選んでください"))
    if not 1 <= hours <= 1000:
        problems.append(FieldProblem("hours", "時間数は1〜1000で入力してください"))
    if skill_area is not None:
        problems += same_organization(skill_area, organization.pk, "skill_area", "スキル領域")
    raise_if(problems)
    with transaction.atomic():
        course: Course = Course.objects.create(
            organization=organization,
            code=code,
            name=name,
            kind=kind,
            hours=hours,
            description=description.strip(),
            skill_area=skill_area,
        )
        audit_record(
            actor=acting_user,
            action=events.COURSE_CREATE,
            target=course,
            after={"code": code, "name": name, "kind": kind, "hours": hours},
        )
    return course


def course_requirement_add(
    *,
    acting_user: Any,
    course: Course,
    position_rank: int | None = None,
    role_tag: RoleTag | None = None,
    all_staff: bool = False,
) -> CourseRequirement:
    """受講必須の条件を追加: exactly one of 職位の序列, 役割, 全職員."""
    require_hr(acting_user)
    chosen = sum([position_rank is not None, role_tag is not None, all_staff])
    problems: list[FieldProblem] = []
    if chosen != 1:
        problems.append(FieldProblem("position_rank", "職位の序列・役割・全職員のいずれか1つを指定してください"))
    if position_rank is not None and not 1 <= position_rank <= 20:
        problems.append(FieldProblem("position_rank", "職位の序列は1〜20で入力してください"))
    if role_tag is not None:
        problems += same_organization(role_tag, course.organization_id, "role_tag", "役割")
    raise_if(problems)
    with transaction.atomic():
        requirement: CourseRequirement = CourseRequirement.objects.create(
            organization_id=course.organization_id,
            course=course,
            position_rank=position_rank,
            role_tag=role_tag,
            all_staff=all_staff,
        )
        audit_record(
            actor=acting_user,
            action=events.COURSE_REQUIREMENT_ADD,
            target=course,
            after={"position_rank": position_rank, "role_tag": role_tag, "all_staff": all_staff},
        )
    return requirement


def session_create(
    *,
    acting_user: Any,
    course: Course,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    capacity: int,
    location: str = "",
    enrol_mandatory: bool = False,
) -> TrainingSession:
    """研修の実施回を作成. With ``enrol_mandatory`` the 受講必須 staff are enrolled in the same transaction
    (refused as a whole when they do not fit)."""
    require_hr(acting_user)
    problems: list[FieldProblem] = []
    if not name.strip():
        problems.append(FieldProblem("name", "回の名称を入力してください"))
    if ends_on < starts_on:
        problems.append(FieldProblem("ends_on", "終了日は開始日以降の日付にしてください"))
    if capacity < 1:
        problems.append(FieldProblem("capacity", "定員は1人以上にしてください"))
    if not course.is_active:
        problems.append(FieldProblem("course", "この研修コースは無効です"))
    raise_if(problems)
    with transaction.atomic():
        session: TrainingSession = TrainingSession.objects.create(
            organization_id=course.organization_id,
            course=course,
            name=name.strip(),
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=capacity,
            location=location.strip(),
        )
        audit_record(
            actor=acting_user,
            action=events.SESSION_CREATE,
            target=session,
            after={"course": course.code, "starts_on": starts_on, "ends_on": ends_on, "capacity": capacity},
        )
        if enrol_mandatory:
            locked = (
                TrainingSession.objects.for_organization(course.organization_id).select_for_update().get(pk=session.pk)
            )
            enrol_mandatory_locked(acting_user, locked)
    return session


def _result_problems(
    session: TrainingSession, rows: dict[int, Enrolment], results: Mapping[int, str], completed_on: datetime.date | None
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    for enrolment_id, status in results.items():
        if enrolment_id not in rows:
            problems.append(FieldProblem(f"status_{enrolment_id}", "この回の受講者ではありません"))
        elif status not in RESULT_STATUSES:
            problems.append(
                FieldProblem(f"status_{enrolment_id}", "受講予定・出席・修了・欠席のいずれかを選んでください")
            )
    if any(s == EnrolmentStatus.COMPLETED for s in results.values()):
        if completed_on is None:
            problems.append(FieldProblem("completed_on", "修了者がいる場合は修了日を入力してください"))
        elif completed_on < session.starts_on:
            problems.append(FieldProblem("completed_on", "修了日は研修の開始日以降の日付にしてください"))
    return problems


def session_results_record(
    *,
    acting_user: Any,
    session: TrainingSession,
    results: Mapping[int, str],
    completed_on: datetime.date | None = None,
) -> int:
    """出欠・修了の記録 (enrolment id → status). All rows or none; returns how many changed."""
    require_hr(acting_user)
    with transaction.atomic():
        locked = (
            TrainingSession.objects.for_organization(session.organization_id)
            .select_for_update()
            .select_related("course")
            .get(pk=session.pk)
        )
        rows = {
            e.pk: e
            for e in Enrolment.objects.for_organization(session.organization_id)
            .select_for_update()
            .filter(session=locked)
            .exclude(status=EnrolmentStatus.CANCELLED)
        }
        raise_if(_result_problems(locked, rows, results, completed_on))
        changed: dict[int, str] = {}
        for enrolment_id, status in results.items():
            row = rows[enrolment_id]
            if row.status == status:
                continue
            row.status = status
            row.completed_on = completed_on if status == EnrolmentStatus.COMPLETED else None
            row.certificate_number = (
                f"{locked.course.code}-{fiscal_year_of(completed_on)}-{row.pk:06d}"
                if status == EnrolmentStatus.COMPLETED and completed_on
                else ""
            )
            row.save(update_fields=["status", "completed_on", "certificate_number", "updated_at"])
            changed[row.employee_id] = status
        if changed:
            audit_record(
                actor=acting_user,
                action=events.RESULTS_RECORD,
                target=locked,
                after={"completed_on": completed_on, "results": changed},
            )
    return len(changed)
