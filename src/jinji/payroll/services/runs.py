"""Monthly run: create → compute → review (exclude) → submit for approval → approve → finalize.

Every function takes ``acting_user``, locks the run row (:mod:`jinji.payroll.locks`) and writes
its audit event in the same transaction. Compute claims the run (status 計算中) in a short
transaction, gathers and computes outside it (progress visible to pollers), then replaces the
run's payslips in one transaction: a failure leaves the previous payslips untouched.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.rules_tables import rules_store
from jinji.org.models import Payer
from jinji.payroll import events
from jinji.payroll.bonus import bonus_outcome, bonus_pay_date
from jinji.payroll.calendar import pay_date, payer_calendar, previous_month
from jinji.payroll.engine import Outcome, compare_previous, compute_profiles, gc_paused
from jinji.payroll.locks import lock_run
from jinji.payroll.models import PayrollRun, RunKind, RunStatus
from jinji.payroll.persist import drop_payslips, previous_nets, replace_payslips
from jinji.payroll.profile import run_profiles
from jinji.payroll.retro.pending import link_pending, pending_for_run, with_pending

STALE_COMPUTE = timedelta(minutes=30)
EDITABLE = frozenset({RunStatus.DRAFT, RunStatus.COMPUTED, RunStatus.FAILED})


def _refuse(message: str, field: str = "run") -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def run_create(
    *,
    acting_user: User | None,
    payer: Payer,
    month: datetime.date,
    kind: str = RunKind.MONTHLY,
    employee_ids: Collection[int] | None = None,
) -> PayrollRun:
    """A new run of ``payer`` for the month of ``month``; its pay date from the payer's calendar."""
    first = month.replace(day=1)
    calendar = payer_calendar(organization_id=payer.organization_id, payer_id=payer.pk)
    try:
        with transaction.atomic():
            run = PayrollRun.objects.create(
                organization_id=payer.organization_id,
                payer=payer,
                month=first,
                kind=kind,
                paid_on=bonus_pay_date(first) if kind == RunKind.BONUS else pay_date(calendar, first),
                employee_ids=sorted(employee_ids or ()),
            )
            audit_record(actor=acting_user, action=events.RUN_CREATE, target=run, after={"paid_on": run.paid_on})
    except IntegrityError:
        raise _refuse(f"{payer.name} の {first:%Y年%m月} の給与計算は既に作成されています", "month") from None
    result: PayrollRun = run
    return result


def _claim(run: PayrollRun, *, force: bool) -> PayrollRun:
    with transaction.atomic():
        locked = lock_run(run)
        stale = locked.computed_at is None or timezone.now() - locked.computed_at > STALE_COMPUTE
        if locked.status == RunStatus.COMPUTING and not (force or stale):
            raise _refuse("この給与計算は他の利用者が計算中です。終わるまでお待ちください")
        if locked.status not in EDITABLE and locked.status != RunStatus.COMPUTING:
            raise _refuse(f"{locked.get_status_display()}の給与計算は再計算できません")
        locked.status = RunStatus.COMPUTING
        locked.progress_done = 0
        locked.error = ""
        locked.computed_at = timezone.now()
        locked.save(update_fields=["status", "progress_done", "error", "computed_at"])
    return locked


def _gather_and_compute(run: PayrollRun, progress: Callable[[int, int], None] | None) -> Outcome:
    calendar = payer_calendar(organization_id=run.organization_id, payer_id=run.payer_id)
    profiles = run_profiles(run, calendar)
    adjustments = pending_for_run(run)
    profiles = with_pending(profiles, adjustments)
    total = len(profiles)
    PayrollRun.objects.filter(pk=run.pk).update(progress_total=total)

    def tick(done: int) -> None:
        PayrollRun.objects.filter(pk=run.pk).update(progress_done=done)
        if progress is not None:
            progress(done, total)

    out = compute_profiles(
        profiles, paid_on=run.paid_on, store=rules_store(), excluded=frozenset(run.excluded_ids), progress=tick
    )
    threshold = calendar.change_threshold_percent if calendar is not None else 20
    previous = previous_nets(run, previous_month(run.month))
    compare_previous(out, previous, threshold_percent=threshold)
    out.adjustments = adjustments
    return out


def run_compute(
    *,
    acting_user: User | None,
    run: PayrollRun,
    force: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> PayrollRun:
    """(Re)compute every payslip of ``run``; idempotent before finalize (the run's payslips are replaced)."""
    run = _claim(run, force=force)
    try:
        with gc_paused():
            out = (bonus_outcome if run.kind == RunKind.BONUS else _gather_and_compute)(run, progress)
        with gc_paused(), transaction.atomic():
            locked = lock_run(run)
            replace_payslips(locked, out)
            link_pending(locked, out.adjustments)
            locked.status = RunStatus.COMPUTED
            locked.anomalies = out.anomalies
            locked.computed_at = timezone.now()
            locked.save()
            after = {"headcount": locked.headcount, "net": locked.total_net, "anomalies": len(out.anomalies)}
            audit_record(actor=acting_user, action=events.RUN_COMPUTE, target=locked, after=after)
    except Exception as exc:
        PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, error=str(exc)[:2000])
        raise
    return locked


def blocking_anomalies(run: PayrollRun) -> list[dict[str, object]]:
    excluded = set(run.excluded_ids)
    return [a for a in run.anomalies if a.get("blocking") and a.get("employee_id") not in excluded]


def run_exclude(*, acting_user: User, run: PayrollRun, employee_ids: Collection[int], reason: str) -> PayrollRun:
    """Leave employees out of this run (their payslips are removed); a reason is required."""
    if not reason.strip():
        raise _refuse("除外の理由を入力してください", "reason")
    with transaction.atomic():
        locked = lock_run(run)
        if locked.status not in (RunStatus.COMPUTED, RunStatus.FAILED, RunStatus.DRAFT):
            raise _refuse(f"{locked.get_status_display()}の給与計算では除外できません")
        added = sorted(set(employee_ids) - set(locked.excluded_ids))
        locked.excluded_ids = sorted({*locked.excluded_ids, *added})
        drop_payslips(locked, added)
        locked.save()
        audit_record(
            actor=acting_user, action=events.RUN_EXCLUDE, target=locked, after={"employees": added, "reason": reason}
        )
    return locked


def run_mark_approved(*, acting_user: User, run_id: int) -> PayrollRun:
    """The workflow's final approval (effect of ``payroll_run_approval``)."""
    locked = lock_run(PayrollRun.unscoped.get(pk=run_id))
    if locked.status != RunStatus.SUBMITTED:
        raise _refuse(f"{locked.get_status_display()}の給与計算は承認できません")
    locked.status = RunStatus.APPROVED
    locked.save(update_fields=["status"])
    audit_record(actor=acting_user, action=events.RUN_APPROVE, target=locked)
    return locked


def run_finalize(*, acting_user: User, run: PayrollRun) -> PayrollRun:
    """確定: after approval, with no unresolved anomaly; the run and its payslips are locked."""
    with transaction.atomic():
        locked = lock_run(run)
        if locked.status != RunStatus.APPROVED:
            raise _refuse("決裁で承認された給与計算だけを確定できます")
        blocking = blocking_anomalies(locked)
        if blocking:
            names = "、".join(f"{a['name']}({a['label']})" for a in blocking[:5])
            raise _refuse(f"未解決の確認事項が {len(blocking)} 件あります: {names}")
        locked.status = RunStatus.FINALIZED
        locked.finalized_at = timezone.now()
        locked.save(update_fields=["status", "finalized_at"])
        audit_record(actor=acting_user, action=events.RUN_FINALIZE, target=locked, after={"net": locked.total_net})
    return locked
