"""デモ市 end to end (issue 6 "Done when"): seed-demo's payroll settings let a 給与担当 run a month and a
bonus in the UI — compute, review, 決裁, 確定, 全銀 file, 仕訳 — and each employee reads their own payslip;
and (issue 7) the demo's 確定 evaluations drive the December bonus.

As on the real demo (scripts/demo.sh): 勤怠 comes from seed-demo's ``attendance.months`` step (punches,
出勤簿 confirmed, 勤怠締め), and the 給料表 is デモ市's own, shipped in ``jinji/demo/data/tables`` and
loaded as a local table (``JINJI_RULES_LOCAL_TABLES``) because the built-in 行政職給料表(一) is partial.
Its amounts are fictitious: the tests check reconciliation and completeness of the demo data, never
legal amounts.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jinji.accounts.models import User
from jinji.attendance.demo_month import attendance_demo_months
from jinji.core.models import Organization, as_of_q
from jinji.core.tenancy import tenant_context
from jinji.demo.data import TABLES
from jinji.demo.extras import DEMO_STEPS, run_demo_extras
from jinji.demo.seed import seed_demo
from jinji.evaluation.selectors.pay import performance_ratios
from jinji.org.models import Payer
from jinji.payroll.demo import seed_demo_payroll
from jinji.payroll.models import (
    BudgetAccount,
    EmployeePaySetting,
    InsuranceEnrolment,
    PayrollRun,
    Payslip,
    RunKind,
    RunStatus,
)
from jinji.payroll.outputs import bank_files, journal_csv
from jinji.payroll.services.runs import run_compute, run_create, run_exclude
from jinji.payroll.sources import register_performance_source
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, BankAccount, Employee
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.services import instance_approve

AS_OF = datetime.date(2026, 4, 1)
ON = datetime.date(2026, 6, 1)
JUNE = "2026-06"
REAPPOINTED = {AppointmentType.REAPPOINTED_FULL, AppointmentType.REAPPOINTED_SHORT}
NO_GRADE = {AppointmentType.SPECIAL}
"""特別職 (副市長・教育長) have no 級: their 給料月額 is fixed by ordinance, which the engine does not model.
再任用 staff have a 級 and no 号給: the month pays them from デモ市's 再任用職員の欄 (pro-rated for 短時間)."""
BONUS_LEFT_OUT = NO_GRADE | REAPPOINTED
"""The bonus still leaves 再任用 out: their own 期末・勤勉手当の支給割合 are not in the bonus_months tables."""
PAYROLL_STEP = tuple(s for s in DEMO_STEPS if s.key == "payroll.settings")
STEPS = tuple(s for s in DEMO_STEPS if s.key.startswith("attendance.")) + PAYROLL_STEP
PAY_BASIS_CODES = {"missing_bank_account", "missing_appointee_rate", "missing_salary_step"}


@dataclass
class Demo:
    org: Organization
    payer: Payer
    clerk: User
    hr: User
    staff: User


@pytest.fixture
def demo(db: None, settings: Any) -> Iterator[Demo]:
    settings.JINJI_RULES_LOCAL_TABLES = str(TABLES)  # as scripts/demo.sh sets it
    result = seed_demo(employees=80, seed=3, as_of=AS_OF)
    org = Organization.objects.get(pk=result.organization_id)
    run_demo_extras(organization=org, on=ON, seed=3, steps=STEPS)  # 勤怠 of April and May closed, pay settings
    with tenant_context(org):
        users = {u.username: u for u in User.objects.filter(organization=org)}
        attendance_demo_months(acting_user=users["demo-hr"], months=[ON], seed=3)  # and June, for June's pay
        yield Demo(
            org=org,
            payer=Payer.objects.get(code="01"),
            clerk=users["demo-payroll"],
            hr=users["demo-hr"],
            staff=users["demo-staff"],
        )


def _run_in_ui(demo: Demo, client: Client, kind: str, month: str = JUNE) -> PayrollRun:
    """As 給与担当: create and compute; leave out the staff without 給料月額 (特別職; and 再任用 for a bonus)
    — the only pay-basis problem left."""
    client.force_login(demo.clerk)
    client.post(reverse("payroll:run_list"), {"payer": demo.payer.pk, "month": month, "kind": kind})
    run: PayrollRun = PayrollRun.objects.get(
        payer=demo.payer, kind=kind, month=datetime.date.fromisoformat(f"{month}-01")
    )
    client.post(reverse("payroll:run_action", args=[run.pk]), {"action": "compute"})  # immediate task backend
    run.refresh_from_db()
    assert run.status == RunStatus.COMPUTED, run.error
    problems = [a for a in run.anomalies if a["code"] in PAY_BASIS_CODES]
    posts = Assignment.objects.filter(kind=AssignmentKind.PRIMARY).order_by("employee_id", "valid_from")
    types = dict(posts.values_list("employee_id", "appointment_type"))  # the latest post wins
    assert {a["code"] for a in problems} <= {"missing_salary_step"}
    left_out = BONUS_LEFT_OUT if kind == RunKind.BONUS else NO_GRADE
    assert all(types[a["employee_id"]] in left_out for a in problems), problems
    if problems:
        ids = sorted({int(a["employee_id"]) for a in problems})
        reason = "特別職の給料月額は別途支給"
        if kind == RunKind.BONUS:
            reason = "再任用の期末・勤勉手当・特別職の給料は別途支給"
        run = run_exclude(acting_user=demo.clerk, run=run, employee_ids=ids, reason=reason)
    blocking = [a for a in run.anomalies if a.get("blocking") and a["employee_id"] not in run.excluded_ids]
    assert blocking == [], [(a["name"], a["code"], a["message"]) for a in blocking[:5]]
    return run


def _approve_and_finalize(demo: Demo, client: Client, run: PayrollRun) -> PayrollRun:
    actions = reverse("payroll:run_action", args=[run.pk])
    client.post(actions, {"action": "submit"})
    run.refresh_from_db()
    assert run.status == RunStatus.SUBMITTED
    assert run.workflow_instance_id is not None
    instance_approve(instance=WorkflowInstance.objects.get(pk=run.workflow_instance_id), acting_user=demo.hr)
    client.post(actions, {"action": "finalize"})
    run.refresh_from_db()
    assert run.status == RunStatus.FINALIZED
    return run


def _reconcile(run: PayrollRun) -> list[Payslip]:
    slips = list(Payslip.objects.filter(run=run))
    assert len(slips) == run.headcount > 0
    for slip in slips:
        assert slip.gross - slip.total_deductions == slip.net, slip.employee_id
        assert sum(a for _, _, a in slip.earnings) == slip.gross, slip.employee_id
        assert sum(a for _, _, a in slip.deductions) == slip.total_deductions, slip.employee_id
        assert slip.net > 0, (slip.employee_id, slip.net)
    files = bank_files(run=run)
    assert sum(f.total for f in files) == sum(s.net for s in slips) == run.total_net
    assert sum(f.count for f in files) >= len(slips)
    return slips


def test_seed_gives_every_paid_employee_a_pay_basis_bank_and_insurance(demo: Demo) -> None:
    paid = Assignment.objects.filter(as_of_q(ON), kind=AssignmentKind.PRIMARY).exclude(
        appointment_type=AppointmentType.SPECIAL
    )
    ids = set(paid.values_list("employee_id", flat=True))
    assert ids <= set(BankAccount.objects.values_list("employee_id", flat=True))
    assert ids <= set(EmployeePaySetting.objects.values_list("employee_id", flat=True))
    appointees = paid.filter(appointment_type__in=[AppointmentType.FISCAL_YEAR_FULL, AppointmentType.FISCAL_YEAR_PART])
    rates = dict(EmployeePaySetting.objects.values_list("employee_id", "appointee_rate"))
    assert all(rates[eid] > 0 for eid in appointees.values_list("employee_id", flat=True))
    regular = set(paid.exclude(pk__in=appointees).values_list("employee_id", flat=True))
    mutual = set(InsuranceEnrolment.objects.filter(scheme="mutual_aid").values_list("employee_id", flat=True))
    assert regular <= mutual
    # a part-timer under 週20時間 is outside 共済・厚年・雇用保険 (payroll-rules.md §B4, §B5)
    short = appointees.filter(weekly_minutes__lt=20 * 60).values_list("employee_id", flat=True)
    assert not set(short) & set(InsuranceEnrolment.objects.values_list("employee_id", flat=True))
    units = set(paid.values_list("org_unit_id", flat=True))
    assert units <= set(BudgetAccount.objects.values_list("org_unit_id", flat=True))


def test_seed_step_runs_once_and_the_seeder_adds_nothing_twice(demo: Demo) -> None:
    before = EmployeePaySetting.objects.count()
    outcomes = run_demo_extras(organization=demo.org, on=ON, seed=3, steps=PAYROLL_STEP)
    assert [o.ran for o in outcomes] == [False]
    again = seed_demo_payroll(organization=demo.org, acting_user=demo.hr, on=ON, seed=3)
    assert set(again.values()) == {0}
    assert EmployeePaySetting.objects.count() == before


def test_monthly_run_end_to_end_and_staff_read_only_their_own(demo: Demo, client: Client) -> None:
    run = _run_in_ui(demo, client, RunKind.MONTHLY)
    run = _approve_and_finalize(demo, client, run)
    slips = _reconcile(run)
    reappointed = set(
        Assignment.objects.filter(as_of_q(ON), kind=AssignmentKind.PRIMARY, appointment_type__in=REAPPOINTED)
        .filter(payer=demo.payer)
        .values_list("employee_id", flat=True)
    )
    assert reappointed, "the demo has 再任用 staff"
    assert reappointed <= {s.employee_id for s in slips}  # paid, from the 再任用職員の欄
    assert reappointed.isdisjoint(run.excluded_ids)
    assert any(c == "resident_tax" for s in slips for c, _, _ in s.deductions)  # 6月分 of this year's 住民税
    assert any(c == "gojokai" for s in slips for c, _, _ in s.deductions)
    bank = client.get(reverse("payroll:run_bank_file", args=[run.pk, 0]))
    assert bank.status_code == 200
    assert bank.content[:3] == b"171"
    journal = journal_csv(run=run).splitlines()[1:]
    assert journal
    assert not any(",未設定," in line for line in journal)
    assert sum(int(line.rsplit(",", 1)[1]) for line in journal) == run.total_gross
    assert client.get(reverse("payroll:run_journal", args=[run.pk])).status_code == 200

    own = next(s for s in slips if s.employee_id == demo.staff.employee_id)
    other = next(s for s in slips if s.employee_id != demo.staff.employee_id)
    client.force_login(demo.staff)
    history = client.get(reverse("payroll:my_payslips")).content.decode()
    links = set(re.findall(r"/payslips/(\d+)/", history))
    assert links == {str(own.pk)}
    page = client.get(reverse("payroll:payslip", args=[own.pk]))
    assert page.status_code == 200
    assert f"{own.net:,}" in page.content.decode()
    assert client.get(reverse("payroll:payslip", args=[other.pk])).status_code == 404


def test_bonus_run_end_to_end(demo: Demo, client: Client) -> None:
    """After May's pay (the 報酬 of hourly 会計年度任用職員 and 前月の給与 that the bonus reads)."""
    _approve_and_finalize(demo, client, _run_in_ui(demo, client, RunKind.MONTHLY, "2026-05"))
    run = _run_in_ui(demo, client, RunKind.BONUS)
    run = _approve_and_finalize(demo, client, run)
    slips = _reconcile(run)
    assert len(slips) == Employee.objects.filter(pk__in=[s.employee_id for s in slips]).count()
    bank = client.get(reverse("payroll:run_bank_file", args=[run.pk, 0]))
    assert bank.content[:3] == b"172"  # header, 種別 72 賞与


def test_evaluation_results_drive_the_december_bonus(demo: Demo) -> None:
    """Issue 7: デモ市's 確定 evaluations give 成績率 bands; a rated 優秀 or better earns more 勤勉手当
    than with the standard band (the same run recomputed without the evaluation source)."""
    evaluation = tuple(s for s in DEMO_STEPS if s.key == "evaluation.cycles")
    run_demo_extras(organization=demo.org, on=datetime.date(2026, 11, 28), seed=3, steps=evaluation)
    december = datetime.date(2026, 12, 1)
    bands = performance_ratios(organization=demo.org.pk, bonus_date=december)
    top = {eid for eid, band in bands.items() if band in ("excellent", "outstanding")}
    assert top, bands

    def diligence(run: PayrollRun) -> dict[int, int]:
        slips = Payslip.objects.filter(run=run, employee_id__in=top).values_list("employee_id", "earnings")
        return {eid: sum(a for _, label, a in lines if label == "勤勉手当") for eid, lines in slips}

    run = run_create(acting_user=demo.clerk, payer=demo.payer, month=december, kind=RunKind.BONUS)
    rated = diligence(run_compute(acting_user=demo.clerk, run=run))
    register_performance_source(lambda **_: {})
    try:
        standard = diligence(run_compute(acting_user=demo.clerk, run=run))
    finally:
        register_performance_source(None)
    paid = [eid for eid in rated if eid in standard and standard[eid] > 0]
    assert paid
    assert all(rated[eid] > standard[eid] for eid in paid), (rated, standard)
