"""所属の出勤簿PDF: every staff member's 出勤簿 of a unit and month in one PDF for archiving.

Requested by the unit's 所属長 or 庶務担当. Rendered by a background task (django-tasks) that writes
its progress on the job after each chunk of :data:`CHUNK` staff, for the page to poll; the 出勤簿 rows
of a chunk are read with a fixed number of queries. Fonts come only from the system (local())."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance import events
from jinji.attendance.models import PdfJobStatus, UnitSheetPdfJob
from jinji.attendance.selectors.closes import month_end
from jinji.attendance.selectors.sheet import monthly_rows, summary_of
from jinji.attendance.selectors.unit import employees_by_id, sheets_by_employee, unit_employee_ids
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit
from jinji.org.selectors import unit_descendant_ids, unit_get
from jinji.personnel.notices import _local_fonts_only

CHUNK = 50
UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)


def _check(user: User, org_unit_id: int, year: int, month: int) -> None:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise DomainError([FieldProblem("年月", f"年月が正しくありません: {year}年{month}月")])
    if not OrgUnit.objects.for_organization(user.organization_id).filter(pk=org_unit_id).exists():
        raise DomainError([FieldProblem("所属", "所属が見つかりません")])
    coverage = covered_unit_ids(user, UNIT_ROLES, on=month_end(year, month), descendants=unit_descendant_ids)
    if not coverage.covers(org_unit_id):
        raise NotPermitted([FieldProblem("所属", "担当する所属の出勤簿のみPDFにできます")])


def unit_pdf_request(*, acting_user: User, org_unit_id: int, year: int, month: int) -> UnitSheetPdfJob:
    """Queue the unit's PDF (audited); enqueue :func:`unit_pdf_task` after the commit."""
    _check(acting_user, org_unit_id, year, month)
    ids = unit_employee_ids(
        organization=acting_user.organization_id, org_unit_id=org_unit_id, on=month_end(year, month)
    )
    if not ids:
        raise DomainError([FieldProblem("所属", "この所属にはこの月の職員がいません")])
    with transaction.atomic():
        job: UnitSheetPdfJob = UnitSheetPdfJob.objects.create(
            organization_id=acting_user.organization_id, org_unit_id=org_unit_id, year=year, month=month,
            requested_by=acting_user, requested_at=timezone.now(), progress_total=len(ids),
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.UNIT_PDF_REQUESTED, target=job,
            target_label=f"所属の出勤簿 {year}年{month}月", after={"org_unit": org_unit_id, "staff": len(ids)},
        )  # fmt: skip
    return job


def _pages(org_id: int, ids: list[int], year: int, month: int) -> list[dict[str, Any]]:
    rows = monthly_rows(organization=org_id, employee_ids=ids, year=year, month=month, upto=None)
    people = employees_by_id(organization=org_id, employee_ids=ids)
    sheets = sheets_by_employee(organization=org_id, employee_ids=ids, year=year, month=month)
    return [
        {"employee": e, "rows": rows[e.pk], "sheet": sheets.get(e.pk),
         "summary": summary_of(rows[e.pk], year=year, month=month)}
        for e in people.values()
    ]  # fmt: skip


def unit_pdf_render(job: UnitSheetPdfJob) -> None:
    """Render ``job`` (called by the task); an error is kept on the job for the page."""
    from weasyprint import HTML

    job.status, job.progress_done = PdfJobStatus.RUNNING, 0
    job.save(update_fields=["status", "progress_done"])
    try:
        ids = unit_employee_ids(organization=job.organization_id, org_unit_id=job.org_unit_id,
                                on=month_end(job.year, job.month))  # fmt: skip
        job.progress_total = len(ids)
        job.save(update_fields=["progress_total"])
        info = unit_get(organization=job.organization_id, unit_id=job.org_unit_id, on=month_end(job.year, job.month))
        unit_name = info.name if info else ""
        documents: list[Any] = []
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            context = {"pages": _pages(job.organization_id, chunk, job.year, job.month), "year": job.year,
                       "month": job.month, "unit": unit_name}  # fmt: skip
            html = render_to_string("attendance/unit_sheet_pdf.html", context)
            documents.append(HTML(string=html, url_fetcher=_local_fonts_only()).render())
            job.progress_done += len(chunk)
            job.save(update_fields=["progress_done"])
        pages = [page for document in documents for page in document.pages]
        job.pdf = documents[0].copy(pages).write_pdf()
        job.status = PdfJobStatus.DONE
        job.save(update_fields=["pdf", "status"])
    except Exception as exc:  # kept on the job (status エラー); the progress page shows it
        job.status, job.error = PdfJobStatus.FAILED, str(exc)[:300]
        job.save(update_fields=["status", "error"])


@task()
def unit_pdf_task(job_id: int) -> None:
    """Background entry point (django-tasks)."""
    job = UnitSheetPdfJob.unscoped.get(pk=job_id)
    with tenant_context(job.organization_id):
        unit_pdf_render(job)


def unit_pdf_job(*, user: User, job_id: int) -> UnitSheetPdfJob | None:
    """A job the user may see: their own request, or a unit they head or clerk for (one or two queries)."""
    job: UnitSheetPdfJob | None = (
        UnitSheetPdfJob.objects.for_organization(user.organization_id).filter(pk=job_id).first()
    )
    if job is None:
        return None
    if job.requested_by_id == user.pk:
        return job
    coverage = covered_unit_ids(user, UNIT_ROLES, on=month_end(job.year, job.month), descendants=unit_descendant_ids)
    return job if coverage.covers(job.org_unit_id) else None
