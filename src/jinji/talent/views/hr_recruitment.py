"""人事担当: recruitment categories and eligibility rules, applicants, screening and hiring."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.org.models import OrgUnit, Position
from jinji.org.selectors import org_tree_flat, position_list
from jinji.talent.forms.common import add_domain_errors
from jinji.talent.forms.hr import ApplicantForm, CategoryForm, HireForm, RuleForm
from jinji.talent.models import Applicant, ApplicantStatus, Qualification, RecruitmentCategory
from jinji.talent.selectors.qualifications import qualification_master
from jinji.talent.selectors.recruitment import applicant_get, applicant_list, category_views
from jinji.talent.services import (
    applicant_hire,
    applicant_register,
    applicant_status_set,
    eligibility_rule_add,
    recruitment_category_create,
)
from jinji.talent.services.recruitment import next_statuses
from jinji.talent.views.common import acting_user, done, error_redirect, hr_only, parse_int, today


def _qualifications(user: User) -> list[Qualification]:
    return list(qualification_master(organization=user.organization_id))


@hr_only
def recruitment(request: HttpRequest) -> HttpResponse:
    """採用区分 (with their rules in words), a new category, and the applicants."""
    user = acting_user(request)
    form = CategoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            category = recruitment_category_create(
                acting_user=user, organization=Organization.objects.get(pk=user.organization_id), **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(
                request,
                f"採用区分「{category.name}」を作成しました。",
                reverse("talent:category_detail", args=[category.pk]),
            )
    status = request.GET.get("status", "")
    status = status if status in ApplicantStatus.values else ""
    context = {
        "form": form,
        "categories": category_views(organization=user.organization_id),
        "applicants": applicant_list(organization=user.organization_id, status=status)[:200],
        "status": status,
        "statuses": ApplicantStatus.choices,
    }
    return render(request, "talent/recruitment.html", context)


@hr_only
def category_detail(request: HttpRequest, category_id: int) -> HttpResponse:
    user = acting_user(request)
    category = RecruitmentCategory.objects.for_organization(user.organization_id).filter(pk=category_id).first()
    if category is None:
        raise Http404("採用区分が見つかりません。")
    master = _qualifications(user)
    form = RuleForm(request.POST or None, qualifications=[(str(q.pk), q.name) for q in master])
    here = reverse("talent:category_detail", args=[category.pk])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = set(data.pop("qualifications"))
        try:
            eligibility_rule_add(
                acting_user=user, category=category, qualifications=[q for q in master if q.pk in chosen], **data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(request, "応募資格の条件を追加しました。", here)
    view = next(c for c in category_views(organization=user.organization_id) if c.id == category.pk)
    return render(request, "talent/category_detail.html", {"category": view, "form": form})


@hr_only
def applicant_create(request: HttpRequest) -> HttpResponse:
    """応募の受付: checked against the category's rules; refused with the unmet rule named."""
    user = acting_user(request)
    categories = list(
        RecruitmentCategory.objects.for_organization(user.organization_id).filter(is_active=True).order_by("code")
    )
    master = _qualifications(user)
    form = ApplicantForm(
        request.POST or None,
        categories=[(str(c.pk), c.name) for c in categories],
        qualifications=[(str(q.pk), q.name) for q in master],
        initial={"category": parse_int(request.GET.get("category"))},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        category = next(c for c in categories if c.pk == data.pop("category"))
        chosen = set(data.pop("qualifications"))
        try:
            applicant = applicant_register(
                acting_user=user, category=category, qualifications=[q for q in master if q.pk in chosen], **data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(
                request,
                f"{applicant}さんの応募を受け付けました。",
                reverse("talent:applicant_detail", args=[applicant.pk]),
            )
    return render(request, "talent/applicant_form.html", {"form": form})


def _hire(request: HttpRequest, user: User, applicant: Applicant, form: HireForm) -> HttpResponse | None:
    data = form.cleaned_data
    unit = OrgUnit.objects.for_organization(user.organization_id).filter(pk=data["org_unit"]).first()
    position = Position.objects.for_organization(user.organization_id).filter(pk=data["position"] or 0).first()
    if unit is None:
        form.add_error("org_unit", "配属先を選んでください。")
        return None
    try:
        employee = applicant_hire(
            acting_user=user,
            applicant=applicant,
            staff_number=data["staff_number"],
            hired_on=data["hired_on"],
            org_unit=unit,
            position=position,
            grade=data["grade"],
            step=data["step"],
            term_end=data["term_end"],
        )
    except DomainError as exc:
        add_domain_errors(form, exc)
        return None
    url = reverse("personnel:employee_detail", args=[employee.pk])
    return done(request, f"{employee.working_name}さんを採用しました(採用の発令を確定しました)。", url)


@hr_only
def applicant_detail(request: HttpRequest, applicant_id: int) -> HttpResponse:
    """選考状況の変更 and, for 内定, 採用 (the employee is created through a 採用 発令)."""
    user = acting_user(request)
    applicant = applicant_get(organization=user.organization_id, applicant_id=applicant_id)
    if applicant is None:
        raise Http404("応募者が見つかりません。")
    on = today()
    positions = [(str(p.pk), p.name) for p in position_list(organization=user.organization_id, on=on)]
    hire = HireForm(
        request.POST if request.POST.get("action") == "hire" else None,
        units=org_tree_flat(organization=user.organization_id, on=on),
        positions=positions,
    )
    here = reverse("talent:applicant_detail", args=[applicant.pk])
    if request.method == "POST" and request.POST.get("action") == "status":
        try:
            applicant_status_set(
                acting_user=user,
                applicant=applicant,
                status=request.POST.get("status", ""),
                note=request.POST.get("note", ""),
            )
        except DomainError as exc:
            return error_redirect(request, exc, here)
        return done(request, "選考状況を変更しました。", here)
    if request.method == "POST" and hire.is_valid():
        response = _hire(request, user, applicant, hire)
        if response is not None:
            return response
    context = {
        "a": applicant,
        "hire": hire,
        "next_statuses": [(s.value, s.label) for s in next_statuses(applicant.status)],
        "can_hire": applicant.status == ApplicantStatus.OFFERED,
    }
    return render(request, "talent/applicant_detail.html", context)
