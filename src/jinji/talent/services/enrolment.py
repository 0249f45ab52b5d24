"""受講の登録と取消, and the automatic enrolment of everyone a course is mandatory for.

Capacity is an invariant of the session: every path that takes a seat locks the session row
first (``select_for_update``) and counts the seats taken under that lock, so two requests can
never overfill it. A mandatory enrolment that does not fit is refused as a whole.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError, transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import Employee
from jinji.talent import events
from jinji.talent.models import (
    ACTIVE_ENROLMENT_STATUSES,
    Enrolment,
    EnrolmentOrigin,
    EnrolmentStatus,
    TrainingSession,
)
from jinji.talent.permissions import hr_can, hr_scope_q, is_own, refuse, require_hr
from jinji.talent.selectors.training import mandatory_target_ids
from jinji.talent.services.common import business_today, raise_if

OPEN_STATUSES = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED)


def _lock_session(session: TrainingSession) -> TrainingSession:
    locked: TrainingSession = (
        TrainingSession.objects.for_organization(session.organization_id)
        .select_for_update()
        .select_related("course")
        .get(pk=session.pk)
    )
    return locked


def seats_taken(session: TrainingSession) -> int:
    return (
        Enrolment.objects.for_organization(session.organization_id)
        .filter(session_id=session.pk, status__in=ACTIVE_ENROLMENT_STATUSES)
        .count()
    )


def _enrol_problems(
    session: TrainingSession, employee: Employee, *, by_self: bool, today: datetime.date
) -> list[FieldProblem]:
    course_rows = Enrolment.objects.for_organization(session.organization_id).filter(
        employee=employee, course_id=session.course_id
    )
    problems: list[FieldProblem] = []
    if course_rows.filter(status=EnrolmentStatus.COMPLETED).exists():
        problems.append(FieldProblem("session", f"「{session.course.name}」は既に修了しています"))
    other = course_rows.filter(status__in=OPEN_STATUSES).select_related("session").first()
    if other is not None:
        where = "この回" if other.session_id == session.pk else f"同じ研修の「{other.session.name}」"
        problems.append(FieldProblem("session", f"{where}に既に申し込んでいます"))
    if by_self and not session.is_open:
        problems.append(FieldProblem("session", "この回は申込を受け付けていません"))
    if by_self and session.starts_on <= today:
        problems.append(FieldProblem("session", "開始日を過ぎた回には申し込めません"))
    if not problems and seats_taken(session) >= session.capacity:
        problems.append(FieldProblem("session", f"定員({session.capacity}人)に達しているため申し込めません"))
    return problems


def enrolment_create(
    *, acting_user: Any, session: TrainingSession, employee: Employee, on: datetime.date | None = None
) -> Enrolment:
    """受講の申込 (本人, before the session starts) or 指名 (人事担当). Refused when full or a duplicate."""
    today = on or business_today()
    by_self = is_own(acting_user, employee.pk)
    if not by_self and not hr_can(acting_user, employee, on=today):
        raise refuse("本人または人事担当だけが受講を登録できます")
    try:
        with transaction.atomic():
            locked = _lock_session(session)
            raise_if(_enrol_problems(locked, employee, by_self=by_self, today=today))
            enrolment: Enrolment = Enrolment.objects.create(
                organization_id=locked.organization_id,
                session=locked,
                course_id=locked.course_id,
                employee=employee,
                origin=EnrolmentOrigin.SELF if by_self else EnrolmentOrigin.HR,
                created_by=acting_user,
            )
            audit_record(
                actor=acting_user,
                action=events.ENROLMENT_CREATE,
                target=enrolment,
                after={"session": locked.pk, "employee": employee.pk, "origin": enrolment.origin},
            )
    except IntegrityError as exc:
        raise DomainError([FieldProblem("session", "この回に既に申し込んでいます")]) from exc
    return enrolment


def enrolment_cancel(*, acting_user: Any, enrolment: Enrolment, on: datetime.date | None = None) -> Enrolment:
    """受講の取消: the employee (own, not a mandatory one, before the start) or 人事担当. Frees the seat."""
    today = on or business_today()
    with transaction.atomic():
        _lock_session(enrolment.session)
        locked: Enrolment = (
            Enrolment.objects.for_organization(enrolment.organization_id)
            .select_for_update()
            .select_related("employee", "session")
            .get(pk=enrolment.pk)
        )
        hr = hr_can(acting_user, locked.employee, on=today)
        if not hr and not is_own(acting_user, locked.employee_id):
            raise refuse("本人または人事担当だけが取り消せます")
        problems: list[FieldProblem] = []
        if locked.status != EnrolmentStatus.ENROLLED:
            problems.append(FieldProblem("status", f"「{locked.get_status_display()}」の受講は取り消せません"))
        if not hr and locked.origin == EnrolmentOrigin.MANDATORY:
            problems.append(
                FieldProblem("status", "受講必須の研修は本人では取り消せません。人事担当に相談してください")
            )
        if not hr and locked.session.starts_on <= today:
            problems.append(FieldProblem("status", "開始日を過ぎた回は本人では取り消せません"))
        raise_if(problems)
        locked.status = EnrolmentStatus.CANCELLED
        locked.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=acting_user,
            action=events.ENROLMENT_CANCEL,
            target=locked,
            before={"status": EnrolmentStatus.ENROLLED},
            after={"status": EnrolmentStatus.CANCELLED},
        )
    return locked


def _not_yet_enrolled(session: TrainingSession, candidates: set[int]) -> list[int]:
    """Candidates who neither completed the course nor hold an open seat in any of its sessions."""
    done = set(
        Enrolment.objects.for_organization(session.organization_id)
        .filter(course_id=session.course_id, status__in=(*OPEN_STATUSES, EnrolmentStatus.COMPLETED))
        .filter(employee_id__in=sorted(candidates))
        .values_list("employee_id", flat=True)
    )
    return sorted(candidates - done)


def enrol_mandatory_locked(acting_user: Any, session: TrainingSession) -> list[int]:
    """Enrol the mandatory staff into ``session`` (already locked by the caller). All or nothing."""
    targets = mandatory_target_ids(course=session.course, on=session.starts_on)
    in_scope = set(
        Employee.objects.for_organization(session.organization_id)
        .filter(hr_scope_q(acting_user, on=session.starts_on))
        .filter(pk__in=sorted(targets))
        .values_list("pk", flat=True)
    )
    new = _not_yet_enrolled(session, in_scope)
    left = session.capacity - seats_taken(session)
    if len(new) > left:
        raise DomainError(
            [
                FieldProblem(
                    "capacity",
                    f"定員を超えるため自動登録できません: 未登録の受講必須者は{len(new)}人、"
                    f"この回の残り定員は{max(left, 0)}人です。"
                    "定員を増やすか、別の回を設けてください(誰も登録していません)",
                )
            ]
        )
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                organization_id=session.organization_id,
                session_id=session.pk,
                course_id=session.course_id,
                employee_id=employee_id,
                origin=EnrolmentOrigin.MANDATORY,
                created_by=acting_user,
            )
            for employee_id in new
        ]
    )
    audit_record(
        actor=acting_user,
        action=events.MANDATORY_ENROL,
        target=session,
        after={"enrolled": len(new), "employees": new},
    )
    return new


def mandatory_enrolment_apply(*, acting_user: Any, session: TrainingSession) -> list[int]:
    """受講必須者の自動登録: everyone the course is mandatory for (by 職位 rank, role tag or all staff,
    as of the session's start) who has not completed it and holds no seat yet. Returns the ids enrolled."""
    require_hr(acting_user)
    with transaction.atomic():
        return enrol_mandatory_locked(acting_user, _lock_session(session))
