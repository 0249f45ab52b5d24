"""The June 2026 bonus run (基準日 6/1, 支給日 6/30) end to end, golden payslips computed by hand.

Facts (payroll-rules.md §C8, §A4, §A1; src/jinji/rules/tables):
* 令和8年度 6月: 期末 1.2625 月, 勤勉 成績率 良好 102.25/100, 優秀 113.75〜125.25/100.
* 行政職(一) 1級1号俸 195,800; 役職段階別加算 none below 3級, 4級 10%; 管理職加算 一種 25%.
* 算出率の表 (甲, 0人): 前月 94,000〜260,000 → 4.084%.
* 在職期間 window 2025-12-02〜2026-06-01 (182 days).
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.org.models import AuthorityKind
from jinji.payroll.bonus.services import bonus_rating_set
from jinji.payroll.models import InsuranceEnrolment, PayrollRun, Payslip, RemittingAccount, RunKind, RunStatus
from jinji.payroll.outputs import bank_files, ledger_csv
from jinji.payroll.services.runs import run_compute, run_create, run_exclude
from jinji.payroll.sources import register_performance_source
from jinji.personnel.models import AppointmentType
from jinji.rules.zengin import TransferKind, parse_transfer_file
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.services import instance_approve
from tests.factories import AssignmentFactory, AuthorityFactory, EmployeeFactory, SalaryScheduleFactory, UserFactory
from tests.payroll.builders import MAY, Payroll, approval_route, bank_account, mutual_aid, pay_setting

pytestmark = pytest.mark.django_db

JUNE = datetime.date(2026, 6, 1)


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(c): int(str(a)) for c, _l, a in lines}


def _bonus(world: Payroll, *, with_may: bool = True) -> PayrollRun:
    if with_may:
        run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    run = run_create(acting_user=world.clerk, payer=world.payer, month=JUNE, kind=RunKind.BONUS)
    assert run.paid_on == datetime.date(2026, 6, 30)
    return run_compute(acting_user=world.clerk, run=run)


def _slip(run: PayrollRun, employee_id: int) -> Payslip:
    return Payslip.objects.get(run=run, employee_id=employee_id)


def test_regular_childcare_leave_and_appointee(world: Payroll) -> None:
    """A: full period, May taxable 195,800 → 4.084%. 期末 195,800 × 1.2625 = 247,197; 勤勉 ×
    102.25/100 = 200,205; 税 447,402 × 4.084% = 18,271.

    B: 育児休業 (掛金免除) 3/1〜7/31: 在職期間 60/100, 期間率 40/100 (see tests/rules); 期末
    148,318, 勤勉 195,800 × 40/100 × 102.25/100 = 80,082; paid inside a leave of more than a month:
    no 共済掛金; 税 228,400 × 4.084% = 9,327.

    C: 会計年度任用 (月額 200,000): 12/2〜12/31 under another 任命権者, then ours → 6箇月;
    期末 200,000 × 1.2625 = 252,500 (no 勤勉); May 報酬 200,000 → 4.084% → 10,312.
    """
    a = world.employee()
    b = world.employee()
    mutual_aid(b, short=15, long=15, valid_to=datetime.date(2026, 2, 28))
    InsuranceEnrolment.objects.create(
        organization=world.org,
        employee=b,
        scheme="mutual_aid",
        union="toyama_municipal",
        short_term_grade=15,
        long_term_grade=15,
        contribution_waived=True,
        valid_from=datetime.date(2026, 3, 1),
        valid_to=datetime.date(2026, 7, 31),
    )
    c = EmployeeFactory(organization=world.org, hired_on=datetime.date(2025, 12, 2))
    other = AuthorityFactory(organization=world.org, name="教育委員会", kind=AuthorityKind.BOARD_OF_EDUCATION)
    common = {"employee": c, "salary_schedule": None, "grade": None, "step": None}
    AssignmentFactory(
        **common,
        org_unit=world.unit,
        appointing_authority=other,
        appointment_type=AppointmentType.FISCAL_YEAR_PART,
        valid_from=datetime.date(2025, 12, 2),
        valid_to=datetime.date(2025, 12, 31),
    )
    AssignmentFactory(
        **common,
        org_unit=world.unit,
        payer=world.payer,
        appointment_type=AppointmentType.FISCAL_YEAR_PART,
        valid_from=datetime.date(2026, 1, 1),
    )
    bank_account(c)
    pay_setting(c, appointee_basis="monthly", appointee_rate=200_000)
    run = _bonus(world)

    sa = _slip(run, a.pk)
    assert _items(sa.earnings) == {"term_end_allowance": 247_197, "diligence_allowance": 200_205}
    assert _items(sa.deductions) == {"income_tax": 18_271}
    assert sa.net == 429_131
    sb = _slip(run, b.pk)
    assert _items(sb.earnings) == {"term_end_allowance": 148_318, "diligence_allowance": 80_082}
    assert _items(sb.deductions) == {"income_tax": 9_327}
    sc = _slip(run, c.pk)
    assert _items(sc.earnings) == {"term_end_allowance": 252_500}
    assert _items(sc.deductions) == {"income_tax": 10_312}
    assert run.anomalies == []
    assert run.headcount == 3
    assert run.total_net == sum(s.net for s in Payslip.objects.filter(run=run))
    for slip in Payslip.objects.filter(run=run):
        assert sum(_items(slip.earnings).values()) - sum(_items(slip.deductions).values()) == slip.net


def _local_schedule(tmp_path: Path, settings: Any) -> None:
    table = tmp_path / "salary_schedule.test_city"
    table.mkdir()
    (table / "2026-04-01.toml").write_text(
        '[provenance]\ntitle = "テスト市給料表 (合成)"\nsource = "test data"\neffective_from = 2026-04-01\n'
        'promulgated_on = 2026-03-25\nretrieved_on = 2026-11-28\n\n[data]\nschedule_id = "test_city"\n'
        'name = "テスト市給料表"\n[data.grades]\n1 = [195800]\n4 = [300000]\n',
        encoding="utf-8",
    )
    settings.JINJI_RULES_LOCAL_TABLES = str(tmp_path)


def test_manager_with_management_addition(world: Payroll, tmp_path: Path, settings: Any) -> None:
    """4級 300,000, 管理職手当 一種: 役職段階別加算 10% = 30,000, 管理職加算 25% = 75,000 →
    基礎額 405,000; 期末 × 1.2625 = 511,312; 勤勉 × 102.25/100 = 414,112.
    No pay in May (no monthly run): special method, X = 925,424 / 6 = 154,237; 月額表 特例:
    B = 154,237 − 54,167 − 48,334 = 51,736 → × 5.105% = 2,641 → 2,640; × 6 = 15,840."""
    _local_schedule(tmp_path, settings)
    world.schedule = SalaryScheduleFactory(organization=world.org, code="test_city", name="テスト市給料表")
    manager = world.employee(grade=4, step=1)
    pay_setting(manager, management_class=1)
    run = _bonus(world, with_may=False)
    slip = _slip(run, manager.pk)
    assert _items(slip.earnings) == {"term_end_allowance": 511_312, "diligence_allowance": 414_112}
    assert _items(slip.deductions) == {"income_tax": 15_840}
    assert slip.net == 909_584


def test_ratings_from_evaluation_and_override(world: Payroll) -> None:
    """評価: 優秀 → 113.75/100 (the band's lower bound): 勤勉 195,800 × 1.1375 = 222,722.
    Entered by 給与担当: 特に優秀 150/100 → 293,700 (overrides the evaluation's 良好)."""
    rated = world.employee()
    entered = world.employee()
    register_performance_source(lambda **_: {rated.pk: "excellent", entered.pk: "good"})
    run = _bonus(world, with_may=False)
    assert _items(_slip(run, rated.pk).earnings)["diligence_allowance"] == 222_722
    bonus_rating_set(
        acting_user=world.clerk,
        run=run,
        staff_number=entered.staff_number,
        rating="outstanding",
        ratio_percent="150",
        reason="特別な功績",
    )
    assert AuditEvent.objects.filter(action="payroll.bonus.rating").count() == 1
    run = run_compute(acting_user=world.clerk, run=run)
    assert _items(_slip(run, entered.pk).earnings)["diligence_allowance"] == 293_700
    with pytest.raises(DomainError, match="範囲にありません"):
        bonus_rating_set(
            acting_user=world.clerk,
            run=run,
            staff_number=entered.staff_number,
            rating="excellent",
            ratio_percent="130",
            reason="x",
        )


def test_bank_file_72_reconciles_and_recompute_is_idempotent(world: Payroll) -> None:
    staff = [world.employee() for _ in range(3)]
    mutual_aid(staff[0], short=15, long=15)
    unbanked = world.employee(bank=False)  # flagged, blocking until excluded
    RemittingAccount.objects.create(
        organization=world.org,
        payer=world.payer,
        bank_code="0001",
        bank_name="ﾐｽﾞﾎ",
        branch_code="100",
        branch_name="ﾎﾝﾃﾝ",
        account_number="1234567",
        is_default=True,
    )
    run = _bonus(world)
    assert [a["code"] for a in run.anomalies] == ["missing_bank_account"]
    first = sorted(Payslip.objects.filter(run=run).values_list("employee_id", "net", "earnings", "deductions"))
    run = run_compute(acting_user=world.clerk, run=run)
    again = sorted(Payslip.objects.filter(run=run).values_list("employee_id", "net", "earnings", "deductions"))
    assert first == again
    run = run_exclude(acting_user=world.clerk, run=run, employee_ids=[unbanked.pk], reason="口座届出待ち")
    files = bank_files(run=run)
    assert len(files) == 1
    parsed = parse_transfer_file(files[0].content)
    assert parsed.header.kind == TransferKind.BONUS
    assert parsed.total_amount == run.total_net == files[0].total
    assert "期末手当" in ledger_csv(run=run)


def test_bonus_run_needs_june_or_december(world: Payroll) -> None:
    with pytest.raises(DomainError, match="6月か12月"):
        run_create(acting_user=world.clerk, payer=world.payer, month=MAY, kind=RunKind.BONUS)


def test_only_payroll_clerks_create_and_rate(world: Payroll, client: Client) -> None:
    emp = world.employee()
    outsider = world.approver
    client.force_login(outsider)
    url = reverse("payroll:run_list")
    assert client.post(url, {"payer": world.payer.pk, "month": "2026-06", "kind": "bonus"}).status_code == 403
    client.force_login(world.clerk)
    response = client.post(url, {"payer": world.payer.pk, "month": "2026-06", "kind": "bonus"})
    run = PayrollRun.objects.get(kind=RunKind.BONUS)
    assert response.status_code == 302
    form = {"action": "rating", "staff_number": emp.staff_number, "rating": "poor", "ratio_percent": "", "reason": "r"}
    client.force_login(outsider)
    assert client.post(reverse("payroll:run_action", args=[run.pk]), form).status_code == 403
    client.force_login(world.clerk)
    assert client.post(reverse("payroll:run_action", args=[run.pk]), form).status_code == 302
    page = client.get(reverse("payroll:run_detail", args=[run.pk]))
    assert "成績率の個別入力" in page.content.decode()


def test_cli_bonus_run(world: Payroll) -> None:
    world.employee()
    out = io.StringIO()
    call_command("payroll", "run", "--payer", world.payer.code, "--month", "2026-06", "--kind", "bonus", stdout=out)
    run = PayrollRun.objects.get(kind=RunKind.BONUS)
    assert (run.status, run.headcount, run.paid_on) == ("computed", 1, datetime.date(2026, 6, 30))
    assert "期末・勤勉手当" in out.getvalue()


def test_queries_do_not_grow_with_staff(world: Payroll, client: Client, django_assert_max_num_queries: Any) -> None:
    for _ in range(2):
        world.employee()
    run = run_create(acting_user=world.clerk, payer=world.payer, month=JUNE, kind=RunKind.BONUS)
    with CaptureQueriesContext(connection) as small:
        run_compute(acting_user=world.clerk, run=run)
    for _ in range(8):
        world.employee()
    with CaptureQueriesContext(connection) as big:
        run = run_compute(acting_user=world.clerk, run=run)
    assert run.headcount == 10
    assert len(big.captured_queries) == len(small.captured_queries)
    client.force_login(world.clerk)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("payroll:run_detail", args=[run.pk]))
    assert "期末手当" in page.content.decode()


def test_clerk_runs_a_bonus_end_to_end_and_staff_read_it(world: Payroll, client: Client) -> None:
    """UI path: create → compute (task) → submit → workflow approval → finalize → 全銀 種別72;
    the employee then sees the bonus slip in their payslip history."""
    approval_route(world)
    user = UserFactory(organization=world.org, employee=world.employee())
    RemittingAccount.objects.create(
        organization=world.org, payer=world.payer, bank_code="0001", bank_name="ﾐｽﾞﾎ", branch_code="100",
        branch_name="ﾎﾝﾃﾝ", account_number="1234567",
    )  # fmt: skip
    client.force_login(world.clerk)
    client.post(reverse("payroll:run_list"), {"payer": world.payer.pk, "month": "2026-12", "kind": "bonus"})
    run = PayrollRun.objects.get(kind=RunKind.BONUS)
    assert run.paid_on == datetime.date(2026, 12, 10)
    actions = reverse("payroll:run_action", args=[run.pk])
    client.post(actions, {"action": "compute"})  # immediate task backend in tests
    client.post(actions, {"action": "submit"})
    run.refresh_from_db()
    instance_approve(instance=WorkflowInstance.objects.get(pk=run.workflow_instance_id), acting_user=world.approver)
    client.post(actions, {"action": "finalize"})
    run.refresh_from_db()
    assert (run.status, run.headcount) == (RunStatus.FINALIZED, 1)
    bank = client.get(reverse("payroll:run_bank_file", args=[run.pk, 0]))
    assert bank.content[:3] == b"172"  # header record, 種別 72 賞与
    client.force_login(user)
    history = client.get(reverse("payroll:my_payslips")).content.decode()
    assert "期末・勤勉手当" in history
