"""採用: an offered applicant becomes an employee through personnel's 採用 (the 発令 and first post),
with the term tracked when the 任用区分 has one. All in one transaction."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.personnel.models import Employee, WorkPattern
from jinji.personnel.services import employee_create
from jinji.talent import events
from jinji.talent.models import Applicant, ApplicantStatus
from jinji.talent.permissions import require_hr
from jinji.talent.services.common import raise_if
from jinji.talent.services.recruitment import lock_applicant
from jinji.talent.services.terms import TERM_KIND_FOR_APPOINTMENT, create_term, term_problems

DEFAULT_WEEKLY_MINUTES = 2325


def _problems(
    applicant: Applicant, term_kind: str | None, hired_on: datetime.date, term_end: datetime.date | None
) -> None:
    problems: list[FieldProblem] = []
    if applicant.status != ApplicantStatus.OFFERED:
        problems.append(
            FieldProblem("status", f"内定の応募者だけを採用できます(現在: {applicant.get_status_display()})")
        )
    if term_kind is not None:
        problems += term_problems(term_kind, hired_on, term_end)
    raise_if(problems)


def _profile(applicant: Applicant) -> dict[str, Any]:
    """What the applicant already told us, as ``employee_create`` takes it."""
    return {
        "organization": Organization.objects.get(pk=applicant.organization_id),
        "family_name": applicant.family_name,
        "given_name": applicant.given_name,
        "family_name_kana": applicant.family_name_kana,
        "given_name_kana": applicant.given_name_kana,
        "birth_date": applicant.birth_date,
        "email": applicant.email,
        "phone": applicant.phone,
        "appointment_type": applicant.category.appointment_type,
        "reason": f"{applicant.category.name}採用",
    }


def applicant_hire(
    *,
    acting_user: Any,
    applicant: Applicant,
    staff_number: str,
    hired_on: datetime.date,
    org_unit: OrgUnit,
    position: Position | None = None,
    job_category: JobCategory | None = None,
    appointing_authority: AppointingAuthority | None = None,
    payer: Payer | None = None,
    salary_schedule: SalarySchedule | None = None,
    grade: int | None = None,
    step: int | None = None,
    work_pattern: str = WorkPattern.FULL_TIME,
    weekly_minutes: int = DEFAULT_WEEKLY_MINUTES,
    term_end: datetime.date | None = None,
) -> Employee:
    """内定者の採用: ``employee_create`` (採用 発令) with the category's 任用区分, plus the 任期 when it has one.

    Refused, with nothing saved, unless the applicant is 内定; any problem of the 採用 itself
    (duplicate 職員番号, unit not existing on the date …) is reported as personnel reports it.
    """
    require_hr(acting_user)
    post: dict[str, Any] = {
        "org_unit": org_unit,
        "position": position,
        "job_category": job_category,
        "payer": payer,
        "appointing_authority": appointing_authority,
        "salary_schedule": salary_schedule,
        "grade": grade,
        "step": step,
        "work_pattern": work_pattern,
        "weekly_minutes": weekly_minutes,
    }
    with transaction.atomic():
        locked = lock_applicant(applicant)
        term_kind = TERM_KIND_FOR_APPOINTMENT.get(locked.category.appointment_type)
        _problems(locked, term_kind, hired_on, term_end)
        employee = employee_create(
            acting_user=acting_user, staff_number=staff_number, hired_on=hired_on, **_profile(locked), **post
        )
        if term_kind is not None and term_end is not None:
            create_term(acting_user, employee, kind=term_kind, term_start=hired_on, term_end=term_end)
        locked.status = ApplicantStatus.HIRED
        locked.hired_employee = employee
        locked.save(update_fields=["status", "hired_employee", "updated_at"])
        audit_record(
            actor=acting_user,
            action=events.APPLICANT_HIRE,
            target=locked,
            after={"employee": employee.pk, "staff_number": employee.staff_number, "hired_on": hired_on},
        )
    return employee
