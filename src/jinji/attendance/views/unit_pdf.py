"""所属の出勤簿PDF: start it from the unit's 出勤簿 page, follow its progress, download it.

A small unit (up to :data:`SYNC_LIMIT` staff) is rendered during the request; a larger one by the
background task, with a progress page that polls (htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.attendance.models import PdfJobStatus, UnitSheetPdfJob
from jinji.attendance.printing import unit_pdf_job, unit_pdf_render, unit_pdf_request, unit_pdf_task
from jinji.core.errors import DomainError

UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)
SYNC_LIMIT = 30


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _job(request: HttpRequest, job_id: int) -> UnitSheetPdfJob:
    job = unit_pdf_job(user=_user(request), job_id=job_id)
    if job is None:
        raise Http404("PDFの作成依頼が見つかりません")
    return job


@require_POST
@require_role(*UNIT_ROLES)
def unit_pdf_start(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    p = request.POST
    unit, year, month = p.get("unit", ""), p.get("year", ""), p.get("month", "")
    back = f"{reverse('attendance:unit_sheet')}?year={year}&month={month}&unit={unit}"
    try:
        if not (unit.isdigit() and year.isdigit() and month.isdigit()):
            raise DomainError("所属と年月を指定してください")
        job = unit_pdf_request(acting_user=user, org_unit_id=int(unit), year=int(year), month=int(month))
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, str(problem))
        return redirect(back)
    if job.progress_total <= SYNC_LIMIT:
        unit_pdf_render(job)
    else:
        transaction.on_commit(lambda: unit_pdf_task.enqueue(job.pk))
    return redirect("attendance:unit_pdf_job", job_id=job.pk)


@require_GET
@require_role(*UNIT_ROLES)
def unit_pdf_progress(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    running = job.status in {PdfJobStatus.QUEUED, PdfJobStatus.RUNNING}
    template = "attendance/_unit_pdf_progress.html" if request.headers.get("HX-Request") else "attendance/unit_pdf.html"
    return render(request, template, {"job": job, "running": running})


@require_GET
@require_role(*UNIT_ROLES)
def unit_pdf_download(request: HttpRequest, job_id: int) -> HttpResponse:
    job = _job(request, job_id)
    if job.status != PdfJobStatus.DONE or not job.pdf:
        raise Http404("PDFはまだできていません")
    response = HttpResponse(bytes(job.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="shukkinbo-unit{job.org_unit_id}-{job.year}-{job.month:02d}.pdf"'
    )
    return response
