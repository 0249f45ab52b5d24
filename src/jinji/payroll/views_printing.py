"""Bulk payslip printing on the run page (給与担当): the panel (polled by htmx while a job runs), the request
and the download of the finished PDF (audited)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError
from jinji.payroll import events, printing, selectors
from jinji.payroll.models import PayrollRun, PayslipPrintJob
from jinji.personnel.selectors.assignments import unit_names_at


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def _run(request: HttpRequest, run_id: int) -> PayrollRun:
    return selectors.run_get(organization_id=_user(request).organization_id, run_id=run_id)


@require_role(Role.PAYROLL)
@require_GET
def print_panel(request: HttpRequest, run_id: int) -> HttpResponse:
    run = _run(request, run_id)
    jobs = printing.recent_jobs(run)
    units = printing.print_units(run)
    names = unit_names_at(run.organization_id, [(u, run.paid_on) for u, _ in units])
    labels = [(u, " ".join(names.get((u, run.paid_on), ("", str(u)))).strip(), n) for u, n in units]
    context = {"run": run, "jobs": jobs, "units": labels, "active": printing.any_active(jobs)}
    template = "payroll/printing/_panel.html" if request.headers.get("HX-Request") else "payroll/printing/page.html"
    return render(request, template, context)


@require_role(Role.PAYROLL)
@require_POST
def print_create(request: HttpRequest, run_id: int) -> HttpResponse:
    user = _user(request)
    run = _run(request, run_id)
    unit = request.POST.get("org_unit", "")
    try:
        job = printing.print_job_create(
            acting_user=user,
            run=run,
            org_unit_id=int(unit) if unit.isdigit() else None,
            paper_only=request.POST.get("paper_only") == "1",
        )
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, problem.message)
    else:
        printing.print_payslips_task.enqueue(job.pk)
        messages.success(request, f"給与明細書 {job.progress_total} 件のPDFの作成を開始しました")
    return redirect("payroll:run_detail", run_id=run.pk)


@require_role(Role.PAYROLL)
@require_GET
def print_download(request: HttpRequest, run_id: int, job_id: int) -> HttpResponse:
    user = _user(request)
    run = _run(request, run_id)
    job = PayslipPrintJob.objects.for_organization(run.organization_id).filter(pk=job_id, run_id=run.pk).first()
    if job is None:
        raise Http404("印刷のジョブが見つかりません")
    try:
        path = printing.job_file(job)
    except DomainError:
        raise Http404("印刷用のファイルがありません") from None
    with transaction.atomic():
        audit_record(
            actor=user, action=events.RUN_EXPORT, target=run, kind=AuditKind.READ,
            after={"file": "payslips_pdf", "job": job.pk},
        )  # fmt: skip
    filename = f"payslips_{run.month:%Y%m}_{job.pk}{path.suffix}"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=filename)
    return cast(HttpResponse, response)  # the role-checking decorator is typed for HttpResponse
