"""一括異動 (発令バッチ): create, add rows by form or CSV, preview 異動一覧/内示表, confirm in one step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.decorators import require_role
from jinji.core.errors import DomainError
from jinji.org.selectors import position_list, unit_code_map
from jinji.personnel.models import ActionBatch, ActionStatus
from jinji.personnel.selectors import action_batch_list, action_list
from jinji.personnel.selectors_web import batch_get
from jinji.personnel.services import (
    ActionInput,
    action_batch_add_actions,
    action_batch_apply,
    action_batch_cancel,
    action_batch_create,
    action_batch_preview,
    action_batch_remove_actions,
)
from jinji.personnel.views._common import HR_ROLES, DateInput, acting_user, add_domain_errors
from jinji.personnel.views.action_forms import ActionForm
from jinji.personnel.views.batch_upload import COLUMNS, parse_batch_csv


class BatchForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="例: 令和8年4月1日 定期人事異動")
    effective_on = forms.DateField(label="発令日", widget=DateInput())


class UploadForm(forms.Form):
    file = forms.FileField(label="発令ファイル(CSV)", help_text="UTF-8 または Shift_JIS。列: " + "、".join(COLUMNS))


@require_role(*HR_ROLES)
def batch_list(request: HttpRequest) -> HttpResponse:
    """GET: the batches and the creation form; POST: create one (→ its page)."""
    user = acting_user(request)
    form = BatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = action_batch_create(acting_user=user, organization=user.organization, **form.cleaned_data)
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "一括異動を作成しました。発令を追加してください。")
            return HttpResponseRedirect(reverse("personnel:batch_detail", args=[batch.pk]))
    batches = action_batch_list(organization=user.organization_id)[:100]
    return render(request, "personnel/batch_list.html", {"form": form, "batches": batches})


def _batch_or_404(user: Any, batch_id: int) -> ActionBatch:
    batch = batch_get(organization=user.organization_id, batch_id=batch_id)
    if batch is None:
        raise Http404("一括異動が見つかりません。")
    return batch


def _detail(request: HttpRequest, batch: ActionBatch, **forms_: Any) -> HttpResponse:
    user = acting_user(request)
    rows = action_batch_preview(batch=batch) if batch.status == ActionStatus.DRAFT else []
    applied = (
        list(action_list(organization=user.organization_id, batch_id=batch.pk, status=ActionStatus.APPLIED))
        if batch.status == ActionStatus.APPLIED
        else []
    )
    context = {
        "batch": batch,
        "rows": rows,
        "applied": applied,
        "problem_count": sum(1 for r in rows if r.problems),
        "row_form": forms_.get("row_form")
        or ActionForm(
            organization_id=user.organization_id, on=batch.effective_on, initial={"effective_on": batch.effective_on}
        ),
        "upload_form": forms_.get("upload_form") or UploadForm(),
        "upload_problems": forms_.get("upload_problems", []),
        "is_draft": batch.status == ActionStatus.DRAFT,
    }
    status = 400 if forms_ else 200
    return render(request, "personnel/batch_detail.html", context, status=status)


@require_role(*HR_ROLES)
def batch_detail(request: HttpRequest, batch_id: int) -> HttpResponse:
    """異動一覧 / 内示表 with each row's problems; the forms to add rows; confirm and cancel."""
    return _detail(request, _batch_or_404(acting_user(request), batch_id))


@require_POST
@require_role(*HR_ROLES)
def batch_add_row(request: HttpRequest, batch_id: int) -> HttpResponse:
    user = acting_user(request)
    batch = _batch_or_404(user, batch_id)
    form = ActionForm(request.POST, organization_id=user.organization_id, on=batch.effective_on)
    if not form.is_valid():
        return _detail(request, batch, row_form=form)
    data = form.cleaned_data
    next_row = action_list(organization=user.organization_id, batch_id=batch.pk).count() + 1
    row = ActionInput(
        action_type=data["action_type"],
        staff_number=data["staff_number"],
        effective_on=data["effective_on"],
        **{
            f"{name}_id": data[name].pk if data[name] else None
            for name in ("org_unit", "position", "job_category", "payer", "salary_schedule")
        },
        appointment_type=data["appointment_type"],
        grade=data["grade"],
        step=data["step"],
        work_pattern=data["work_pattern"],
        weekly_minutes=data["weekly_minutes"],
        end_on=data["end_on"],
        post_kind=data["post_kind"],
        reason=data["reason"],
        notice_text=data["notice_text"],
        row=next_row,
    )
    try:
        action_batch_add_actions(acting_user=user, batch=batch, rows=[row])
    except DomainError as error:
        add_domain_errors(form, error, field_map={"org_unit_id": "org_unit", "position_id": "position"})
        return _detail(request, batch, row_form=form)
    messages.success(request, f"{data['staff_number']} の発令を追加しました。")
    return HttpResponseRedirect(reverse("personnel:batch_detail", args=[batch.pk]))


@require_POST
@require_role(*HR_ROLES)
def batch_upload(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Add every row of a CSV, or none: problems listed with 行・列・理由."""
    user = acting_user(request)
    batch = _batch_or_404(user, batch_id)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, batch, upload_form=form)
    try:
        rows = parse_batch_csv(
            form.cleaned_data["file"].read(),
            unit_codes=unit_code_map(organization=user.organization_id, on=batch.effective_on),
            position_codes=dict(
                position_list(organization=user.organization_id, on=batch.effective_on).values_list("code", "pk")
            ),
        )
        added = action_batch_add_actions(acting_user=user, batch=batch, rows=rows)
    except DomainError as error:
        return _detail(request, batch, upload_form=form, upload_problems=error.problems)
    messages.success(request, f"{len(added)} 件の発令を追加しました。")
    return HttpResponseRedirect(reverse("personnel:batch_detail", args=[batch.pk]))


@require_POST
@require_role(*HR_ROLES)
def batch_transition(request: HttpRequest, batch_id: int) -> HttpResponse:
    """POST ``do``: ``apply`` (一括確定), ``cancel`` (取消) or ``remove`` (``action`` ids taken out)."""
    user = acting_user(request)
    batch = _batch_or_404(user, batch_id)
    operation = request.POST.get("do")
    try:
        if operation == "apply":
            action_batch_apply(acting_user=user, batch=batch)
            messages.success(request, "一括異動を確定しました。")
        elif operation == "cancel":
            action_batch_cancel(acting_user=user, batch=batch)
            messages.success(request, "一括異動を取り消しました。")
        elif operation == "remove":
            ids = [int(v) for v in request.POST.getlist("action") if v.isdigit()]
            count = action_batch_remove_actions(acting_user=user, batch=batch, action_ids=ids)
            messages.success(request, f"{count} 件の発令を除外しました。")
        else:
            messages.error(request, "操作を選んでください。")
    except DomainError as error:
        messages.error(
            request, f"確定できません。{len(error.problems)} 件の問題があります(一覧の各行を確認してください)。"
        )
        for problem in error.problems[:20]:
            messages.error(request, str(problem))
    return HttpResponseRedirect(reverse("personnel:batch_detail", args=[batch.pk]))
