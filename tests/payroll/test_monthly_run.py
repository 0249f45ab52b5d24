"""Monthly run: golden payslip, reconciliation, rerun idempotency, finalize lock, concurrency, anomalies."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jinji.core.errors import DomainError
from jinji.payroll.approval import run_submit
from jinji.payroll.models import PayrollRun, Payslip, RunStatus
from jinji.payroll.services.runs import run_compute, run_create, run_exclude, run_finalize
from jinji.workflow.models import WorkflowInstance
from jinji.workflow.services import instance_approve
from tests.payroll.builders import MAY, MAY_PAY, Payroll, approval_route, mutual_aid

pytestmark = pytest.mark.django_db


def _run(world: Payroll) -> PayrollRun:
    return run_create(acting_user=world.clerk, payer=world.payer, month=MAY)


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(code): int(amount) for code, _label, amount in lines}  # type: ignore[call-overload]


def test_pay_date_is_the_21st_or_the_business_day_before(world: Payroll) -> None:
    import datetime

    assert _run(world).paid_on == MAY_PAY
    # 2026-06-21 is a Sunday → Friday 2026-06-19
    june = run_create(acting_user=world.clerk, payer=world.payer, month=datetime.date(2026, 6, 1))
    assert june.paid_on == datetime.date(2026, 6, 19)


def test_golden_regular_first_grade_no_insurance(world: Payroll) -> None:
    """行政職(一) 1級1号俸, no dependants, no insurance, 甲欄 0人, paid 2026-05-21.

    給料 195,800 (salary_schedule.gyosei_1 2025-04-01, grades.1[0]).
    所得税, 電算機計算の特例 (令和8年分): A = 195,800;
      給与所得控除 = 195,800 × 30% + 6,667 = 58,740 + 6,667 = 65,407 (158,334〜299,999 の段);
      基礎控除 = 48,334 (A ≤ 2,120,833); 課税給与所得金額 = 195,800 − 65,407 − 48,334 = 82,059;
      税額 = 82,059 × 5.105% = 4,189.11… → 10円未満四捨五入 4,190.
    差引 = 195,800 − 4,190 = 191,610.
    """
    employee = world.employee(grade=1, step=1)
    run = run_compute(acting_user=world.clerk, run=_run(world))
    slip = Payslip.objects.get(run=run, employee=employee)
    assert _items(slip.earnings) == {"base_salary": 195800}
    assert _items(slip.deductions) == {"income_tax": 4190}
    assert (slip.gross, slip.total_deductions, slip.net) == (195800, 4190, 191610)
    assert any("salary_schedule.gyosei_1" in t for t in slip.tables)


def test_reconciliation_and_rerun_idempotent(world: Payroll) -> None:
    staff = [world.employee(grade=1, step=s) for s in (1, 2, 3)]
    mutual_aid(staff[0], short=15, long=15)
    run = run_compute(acting_user=world.clerk, run=_run(world))
    slips = list(Payslip.objects.filter(run=run))
    assert len(slips) == 3
    for slip in slips:
        assert sum(a for _c, _l, a in slip.earnings) == slip.gross
        assert sum(a for _c, _l, a in slip.deductions) == slip.total_deductions
        assert slip.gross - slip.total_deductions == slip.net
    assert run.total_net == sum(s.net for s in slips)
    first = sorted((s.employee_id, s.net, s.earnings, s.deductions) for s in slips)
    again = run_compute(acting_user=world.clerk, run=run)
    assert Payslip.objects.filter(run=run).count() == 3
    second = sorted((s.employee_id, s.net, s.earnings, s.deductions) for s in Payslip.objects.filter(run=run))
    assert first == second
    assert again.total_net == run.total_net


def test_two_computes_at_once_are_refused(world: Payroll) -> None:
    world.employee()
    run = _run(world)
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.COMPUTING, computed_at=run.created_at)
    run.refresh_from_db()
    from django.utils import timezone

    PayrollRun.objects.filter(pk=run.pk).update(computed_at=timezone.now())
    with pytest.raises(DomainError, match="計算中"):
        run_compute(acting_user=world.clerk, run=run)


def test_duplicate_run_for_same_month_refused(world: Payroll) -> None:
    _run(world)
    with pytest.raises(DomainError, match="既に作成"):
        _run(world)


def test_anomalies_are_named_and_block_until_excluded(world: Payroll) -> None:
    ok = world.employee()
    no_bank = world.employee(bank=False, given_name="口座無")
    no_step = world.employee(grade=None, step=None, given_name="号給無")
    run = run_compute(acting_user=world.clerk, run=_run(world))
    found = {(a["employee_id"], a["code"]) for a in run.anomalies}
    assert (no_bank.pk, "missing_bank_account") in found
    assert (no_step.pk, "missing_salary_step") in found
    assert not any(a["employee_id"] == ok.pk for a in run.anomalies)
    assert any("号給無" in a["name"] and "号給" in a["message"] for a in run.anomalies)
    with pytest.raises(DomainError, match="確認事項"):
        run_submit(acting_user=world.clerk, run=run)
    with pytest.raises(DomainError, match="理由"):
        run_exclude(acting_user=world.clerk, run=run, employee_ids=[no_bank.pk], reason=" ")
    run = run_exclude(acting_user=world.clerk, run=run, employee_ids=[no_bank.pk, no_step.pk], reason="口座届待ち")
    assert set(Payslip.objects.filter(run=run).values_list("employee_id", flat=True)) == {ok.pk}
    assert run.headcount == 1


def test_table_missing_for_pay_date_is_named(world: Payroll) -> None:
    employee = world.employee(grade=2, step=9)  # 2級9号俸 is not in the shipped table
    run = run_compute(acting_user=world.clerk, run=_run(world))
    codes = {a["code"] for a in run.anomalies if a["employee_id"] == employee.pk}
    assert codes & {"table_missing", "invalid_input"}


def test_approve_through_workflow_then_finalize_locks(world: Payroll) -> None:
    approval_route(world)
    world.employee()
    run = run_compute(acting_user=world.clerk, run=_run(world))
    with pytest.raises(DomainError, match="承認"):
        run_finalize(acting_user=world.clerk, run=run)
    run = run_submit(acting_user=world.clerk, run=run)
    assert run.status == RunStatus.SUBMITTED
    instance = WorkflowInstance.objects.get(pk=run.workflow_instance_id)
    instance_approve(instance=instance, acting_user=world.approver)
    run.refresh_from_db()
    assert run.status == RunStatus.APPROVED
    run = run_finalize(acting_user=world.clerk, run=run)
    assert run.status == RunStatus.FINALIZED
    with pytest.raises(DomainError, match="再計算できません"):
        run_compute(acting_user=world.clerk, run=run)
    with pytest.raises(DomainError):
        run_exclude(acting_user=world.clerk, run=run, employee_ids=[1], reason="x")


def test_failure_mid_run_keeps_previous_payslips(world: Payroll, monkeypatch: pytest.MonkeyPatch) -> None:
    world.employee()
    run = run_compute(acting_user=world.clerk, run=_run(world))
    before = list(Payslip.objects.filter(run=run).values_list("employee_id", "net"))
    world.employee()

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("jinji.payroll.persist.RowInserter.insert", boom)
    with pytest.raises(RuntimeError):
        run_compute(acting_user=world.clerk, run=run)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    assert "disk full" in run.error
    assert list(Payslip.objects.filter(run=run).values_list("employee_id", "net")) == before
    monkeypatch.undo()
    run = run_compute(acting_user=world.clerk, run=run)
    assert run.headcount == 2


def _queries(world: Payroll, n: int) -> int:
    for _ in range(n):
        world.employee()
    run = _run(world)
    with CaptureQueriesContext(connection) as ctx:
        run_compute(acting_user=world.clerk, run=run)
    PayrollRun.objects.filter(pk=run.pk).delete()
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_staff(world: Payroll) -> None:
    small = _queries(world, 5)
    large = _queries(world, 45)
    assert small == large, (small, large)
