"""Shared steps of the workflow services: row locks, opening steps, the log, audit and notices.

Lock order is always instance → current step → its tasks, so two actions never deadlock.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import ConcurrentUpdate, DomainError, FieldProblem, NotPermitted
from jinji.workflow import events
from jinji.workflow.models import (
    ACTIVE_STATUSES,
    ActionLog,
    InstanceStatus,
    Notification,
    NotificationKind,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.registry import application_type_label

logger = logging.getLogger(__name__)

STALE_MESSAGE = "この申請は他の人が先に処理しました。画面を再読み込みして最新の状態を確認してください"


def now() -> datetime.datetime:
    return timezone.now()


@contextmanager
def refusals_audited(actor: User, operation: str, instance_id: int | None) -> Iterator[None]:
    """Refused actions leave an audit event (the refused change itself rolled back)."""
    try:
        yield
    except NotPermitted as exc:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=events.REFUSED,
                target_type="workflow.workflowinstance",
                target_id="" if instance_id is None else str(instance_id),
                after={"operation": operation, "reason": "; ".join(p.message for p in exc.problems)},
                kind=AuditKind.AUTH,
                organization_id=actor.organization_id,
            )
        raise


def refuse(message: str, field: str = "") -> NotPermitted:
    return NotPermitted([FieldProblem(field=field, message=message)])


def lock_instance(instance: WorkflowInstance, expected_version: int | None) -> WorkflowInstance:
    """The instance row, locked for this transaction; refuses if it changed since it was read."""
    locked = WorkflowInstance.objects.select_for_update().filter(pk=instance.pk).first()
    if locked is None:
        raise refuse("申請が見つかりません")
    expected = instance.version if expected_version is None else expected_version
    if locked.version != expected:
        raise ConcurrentUpdate([FieldProblem(field="version", message=STALE_MESSAGE)])
    return locked


def lock_current(instance: WorkflowInstance) -> tuple[StepState, list[Task]]:
    """The active step and its pending approval tasks, locked; refuses when nothing awaits approval."""
    step_id = instance.current_step_id
    if instance.status not in ACTIVE_STATUSES or step_id is None:
        label = InstanceStatus(instance.status).label
        raise DomainError([FieldProblem(field="status", message=f"この申請は「{label}」のため処理できません")])
    step = StepState.objects.select_for_update().get(pk=step_id)
    tasks = list(
        Task.objects.select_for_update()
        .filter(step=step, kind=TaskKind.APPROVAL, status=TaskStatus.PENDING)
        .order_by("id")
    )
    return step, tasks


def open_slots(instance: WorkflowInstance, step: StepState, slots: Iterable[int]) -> None:
    """Create pending tasks for the given participants of ``step`` and tell the approvers."""
    tasks = [
        Task(
            organization_id=instance.organization_id,
            instance=instance,
            step=step,
            slot=slot,
            activation=step.activation,
            assignee_id=user_id,
            application_type=instance.application_type,
            applicant_unit_id=instance.applicant_unit_id,
        )
        for slot in slots
        for user_id in step.slots[slot]
    ]
    Task.objects.bulk_create(tasks)
    label = application_type_label(instance.application_type)
    notify(
        instance,
        {t.assignee_id for t in tasks},
        NotificationKind.TASK_ASSIGNED,
        f"{label}「{instance.subject}」({instance.applicant_name})の{step.name}をお願いします",
    )


def open_step(instance: WorkflowInstance, step: StepState, at: datetime.datetime) -> None:
    """(Re)open a whole step: earlier approvals on it stop counting (new activation)."""
    step.status = StepStatus.ACTIVE
    step.activation += 1
    step.activated_at = at
    step.completed_at = None
    step.save(update_fields=["status", "activation", "activated_at", "completed_at"])
    instance.current_step = step
    open_slots(instance, step, range(len(step.slots)))


def open_next_step(instance: WorkflowInstance, after_order: int, at: datetime.datetime) -> StepState | None:
    step = (
        StepState.objects.filter(instance=instance, round=instance.round, order__gt=after_order)
        .filter(status=StepStatus.WAITING)
        .order_by("order")
        .first()
    )
    if step is not None:
        open_step(instance, step, at)
    return step


def step_is_complete(step: StepState) -> bool:
    done = set(
        Task.objects.filter(
            step=step,
            kind=TaskKind.APPROVAL,
            activation=step.activation,
            status__in=[TaskStatus.APPROVED, TaskStatus.DELEGATED],
        ).values_list("slot", flat=True)
    )
    return done >= set(range(len(step.slots)))


def close_pending(tasks: Sequence[Task], status: str, at: datetime.datetime) -> None:
    """Set ``status`` on tasks nobody acted on (superseded by someone else's action)."""
    ids = [t.pk for t in tasks]
    if ids:
        Task.objects.filter(pk__in=ids).update(status=status, acted_at=at)


def mark_acted(tasks: Sequence[Task], *, status: str, actor: User, comment: str, at: datetime.datetime) -> None:
    for task in tasks:
        task.status = status
        task.acted_by = actor
        task.acted_at = at
        task.comment = comment
    Task.objects.bulk_update(list(tasks), ["status", "acted_by", "acted_at", "comment"])


def save_instance(instance: WorkflowInstance, *fields: str) -> None:
    instance.version += 1
    instance.save(update_fields=["version", *fields])


def log_action(
    instance: WorkflowInstance,
    *,
    action: str,
    actor: User,
    step: StepState | None = None,
    comment: str = "",
    on_behalf_of: int | None = None,
    detail: dict[str, Any] | None = None,
) -> ActionLog:
    return ActionLog.objects.create(
        organization_id=instance.organization_id,
        instance=instance,
        action=action,
        actor=actor,
        on_behalf_of_id=on_behalf_of,
        round=instance.round,
        step_order=None if step is None else step.order,
        step_name="" if step is None else step.name,
        comment=comment,
        detail=detail or {},
    )


def audit(instance: WorkflowInstance, *, actor: User, event: str, before: str, **detail: Any) -> None:
    audit_record(
        actor=actor,
        action=event,
        target=instance,
        before={"status": before},
        after={"status": instance.status, "version": instance.version, **detail},
    )


def notify(instance: WorkflowInstance, recipients: Iterable[int | None], kind: str, message: str) -> None:
    rows = [
        Notification(
            organization_id=instance.organization_id,
            recipient_id=user_id,
            kind=kind,
            instance=instance,
            message=message[:300],
        )
        for user_id in sorted({r for r in recipients if r is not None})
    ]
    Notification.objects.bulk_create(rows)


def applicant_side(instance: WorkflowInstance) -> set[int | None]:
    """Who hears about the outcome: the applicant and whoever entered it for them."""
    return {instance.applicant_id, instance.entered_by_id}


def problems_text(exc: DomainError) -> str:
    """The Japanese messages of a refusal, for showing on screen (field names only where given)."""
    return "; ".join(str(p) if p.field else p.message for p in exc.problems)


def require_comment(comment: str, what: str) -> str:
    text = comment.strip()
    if not text:
        raise DomainError([FieldProblem(field="comment", message=f"{what}の理由をコメントに入力してください")])
    return text
