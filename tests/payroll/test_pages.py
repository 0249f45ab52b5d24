"""Pages: 給与担当 runs a month end to end; staff see only their own finalized payslips; reads of others audited."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from jinji.accounts.models import Role
from jinji.audit.models import AuditEvent
from jinji.payroll.models import PayrollRun, Payslip, RemittingAccount, RunStatus
from jinji.payroll.services.runs import run_compute, run_create
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.services import instance_approve
from tests.factories import RoleGrantFactory, UserFactory
from tests.payroll.builders import MAY, Payroll, approval_route

pytestmark = pytest.mark.django_db


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def test_payroll_clerk_runs_a_month_end_to_end(world: Payroll) -> None:
    approval_route(world)
    world.employee()
    RemittingAccount.objects.create(
        organization=world.org, payer=world.payer, bank_code="0001", bank_name="ﾐｽﾞﾎ", branch_code="100",
        branch_name="ﾎﾝﾃﾝ", account_number="1234567",
    )  # fmt: skip
    client = _client(world.clerk)
    response = client.post("/payroll/", {"payer": world.payer.pk, "month": "2026-05"})
    run = PayrollRun.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/payroll/runs/{run.pk}/")
    client.post(f"/payroll/runs/{run.pk}/actions/", {"action": "compute"})  # immediate task backend in tests
    run.refresh_from_db()
    assert run.status == RunStatus.COMPUTED
    assert run.headcount == 1
    page = client.get(f"/payroll/runs/{run.pk}/").content.decode()
    assert "差引支給額合計" in page
    assert "191,610円" in page
    progress = client.get(f"/payroll/runs/{run.pk}/progress/").content.decode()
    assert "計算済み" in progress
    assert "hx-trigger" not in progress
    client.post(f"/payroll/runs/{run.pk}/actions/", {"action": "submit"})
    run.refresh_from_db()
    instance_approve(instance=WorkflowInstance.objects.get(pk=run.workflow_instance_id), acting_user=world.approver)
    client.post(f"/payroll/runs/{run.pk}/actions/", {"action": "finalize"})
    run.refresh_from_db()
    assert run.status == RunStatus.FINALIZED
    bank = client.get(f"/payroll/runs/{run.pk}/bank/0/")
    assert bank.status_code == 200
    assert bank.content[:3] == b"171"  # header record, 種別 71
    assert client.get(f"/payroll/runs/{run.pk}/ledger.csv").status_code == 200
    assert "人件費" in client.get(f"/payroll/runs/{run.pk}/journal.csv").content.decode("utf-8-sig")
    assert "月別の人件費" in client.get("/payroll/dashboard/").content.decode()


def test_progress_polls_while_computing(world: Payroll) -> None:
    run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.COMPUTING, progress_done=5000, progress_total=20000)
    body = _client(world.clerk).get(f"/payroll/runs/{run.pk}/progress/").content.decode()
    assert 'hx-trigger="every 2s"' in body
    assert "5000 / 20000" in body


def _finalized_slip(world: Payroll) -> tuple[Payslip, Payslip]:
    mine, other = world.employee(), world.employee()
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FINALIZED)
    return Payslip.objects.get(run=run, employee=mine), Payslip.objects.get(run=run, employee=other)


def test_staff_see_only_their_own_payslips(world: Payroll) -> None:
    own, other = _finalized_slip(world)
    staff = UserFactory(organization=world.org, employee=own.employee)
    RoleGrantFactory(user=staff, role=Role.STAFF)
    client = _client(staff)
    history = client.get("/payroll/payslips/").content.decode()
    assert f"/payroll/payslips/{own.pk}/" in history
    assert f"/payroll/payslips/{other.pk}/" not in history
    assert client.get(f"/payroll/payslips/{own.pk}/").status_code == 200
    assert client.get(f"/payroll/payslips/{other.pk}/").status_code == 404
    pdf = client.get(f"/payroll/payslips/{own.pk}/pdf/")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert not AuditEvent.objects.filter(action="payroll.payslip.read").exists()


def test_payroll_reading_another_payslip_is_audited(world: Payroll) -> None:
    _own, other = _finalized_slip(world)
    response = _client(world.clerk).get(f"/payroll/payslips/{other.pk}/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="payroll.payslip.read")
    assert event.target_id == str(other.pk)
    assert event.actor_id == world.clerk.pk


def test_unfinalized_own_payslip_is_not_shown(world: Payroll) -> None:
    employee = world.employee()
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    slip = Payslip.objects.get(run=run, employee=employee)
    staff = UserFactory(organization=world.org, employee=employee)
    RoleGrantFactory(user=staff, role=Role.STAFF)
    assert _client(staff).get(f"/payroll/payslips/{slip.pk}/").status_code == 404


def test_resident_tax_upload_page_lists_row_errors(world: Payroll) -> None:
    body = "職員番号,年度,市区町村コード,6月分,7月分以降\n999,2026,162019,1,1\n".encode()
    upload = io.BytesIO(body)
    upload.name = "tax.csv"
    page = _client(world.clerk).post("/payroll/resident-tax/", {"file": upload}).content.decode()
    assert "2行目" in page
    assert "999 の職員がいません" in page


def test_cli_runs_a_month_and_prints_progress(world: Payroll, capsys: pytest.CaptureFixture[str]) -> None:
    world.employee()
    out = io.StringIO()
    call_command("payroll", "run", "--payer", world.payer.code, "--month", "2026-05", stdout=out)
    run = PayrollRun.objects.get()
    assert run.status == RunStatus.COMPUTED
    assert "1 人" in out.getvalue()
    assert "191,610" in out.getvalue()
    assert "計算中 1 / 1 件" in capsys.readouterr().out
