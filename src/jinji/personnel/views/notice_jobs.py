"""辞令の一括作成 on the 一括異動 page (人事担当): the panel (polled by htmx while a job runs), the request,
and the download of the finished PDF (audited)."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jinji.accounts.decorators import require_role
from jinji.core.errors import DomainError
from jinji.personnel import notice_jobs
from jinji.personnel.models import ActionBatch, NoticePrintJob
from jinji.personnel.selectors_web import batch_get
from jinji.personnel.views._common import HR_ROLES, acting_user


def _batch(request: HttpRequest, batch_id: int) -> ActionBatch:
    batch = batch_get(organization=acting_user(request).organization_id, batch_id=batch_id)
    if batch is None:
        raise Http404("一括異動が見つかりません。")
    return batch


@require_role(*HR_ROLES)
@require_GET
def notice_panel(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch(request, batch_id)
    jobs = notice_jobs.recent_notice_jobs(batch)
    context = {"batch": batch, "jobs": jobs, "active": notice_jobs.any_active(jobs)}
    template = "personnel/_notice_jobs.html" if request.headers.get("HX-Request") else "personnel/notice_jobs.html"
    return render(request, template, context)


@require_role(*HR_ROLES)
@require_POST
def notice_create(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = _batch(request, batch_id)
    try:
        job = notice_jobs.notice_job_create(acting_user=acting_user(request), batch=batch)
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, problem.message)
    else:
        notice_jobs.render_notices_task.enqueue(job.pk)
        messages.success(request, f"辞令 {job.progress_total} 枚のPDFの作成を開始しました")
    return redirect("personnel:batch_detail", batch_id=batch.pk)


@require_role(*HR_ROLES)
@require_GET
def notice_download(request: HttpRequest, batch_id: int, job_id: int) -> HttpResponse:
    batch = _batch(request, batch_id)
    job = NoticePrintJob.objects.for_organization(batch.organization_id).filter(pk=job_id, batch_id=batch.pk).first()
    if job is None:
        raise Http404("辞令の作成依頼が見つかりません。")
    try:
        path = notice_jobs.notice_job_download(acting_user=acting_user(request), job=job)
    except DomainError:
        raise Http404("辞令のファイルがありません。") from None
    kind = "内示用辞令案" if job.is_draft else "辞令"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=f"{kind}_{batch.effective_on}_{job.pk}.pdf")
    return cast(HttpResponse, response)  # the role-checking decorator is typed for HttpResponse
