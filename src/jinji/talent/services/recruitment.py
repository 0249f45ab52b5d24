"""採用: categories and their eligibility rules, applicants and screening, hiring through a 採用 発令."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.personnel.models import AppointmentType
from jinji.talent import events
from jinji.talent.eligibility import Candidate, unmet_rules
from jinji.talent.models import (
    Applicant,
    ApplicantStatus,
    EligibilityRule,
    Qualification,
    RecruitmentCategory,
    RuleKind,
)
from jinji.talent.permissions import require_hr
from jinji.talent.selectors.recruitment import category_rule_specs
from jinji.talent.services.common import business_today, raise_if, same_organization

TRANSITIONS: dict[str, frozenset[str]] = {
    ApplicantStatus.APPLIED: frozenset(
        {ApplicantStatus.SCREENING, ApplicantStatus.REJECTED, ApplicantStatus.WITHDRAWN}
    ),
    ApplicantStatus.SCREENING: frozenset(
        {ApplicantStatus.INTERVIEW, ApplicantStatus.REJECTED, ApplicantStatus.WITHDRAWN}
    ),
    ApplicantStatus.INTERVIEW: frozenset(
        {ApplicantStatus.OFFERED, ApplicantStatus.REJECTED, ApplicantStatus.WITHDRAWN}
    ),
    ApplicantStatus.OFFERED: frozenset({ApplicantStatus.WITHDRAWN}),
    ApplicantStatus.HIRED: frozenset(),
    ApplicantStatus.REJECTED: frozenset(),
    ApplicantStatus.WITHDRAWN: frozenset(),
}
"""選考の流れ. 採用済 is reached only through :func:`applicant_hire`."""


def next_statuses(status: str) -> list[ApplicantStatus]:
    """The statuses an applicant in ``status`` may move to, in the order of the flow."""
    allowed = TRANSITIONS.get(status, frozenset())
    return [s for s in ApplicantStatus if s in allowed]


def recruitment_category_create(
    *, acting_user: Any, organization: Organization, code: str, name: str, appointment_type: str, description: str = ""
) -> RecruitmentCategory:
    """採用区分の作成 (rules are added with :func:`eligibility_rule_add`)."""
    require_hr(acting_user)
    code, name = code.strip(), name.strip()
    problems: list[FieldProblem] = []
    if not code:
        problems.append(FieldProblem("code", "区分コードを入力してください"))
    elif RecruitmentCategory.objects.for_organization(organization).filter(code=code).exists():
        problems.append(FieldProblem("code", f"区分コード「{code}」は既に使われています"))
    if not name:
        problems.append(FieldProblem("name", "区分名を入力してください"))
    if appointment_type not in AppointmentType.values:
        problems.append(FieldProblem("appointment_type", "採用時の任用区分を選んでください"))
    raise_if(problems)
    with transaction.atomic():
        category: RecruitmentCategory = RecruitmentCategory.objects.create(
            organization=organization, code=code, name=name, appointment_type=appointment_type, description=description
        )
        audit_record(
            actor=acting_user,
            action=events.CATEGORY_CREATE,
            target=category,
            after={"code": code, "name": name, "appointment_type": appointment_type},
        )
    return category


def _rule_problems(kind: str, qualifications: Sequence[Qualification], params: dict[str, Any]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if kind == RuleKind.QUALIFICATION_ANY:
        if not qualifications:
            problems.append(FieldProblem("qualifications", "指定資格を1つ以上選んでください"))
        elif not 1 <= params["min_count"] <= len(qualifications):
            problems.append(FieldProblem("min_count", f"必要な資格の数は1〜{len(qualifications)}にしてください"))
    elif kind == RuleKind.MIN_IPA_LEVEL and not 1 <= (params["ipa_level"] or 0) <= 4:
        problems.append(FieldProblem("ipa_level", "IPAレベルは1〜4で入力してください"))
    elif kind == RuleKind.MAX_AGE and not 15 <= (params["age_limit"] or 0) <= 80:
        problems.append(FieldProblem("age_limit", "年齢上限は15〜80で入力してください"))
    elif kind == RuleKind.MIN_EXPERIENCE and not 1 <= (params["years"] or 0) <= 50:
        problems.append(FieldProblem("years", "職務経験年数は1〜50で入力してください"))
    elif kind not in RuleKind.values:
        problems.append(FieldProblem("kind", "条件の種類を選んでください"))
    return problems


def eligibility_rule_add(
    *,
    acting_user: Any,
    category: RecruitmentCategory,
    kind: str,
    qualifications: Sequence[Qualification] = (),
    min_count: int = 1,
    ipa_level: int | None = None,
    age_limit: int | None = None,
    age_reference_date: datetime.date | None = None,
    years: int | None = None,
) -> EligibilityRule:
    """応募資格の条件を追加 (all of a category's rules must be met)."""
    require_hr(acting_user)
    params = {"min_count": min_count, "ipa_level": ipa_level, "age_limit": age_limit, "years": years}
    problems = _rule_problems(kind, qualifications, params)
    for q in qualifications:
        problems += same_organization(q, category.organization_id, "qualifications", "資格")
    raise_if(problems)
    with transaction.atomic():
        rule: EligibilityRule = EligibilityRule.objects.create(
            organization_id=category.organization_id,
            category=category,
            kind=kind,
            age_reference_date=age_reference_date,
            **params,
        )
        rule.qualifications.set(list(qualifications) if kind == RuleKind.QUALIFICATION_ANY else [])
        audit_record(
            actor=acting_user,
            action=events.RULE_ADD,
            target=category,
            after={"kind": kind, **params, "qualifications": [q.pk for q in qualifications]},
        )
    return rule


def _applicant_problems(
    category: RecruitmentCategory,
    names: dict[str, tuple[str, str]],
    qualifications: Sequence[Qualification],
    candidate: Candidate,
    today: datetime.date,
) -> list[FieldProblem]:
    """Missing names, another organization's qualification, and every rule of the category not met."""
    problems = [FieldProblem(f, f"{label}を入力してください") for f, (v, label) in names.items() if not v.strip()]
    if not category.is_active:
        problems.append(FieldProblem("category", f"「{category.name}」は募集していません"))
    for q in qualifications:
        problems += same_organization(q, category.organization_id, "qualifications", "資格")
    unmet = unmet_rules(category_rule_specs(category=category), candidate, on=today)
    problems += [FieldProblem("qualifications", f"{category.name}の応募資格を満たしていません: {m}") for m in unmet]
    return problems


def applicant_register(
    *,
    acting_user: Any,
    category: RecruitmentCategory,
    family_name: str,
    given_name: str,
    family_name_kana: str,
    given_name_kana: str,
    birth_date: datetime.date,
    qualifications: Sequence[Qualification] = (),
    experience_years: int = 0,
    email: str = "",
    phone: str = "",
    note: str = "",
    on: datetime.date | None = None,
) -> Applicant:
    """応募の受付. Refused (nothing saved) when the applicant does not meet the category's rules."""
    require_hr(acting_user)
    names = {
        "family_name": (family_name, "氏"),
        "given_name": (given_name, "名"),
        "family_name_kana": (family_name_kana, "氏(フリガナ)"),
        "given_name_kana": (given_name_kana, "名(フリガナ)"),
    }
    candidate = Candidate(
        birth_date=birth_date,
        experience_years=experience_years,
        qualification_levels={q.pk: q.ipa_level for q in qualifications},
    )
    raise_if(_applicant_problems(category, names, qualifications, candidate, on or business_today()))
    with transaction.atomic():
        applicant: Applicant = Applicant.objects.create(
            organization_id=category.organization_id,
            category=category,
            family_name=family_name.strip(),
            given_name=given_name.strip(),
            family_name_kana=family_name_kana.strip(),
            given_name_kana=given_name_kana.strip(),
            birth_date=birth_date,
            experience_years=experience_years,
            email=email.strip(),
            phone=phone.strip(),
            note=note.strip()[:300],
            created_by=acting_user,
        )
        applicant.qualifications.set(list(qualifications))
        audit_record(
            actor=acting_user,
            action=events.APPLICANT_REGISTER,
            target=applicant,
            after={"category": category.code, "qualifications": [q.pk for q in qualifications]},
        )
    return applicant


def lock_applicant(applicant: Applicant) -> Applicant:
    locked: Applicant = (
        Applicant.objects.for_organization(applicant.organization_id)
        .select_for_update()
        .select_related("category")
        .get(pk=applicant.pk)
    )
    return locked


def applicant_status_set(*, acting_user: Any, applicant: Applicant, status: str, note: str = "") -> Applicant:
    """選考状況の変更 along :data:`TRANSITIONS`."""
    require_hr(acting_user)
    with transaction.atomic():
        locked = lock_applicant(applicant)
        if status not in TRANSITIONS.get(locked.status, frozenset()):
            allowed = "・".join(str(s.label) for s in next_statuses(locked.status))
            label = ApplicantStatus(status).label if status in ApplicantStatus.values else status
            raise DomainError(
                [
                    FieldProblem(
                        "status",
                        f"「{locked.get_status_display()}」から「{label}」には変更できません"
                        f"(変更できる状況: {allowed or 'なし'})",
                    )
                ]
            )
        before = locked.status
        locked.status = status
        if note.strip():
            locked.note = note.strip()[:300]
        locked.save(update_fields=["status", "note", "updated_at"])
        audit_record(
            actor=acting_user,
            action=events.APPLICANT_STATUS,
            target=locked,
            before={"status": before},
            after={"status": status},
        )
    return locked
