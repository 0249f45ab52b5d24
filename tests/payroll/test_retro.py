"""差額 and 追給・戻入: a dependant added retroactively, idempotency, no double payment, run guards.

Persona (issue 6 §Tests): a child's 扶養親族届 approved in November takes effect on 2026-08-01;
August–October were paid and finalized without it. 扶養手当 子 13,000 (dependents_allowance
2026-04-01, 地域手当 none) → 差額 13,000 for each of 8, 9, 10月, paid in December, itemised by month
and taxed with December's pay (NTA タックスアンサー No.2529, method 1: added to the month's pay, 月額表).

December by hand: 給料 195,800 + 扶養手当 13,000 + 差額 39,000 = 247,800. 所得税 (令和8年分 特例,
payroll-rules.md §A1): 247,800 × 30% + 6,667 = 81,007; B = 247,800 − 81,007 − 48,334 = 118,459;
× 5.105% = 6,047.3 → 6,050. 差引 241,750.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.payroll.models import PayrollRun, Payslip, RunStatus
from jinji.payroll.retro.services import correction_create, correction_delete, retro_compute, retro_create
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroDifference
from jinji.payroll.services.runs import run_compute, run_create
from jinji.personnel.models import Dependent, Employee
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db

D = datetime.date
DEC = D(2026, 12, 1)


def _items(lines: list[list[object]]) -> dict[str, int]:
    return {str(c): int(str(a)) for c, _l, a in lines}


def _finalized_months(world: Payroll, *months: datetime.date) -> None:
    for month in months:
        run = run_compute(
            acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=month)
        )
        PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FINALIZED)


def _child_from_august(world: Payroll, employee: Employee) -> None:
    Dependent.objects.create(
        organization=world.org, employee=employee, name="子", name_kana="コ", relationship="child",
        birth_date=D(2026, 7, 20), for_tax=False, valid_from=D(2026, 8, 1),
    )  # fmt: skip


def _calc(world: Payroll, pay_month: datetime.date = DEC) -> RetroCalculation:
    return retro_create(
        acting_user=world.clerk,
        payer=world.payer,
        first_month=D(2026, 8, 1),
        last_month=D(2026, 10, 1),
        pay_month=pay_month,
        reason="扶養親族届(8月発生)の遅れ",
    )


def test_dependant_added_retroactively_is_paid_by_month_in_december(world: Payroll) -> None:
    parent = world.employee()
    unchanged = world.employee()
    _finalized_months(world, D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1))
    _child_from_august(world, parent)
    calc = retro_compute(acting_user=world.clerk, calculation=_calc(world))
    assert calc.months == ["2026-08", "2026-09", "2026-10"]
    assert (calc.employees, calc.total_diff) == (1, 39_000)
    rows = list(RetroDifference.objects.order_by("source_month").values_list("employee_id", "source_month", "diff"))
    assert rows == [
        (parent.pk, D(2026, 8, 1), 13_000),
        (parent.pk, D(2026, 9, 1), 13_000),
        (parent.pk, D(2026, 10, 1), 13_000),
    ]
    first = RetroDifference.objects.order_by("source_month").first()
    assert first is not None
    assert (first.amount_paid, first.amount_due, first.item_code) == (
        0,
        13_000,
        "dependents_allowance",
    )

    dec = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=DEC))
    slip = Payslip.objects.get(run=dec, employee=parent)
    assert _items(slip.earnings) == {
        "base_salary": 195_800,
        "dependents_allowance": 13_000,
        "retro:2026-08:dependents_allowance": 13_000,
        "retro:2026-09:dependents_allowance": 13_000,
        "retro:2026-10:dependents_allowance": 13_000,
    }
    labels = [label for code, label, _a in slip.earnings if str(code).startswith("retro:")]
    assert labels == ["令和8年8月分 扶養手当差額", "令和8年9月分 扶養手当差額", "令和8年10月分 扶養手当差額"]
    assert _items(slip.deductions) == {"income_tax": 6_050}
    assert slip.net == 241_750
    assert _items(Payslip.objects.get(run=dec, employee=unchanged).earnings) == {"base_salary": 195_800}
    assert set(RetroDifference.objects.values_list("paid_in_run_id", flat=True)) == {dec.pk}

    # Recomputing the December run before it is finalized pays the same lines once.
    dec = run_compute(acting_user=world.clerk, run=dec)
    assert Payslip.objects.get(run=dec, employee=parent).net == 241_750

    # Once December is finalized the differences are settled: never paid again.
    PayrollRun.objects.filter(pk=dec.pk).update(status=RunStatus.FINALIZED)
    with pytest.raises(DomainError, match="支給済み"):
        retro_compute(acting_user=world.clerk, calculation=calc)
    again = retro_compute(acting_user=world.clerk, calculation=_calc(world, D(2027, 1, 1)))
    assert (again.employees, again.total_diff) == (0, 0)
    assert AuditEvent.objects.filter(action="payroll.retro.compute").count() == 2


def test_recomputing_a_calculation_is_idempotent_and_sends_the_pay_run_back(world: Payroll) -> None:
    parent = world.employee()
    _finalized_months(world, D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1))
    _child_from_august(world, parent)
    calc = retro_compute(acting_user=world.clerk, calculation=_calc(world))
    dec = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=DEC))
    calc = retro_compute(acting_user=world.clerk, calculation=calc)
    assert (calc.employees, calc.total_diff, RetroDifference.objects.count()) == (1, 39_000, 3)
    dec.refresh_from_db()
    assert dec.status == RunStatus.FAILED
    assert "差額が再計算されました" in dec.error
    dec = run_compute(acting_user=world.clerk, run=dec)
    assert Payslip.objects.get(run=dec, employee=parent).gross == 247_800


def test_two_calculations_for_the_same_months_do_not_pay_twice(world: Payroll) -> None:
    parent = world.employee()
    _finalized_months(world, D(2026, 8, 1), D(2026, 9, 1), D(2026, 10, 1))
    _child_from_august(world, parent)
    retro_compute(acting_user=world.clerk, calculation=_calc(world))
    second = retro_compute(acting_user=world.clerk, calculation=_calc(world))
    assert (second.employees, second.total_diff) == (0, 0)


def test_months_without_a_finalized_run_are_named(world: Payroll) -> None:
    world.employee()
    _finalized_months(world, D(2026, 8, 1))
    calc = retro_compute(acting_user=world.clerk, calculation=_calc(world))
    assert calc.months == ["2026-08"]
    assert [a["month"] for a in calc.anomalies] == ["2026-09", "2026-10"]


def test_bad_ranges_are_refused_by_field(world: Payroll) -> None:
    with pytest.raises(DomainError) as exc:
        retro_create(
            acting_user=world.clerk, payer=world.payer, first_month=D(2026, 10, 1), last_month=D(2026, 8, 1),
            pay_month=D(2026, 7, 1), reason=" ",
        )  # fmt: skip
    fields = {p.field for p in exc.value.problems}
    assert fields == {"last_month", "pay_month", "reason"}
    assert not RetroCalculation.objects.exists()


def test_pay_month_in_approval_refuses_a_new_calculation(world: Payroll) -> None:
    world.employee()
    dec = run_create(acting_user=world.clerk, payer=world.payer, month=DEC)
    PayrollRun.objects.filter(pk=dec.pk).update(status=RunStatus.SUBMITTED)
    with pytest.raises(DomainError, match="決裁中"):
        _calc(world)


def test_corrections_are_paid_and_recovered_in_the_chosen_run(world: Payroll) -> None:
    """追給 5,000 (通勤手当, 非課税) and 戻入 −2,000 (給料, deducted after tax), paid in May.

    May: 給料 195,800 (所得税 as for the plain 1級1号: 控除 195,800 × 30% + 6,667 = 65,407;
    B = 195,800 − 65,407 − 48,334 = 82,059; × 5.105% = 4,189.1 → 4,190; the non-taxable 追給 does not
    change it). 差引 = 195,800 + 5,000 − 4,190 − 2,000 = 194,610.
    """
    employee = world.employee()
    may = D(2026, 5, 1)
    extra = correction_create(
        acting_user=world.clerk, payer=world.payer, employee=employee, source_month=D(2026, 4, 1), pay_month=may,
        item_label="通勤手当", amount=5_000, taxable=False, reason="定期代の届出漏れ",
    )  # fmt: skip
    correction_create(
        acting_user=world.clerk, payer=world.payer, employee=employee, source_month=D(2026, 4, 1), pay_month=may,
        item_label="給料", amount=-2_000, taxable=True, reason="欠勤の反映漏れ",
    )  # fmt: skip
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=may))
    slip = Payslip.objects.get(run=run, employee=employee)
    earnings = {label: amount for _c, label, amount in slip.earnings}
    assert earnings == {"給料": 195_800, "令和8年4月分 通勤手当追給": 5_000}
    deductions = {label: amount for _c, label, amount in slip.deductions}
    assert deductions == {"所得税": 4_190, "令和8年4月分 給料戻入": 2_000}
    assert slip.net == 194_610
    assert set(PayCorrection.objects.values_list("paid_in_run_id", flat=True)) == {run.pk}
    correction_delete(acting_user=world.clerk, correction=extra)
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED
    run = run_compute(acting_user=world.clerk, run=run)
    assert Payslip.objects.get(run=run, employee=employee).net == 189_610
    assert AuditEvent.objects.filter(action__startswith="payroll.correction.").count() == 3


def test_a_correction_needs_an_amount_and_a_reason(world: Payroll) -> None:
    employee = world.employee()
    with pytest.raises(DomainError) as exc:
        correction_create(
            acting_user=world.clerk, payer=world.payer, employee=employee, source_month=D(2026, 4, 1),
            pay_month=D(2026, 5, 1), item_label="", amount=0, taxable=True, reason="",
        )  # fmt: skip
    assert {p.field for p in exc.value.problems} == {"amount", "item_label", "reason"}
    assert not PayCorrection.objects.exists()


def test_a_calculation_being_computed_is_not_computed_twice(world: Payroll) -> None:
    """The claim locks the calculation row: a second compute while one runs is refused (``force`` takes over)."""
    world.employee()
    calc = _calc(world)
    RetroCalculation.objects.filter(pk=calc.pk).update(status="computing", computed_at=timezone.now())
    with pytest.raises(DomainError, match="計算中"):
        retro_compute(acting_user=world.clerk, calculation=calc)
    assert retro_compute(acting_user=world.clerk, calculation=calc, force=True).status == "computed"


def test_the_allowance_register_learns_which_months_are_finalized(world: Payroll) -> None:
    """jinji.applications.pay_status finds payroll's check by name: a 認定 from August is marked 遡及."""
    from jinji.applications.pay_status import is_pay_finalized

    world.employee()
    assert not is_pay_finalized(world.org.pk, D(2026, 8, 15))
    _finalized_months(world, D(2026, 8, 1))
    assert is_pay_finalized(world.org.pk, D(2026, 8, 15))
    assert not is_pay_finalized(world.org.pk, D(2026, 9, 1))
