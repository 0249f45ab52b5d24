"""決裁: a computed run goes through the workflow as ``payroll_run_approval``; final approval marks it 承認済み."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll import events
from jinji.payroll.locks import lock_run
from jinji.payroll.models import PayrollRun, RunStatus
from jinji.workflow.registry import ApplicationDraft, register_application_type

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance

APPLICATION_TYPE = "payroll_run_approval"


def _effect(instance: WorkflowInstance, acting_user: User) -> None:
    from jinji.payroll.services.runs import run_mark_approved

    run_mark_approved(acting_user=acting_user, run_id=int(instance.payload["run_id"]))


def _validate(draft: ApplicationDraft) -> Sequence[FieldProblem]:
    run_id = draft.payload.get("run_id")
    exists = PayrollRun.unscoped.filter(pk=run_id, organization_id=draft.organization_id).exists()
    return [] if exists else [FieldProblem(field="run_id", message="給与計算が見つかりません")]


def _summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    return [("給与計算", str(payload.get("label", ""))), ("差引支給額合計", f"{payload.get('net', 0):,} 円")]


def register_approval() -> None:
    register_application_type(
        APPLICATION_TYPE, "給与計算の決裁", effect=_effect, validate=_validate, summarize=_summarize
    )


def run_submit(*, acting_user: User, run: PayrollRun) -> PayrollRun:
    """Send a computed run with no unresolved anomaly for approval (creates the workflow instance)."""
    from jinji.payroll.services.runs import blocking_anomalies
    from jinji.workflow.services import instance_create

    with transaction.atomic():
        locked = lock_run(run)
        if locked.status != RunStatus.COMPUTED:
            raise DomainError([FieldProblem(field="run", message="計算済みの給与計算だけを決裁に回せます")])
        blocking = blocking_anomalies(locked)
        if blocking:
            message = f"未解決の確認事項が {len(blocking)} 件あります(解消するか除外してください)"
            raise DomainError([FieldProblem(field="anomalies", message=message)])
        label = f"{locked.month:%Y年%m月} {locked.get_kind_display()}"
        instance = instance_create(
            acting_user=acting_user,
            application_type=APPLICATION_TYPE,
            subject=f"給与計算の決裁 {label}",
            payload={"run_id": locked.pk, "label": label, "net": locked.total_net},
            idempotency_key=f"payroll-run-{locked.pk}-{locked.computed_at:%Y%m%d%H%M%S%f}",
        )
        locked.status = RunStatus.SUBMITTED
        locked.workflow_instance_id = instance.pk
        locked.save(update_fields=["status", "workflow_instance_id"])
        audit_record(actor=acting_user, action=events.RUN_SUBMIT, target=locked, after={"instance": instance.pk})
    return locked
