"""Payroll pages: runs (給与担当), payslips (each employee their own), 住民税 import, dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError
from jinji.payroll import events, outputs, selectors
from jinji.payroll.approval import run_submit
from jinji.payroll.bonus import selectors as bonus_selectors
from jinji.payroll.bonus.forms import BonusRatingForm
from jinji.payroll.bonus.services import bonus_rating_set
from jinji.payroll.forms import ExcludeForm, ResidentTaxUploadForm, RunCreateForm
from jinji.payroll.models import PayrollRun, RunKind, RunStatus
from jinji.payroll.services.resident_tax import resident_tax_import
from jinji.payroll.services.runs import blocking_anomalies, run_create, run_exclude, run_finalize
from jinji.payroll.tasks import compute_run_task
from jinji.personnel.notices import render_pdf


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for problem in exc.problems:
        messages.error(request, str(problem.message if not problem.row else problem))


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def run_list_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    payers = selectors.payers(organization_id=user.organization_id)
    form = RunCreateForm(request.POST or None, payers=payers)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            run = run_create(acting_user=user, payer=data["payer"], month=data["month"], kind=data["kind"])
        except DomainError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"{run} を作成しました")
            return redirect("payroll:run_detail", run_id=run.pk)
    runs = selectors.run_list(organization_id=user.organization_id)
    return render(request, "payroll/run_list.html", {"runs": runs, "form": form})


def _run(request: HttpRequest, run_id: int) -> PayrollRun:
    return selectors.run_get(organization_id=_user(request).organization_id, run_id=run_id)


@require_role(Role.PAYROLL)
@require_GET
def run_detail_page(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    context = {
        "run": run,
        "rows": selectors.run_payslip_rows(run=run),
        "blocking": blocking_anomalies(run),
        "excluded": set(run.excluded_ids),
        "exclude_form": ExcludeForm(),
        "computing": run.status == RunStatus.COMPUTING,
    }
    if run.kind == RunKind.BONUS:
        context |= {
            "bonus_rows": bonus_selectors.bonus_rows(run=run),
            "ratings": bonus_selectors.rating_rows(run=run),
            "rating_form": BonusRatingForm(),
        }
    return render(request, "payroll/run_detail.html", context)


@require_role(Role.PAYROLL)
@require_GET
def run_progress(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    return render(request, "payroll/_progress.html", {"run": run, "computing": run.status == RunStatus.COMPUTING})


def _act(request: HttpRequest, run: PayrollRun, user: User, action: str) -> str:
    if action == "compute":
        compute_run_task.enqueue(run.pk, user.pk)
        return "計算を開始しました"
    if action == "exclude":
        form = ExcludeForm(request.POST)
        if not form.is_valid():
            raise DomainError("除外する職員と理由を入力してください")
        ids = form.cleaned_data["employee_ids"]
        run_exclude(acting_user=user, run=run, employee_ids=ids, reason=form.cleaned_data["reason"])
        return f"{len(ids)} 名を除外しました"
    if action == "rating":
        rating = BonusRatingForm(request.POST)
        if not rating.is_valid():
            raise DomainError("職員番号・成績率の区分・理由を入力してください")
        bonus_rating_set(acting_user=user, run=run, **rating.cleaned_data)
        return "成績率を登録しました(再計算すると反映されます)"
    if action == "submit":
        run_submit(acting_user=user, run=run)
        return "決裁に回しました"
    if action == "finalize":
        run_finalize(acting_user=user, run=run)
        return "確定しました"
    raise DomainError("不明な操作です")


@require_role(Role.PAYROLL)
@require_POST
def run_action(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    run = _run(request, run_id)
    try:
        messages.success(request, _act(request, run, user, request.POST.get("action", "")))
    except DomainError as exc:
        _errors(request, exc)
    return redirect("payroll:run_detail", run_id=run.pk)


def _export_audit(user: User, run: PayrollRun, what: str) -> None:
    with transaction.atomic():
        audit_record(actor=user, action=events.RUN_EXPORT, target=run, kind=AuditKind.READ, after={"file": what})


def _csv(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(("\ufeff" + content).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_role(Role.PAYROLL)
@require_GET
def run_ledger(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    _export_audit(_user(request), run, "ledger")
    return _csv(outputs.ledger_csv(run=run), f"ledger_{run.month:%Y%m}_{run.kind}.csv")


@require_role(Role.PAYROLL)
@require_GET
def run_journal(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    _export_audit(_user(request), run, "journal")
    return _csv(outputs.journal_csv(run=run), f"journal_{run.month:%Y%m}_{run.kind}.csv")


@require_role(Role.PAYROLL)
@require_GET
def run_bank_file(request: HttpRequest, run_id: int, index: int) -> HttpResponse:
    run = _run(request, run_id)
    if run.status != RunStatus.FINALIZED:
        messages.error(request, "全銀ファイルは確定した給与計算からだけ出力できます")
        return redirect("payroll:run_detail", run_id=run.pk)
    try:
        files = outputs.bank_files(run=run)
    except DomainError as exc:
        _errors(request, exc)
        return redirect("payroll:run_detail", run_id=run.pk)
    if not 0 <= index < len(files):
        raise Http404("全銀ファイルがありません")
    chosen = files[index]
    _export_audit(_user(request), run, chosen.filename)
    response = HttpResponse(chosen.content, content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{chosen.filename}"'
    return response


@login_required
@require_GET
def my_payslips(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    slips = []
    if user.employee_id is not None:
        slips = selectors.payslip_history(organization_id=user.organization_id, employee_id=user.employee_id)
    return render(request, "payroll/my_payslips.html", {"slips": slips})


@login_required
@require_GET
def payslip_page(request: HttpRequest, payslip_id: int) -> HttpResponse:
    view = selectors.payslip_for(user=_user(request), payslip_id=payslip_id)
    return render(request, "payroll/payslip.html", {"slip": view})


@login_required
@require_GET
def payslip_pdf(request: HttpRequest, payslip_id: int) -> HttpResponse:
    view = selectors.payslip_for(user=_user(request), payslip_id=payslip_id)
    html = render(request, "payroll/payslip_pdf.html", {"slip": view}).content.decode("utf-8")
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="payslip_{view.run.paid_on:%Y%m%d}.pdf"'
    return response


@require_role(Role.PAYROLL)
@require_http_methods(["GET", "POST"])
def resident_tax_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    form = ResidentTaxUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        try:
            count = resident_tax_import(
                acting_user=user, organization_id=user.organization_id, data=form.cleaned_data["file"].read()
            )
        except DomainError as exc:
            problems = exc.problems
        else:
            messages.success(request, f"{count} 件の住民税特別徴収税額を取り込みました")
            return redirect("payroll:resident_tax")
    return render(request, "payroll/resident_tax.html", {"form": form, "problems": problems})


@require_role(Role.PAYROLL)
@require_GET
def dashboard_page(request: HttpRequest) -> HttpResponse:
    figures = selectors.dashboard(organization_id=_user(request).organization_id)
    return render(request, "payroll/dashboard.html", figures)
