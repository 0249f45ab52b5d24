"""Goals (業績評価), 面談 records and 苦情 on one sheet (POST handlers; the sheet page shows the forms)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.core.errors import DomainError
from jinji.evaluation.services import (
    GoalInput,
    complaint_file,
    goal_notes_save,
    goals_agree,
    goals_revoke,
    goals_save,
    interview_record,
)
from jinji.evaluation.views._common import acting_user, add_domain_errors, sheet_row
from jinji.evaluation.views.forms import ComplaintForm, GoalFormSet, InterviewForm
from jinji.evaluation.views.sheets import detail_or_404, render_sheet


def _back(sheet_id: int) -> HttpResponse:
    return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]) + "#goals")


def _save_goals(request: HttpRequest, sheet_id: int) -> HttpResponse:
    user = acting_user(request)
    formset = GoalFormSet(request.POST, prefix="g")
    problems: list[str] = []
    if formset.is_valid():
        goals = [
            GoalInput(f["title"], f["target"], f["difficulty"], f["weight"] or 0)
            for f in formset.cleaned_data
            if f and (f.get("title") or f.get("target"))
        ]
        try:
            goals_save(acting_user=user, sheet=sheet_row(user, sheet_id), goals=goals)
        except DomainError as error:
            problems = [p.message for p in error.problems]
        else:
            messages.success(request, "目標を保存しました。一次評価者と面談して合意を得てください。")
            return _back(sheet_id)
    detail = detail_or_404(request, sheet_id)
    return render_sheet(request, detail, status=400, goal_formset=formset, goal_problems=problems)


@require_POST
@login_required
def sheet_goals(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """``do`` = save (本人), agree / revoke (一次評価者), notes (本人: 中間の振り返り・実績)."""
    user = acting_user(request)
    action = request.POST.get("do", "save")
    if action == "save":
        return _save_goals(request, sheet_id)
    sheet = sheet_row(user, sheet_id)
    try:
        if action == "agree":
            goals_agree(acting_user=user, sheet=sheet)
            messages.success(request, "目標に合意しました。")
        elif action == "revoke":
            goals_revoke(acting_user=user, sheet=sheet, reason=request.POST.get("reason", ""))
            messages.success(request, "目標の合意を取り消しました。")
        else:
            notes = {
                int(key[5:]): (request.POST.get(f"mid_{key[5:]}", ""), request.POST.get(f"res_{key[5:]}", ""))
                for key in request.POST
                if key.startswith("goal_") and key[5:].isdigit()
            }
            goal_notes_save(acting_user=user, sheet=sheet, notes=notes)
            messages.success(request, "振り返りと実績を保存しました。")
    except DomainError as error:
        for problem in error.problems:
            messages.error(request, problem.message)
    return _back(sheet_id)


@require_POST
@login_required
def sheet_interview(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """面談の記録 (評価者)."""
    user = acting_user(request)
    form = InterviewForm(request.POST)
    if form.is_valid():
        try:
            interview_record(acting_user=user, sheet=sheet_row(user, sheet_id), **form.cleaned_data)
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "面談の記録を保存しました。")
            return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]) + "#interviews")
    return render_sheet(request, detail_or_404(request, sheet_id), status=400, interview_form=form)


@require_POST
@login_required
def sheet_complaint(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """苦情の申出 (本人、開示後)."""
    user = acting_user(request)
    form = ComplaintForm(request.POST)
    if form.is_valid():
        try:
            complaint_file(acting_user=user, sheet=sheet_row(user, sheet_id), content=form.cleaned_data["content"])
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "苦情を受け付けました。人事担当から連絡があります。")
            return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]) + "#complaints")
    return render_sheet(request, detail_or_404(request, sheet_id), status=400, complaint_form=form)
