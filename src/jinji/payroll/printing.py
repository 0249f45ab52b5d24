"""給与明細書の一括印刷: for a finalized run, the chosen staff's payslips (all, one 所属, or only those
whose 給与の個人設定 says 紙の明細書が必要) rendered into PDF by a background task.

Memory stays bounded: payslips are read and laid out :data:`CHUNK` at a time, and a PDF file holds
at most :data:`PART` payslips. One part gives one PDF; more parts are delivered as one ZIP of PDFs.
Progress is written to the job after each chunk for the run page to poll.
"""

from __future__ import annotations

import secrets
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from jinji.accounts.models import User
from jinji.audit.actions import register_action_labels
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import as_of_q
from jinji.core.tenancy import tenant_context
from jinji.core.uploads import finished_file
from jinji.payroll.models import EmployeePaySetting, PayrollRun, Payslip, PayslipPrintJob, PrintStatus, RunStatus
from jinji.payroll.selectors import PayslipView
from jinji.personnel.notices import _local_fonts_only

CHUNK = 50
PART = 250
PRINT_REQUEST = "payroll.print.request"
register_action_labels({PRINT_REQUEST: "給与明細書の一括印刷"})


def print_root() -> Path:
    return Path(settings.VAR_DIR) / "printing"


def _targets(run: PayrollRun, *, org_unit_id: int | None, paper_only: bool) -> QuerySet[Payslip]:
    qs = Payslip.unscoped.filter(run_id=run.pk)
    if org_unit_id is not None:
        qs = qs.filter(org_unit_id=org_unit_id)
    if paper_only:
        paper = (
            EmployeePaySetting.objects.for_organization(run.organization_id)
            .filter(as_of_q(run.paid_on), paper_payslip=True)
            .values("employee_id")
        )
        qs = qs.filter(employee_id__in=paper)
    return qs.order_by("org_unit_id", "employee__staff_number")


def print_units(run: PayrollRun) -> list[tuple[int, int]]:
    """(所属 id, payslips) of the run, for the 所属 filter (one query)."""
    rows = (
        Payslip.unscoped.filter(run_id=run.pk, org_unit_id__isnull=False)
        .values("org_unit_id")
        .annotate(n=Count("id"))
        .order_by("org_unit_id")
    )
    return [(r["org_unit_id"], r["n"]) for r in rows]


def print_job_create(
    *, acting_user: User, run: PayrollRun, org_unit_id: int | None = None, paper_only: bool = False
) -> PayslipPrintJob:
    """Queue the printing of ``run``'s payslips (finalized runs only; at least one payslip chosen)."""
    if run.status != RunStatus.FINALIZED:
        raise DomainError([FieldProblem("run", "一括印刷は確定した給与計算からだけできます")])
    with transaction.atomic():
        locked = PayrollRun.objects.for_organization(run.organization_id).select_for_update().get(pk=run.pk)
        total = _targets(locked, org_unit_id=org_unit_id, paper_only=paper_only).count()
        if not total:
            raise DomainError([FieldProblem("org_unit", "条件に合う給与明細がありません")])
        job: PayslipPrintJob = PayslipPrintJob.objects.create(
            organization_id=run.organization_id,
            run=locked,
            requested_by=acting_user,
            org_unit_id=org_unit_id,
            paper_only=paper_only,
            progress_total=total,
        )
        audit_record(
            actor=acting_user,
            action=PRINT_REQUEST,
            target=locked,
            after={"job": job.pk, "org_unit": org_unit_id, "paper_only": paper_only, "payslips": total},
        )
    return job


def _views(run: PayrollRun, ids: Sequence[int]) -> list[PayslipView]:
    slips = Payslip.unscoped.filter(pk__in=list(ids)).select_related("employee").order_by("org_unit_id")
    by_id = {s.pk: s for s in slips}
    out = []
    for pk in ids:
        s = by_id[pk]
        out.append(
            PayslipView(
                id=s.pk, run=run, employee_id=s.employee_id, staff_number=s.employee.staff_number,
                name=s.employee.full_name, gross=s.gross, total_deductions=s.total_deductions, net=s.net,
                taxable=s.taxable, earnings=[(str(c), str(label), int(a)) for c, label, a in s.earnings],
                deductions=[(str(c), str(label), int(a)) for c, label, a in s.deductions], tables=[],
            )
        )  # fmt: skip
    return out


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def render_payslips_pdf(chunks: Iterable[list[PayslipView]], on_chunk: Callable[[int], None] | None = None) -> bytes:
    """One PDF of the payslips in ``chunks``: each chunk is laid out as one document (its HTML is then
    dropped) and the pages are written together. ``on_chunk(n)`` is called after each chunk of n."""
    from weasyprint import HTML

    documents: list[Any] = []
    for slips in chunks:
        html = render_to_string("payroll/printing/payslips_pdf.html", {"slips": slips})
        documents.append(HTML(string=html, url_fetcher=_local_fonts_only()).render())
        if on_chunk is not None:
            on_chunk(len(slips))
    pages = [page for document in documents for page in document.pages]
    pdf: bytes = documents[0].copy(pages).write_pdf()
    return pdf


def _render_part(job: PayslipPrintJob, run: PayrollRun, ids: list[int]) -> bytes:
    def progress(n: int) -> None:
        job.progress_done += n
        job.save(update_fields=["progress_done"])

    return render_payslips_pdf((_views(run, chunk) for chunk in _chunks(ids, CHUNK)), progress)


def _output(job: PayslipPrintJob) -> Path:
    folder = print_root() / str(job.organization_id)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def print_job_render(job: PayslipPrintJob) -> None:
    """Render ``job`` (called by the task). Errors are kept on the job for the page."""
    run = PayrollRun.objects.for_organization(job.organization_id).get(pk=job.run_id)
    job.status, job.progress_done = PrintStatus.RUNNING, 0
    job.save(update_fields=["status", "progress_done"])
    try:
        ids = list(_targets(run, org_unit_id=job.org_unit_id, paper_only=job.paper_only).values_list("pk", flat=True))
        job.progress_total = len(ids)
        job.save(update_fields=["progress_total"])
        stem = f"payslips_{run.month:%Y%m}_{job.pk}_{secrets.token_hex(8)}"
        folder = _output(job)
        parts = list(_chunks(ids, PART))
        if len(parts) == 1:
            (folder / f"{stem}.pdf").write_bytes(_render_part(job, run, parts[0]))
            name = f"{stem}.pdf"
        else:
            with zipfile.ZipFile(folder / f"{stem}.zip", "w", compression=zipfile.ZIP_STORED) as archive:
                for number, part in enumerate(parts, start=1):
                    archive.writestr(f"payslips_{run.month:%Y%m}_{number:03d}.pdf", _render_part(job, run, part))
            name = f"{stem}.zip"
    except Exception as exc:  # any failure is kept on the job and shown on the run page
        job.status, job.error = PrintStatus.FAILED, f"{type(exc).__name__}: {exc}"[:500]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return
    job.status, job.file_path, job.finished_at = PrintStatus.DONE, f"{job.organization_id}/{name}", timezone.now()
    job.save(update_fields=["status", "file_path", "finished_at"])


def job_file(job: PayslipPrintJob) -> Path:
    """The finished file of ``job``, checked to stay inside the printing folder."""
    return finished_file(
        print_root(), job.file_path, done=job.status == PrintStatus.DONE, message="印刷用のファイルがありません"
    )


def recent_jobs(run: PayrollRun, *, limit: int = 5) -> list[PayslipPrintJob]:
    return list(PayslipPrintJob.objects.for_organization(run.organization_id).filter(run_id=run.pk)[:limit])


def any_active(jobs: Sequence[PayslipPrintJob]) -> bool:
    return any(j.status in (PrintStatus.QUEUED, PrintStatus.RUNNING) for j in jobs)


@task()
def print_payslips_task(job_id: int) -> None:
    """Render the print job ``job_id`` in the worker."""
    job = PayslipPrintJob.unscoped.get(pk=job_id)
    with tenant_context(job.organization_id):
        print_job_render(job)


__all__ = [
    "any_active",
    "job_file",
    "print_job_create",
    "print_job_render",
    "print_payslips_task",
    "print_units",
    "recent_jobs",
    "render_payslips_pdf",
]
