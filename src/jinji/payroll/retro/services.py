"""差額計算 and 追給・戻入: every change takes the acting user, locks what it protects and is audited.

A change that alters what the pay month's run pays sends that run back to be computed again
(status 計算エラー with the reason) when it was computed but not submitted, and is refused when
the run is in approval or finalized — so a run is never finalized with stale lines.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.core.bulk import RowInserter
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.rules_tables import rules_store
from jinji.org.models import Payer
from jinji.payroll.engine import gc_paused
from jinji.payroll.locks import lock_run
from jinji.payroll.models import PayrollRun, RunKind, RunStatus
from jinji.payroll.retro import events
from jinji.payroll.retro.recompute import DIFF_COLUMNS, MonthResult, month_runs, recompute_month
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroDifference, RetroStatus
from jinji.personnel.models import Employee

STALE = datetime.timedelta(minutes=30)
MAX_MONTHS = 24


def _refuse(message: str, field: str = "calculation") -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def _invalidate_pay_run(*, acting_user: User | None, payer_id: int, month: datetime.date, why: str) -> None:
    """Send the pay month's monthly run back to be recomputed, or refuse when it is past that point."""
    run = PayrollRun.objects.filter(payer_id=payer_id, month=month, kind=RunKind.MONTHLY).first()
    if run is None:
        return
    locked = lock_run(run)
    if locked.status in (RunStatus.SUBMITTED, RunStatus.APPROVED, RunStatus.FINALIZED, RunStatus.COMPUTING):
        raise _refuse(
            f"{month:%Y年%m月}の給与計算が{locked.get_status_display()}のため変更できません"
            "(別の支給月を選ぶか、給与計算を差し戻してください)",
            "pay_month",
        )
    if locked.status == RunStatus.COMPUTED:
        locked.status = RunStatus.FAILED
        locked.error = f"{why}。給与計算をもう一度実行してください"
        locked.save(update_fields=["status", "error"])
        audit_record(actor=acting_user, action=events.RUN_INVALIDATE, target=locked, after={"reason": why})


def _month(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def retro_create(
    *,
    acting_user: User,
    payer: Payer,
    first_month: datetime.date,
    last_month: datetime.date,
    pay_month: datetime.date,
    reason: str,
) -> RetroCalculation:
    """A new 差額計算 of ``payer`` for the finalized months ``first_month``〜``last_month``."""
    first, last, pay = _month(first_month), _month(last_month), _month(pay_month)
    problems: list[FieldProblem] = []
    if last < first:
        problems.append(FieldProblem(field="last_month", message="対象の最後の月は最初の月以降にしてください"))
    elif (last.year - first.year) * 12 + last.month - first.month >= MAX_MONTHS:
        problems.append(FieldProblem(field="last_month", message=f"対象は{MAX_MONTHS}か月以内にしてください"))
    if pay <= last:
        problems.append(FieldProblem(field="pay_month", message="支給する月は対象の最後の月より後にしてください"))
    if not reason.strip():
        problems.append(FieldProblem(field="reason", message="理由を入力してください(例: 給料表の改定)"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        _invalidate_pay_run(acting_user=acting_user, payer_id=payer.pk, month=pay, why="差額計算が追加されました")
        calc: RetroCalculation = RetroCalculation.objects.create(
            organization_id=payer.organization_id,
            payer=payer,
            first_month=first,
            last_month=last,
            pay_month=pay,
            reason=reason.strip(),
            created_by=acting_user,
        )
        after = {"first": f"{first:%Y-%m}", "last": f"{last:%Y-%m}", "pay": f"{pay:%Y-%m}", "reason": calc.reason}
        audit_record(actor=acting_user, action=events.RETRO_CREATE, target=calc, after=after)
    return calc


def _lock(calc: RetroCalculation) -> RetroCalculation:
    locked: RetroCalculation = RetroCalculation.unscoped.select_for_update().get(pk=calc.pk)
    return locked


def _claim(calc: RetroCalculation, *, force: bool) -> RetroCalculation:
    with transaction.atomic():
        locked = _lock(calc)
        stale = locked.computed_at is None or timezone.now() - locked.computed_at > STALE
        if locked.status == RetroStatus.COMPUTING and not (force or stale):
            raise _refuse("この差額計算は計算中です。終わるまでお待ちください")
        if RetroDifference.objects.filter(calculation=locked, paid_in_run__status=RunStatus.FINALIZED).exists():
            raise _refuse("この差額計算は支給済みです。追加の差額は新しい差額計算で計算してください")
        locked.status = RetroStatus.COMPUTING
        locked.progress_done = 0
        locked.error = ""
        locked.computed_at = timezone.now()
        locked.save(update_fields=["status", "progress_done", "error", "computed_at"])
    return locked


def _save(calc: RetroCalculation, months: list[tuple[PayrollRun, MonthResult]], missing: list[datetime.date]) -> None:
    """Replace the calculation's differences and totals (caller holds the lock, in a transaction)."""
    RetroDifference.objects.filter(calculation=calc).delete()
    org, cid = calc.organization_id, calc.pk
    inserter = RowInserter(RetroDifference, DIFF_COLUMNS)
    employees: set[int] = set()
    anomalies: list[dict[str, object]] = [
        {"month": f"{m:%Y-%m}", "message": f"{m:%Y年%m月}は確定した月例給与がないため対象外です"} for m in missing
    ]
    total = 0
    for _run, result in months:
        inserter.insert((org, cid, *row) for row in result.rows)
        employees |= result.employees
        total += result.total
        anomalies.extend(result.anomalies)
    calc.status = RetroStatus.COMPUTED
    calc.employees = len(employees)
    calc.total_diff = total
    calc.anomalies = anomalies
    calc.months = [f"{run.month:%Y-%m}" for run, _ in months]
    calc.progress_done = len(months)
    calc.computed_at = timezone.now()
    calc.save()


def retro_compute(
    *,
    acting_user: User | None,
    calculation: RetroCalculation,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RetroCalculation:
    """Recompute every finalized month of ``calculation`` and replace its differences (idempotent
    until they are paid). Months are computed one after the other through the set-based run path."""
    calc = _claim(calculation, force=force)
    try:
        runs, missing = month_runs(payer_id=calc.payer_id, first=calc.first_month, last=calc.last_month)
        RetroCalculation.objects.filter(pk=calc.pk).update(progress_total=len(runs))
        store = rules_store()
        months: list[tuple[PayrollRun, MonthResult]] = []
        with gc_paused():
            for done, run in enumerate(runs, start=1):
                months.append((run, recompute_month(run, calculation_id=calc.pk, store=store)))
                RetroCalculation.objects.filter(pk=calc.pk).update(progress_done=done)
                if progress is not None:
                    progress(done, len(runs))
        with gc_paused(), transaction.atomic():
            locked = _lock(calc)
            _invalidate_pay_run(
                acting_user=acting_user, payer_id=calc.payer_id, month=calc.pay_month, why="差額が再計算されました"
            )
            _save(locked, months, missing)
            after = {"months": locked.months, "employees": locked.employees, "total": locked.total_diff}
            audit_record(actor=acting_user, action=events.RETRO_COMPUTE, target=locked, after=after)
    except Exception as exc:
        RetroCalculation.objects.filter(pk=calc.pk).update(status=RetroStatus.FAILED, error=str(exc)[:2000])
        raise
    return locked


def correction_create(
    *,
    acting_user: User,
    payer: Payer,
    employee: Employee,
    source_month: datetime.date,
    pay_month: datetime.date,
    item_label: str,
    amount: int,
    taxable: bool,
    reason: str,
) -> PayCorrection:
    """追給 (``amount`` > 0) or 戻入 (< 0) of one employee, paid in the run of ``pay_month``."""
    problems: list[FieldProblem] = []
    if not amount:
        problems.append(FieldProblem(field="amount", message="金額を入力してください(戻入は負の額)"))
    if not item_label.strip():
        problems.append(FieldProblem(field="item_label", message="項目を入力してください(例: 通勤手当)"))
    if not reason.strip():
        problems.append(FieldProblem(field="reason", message="理由を入力してください"))
    if _month(pay_month) < _month(source_month):
        problems.append(FieldProblem(field="pay_month", message="支給・戻入する月は対象月以降にしてください"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        pay = _month(pay_month)
        _invalidate_pay_run(acting_user=acting_user, payer_id=payer.pk, month=pay, why="追給・戻入が登録されました")
        correction: PayCorrection = PayCorrection.objects.create(
            organization_id=payer.organization_id,
            payer=payer,
            employee=employee,
            source_month=_month(source_month),
            pay_month=pay,
            item_label=item_label.strip(),
            amount=amount,
            taxable=taxable,
            reason=reason.strip(),
            created_by=acting_user,
        )
        after = {"employee": employee.pk, "amount": amount, "pay": f"{pay:%Y-%m}", "reason": correction.reason}
        audit_record(actor=acting_user, action=events.CORRECTION_CREATE, target=correction, after=after)
    return correction


def correction_delete(*, acting_user: User, correction: PayCorrection) -> None:
    """Withdraw a correction not yet paid in a finalized run."""
    with transaction.atomic():
        locked = PayCorrection.objects.select_for_update().get(pk=correction.pk)
        _invalidate_pay_run(
            acting_user=acting_user,
            payer_id=locked.payer_id,
            month=locked.pay_month,
            why="追給・戻入が取り消されました",
        )
        before = {"employee": locked.employee_id, "amount": locked.amount, "reason": locked.reason}
        audit_record(actor=acting_user, action=events.CORRECTION_DELETE, target=locked, before=before)
        locked.delete()
