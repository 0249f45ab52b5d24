"""HR pages: cycles (list, create, detail with its sheets and actions), period settings."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation.models import CycleKind, PeriodSetting, Stage
from jinji.evaluation.selectors import current_templates, cycle_list, cycle_sheets, cycle_templates, default_period
from jinji.evaluation.services import (
    CycleInput,
    cycle_create,
    cycle_generate_sheets,
    cycle_update_deadlines,
    period_setting_save,
    sheets_disclose,
)
from jinji.evaluation.views._common import (
    EXTRA_CSS,
    acting_user,
    add_domain_errors,
    cycle_or_404,
    parse_int,
    today,
)
from jinji.evaluation.views.forms import CycleForm, DeadlinesForm, PeriodSettingForm
from jinji.evaluation.views.people import employee_by_number
from jinji.personnel.models import Employee


@require_role(Role.HR)
def cycle_list_page(request: HttpRequest) -> HttpResponse:
    """評価サイクルの一覧."""
    user = acting_user(request)
    cycles = list(cycle_list(organization_id=user.organization_id)[:100])
    return render(request, "evaluation/cycle_list.html", {"cycles": cycles, "extra_css": EXTRA_CSS})


def _cycle_form(user: Any, data: Any = None, kind: str = CycleKind.COMPETENCY) -> CycleForm:
    on = today()
    fiscal_year = on.year if on.month >= 4 else on.year - 1
    start, end = default_period(organization_id=user.organization_id, kind=kind, fiscal_year=fiscal_year)
    initial = {
        "kind": kind,
        "period_start": start,
        "period_end": end,
        "reference_date": end,
        "self_due": end,
        "first_due": end,
        "second_due": end,
        "adjust_due": end,
    }
    form = CycleForm(data, initial=initial)
    templates = current_templates(organization_id=user.organization_id)
    field = form.fields["templates"]
    assert isinstance(field, forms.MultipleChoiceField)
    field.choices = [(str(t.pk), f"{t.get_kind_display()}: {t}") for t in templates]
    field.initial = [str(t.pk) for t in templates if t.kind == kind]
    return form


def _adjuster(user: Any, form: CycleForm) -> Employee | None:
    number = form.cleaned_data.get("adjuster", "").strip()
    if not number:
        return None
    found = employee_by_number(user.organization_id, number)
    if found is None:
        form.add_error("adjuster", f"職員番号「{number}」の職員が見つかりません")
    return found


@require_role(Role.HR)
def cycle_create_page(request: HttpRequest) -> HttpResponse:
    """評価サイクルの作成 (defaults from the organization's 評価期間の設定)."""
    user = acting_user(request)
    kind = request.GET.get("kind", CycleKind.COMPETENCY)
    form = _cycle_form(user, request.POST or None, kind if kind in CycleKind.values else CycleKind.COMPETENCY)
    if request.method == "POST" and form.is_valid():
        adjuster = _adjuster(user, form)
        data = {k: form.cleaned_data[k] for k in CycleInput.__dataclass_fields__}
        if not form.errors:
            try:
                cycle = cycle_create(
                    acting_user=user,
                    organization_id=user.organization_id,
                    data=CycleInput(**data),
                    template_ids=[int(t) for t in form.cleaned_data["templates"]],
                    adjuster=adjuster,
                )
            except DomainError as error:
                add_domain_errors(form, error)
            else:
                messages.success(request, "評価サイクルを作成しました。評価シートを作成してください。")
                return HttpResponseRedirect(reverse("evaluation:cycle_detail", args=[cycle.pk]))
    status = 400 if form.errors else 200
    return render(request, "evaluation/cycle_form.html", {"form": form, "extra_css": EXTRA_CSS}, status=status)


@require_role(Role.HR)
def cycle_detail(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """A cycle: its deadlines and templates, the sheets (filter by stage, 空席, name), the actions."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    stage = request.GET.get("stage", "")
    page, rows = cycle_sheets(
        cycle=cycle,
        stage=stage,
        vacant_only=request.GET.get("vacant") == "1",
        query=request.GET.get("q", ""),
        page=parse_int(request.GET.get("page")) or 1,
    )
    dues = {f: getattr(cycle, f) for f in ("self_due", "first_due", "second_due", "adjust_due")}
    deadlines = DeadlinesForm(initial={"version": cycle.version, **dues})
    context = {
        "cycle": cycle,
        "templates": cycle_templates(cycle=cycle),
        "page": page,
        "rows": rows,
        "stages": [(s.value, s.label) for s in Stage],
        "stage": stage,
        "deadlines": deadlines,
        "extra_css": EXTRA_CSS,
    }
    return render(request, "evaluation/cycle_detail.html", context)


@require_POST
@require_role(Role.HR)
def cycle_action(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """``do`` = generate (評価シートの作成), disclose (確定分の開示), deadlines (期限の変更)."""
    user = acting_user(request)
    cycle = cycle_or_404(user, cycle_id)
    action = request.POST.get("do")
    try:
        if action == "generate":
            result = cycle_generate_sheets(acting_user=user, cycle=cycle)
            messages.success(
                request,
                f"評価シートを{result.created}件作成しました(既存 {result.already}件、"
                f"休職中で対象外 {result.on_leave}件、評価者に空席あり {result.vacancies}件、"
                f"様式が合わない職員 {len(result.without_template)}人)。",
            )
        elif action == "disclose":
            count = sheets_disclose(acting_user=user, cycle=cycle)
            messages.success(request, f"確定した評価結果{count}件を本人に開示しました。")
        elif action == "deadlines":
            form = DeadlinesForm(request.POST)
            if not form.is_valid():
                raise DomainError(_form_problems(form))
            data = dict(form.cleaned_data)
            version = data.pop("version")
            cycle_update_deadlines(acting_user=user, cycle=cycle, deadlines=data, expected_version=version)
            messages.success(request, "期限を変更しました。")
    except DomainError as error:
        for problem in error.problems:
            messages.error(request, str(problem).lstrip(": "))
    return HttpResponseRedirect(reverse("evaluation:cycle_detail", args=[cycle.pk]))


def _form_problems(form: DeadlinesForm) -> list[FieldProblem]:
    return [FieldProblem(str(form.fields[name].label), str(e)) for name, errs in form.errors.items() for e in errs]


@require_role(Role.HR)
def period_settings(request: HttpRequest) -> HttpResponse:
    """評価期間の設定 (能力評価・業績評価 per organization)."""
    user = acting_user(request)
    form = PeriodSettingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            period_setting_save(acting_user=user, organization_id=user.organization_id, **form.cleaned_data)
        except DomainError as error:
            add_domain_errors(form, error)
        else:
            messages.success(request, "評価期間の設定を保存しました。")
            return HttpResponseRedirect(reverse("evaluation:period_settings"))
    settings = list(PeriodSetting.objects.for_organization(user.organization_id).order_by("kind"))
    on = today()
    fiscal_year = on.year if on.month >= 4 else on.year - 1
    periods = [
        (
            kind.label,
            n,
            *default_period(organization_id=user.organization_id, kind=kind, fiscal_year=fiscal_year, number=n),
        )
        for kind in CycleKind
        for n in ((1,) if kind == CycleKind.COMPETENCY else (1, 2))
    ]
    context = {"form": form, "settings": settings, "periods": periods, "extra_css": EXTRA_CSS}
    return render(request, "evaluation/period_settings.html", context, status=400 if form.errors else 200)
