"""職員の登録 (採用) and 基本情報の更新 with optimistic concurrency."""

from __future__ import annotations

import datetime
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record, diff_fields
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.personnel.models import ActionStatus, ActionType, Employee, PersonnelAction, WorkPattern
from jinji.personnel.search_text import search_text_of
from jinji.personnel.services.actions import action_values
from jinji.personnel.services.applying import plan_for, raise_if_problems, write_plan
from jinji.personnel.services.common import bump_version, check_version, lock_employee, model_values, unknown_fields
from jinji.personnel.services.planning import DEFAULT_WEEKLY_MINUTES
from jinji.personnel.services.posts import Catalog

PROFILE_FIELDS = (
    "staff_number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "former_family_name",
    "former_family_name_kana",
    "uses_former_name",
    "birth_date",
    "gender",
    "email",
    "phone",
)
UPDATABLE = frozenset(PROFILE_FIELDS)
_REQUIRED = {
    "staff_number": "職員番号",
    "family_name": "氏",
    "given_name": "名",
    "family_name_kana": "氏(フリガナ)",
    "given_name_kana": "名(フリガナ)",
}
_KANA_FIELDS = ("family_name_kana", "given_name_kana", "former_family_name_kana")


def to_katakana(text: str) -> str:
    """フリガナ as stored: NFKC (半角ｶﾅ→全角), ひらがな→カタカナ, surrounding spaces removed."""
    normalized = unicodedata.normalize("NFKC", text).strip()
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in normalized)


def _clean_profile(values: dict[str, Any]) -> None:
    for name in ("staff_number", "family_name", "given_name", "former_family_name", "email", "phone"):
        if isinstance(values.get(name), str):
            values[name] = unicodedata.normalize("NFKC", values[name]).strip()
    for name in ("family_name", "given_name", "former_family_name"):
        if isinstance(values.get(name), str):
            values[name] = values[name].replace(" ", "")
    for name in _KANA_FIELDS:
        if isinstance(values.get(name), str):
            values[name] = to_katakana(values[name]).replace(" ", "")


def _profile_problems(values: Mapping[str, Any], org_id: int, employee_id: int | None) -> list[FieldProblem]:
    problems = [
        FieldProblem(name, f"{label}を入力してください") for name, label in _REQUIRED.items() if not values.get(name)
    ]
    birth, hired = values.get("birth_date"), values.get("hired_on")
    if not isinstance(birth, datetime.date):
        problems.append(FieldProblem("birth_date", "生年月日を入力してください"))
    elif isinstance(hired, datetime.date) and birth >= hired:
        problems.append(FieldProblem("birth_date", "生年月日は入庁日より前の日付にしてください"))
    if values.get("gender", "") not in ("", "M", "F", "X"):
        problems.append(FieldProblem("gender", "性別は M・F・X のいずれかです"))
    number = values.get("staff_number")
    if number:
        clash = Employee.objects.for_organization(org_id).filter(staff_number=number)
        if employee_id is not None:
            clash = clash.exclude(pk=employee_id)
        if clash.exists():
            problems.append(FieldProblem("staff_number", f"職員番号 {number} は既に使われています"))
    return problems


def employee_create(
    *,
    acting_user: Any,
    organization: Organization,
    staff_number: str,
    family_name: str,
    given_name: str,
    family_name_kana: str,
    given_name_kana: str,
    birth_date: datetime.date,
    hired_on: datetime.date,
    org_unit: OrgUnit,
    appointment_type: str,
    work_pattern: str = WorkPattern.FULL_TIME,
    weekly_minutes: int = DEFAULT_WEEKLY_MINUTES,
    position: Position | None = None,
    job_category: JobCategory | None = None,
    appointing_authority: AppointingAuthority | None = None,
    payer: Payer | None = None,
    salary_schedule: SalarySchedule | None = None,
    grade: int | None = None,
    step: int | None = None,
    former_family_name: str = "",
    former_family_name_kana: str = "",
    uses_former_name: bool = False,
    gender: str = "",
    email: str = "",
    phone: str = "",
    reason: str = "",
) -> Employee:
    """採用: the Employee, an applied 採用 発令 and the first primary assignment from ``hired_on``.

    All or nothing: any problem (duplicate 職員番号, a unit not existing on ``hired_on``,
    a 級 beyond the schedule …) raises DomainError and saves nothing.
    """
    profile = {name: value for name, value in locals().items() if name in UPDATABLE}
    profile["hired_on"] = hired_on
    _clean_profile(profile)
    problems = _profile_problems(profile, organization.pk, None)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        employee: Employee = Employee.objects.create(organization_id=organization.pk, **profile)
        employee.search_text = search_text_of(employee)
        employee.save(update_fields=["search_text"])
        action = PersonnelAction.objects.create(
            organization_id=organization.pk,
            employee=employee,
            action_type=ActionType.HIRE,
            effective_on=hired_on,
            status=ActionStatus.DRAFT,
            org_unit=org_unit,
            position=position,
            job_category=job_category,
            appointing_authority=appointing_authority,
            payer=payer,
            appointment_type=appointment_type,
            salary_schedule=salary_schedule,
            grade=grade,
            step=step,
            work_pattern=work_pattern,
            weekly_minutes=weekly_minutes,
            reason=reason,
            created_by=acting_user,
        )
        plan = plan_for(action, employee, Catalog.load(organization.pk))
        raise_if_problems(action, employee, plan)
        write_plan(action, employee, plan, acting_user=acting_user)
        audit_record(actor=acting_user, action="personnel.employee.create", target=employee, after=_profile(employee))
        audit_record(actor=acting_user, action="personnel.action.apply", target=action, after=action_values(action))
    return employee


def _profile(employee: Employee) -> dict[str, Any]:
    return model_values(employee, (*PROFILE_FIELDS, "hired_on", "separated_on"))


def employee_update(
    *, acting_user: Any, employee: Employee, expected_version: int, data: Mapping[str, Any]
) -> Employee:
    """基本情報の更新 (氏名・フリガナ・旧姓・生年月日・連絡先 …).

    ``expected_version`` is the ``version`` the editor read; if someone saved the employee
    since, ConcurrentUpdate is raised (「他の利用者が更新しました」) and nothing changes.
    Assignment, 入庁日 and 退職日 change only through 発令.
    """
    problems = unknown_fields(data, UPDATABLE)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = lock_employee(employee)
        check_version(locked, expected_version)
        before = _profile(locked)
        values = {**before, **data, "hired_on": locked.hired_on}
        _clean_profile(values)
        problems = _profile_problems(values, locked.organization_id, locked.pk)
        if problems:
            raise DomainError(problems)
        for name in PROFILE_FIELDS:
            setattr(locked, name, values[name])
        locked.search_text = search_text_of(locked)
        locked.version += 1
        locked.save()
        changed_before, changed_after = diff_fields(before, _profile(locked))
        audit_record(
            actor=acting_user,
            action="personnel.employee.update",
            target=locked,
            before=changed_before,
            after=changed_after,
        )
    return locked


__all__ = ["bump_version", "employee_create", "employee_update", "to_katakana"]
