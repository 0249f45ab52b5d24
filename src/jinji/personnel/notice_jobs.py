"""辞令の一括作成: a batch's 辞令 (or, before it is confirmed, the 内示用の辞令案) as one PDF, made by a
background task so a mass transfer of thousands of people does not hold a web request.

The request checks the user may issue 辞令 for everyone in the batch and records who asked; the task
lays the pages out :data:`CHUNK` at a time, writing its progress to the job for the batch page to
poll (htmx), and leaves the file under ``JINJI_VAR_DIR/notices/<organization>/`` with a random name.
Downloading it is audited like printing was.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from jinji.audit.actions import register_action_labels
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.tenancy import tenant_context
from jinji.core.uploads import finished_file
from jinji.personnel.models import ActionBatch, ActionStatus, NoticeJobStatus, NoticePrintJob, PersonnelAction
from jinji.personnel.notices import NoticePage, _check_scope, _local_fonts_only, _notice_actions, notice_pages

CHUNK = 100
"""辞令 laid out per WeasyPrint document (memory stays bounded; progress is saved after each)."""
NOTICE_REQUEST = "personnel.notice.request"
NOTICE_PRINT = "personnel.notice.print"
register_action_labels({NOTICE_REQUEST: "辞令の一括作成の依頼", NOTICE_PRINT: "辞令(PDF)の出力"})


def notice_root() -> Path:
    return Path(settings.VAR_DIR) / "notices"


def _batch_actions(batch: ActionBatch) -> list[PersonnelAction]:
    qs = PersonnelAction.objects.for_organization(batch.organization_id).filter(batch=batch)
    return _notice_actions(qs)


def notice_job_create(*, acting_user: Any, batch: ActionBatch) -> NoticePrintJob:
    """Queue the 辞令 of ``batch`` (a draft batch gives the 内示用の辞令案). Audited; enqueue after commit."""
    actions = _batch_actions(batch)
    if not actions:
        raise DomainError([FieldProblem("actions", "辞令にする発令がありません")])
    _check_scope(
        acting_user, batch.organization_id, {a.employee_id for a in actions}, max(a.effective_on for a in actions)
    )
    people = len({(a.employee_id, a.effective_on) for a in actions})
    with transaction.atomic():
        locked = ActionBatch.objects.for_organization(batch.organization_id).select_for_update().get(pk=batch.pk)
        job: NoticePrintJob = NoticePrintJob.objects.create(
            organization_id=batch.organization_id,
            batch=locked,
            requested_by=acting_user,
            is_draft=locked.status == ActionStatus.DRAFT,
            progress_total=people,
        )
        audit_record(
            actor=acting_user,
            action=NOTICE_REQUEST,
            target=locked,
            kind=AuditKind.READ,
            after={"job": job.pk, "actions": len(actions), "pages": people, "draft": job.is_draft},
        )
    return job


def _chunks(pages: Sequence[NoticePage], size: int) -> Iterator[Sequence[NoticePage]]:
    for start in range(0, len(pages), size):
        yield pages[start : start + size]


def _render(job: NoticePrintJob, pages: Sequence[NoticePage]) -> bytes:
    from weasyprint import HTML

    documents: list[Any] = []
    for chunk in _chunks(pages, CHUNK):
        html = render_to_string("personnel/notice.html", {"pages": chunk})
        documents.append(HTML(string=html, url_fetcher=_local_fonts_only()).render())
        job.progress_done += len(chunk)
        job.save(update_fields=["progress_done"])
    all_pages = [page for document in documents for page in document.pages]
    pdf: bytes = documents[0].copy(all_pages).write_pdf()
    return pdf


def notice_job_render(job: NoticePrintJob) -> None:
    """Render ``job`` (called by the task). A failure is kept on the job and shown on the batch page."""
    batch = ActionBatch.objects.for_organization(job.organization_id).get(pk=job.batch_id)
    job.status, job.progress_done = NoticeJobStatus.RUNNING, 0
    job.save(update_fields=["status", "progress_done"])
    try:
        pages = notice_pages(_batch_actions(batch))
        if not pages:
            raise DomainError([FieldProblem("actions", "辞令にする発令がありません")])
        job.progress_total = len(pages)
        job.save(update_fields=["progress_total"])
        folder = notice_root() / str(job.organization_id)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"notices_{batch.effective_on:%Y%m%d}_{job.pk}_{secrets.token_hex(8)}.pdf"
        (folder / name).write_bytes(_render(job, pages))
    except Exception as exc:  # any failure is kept on the job and shown on the batch page
        job.status, job.error = NoticeJobStatus.FAILED, f"{type(exc).__name__}: {exc}"[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return
    job.status, job.file_path, job.finished_at = NoticeJobStatus.DONE, f"{job.organization_id}/{name}", timezone.now()
    job.save(update_fields=["status", "file_path", "finished_at"])


def notice_job_file(job: NoticePrintJob) -> Path:
    """The finished PDF of ``job``, checked to stay inside the notices folder."""
    return finished_file(
        notice_root(), job.file_path, done=job.status == NoticeJobStatus.DONE, message="辞令のファイルがありません"
    )


def notice_job_download(*, acting_user: Any, job: NoticePrintJob) -> Path:
    """The file to send, after checking the scope again and recording the read (as printing did)."""
    path = notice_job_file(job)
    batch = ActionBatch.objects.for_organization(job.organization_id).get(pk=job.batch_id)
    actions = _batch_actions(batch)
    if actions:
        _check_scope(
            acting_user, job.organization_id, {a.employee_id for a in actions}, max(a.effective_on for a in actions)
        )
    with transaction.atomic():
        audit_record(
            actor=acting_user,
            action=NOTICE_PRINT,
            target=batch,
            kind=AuditKind.READ,
            after={"job": job.pk, "pages": job.progress_total, "draft": job.is_draft},
        )
    return path


def recent_notice_jobs(batch: ActionBatch, *, limit: int = 5) -> list[NoticePrintJob]:
    return list(NoticePrintJob.objects.for_organization(batch.organization_id).filter(batch_id=batch.pk)[:limit])


def any_active(jobs: Sequence[NoticePrintJob]) -> bool:
    return any(j.status in (NoticeJobStatus.QUEUED, NoticeJobStatus.RUNNING) for j in jobs)


@task()
def render_notices_task(job_id: int) -> None:
    """Render the 辞令 job ``job_id`` in the worker."""
    job = NoticePrintJob.unscoped.get(pk=job_id)
    with tenant_context(job.organization_id):
        notice_job_render(job)
