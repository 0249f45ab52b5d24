"""人事担当: role designations (and units without a DX推進員), 自己申告 for placement, terms ending."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.core.errors import DomainError
from jinji.org.models import OrgUnit
from jinji.org.selectors import org_tree_flat
from jinji.talent.dates import fiscal_year_of
from jinji.talent.forms.common import add_domain_errors
from jinji.talent.forms.hr import DesignateForm, ReappointForm, TermForm
from jinji.talent.models import DX_PROMOTER, RoleTagAssignment, TermAppointment, TransferWish
from jinji.talent.selectors.recruitment import terms_ending
from jinji.talent.selectors.roles import designations, role_tag_list, units_without_tag
from jinji.talent.selectors.wishes import career_wish_list
from jinji.talent.services import (
    role_tag_designate,
    role_tag_end,
    term_appointment_end,
    term_appointment_reappoint,
    term_appointment_register,
)
from jinji.talent.views.common import (
    acting_user,
    done,
    employee_by_number,
    error_redirect,
    hr_only,
    parse_date,
    parse_int,
    today,
)

_NOT_FOUND = "この職員番号の職員は見つかりません。"


@hr_only
def role_tags(request: HttpRequest) -> HttpResponse:
    """役割の指定 in force on a date, the designation form, and 所属 without the chosen per-unit role."""
    user = acting_user(request)
    on = parse_date(request.GET.get("on"), today())
    tags = list(role_tag_list(organization=user.organization_id))
    units = org_tree_flat(organization=user.organization_id, on=today())
    form = DesignateForm(request.POST or None, tags=[(str(t.pk), t.name) for t in tags], units=units)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee = employee_by_number(user, data["staff_number"])
        tag = next((t for t in tags if t.pk == data["tag"]), None)
        if employee is None:
            form.add_error("staff_number", _NOT_FOUND)
        elif tag is not None:
            unit = OrgUnit.objects.for_organization(user.organization_id).filter(pk=data["org_unit"] or 0).first()
            try:
                role_tag_designate(
                    acting_user=user,
                    employee=employee,
                    tag=tag,
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    org_unit=unit,
                    note=data["note"],
                )
            except DomainError as exc:
                add_domain_errors(form, exc, {"職員": "staff_number"})
            else:
                return done(
                    request, f"{employee.working_name}さんを「{tag.name}」に指定しました。", reverse("talent:role_tags")
                )
    report_tag = next((t for t in tags if t.pk == parse_int(request.GET.get("report"))), None)
    report_tag = report_tag or next((t for t in tags if t.code == DX_PROMOTER), None)
    context = {
        "form": form,
        "on": on,
        "rows": designations(organization=user.organization_id, on=on),
        "tags": [t for t in tags if t.one_per_unit],
        "report_tag": report_tag,
        "missing": units_without_tag(organization=user.organization_id, tag=report_tag, on=on) if report_tag else [],
    }
    return render(request, "talent/role_tags.html", context)


@hr_only
@require_POST
def role_tag_end_page(request: HttpRequest, designation_id: int) -> HttpResponse:
    user = acting_user(request)
    row = RoleTagAssignment.objects.for_organization(user.organization_id).filter(pk=designation_id).first()
    if row is None:
        raise Http404("役割の指定が見つかりません。")
    back = reverse("talent:role_tags")
    try:
        role_tag_end(acting_user=user, assignment=row, end_on=parse_date(request.POST.get("end_on"), today()))
    except DomainError as exc:
        return error_redirect(request, exc, back)
    return done(request, "役割の指定を終了しました。", back)


@hr_only
def wish_list(request: HttpRequest) -> HttpResponse:
    """自己申告の一覧 for placement (人事担当 only)."""
    user = acting_user(request)
    on = today()
    year = parse_int(request.GET.get("year"), fiscal_year_of(on)) or fiscal_year_of(on)
    wish = request.GET.get("wish", "")
    wish = wish if wish in TransferWish.values else ""
    page = career_wish_list(
        organization=user.organization_id,
        user=user,
        fiscal_year=year,
        on=on,
        transfer_wish=wish,
        page=parse_int(request.GET.get("page"), 1) or 1,
    )
    context = {
        "page": page,
        "year": year,
        "years": [fiscal_year_of(on) + 1, fiscal_year_of(on), fiscal_year_of(on) - 1],
        "wish": wish,
        "wish_choices": TransferWish.choices,
    }
    return render(request, "talent/wish_list.html", context)


@hr_only
def term_list(request: HttpRequest) -> HttpResponse:
    """任期: terms ending within the chosen window (with 公募 flags), and registering a term."""
    user = acting_user(request)
    days = parse_int(request.GET.get("days"), 90) or 90
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee = employee_by_number(user, data["staff_number"])
        if employee is None:
            form.add_error("staff_number", _NOT_FOUND)
        else:
            try:
                term_appointment_register(
                    acting_user=user,
                    employee=employee,
                    kind=data["kind"],
                    term_start=data["term_start"],
                    term_end=data["term_end"],
                    note=data["note"],
                )
            except DomainError as exc:
                add_domain_errors(form, exc, {"職員": "staff_number"})
            else:
                return done(request, f"{employee.working_name}さんの任期を登録しました。", reverse("talent:term_list"))
    rows = terms_ending(organization=user.organization_id, on=today(), within_days=max(1, min(days, 400)))
    return render(
        request, "talent/term_list.html", {"form": form, "rows": rows, "days": days, "reappoint": ReappointForm()}
    )


@hr_only
@require_POST
def term_action(request: HttpRequest, term_id: int) -> HttpResponse:
    """再度の任用 (``action=reappoint`` with the next term's end) or 任期満了 (``action=end``)."""
    user = acting_user(request)
    term = TermAppointment.objects.for_organization(user.organization_id).filter(pk=term_id).first()
    if term is None:
        raise Http404("任期が見つかりません。")
    back = reverse("talent:term_list")
    try:
        if request.POST.get("action") == "end":
            term_appointment_end(acting_user=user, term=term)
            return done(request, "任期満了として記録しました。", back)
        form = ReappointForm(request.POST)
        if not form.is_valid():
            return error_redirect(request, DomainError("次の任期の終期を入力してください"), back)
        term_appointment_reappoint(acting_user=user, term=term, term_end=form.cleaned_data["term_end"])
    except DomainError as exc:
        return error_redirect(request, exc, back)
    return done(request, "再度の任用を記録しました。", back)
