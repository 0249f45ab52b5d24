"""発令: list, entry (preview → save as draft or apply), detail with apply and cancel."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.decorators import require_role
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import ActionStatus, Employee, PersonnelAction
from jinji.personnel.notices import action_notice_pdf
from jinji.personnel.permissions import can_change_employee
from jinji.personnel.selectors import action_list, action_views, assignment_views_on, employee_by_staff_number
from jinji.personnel.selectors_web import action_get, employee_get
from jinji.personnel.services.actions import (
    personnel_action_apply,
    personnel_action_cancel,
    personnel_action_create,
)
from jinji.personnel.views._common import HR_ROLES, acting_user, add_domain_errors, parse_int, today
from jinji.personnel.views.action_forms import ActionForm, form_date

PAGE_SIZE = 50
_STATUS_FILTERS = [("", "すべて"), *ActionStatus.choices]


@require_role(*HR_ROLES)
def action_list_page(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    status = request.GET.get("status", "")
    status = status if status in ActionStatus.values else ""
    qs = action_list(organization=user.organization_id, status=status or None).order_by("-effective_on", "-id")
    page = Paginator(qs, PAGE_SIZE).get_page(parse_int(request.GET.get("page"), 1))
    actions = list(page.object_list)
    rows = list(zip(actions, action_views(organization=user.organization_id, actions=actions), strict=True))
    context = {"page": page, "rows": rows, "status": status, "status_choices": _STATUS_FILTERS}
    return render(request, "personnel/action_list.html", context)


def _target_employee(form: ActionForm, user: Any) -> Employee | None:
    """The employee named by 職員番号, if the user may change them; errors go on the field."""
    employee = employee_by_staff_number(
        organization=user.organization_id, staff_number=form.cleaned_data["staff_number"]
    )
    if employee is None or not can_change_employee(user, employee):
        form.add_error("staff_number", "この職員番号の職員は見つからないか、発令を作成する権限がありません。")
        return None
    return employee


def _choice_label(form: ActionForm, name: str) -> str:
    value = form.cleaned_data.get(name)
    if value in (None, ""):
        return "(変更なし)"
    key = str(getattr(value, "pk", value))
    choices = getattr(form.fields[name], "choices", [])
    return next((str(label) for v, label in choices if str(v) == key), str(value)).strip("\u3000")


def _preview(user: Any, employee: Employee, form: ActionForm) -> dict[str, Any]:
    """Before (the day before the 発令日) and after, row by row, for the confirmation table."""
    day_before = form.cleaned_data["effective_on"] - datetime.timedelta(days=1)
    posts = assignment_views_on(organization=user.organization_id, employee_ids=[employee.pk], on=day_before)
    current = next(iter(posts.get(employee.pk, [])), None)
    grade = form.cleaned_data.get("grade")
    step = form.cleaned_data.get("step")
    rows = [
        ("所属", current.unit_name if current else "—", _choice_label(form, "org_unit")),
        ("職", current.position_name if current else "—", _choice_label(form, "position")),
        ("任用区分", current.appointment_type_label if current else "—", _choice_label(form, "appointment_type")),
        ("給料表", current.salary_schedule_name if current else "—", _choice_label(form, "salary_schedule")),
        ("級", f"{current.grade}級" if current and current.grade else "—", f"{grade}級" if grade else "(変更なし)"),
        ("号給", f"{current.step}号給" if current and current.step else "—", f"{step}号給" if step else "(変更なし)"),
    ]
    return {
        "employee": employee,
        "current": current,
        "day_before": day_before,
        "rows": rows,
        "action_type": _choice_label(form, "action_type"),
    }


def _save(user: Any, employee: Employee, form: ActionForm, *, apply: bool) -> PersonnelAction:
    """Create the draft (and apply it) in one transaction: a refused apply leaves nothing behind."""
    with transaction.atomic():
        action = personnel_action_create(acting_user=user, employee=employee, **form.service_kwargs())
        if apply:
            action = personnel_action_apply(acting_user=user, action=action)
    return action


@require_role(*HR_ROLES)
def action_create(request: HttpRequest) -> HttpResponse:
    """GET: empty form (``?employee=`` prefills 職員番号). POST ``intent``: preview, draft or apply."""
    user = acting_user(request)
    data = request.POST if request.method == "POST" else None
    initial: dict[str, Any] = {"effective_on": today()}
    prefill = parse_int(request.GET.get("employee"))
    if prefill is not None and data is None:
        found = employee_get(organization=user.organization_id, employee_id=prefill)
        if found is not None:
            initial["staff_number"] = found.staff_number
    form = ActionForm(
        data, initial=initial, organization_id=user.organization_id, on=form_date(data, "effective_on", today())
    )
    preview: dict[str, Any] | None = None
    if data is not None and form.is_valid():
        employee = _target_employee(form, user)
        intent = data.get("intent", "preview")
        if employee is not None and intent in ("draft", "apply"):
            try:
                action = _save(user, employee, form, apply=intent == "apply")
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                done = "発令を確定しました。" if intent == "apply" else "発令を作成中として保存しました。"
                messages.success(request, done)
                return HttpResponseRedirect(reverse("personnel:action_detail", args=[action.pk]))
        elif employee is not None:
            preview = _preview(user, employee, form)
    return render(request, "personnel/action_form.html", {"form": form, "preview": preview})


def _action_or_404(user: Any, action_id: int) -> PersonnelAction:
    action = action_get(organization=user.organization_id, action_id=action_id)
    if action is None:
        raise Http404("発令が見つかりません。")
    return action


@require_role(*HR_ROLES)
def action_detail(request: HttpRequest, action_id: int) -> HttpResponse:
    user = acting_user(request)
    action = _action_or_404(user, action_id)
    view = action_views(organization=user.organization_id, actions=[action])[0]
    context = {"action": action, "view": view, "can_change": can_change_employee(user, action.employee)}
    return render(request, "personnel/action_detail.html", context)


@require_POST
@require_role(*HR_ROLES)
def action_transition(request: HttpRequest, action_id: int) -> HttpResponse:
    """POST ``do=apply`` (確定) or ``do=cancel`` (取消) on a draft 発令."""
    user = acting_user(request)
    action = _action_or_404(user, action_id)
    operation = request.POST.get("do")
    try:
        if not can_change_employee(user, action.employee):
            raise DomainError([FieldProblem("職員", "この職員の発令を操作する権限がありません")])
        if operation == "apply":
            personnel_action_apply(
                acting_user=user, action=action, expected_version=parse_int(request.POST.get("version"))
            )
            messages.success(request, "発令を確定しました。")
        elif operation == "cancel":
            personnel_action_cancel(acting_user=user, action=action)
            messages.success(request, "発令を取り消しました。")
        else:
            messages.error(request, "操作を選んでください。")
    except DomainError as error:
        for problem in error.problems:
            messages.error(request, problem.message)
    return HttpResponseRedirect(reverse("personnel:action_detail", args=[action.pk]))


@require_role(*HR_ROLES)
def action_notice(request: HttpRequest, action_id: int) -> HttpResponse:
    """The 辞令 of one 発令 as PDF (a draft prints as 内示)."""
    user = acting_user(request)
    action = _action_or_404(user, action_id)
    try:
        pdf = action_notice_pdf(acting_user=user, action=action)
    except DomainError as error:
        for problem in error.problems:
            messages.error(request, problem.message)
        return HttpResponseRedirect(reverse("personnel:action_detail", args=[action.pk]))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"辞令_{action.employee.staff_number}_{action.effective_on.isoformat()}.pdf"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
