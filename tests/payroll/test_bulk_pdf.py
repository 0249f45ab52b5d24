"""一括印刷: a finalized run's payslips rendered to PDF by the task (chosen by 所属 or 紙の明細書 flag),
progress on the run page, ZIP of parts beyond the part size, audited download, 給与担当 only."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client

from jinji.accounts.models import Role, User
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.payroll import printing
from jinji.payroll.models import PayrollRun, PayslipPrintJob, PrintStatus, RunStatus
from jinji.payroll.services.runs import run_compute, run_create
from tests.factories import OrgUnitFactory, RoleGrantFactory, UserFactory
from tests.payroll.builders import MAY, Payroll, pay_setting

pytestmark = pytest.mark.django_db


def _finalized(world: Payroll) -> PayrollRun:
    run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    run_compute(acting_user=world.clerk, run=run)
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FINALIZED)
    run.refresh_from_db()
    return run


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff(world: Payroll, settings: object, tmp_path: object) -> list[object]:
    settings.VAR_DIR = tmp_path  # type: ignore[attr-defined]
    paper = world.employee()
    pay_setting(paper, paper_payslip=True)
    return [paper, world.employee(), world.employee()]


def test_paper_only_job_renders_one_pdf_and_download_is_audited(world: Payroll, staff: list[object]) -> None:
    run = _finalized(world)
    client = _client(world.clerk)
    response = client.post(f"/payroll/runs/{run.pk}/print/new/", {"paper_only": "1"})
    assert response.status_code == 302
    job = PayslipPrintJob.objects.get()  # the immediate task backend has rendered it
    assert (job.status, job.progress_done, job.progress_total) == (PrintStatus.DONE, 1, 1)
    panel = client.get(f"/payroll/runs/{run.pk}/print/", HTTP_HX_REQUEST="true").content.decode()
    assert "ダウンロード(1件)" in panel
    assert "hx-trigger" not in panel  # nothing left to poll
    download = client.get(f"/payroll/runs/{run.pk}/print/{job.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="payroll.print.request").count() == 1
    assert AuditEvent.objects.filter(action="payroll.run.export", after__job=job.pk).count() == 1


def test_many_payslips_are_split_into_a_zip_of_pdfs(world: Payroll, staff: list[object], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(printing, "PART", 2)
    monkeypatch.setattr(printing, "CHUNK", 1)
    run = _finalized(world)
    job = printing.print_job_create(acting_user=world.clerk, run=run)
    printing.print_job_render(job)
    job.refresh_from_db()
    assert job.status == PrintStatus.DONE
    assert job.progress_done == job.progress_total == 3
    with zipfile.ZipFile(io.BytesIO(printing.job_file(job).read_bytes())) as archive:
        names = archive.namelist()
        assert names == ["payslips_202605_001.pdf", "payslips_202605_002.pdf"]
        assert all(archive.read(n).startswith(b"%PDF-") for n in names)


def test_unit_filter_and_refusals(world: Payroll, staff: list[object]) -> None:
    run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    run_compute(acting_user=world.clerk, run=run)
    with pytest.raises(DomainError, match="確定した給与計算"):
        printing.print_job_create(acting_user=world.clerk, run=run)
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FINALIZED)
    run.refresh_from_db()
    empty_unit = OrgUnitFactory(organization=world.org)
    with pytest.raises(DomainError, match="条件に合う給与明細がありません"):
        printing.print_job_create(acting_user=world.clerk, run=run, org_unit_id=empty_unit.pk)
    job = printing.print_job_create(acting_user=world.clerk, run=run, org_unit_id=world.unit.pk)
    assert job.progress_total == 3
    assert not PayslipPrintJob.objects.exclude(pk=job.pk).exists()


def test_failure_is_kept_on_the_job(world: Payroll, staff: list[object], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run = _finalized(world)
    job = printing.print_job_create(acting_user=world.clerk, run=run)

    def broken(*_: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(printing, "_render_part", broken)
    printing.print_job_render(job)
    job.refresh_from_db()
    assert job.status == PrintStatus.FAILED
    assert "disk full" in job.error
    with pytest.raises(DomainError):
        printing.job_file(job)


@pytest.mark.parametrize("role", [Role.STAFF, Role.HR, Role.UNIT_HEAD])
def test_only_payroll_clerks_print(world: Payroll, staff: list[object], role: Role) -> None:
    run = _finalized(world)
    user = UserFactory(organization=world.org)
    RoleGrantFactory(user=user, role=role)
    client = _client(user)
    assert client.get(f"/payroll/runs/{run.pk}/print/").status_code == 403
    assert client.post(f"/payroll/runs/{run.pk}/print/new/", {}).status_code == 403
    assert not PayslipPrintJob.objects.exists()


def test_run_page_loads_the_panel_when_finalized(world: Payroll, staff: list[object]) -> None:
    run = _finalized(world)
    page = _client(world.clerk).get(f"/payroll/runs/{run.pk}/").content.decode()
    assert f'hx-get="/payroll/runs/{run.pk}/print/"' in page


def test_panel_queries_are_bounded(world: Payroll, staff: list[object], django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    run = _finalized(world)
    for _ in range(3):
        PayslipPrintJob.objects.create(organization=world.org, run=run, progress_total=3)
    client = _client(world.clerk)
    with django_assert_max_num_queries(12):
        panel = client.get(f"/payroll/runs/{run.pk}/print/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 2s"' in panel  # queued jobs: keep polling
    assert "0 / 3 件" in panel
