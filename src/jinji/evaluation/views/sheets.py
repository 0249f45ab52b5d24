"""Pages for staff and evaluators: my evaluations, the evaluator inbox, one sheet and its forms.

Every signed-in user may open these pages; what each one shows is decided by the selectors
(an evaluator sees only their evaluatees, the employee their results only after 開示), and
every change goes through a service that checks the user's part on the sheet.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.core.errors import DomainError
from jinji.evaluation.models import Stage
from jinji.evaluation.selectors import SheetDetail, evaluator_inbox, my_sheets, sheet_detail
from jinji.evaluation.selectors.sheets import evaluator_todo_count
from jinji.evaluation.services import (
    RatingInput,
    sheet_confirm,
    sheet_ratings_save,
    sheet_send_back,
    sheet_submit,
)
from jinji.evaluation.views._common import EXTRA_CSS, acting_user, add_domain_errors, parse_int, sheet_row, today
from jinji.evaluation.views.forms import (
    ComplaintForm,
    ConfirmForm,
    GoalFormSet,
    InterviewForm,
    RatingForm,
    ReopenForm,
    SendBackForm,
    field_key,
)


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """私の人事評価: own sheets, and a pointer to the inbox when the user evaluates others."""
    user = acting_user(request)
    todo = evaluator_todo_count(user=user)
    context = {"rows": my_sheets(user=user, today=today()), "todo": todo, "linked": user.employee_id is not None}
    return render(request, "evaluation/mine.html", {**context, "extra_css": EXTRA_CSS})


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """評価者の受信箱: my evaluatees by 対応が必要 / 他の段階 / 確定."""
    user = acting_user(request)
    box = evaluator_inbox(user=user, today=today(), cycle_id=parse_int(request.GET.get("cycle")))
    return render(request, "evaluation/inbox.html", {"inbox": box, "extra_css": EXTRA_CSS})


def detail_or_404(request: HttpRequest, sheet_id: int) -> SheetDetail:
    detail = sheet_detail(user=acting_user(request), sheet_id=sheet_id)
    if detail is None:
        raise Http404("評価シートが見つかりません。")
    return detail


def _goal_initial(detail: SheetDetail) -> list[dict[str, Any]]:
    goals = [line.goal for line in detail.lines if line.goal is not None]
    rows = [{"title": g.title, "target": g.target, "difficulty": g.difficulty, "weight": g.weight} for g in goals]
    blanks = max(0, min(3, detail.sheet.template.max_goals) - len(rows))
    return rows + [{"difficulty": "standard"} for _ in range(blanks)]


def render_sheet(request: HttpRequest, detail: SheetDetail, status: int = 200, **forms: Any) -> HttpResponse:
    """The sheet page with the forms the user may use now (bound ones passed back after an error)."""
    sheet = detail.sheet
    context: dict[str, Any] = {"d": detail, "sheet": sheet, "extra_css": EXTRA_CSS, "stage": Stage}
    if detail.editing_stage is not None:
        comment = getattr(sheet, f"{detail.editing_stage}_comment")
        context["rating_form"] = forms.get("rating_form") or RatingForm(
            lines=detail.lines,
            allowed=detail.allowed_ratings,
            stage=detail.editing_stage,
            initial={"version": sheet.version, "comment": comment},
        )
    if detail.can_send_back:
        context["send_back_form"] = forms.get("send_back_form") or SendBackForm()
    if detail.can_confirm:
        initial = {"version": sheet.version, "final_rating": sheet.second_rating}
        context["confirm_form"] = forms.get("confirm_form") or ConfirmForm(initial=initial)
    if detail.can_edit_goals:
        context["goal_formset"] = forms.get("goal_formset") or GoalFormSet(initial=_goal_initial(detail), prefix="g")
        context["goal_problems"] = forms.get("goal_problems", [])
    if detail.can_interview:
        context["interview_form"] = forms.get("interview_form") or InterviewForm(initial={"held_on": today()})
    if detail.can_complain:
        context["complaint_form"] = forms.get("complaint_form") or ComplaintForm()
    if detail.is_hr and sheet.stage == Stage.CONFIRMED:
        context["reopen_form"] = forms.get("reopen_form") or ReopenForm()
    return render(request, "evaluation/sheet.html", context, status=status)


@login_required
def sheet_page(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """評価シート: what the user may see, and the form for their own stage when it is their turn."""
    return render_sheet(request, detail_or_404(request, sheet_id))


def _ratings_from(form: RatingForm) -> dict[str, RatingInput]:
    data = form.cleaned_data
    return {
        line.key: RatingInput(data.get(f"r_{field_key(line.key)}") or "", data.get(f"c_{field_key(line.key)}") or "")
        for line in form.lines
    }


@require_POST
@login_required
def sheet_ratings(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """Save the user's stage (一時保存), or save and 提出 (``do=submit``)."""
    user = acting_user(request)
    detail = detail_or_404(request, sheet_id)
    if detail.editing_stage is None:
        messages.error(request, "この評価シートには、いま入力できる段階がありません。")
        return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))
    form = RatingForm(request.POST, lines=detail.lines, allowed=detail.allowed_ratings, stage=detail.editing_stage)
    if not form.is_valid():
        return render_sheet(request, detail, status=400, rating_form=form)
    try:
        saved = sheet_ratings_save(
            acting_user=user,
            sheet=detail.sheet,
            stage=detail.editing_stage,
            ratings=_ratings_from(form),
            comment=form.cleaned_data["comment"],
            expected_version=form.cleaned_data["version"],
        )
        if request.POST.get("do") == "submit":
            sheet_submit(acting_user=user, sheet=saved, expected_version=saved.version)
            messages.success(request, f"{Stage(detail.editing_stage).label}を提出しました。")
        else:
            messages.success(request, "一時保存しました。")
    except DomainError as error:
        add_domain_errors(form, error)
        return render_sheet(request, detail_or_404(request, sheet_id), status=400, rating_form=form)
    return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))


@require_POST
@login_required
def sheet_transition(request: HttpRequest, sheet_id: int) -> HttpResponse:
    """差戻し (``do=send_back``) or 調整・確定 (``do=confirm``)."""
    user = acting_user(request)
    sheet = sheet_row(user, sheet_id)
    if request.POST.get("do") == "confirm":
        confirm = ConfirmForm(request.POST)
        try:
            if confirm.is_valid():
                sheet_confirm(
                    acting_user=user,
                    sheet=sheet,
                    final_rating=confirm.cleaned_data["final_rating"],
                    comment=confirm.cleaned_data["comment"],
                    expected_version=confirm.cleaned_data["version"],
                )
                messages.success(request, "評価を確定しました。")
                return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))
        except DomainError as error:
            add_domain_errors(confirm, error)
        return render_sheet(request, detail_or_404(request, sheet_id), status=400, confirm_form=confirm)
    back = SendBackForm(request.POST)
    try:
        if back.is_valid():
            sheet_send_back(acting_user=user, sheet=sheet, reason=back.cleaned_data["reason"])
            messages.success(request, "差し戻しました。")
            return HttpResponseRedirect(reverse("evaluation:sheet", args=[sheet_id]))
    except DomainError as error:
        add_domain_errors(back, error)
    return render_sheet(request, detail_or_404(request, sheet_id), status=400, send_back_form=back)
