"""人事担当: the qualification queue (verify / return), the master, allowance rules; the HR menu."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.talent.dates import month_bounds
from jinji.talent.forms.common import add_domain_errors
from jinji.talent.forms.hr import AllowanceRuleForm, QualificationMasterForm
from jinji.talent.models import QualificationAllowanceRule
from jinji.talent.selectors.allowance import allowance_rules_on, qualification_allowances
from jinji.talent.selectors.profile import hr_notices
from jinji.talent.selectors.qualifications import (
    expiring_qualifications,
    pending_qualifications,
    qualification_master,
    qualification_record_get,
)
from jinji.talent.selectors.recruitment import terms_ending
from jinji.talent.services import allowance_rule_create, qualification_master_add, qualification_review
from jinji.talent.views.common import acting_user, done, error_redirect, hr_only, parse_date, today


@hr_only
def hr_home(request: HttpRequest) -> HttpResponse:
    """人材管理メニュー with what needs attention."""
    user = acting_user(request)
    on = today()
    context = {
        "pending": len(pending_qualifications(organization=user.organization_id, user=user, on=on)),
        "terms": terms_ending(organization=user.organization_id, on=on, within_days=60),
        "notices": hr_notices(organization=user.organization_id, limit=10),
    }
    return render(request, "talent/hr_home.html", context)


@hr_only
def verification_list(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    on = today()
    context = {
        "pending": pending_qualifications(organization=user.organization_id, user=user, on=on),
        "expiring": expiring_qualifications(organization=user.organization_id, user=user, on=on),
    }
    return render(request, "talent/verification_list.html", context)


@hr_only
@require_POST
def qualification_review_page(request: HttpRequest, record_id: int) -> HttpResponse:
    user = acting_user(request)
    record = qualification_record_get(organization=user.organization_id, record_id=record_id)
    if record is None:
        raise Http404("資格の登録が見つかりません。")
    approve = request.POST.get("decision") == "verify"
    back = reverse("talent:verification_list")
    try:
        qualification_review(acting_user=user, record=record, approve=approve, note=request.POST.get("note", ""))
    except DomainError as exc:
        return error_redirect(request, exc, back)
    verb = "確認済にしました" if approve else "差し戻しました"
    return done(request, f"{record.employee.working_name}さんの「{record.qualification.name}」を{verb}。", back)


@hr_only
def qualification_master_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    form = QualificationMasterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            qualification_master_add(
                acting_user=user,
                organization=Organization.objects.get(pk=user.organization_id),
                code=data["code"],
                name=data["name"],
                category=data["category"],
                issuer=data["issuer"],
                renewal_years=data["renewal_years"],
                renewal_note=data["renewal_note"],
                ipa_level=data["ipa_level"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(
                request, f"「{data['name']}」を資格マスタに追加しました。", reverse("talent:qualification_master")
            )
    rows = qualification_master(organization=user.organization_id, active_only=False)
    return render(request, "talent/qualification_master.html", {"form": form, "rows": rows})


@hr_only
def allowance_rules(request: HttpRequest) -> HttpResponse:
    """資格手当の支給基準 and, for a month, who is paid what (what payroll will read)."""
    user = acting_user(request)
    master = list(qualification_master(organization=user.organization_id))
    form = AllowanceRuleForm(request.POST or None, qualifications=[(str(q.pk), q.name) for q in master])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allowance_rule_create(
                acting_user=user,
                organization=Organization.objects.get(pk=user.organization_id),
                code=data["code"],
                name=data["name"],
                monthly_amount=data["monthly_amount"],
                qualifications=[q for q in master if q.pk in set(data["qualifications"])],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
                note=data["note"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            return done(request, f"「{data['name']}」の支給基準を登録しました。", reverse("talent:allowance_rules"))
    month, _ = month_bounds(
        parse_date(request.GET.get("month", "") + "-01" if request.GET.get("month") else "", today())
    )
    lines = qualification_allowances(organization=user.organization_id, month=month)
    context = {
        "form": form,
        "rules": QualificationAllowanceRule.objects.for_organization(user.organization_id)
        .prefetch_related("qualifications")
        .order_by("code", "-valid_from"),
        "in_force": allowance_rules_on(organization=user.organization_id, on=month),
        "month": month,
        "holders": len(lines),
        "total": sum(line.amount for rows in lines.values() for line in rows),
    }
    return render(request, "talent/allowance_rules.html", context)
