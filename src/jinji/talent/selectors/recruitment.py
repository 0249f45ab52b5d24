"""採用・任期の参照: category rules as plain specs, applicants, terms ending soon."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from jinji.talent.eligibility import RuleSpec
from jinji.talent.models import (
    Applicant,
    EligibilityRule,
    Qualification,
    RecruitmentCategory,
    TermAppointment,
    TermKind,
    TermStatus,
)

PUBLIC_CALL_FROM_SEQUENCE = 3
"""会計年度任用: from the 3rd consecutive appointment (2nd 再度の任用) many bodies require a 公募 again."""


def _spec(rule: EligibilityRule) -> RuleSpec:
    return RuleSpec(
        kind=rule.kind,
        min_count=rule.min_count,
        qualification_names={q.pk: q.name for q in rule.qualifications.all()},
        ipa_level=rule.ipa_level,
        age_limit=rule.age_limit,
        age_reference_date=rule.age_reference_date,
        years=rule.years,
    )


def category_rule_specs(*, category: RecruitmentCategory) -> list[RuleSpec]:
    """The category's rules as plain data for :func:`jinji.talent.eligibility.unmet_rules`. Two queries."""
    rules = (
        EligibilityRule.objects.for_organization(category.organization_id)
        .filter(category=category)
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.unscoped.order_by("sort_order", "code")))
        .order_by("id")
    )
    return [_spec(r) for r in rules]


@dataclass(frozen=True, slots=True)
class CategoryView:
    id: int
    code: str
    name: str
    appointment_type: str
    is_active: bool
    rules: tuple[str, ...]


def _rule_text(rule: EligibilityRule) -> str:
    if rule.kind == "qualification_any":
        names = "、".join(q.name for q in rule.qualifications.all())
        return f"次のうち{rule.min_count}つ以上: {names}"
    if rule.kind == "min_ipa_level":
        return f"IPAレベル{rule.ipa_level}以上の資格"
    if rule.kind == "max_age":
        reference = f"({rule.age_reference_date:%Y年%m月%d日}時点)" if rule.age_reference_date else ""
        return f"{rule.age_limit}歳以下{reference}"
    return f"職務経験{rule.years}年以上"


def category_views(*, organization: int) -> list[CategoryView]:
    """採用区分 with their rules in words. Three queries."""
    qs = (
        RecruitmentCategory.objects.for_organization(organization)
        .prefetch_related(
            Prefetch(
                "rules",
                queryset=EligibilityRule.objects.for_organization(organization)
                .prefetch_related(Prefetch("qualifications", queryset=Qualification.unscoped.order_by("sort_order")))
                .order_by("id"),
            )
        )
        .order_by("code")
    )
    return [
        CategoryView(
            id=c.pk,
            code=c.code,
            name=c.name,
            appointment_type=c.appointment_type,
            is_active=c.is_active,
            rules=tuple(_rule_text(r) for r in c.rules.all()),
        )
        for c in qs
    ]


def applicant_list(*, organization: int, category_id: int | None = None, status: str = "") -> QuerySet[Applicant]:
    qs = Applicant.objects.for_organization(organization).select_related("category", "hired_employee")
    if category_id:
        qs = qs.filter(category_id=category_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def applicant_get(*, organization: int, applicant_id: int) -> Applicant | None:
    return (
        Applicant.objects.for_organization(organization)
        .select_related("category", "hired_employee")
        .prefetch_related("qualifications")
        .filter(pk=applicant_id)
        .first()
    )


@dataclass(frozen=True, slots=True)
class TermView:
    id: int
    employee_id: int
    staff_number: str
    name: str
    kind: str
    kind_label: str
    term_start: datetime.date
    term_end: datetime.date
    sequence: int
    status_label: str
    days_left: int
    needs_public_call: bool


def terms_ending(*, organization: int, on: datetime.date, within_days: int = 90) -> list[TermView]:
    """任期中 terms ending from ``on`` to ``on`` + ``within_days``, soonest first. One query."""
    qs = (
        TermAppointment.objects.for_organization(organization)
        .filter(status=TermStatus.ACTIVE, term_end__gte=on, term_end__lte=on + datetime.timedelta(days=within_days))
        .select_related("employee")
        .order_by("term_end", "id")
    )
    return [
        TermView(
            id=t.pk,
            employee_id=t.employee_id,
            staff_number=t.employee.staff_number,
            name=t.employee.working_name,
            kind=t.kind,
            kind_label=t.get_kind_display(),
            term_start=t.term_start,
            term_end=t.term_end,
            sequence=t.sequence,
            status_label=t.get_status_display(),
            days_left=(t.term_end - on).days,
            needs_public_call=t.kind == TermKind.FISCAL_YEAR and t.sequence + 1 >= PUBLIC_CALL_FROM_SEQUENCE,
        )
        for t in qs
    ]
