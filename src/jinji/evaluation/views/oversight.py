"""HR and 調整者 pages: progress dashboard, calibration, export, 昇給 proposal, evaluator changes,
reopening, and 苦情 handling."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.decorators import forbidden, require_role
from jinji.accounts.models import Role
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation.models import CycleKind
from jinji.evaluation.permissions import is_hr
from jinji.evaluation.selectors import calibration, cycle_dashboard, step_increase_preview
from jinji.evaluation.selectors.cycles import complaint_get, open_complaints
from jinji.evaluation.selectors.export import export_cycle
from jinji.evaluation.services import (
    Decision,
    complaint_handle,
    sheet_reopen,
    sheet_set_evaluators,
    sheets_confirm_many,
    step_increase_propose,
)
from jinji.evaluation.views._common import (
    EXTRA_CSS,
    acting_user,
    add_domain_errors,
    cycle_or_404,
    parse_int,
    sheet_row,
    today,
)
from jinji.evaluation.views.forms import ComplaintHandleForm, EvaluatorsForm, ReopenForm, StepIncreaseForm
from jinji.evaluation.views.people import employee_by_number
from jinji.evaluation.views.sheets import detail_or_404, render_sheet
from jinji.rules.evaluation import BONUS_BAND_LABELS, RATINGS, STEP_CLASS_LABELS


@require_role(Role.HR)
def dashboard(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """進捗ダッシュボード: stages, overdue, 空席, distribution by 部局 (or 所属 within one) and level."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    board = cycle_dashboard(cycle=cycle, today=today(), department_id=parse_int(request.GET.get("department")))
    return render(request, "evaluation/dashboard.html", {"b": board, "ratings": RATINGS, "extra_css": EXTRA_CSS})


@login_required
def calibration_page(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """調整: the 調整者's sheets (HR: all) with first/second ratings, distribution and quota check."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    department = parse_int(request.GET.get("department"))
    if request.method == "POST":
        decisions = [
            Decision(
                sheet_id=sid,
                rating=request.POST.get(f"rating_{sid}", ""),
                comment=request.POST.get(f"comment_{sid}", ""),
            )
            for sid in (parse_int(v) for v in request.POST.getlist("sheet"))
            if sid is not None
        ]
        try:
            count = sheets_confirm_many(acting_user=user, organization_id=user.organization_id, decisions=decisions)
        except DomainError as error:
            for problem in error.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, f"{count}件の評価を確定しました。")
            return HttpResponseRedirect(request.get_full_path())
    view = calibration(user=user, cycle=cycle, department_id=department)
    if not view.population and not is_hr(user):
        return forbidden(request, message="この評価サイクルで調整者になっている評価シートはありません。")
    labels = STEP_CLASS_LABELS if cycle.kind == CycleKind.COMPETENCY else BONUS_BAND_LABELS
    context = {"c": view, "ratings": RATINGS, "band_labels": labels, "extra_css": EXTRA_CSS}
    return render(request, "evaluation/calibration.html", context)


@require_role(Role.HR)
def export(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """評価結果の出力: ``?format=csv`` (UTF-8 BOM) or ``xlsx``."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    fmt = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    content, mime, filename = export_cycle(acting_user=user, cycle=cycle, fmt=fmt)
    response = HttpResponse(content, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_role(Role.HR)
def step_increase(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """昇給の発令案: preview (昇給区分・号給・分布率) and, on POST, a draft 発令バッチ for HR to confirm."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    if cycle.kind != CycleKind.COMPETENCY:
        raise Http404("昇給の発令案は能力評価のサイクルから作成します。")
    form = StepIncreaseForm(request.POST or request.GET or None)
    preview = None
    if form.is_bound and form.is_valid():
        on = form.cleaned_data["effective_on"]
        if request.method == "POST":
            try:
                made = step_increase_propose(
                    acting_user=user, cycle=cycle, effective_on=on, name=form.cleaned_data["name"]
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(
                    request, f"昇給の発令案({made.actions}件)を作成しました。内容を確認して確定してください。"
                )
                return HttpResponseRedirect(reverse("personnel:batch_detail", args=[made.batch.pk]))
        preview = step_increase_preview(organization=user.organization_id, cycle=cycle, effective_on=on)
    context = {"cycle": cycle, "form": form, "preview": preview, "labels": STEP_CLASS_LABELS, "extra_css": EXTRA_CSS}
    return render(request, "evaluation/step_increase.html", context, status=400 if form.errors else 200)


def _people(user: Any, form: EvaluatorsForm) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    for field in ("first_evaluator", "second_evaluator", "adjuster"):
        number = form.cleaned_data[field].strip()
        chosen[field] = employee_by_number(user.organization_id, number) if number else None
        if number and chosen[field] is None:
            form.add_error(field, f"職員番号「{number}」の職員が見つかりません")
    return chosen


@require_role(Role.HR)
def sheet_evaluators(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """評価者の変更 (空席, 利害関係 …): by 職員番号, with the reason."""
    user = acting_user(request)
    detail = detail_or_404(request, sheet_id)
    form = EvaluatorsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = _people(user, form)
        if not form.errors:
            try:
                sheet_set_evaluators(acting_user=user, sheet=detail.sheet, reason=form.cleaned_data["reason"], **chosen)
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, "評価者を変更しました。")
                return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))
    context = {"d": detail, "form": form, "extra_css": EXTRA_CSS}
    return render(request, "evaluation/sheet_evaluators.html", context, status=400 if form.errors else 200)


@require_POST
@require_role(Role.HR)
def reopen(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """確定の取消し (再開), with the stage to reopen at and the reason."""
    user = acting_user(request)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            sheet_reopen(acting_user=user, sheet=sheet_row(user, sheet_id), **form.cleaned_data)
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "確定を取り消し、評価を再開しました。")
            return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))
    return render_sheet(request, detail_or_404(request, sheet_id), status=400, reopen_form=form)


@require_role(Role.HR)
def complaints(request: HttpRequest) -> HttpResponse:
    """苦情の一覧 (未処理) and their handling."""
    user = acting_user(request)
    form = ComplaintHandleForm(request.POST or None)
    if request.method == "POST":
        complaint = complaint_get(
            organization_id=user.organization_id, complaint_id=parse_int(request.POST.get("complaint")) or 0
        )
        if complaint is None:
            raise Http404("苦情が見つかりません。")
        if form.is_valid():
            try:
                complaint_handle(acting_user=user, complaint=complaint, **form.cleaned_data)
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, "苦情の対応を記録しました。")
                return HttpResponseRedirect(reverse("evaluation:complaint_list"))
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, str(FieldProblem(str(label or ""), "; ".join(str(e) for e in errors))).lstrip(": "))
    rows = list(open_complaints(organization_id=user.organization_id)[:200])
    context = {"complaints": rows, "form": ComplaintHandleForm(), "extra_css": EXTRA_CSS}
    return render(request, "evaluation/complaints.html", context, status=400 if form.errors else 200)
