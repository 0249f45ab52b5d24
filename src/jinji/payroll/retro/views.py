"""差額 and 追給・戻入 pages (給与担当 only): start a 差額計算 with progress, review its totals by
month, item and employee; enter, list and withdraw individual corrections."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.core.errors import DomainError
from jinji.payroll import selectors as payroll_selectors
from jinji.payroll.retro import selectors
from jinji.payroll.retro.forms import CorrectionForm, RetroCreateForm
from jinji.payroll.retro.services import correction_create, correction_delete, retro_create
from jinji.payroll.retro.tasks import compute_retro_task
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroStatus
from jinji.personnel.models import Employee


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for problem in exc.problems:
        messages.error(request, str(problem.message))


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def retro_list_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    payers = payroll_selectors.payers(organization_id=user.organization_id)
    form = RetroCreateForm(request.POST or None, payers=payers)
    if request.method == "POST" and form.is_valid():
        try:
            calc = retro_create(acting_user=user, **form.cleaned_data)
        except DomainError as exc:
            _errors(request, exc)
        else:
            compute_retro_task.enqueue(calc.pk, user.pk)
            messages.success(request, f"{calc} の計算を開始しました")
            return redirect("payroll:retro_detail", calculation_id=calc.pk)
    context = {"calculations": selectors.retro_list(organization_id=user.organization_id), "form": form}
    return render(request, "payroll/retro_list.html", context)


def _calc(request: HttpRequest, calculation_id: int) -> RetroCalculation:
    return selectors.retro_get(organization_id=_user(request).organization_id, calculation_id=calculation_id)


@require_role(Role.PAYROLL)
@require_GET
def retro_detail_page(request: HttpRequest, calculation_id: int) -> HttpResponse:
    calc = _calc(request, calculation_id)
    context = {
        "calc": calc,
        "computing": calc.status == RetroStatus.COMPUTING,
        "months": selectors.month_totals(calculation=calc),
        "items": selectors.item_totals(calculation=calc),
        "employees": selectors.employee_totals(calculation=calc),
        "page": selectors.PAGE,
    }
    return render(request, "payroll/retro_detail.html", context)


@require_role(Role.PAYROLL)
@require_GET
def retro_progress(request: HttpRequest, calculation_id: int) -> HttpResponse:
    calc = _calc(request, calculation_id)
    return render(
        request, "payroll/_retro_progress.html", {"calc": calc, "computing": calc.status == RetroStatus.COMPUTING}
    )


@require_role(Role.PAYROLL)
@require_POST
def retro_compute_action(request: HttpRequest, calculation_id: int) -> HttpResponse:
    calc = _calc(request, calculation_id)
    compute_retro_task.enqueue(calc.pk, _user(request).pk)
    messages.success(request, "再計算を開始しました")
    return redirect("payroll:retro_detail", calculation_id=calc.pk)


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def corrections_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    payers = payroll_selectors.payers(organization_id=user.organization_id)
    form = CorrectionForm(request.POST or None, payers=payers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        number = data.pop("staff_number")
        employee = Employee.objects.filter(staff_number=number).first()
        if employee is None:
            form.add_error("staff_number", f"職員番号 {number} の職員が見つかりません")
        else:
            try:
                correction_create(acting_user=user, employee=employee, **data)
            except DomainError as exc:
                _errors(request, exc)
            else:
                messages.success(request, "追給・戻入を登録しました(支給する月の給与計算で反映されます)")
                return redirect("payroll:corrections")
    context = {"corrections": selectors.correction_list(organization_id=user.organization_id), "form": form}
    return render(request, "payroll/corrections.html", context)


@require_role(Role.PAYROLL)
@require_POST
def correction_delete_action(request: HttpRequest, correction_id: int) -> HttpResponse:
    user = _user(request)
    correction = PayCorrection.objects.for_organization(user.organization_id).filter(pk=correction_id).first()
    if correction is None:
        messages.error(request, "追給・戻入が見つかりません")
    else:
        try:
            correction_delete(acting_user=user, correction=correction)
        except DomainError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "追給・戻入を取り消しました")
    return redirect("payroll:corrections")
