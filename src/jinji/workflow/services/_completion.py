"""Recording an agreement (承認 or 代決) and moving on: next step, or 決裁 and the effect.

On 決裁 the registered effect runs inside the same transaction. The whole agreement sits in a
savepoint: if the effect raises, nothing of it (nor of the effect) remains, and the instance
is marked 反映エラー with the message, its tasks still pending so the approver can retry.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import transaction

from jinji.accounts.models import User
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow import events
from jinji.workflow.events import Action
from jinji.workflow.models import (
    InstanceStatus,
    NotificationKind,
    StepKind,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.registry import application_type_label, get_application_type
from jinji.workflow.services._engine import (
    applicant_side,
    audit,
    log_action,
    logger,
    mark_acted,
    notify,
    open_next_step,
    problems_text,
    save_instance,
    step_is_complete,
)


class EffectFailed(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _run_effect(instance: WorkflowInstance, actor: User) -> None:
    try:
        get_application_type(instance.application_type).effect(instance, actor)
    except DomainError as exc:
        raise EffectFailed(problems_text(exc)) from exc
    except Exception as exc:
        logger.exception("workflow effect failed for instance %s", instance.pk)
        raise EffectFailed(
            f"決裁内容の反映中に予期しないエラーが発生しました({type(exc).__name__})。システム管理者に連絡してください"
        ) from exc


def _advance(instance: WorkflowInstance, step: StepState, at: datetime.datetime) -> bool:
    """Complete the step if every participant agreed and open the next; True when 決裁 is reached."""
    if not step_is_complete(step):
        return False
    step.status = StepStatus.COMPLETED
    step.completed_at = at
    step.save(update_fields=["status", "completed_at"])
    if step.kind == StepKind.FINAL_APPROVAL:
        return True
    if open_next_step(instance, step.order, at) is None:
        raise DomainError([FieldProblem(field="route", message="承認ルートに決裁のステップがありません")])
    return False


def _post_review_tasks(instance: WorkflowInstance, step: StepState, slot: int, absent: Sequence[int]) -> None:
    Task.objects.bulk_create(
        Task(
            organization_id=instance.organization_id,
            instance=instance,
            step=step,
            kind=TaskKind.POST_REVIEW,
            slot=slot,
            activation=step.activation,
            assignee_id=user_id,
            application_type=instance.application_type,
            applicant_unit_id=instance.applicant_unit_id,
        )
        for user_id in absent
    )
    label = application_type_label(instance.application_type)
    notify(
        instance,
        absent,
        NotificationKind.POST_REVIEW,
        f"{label}「{instance.subject}」が代決されました。後閲してください",
    )


def record_agreement(
    instance: WorkflowInstance,
    step: StepState,
    tasks: Sequence[Task],
    pending: Sequence[Task],
    *,
    actor: User,
    comment: str,
    at: datetime.datetime,
    absent: Sequence[int] = (),
) -> WorkflowInstance:
    """Approve ``tasks`` (or, with ``absent``, decide them as 代決 and ask those users for 後閲)."""
    before = instance.status
    try:
        with transaction.atomic():
            _agree(instance, step, tasks, pending, actor=actor, comment=comment, at=at, absent=absent)
    except EffectFailed as exc:
        return _record_effect_failure(instance.pk, actor=actor, step=step, message=exc.message, before=before)
    return instance


def _agree(
    instance: WorkflowInstance,
    step: StepState,
    tasks: Sequence[Task],
    pending: Sequence[Task],
    *,
    actor: User,
    comment: str,
    at: datetime.datetime,
    absent: Sequence[int],
) -> None:
    before = instance.status
    delegated = bool(absent)
    mark_acted(
        tasks, status=TaskStatus.DELEGATED if delegated else TaskStatus.APPROVED, actor=actor, comment=comment, at=at
    )
    slots = {t.slot for t in tasks}
    acted = {t.pk for t in tasks}
    others = [t.pk for t in pending if t.slot in slots and t.pk not in acted]
    if others:
        Task.objects.filter(pk__in=others).update(status=TaskStatus.SKIPPED, acted_at=at)
    if delegated:
        _post_review_tasks(instance, step, min(slots), absent)
    final = _advance(instance, step, at)
    if final:
        instance.status = InstanceStatus.APPROVED
        instance.current_step = None
        instance.completed_at = at
        instance.effect_error = ""
        instance.last_action_task = None
    else:
        instance.status = InstanceStatus.IN_PROGRESS
        instance.last_action_task = tasks[0]
    save_instance(instance, "status", "current_step", "completed_at", "effect_error", "last_action_task")
    action = Action.DELEGATE if delegated else (Action.FINAL_APPROVE if final else Action.APPROVE)
    on_behalf = absent[0] if len(absent) == 1 else None
    log_action(instance, action=action, actor=actor, step=step, comment=comment, on_behalf_of=on_behalf)
    if final:
        _run_effect(instance, actor)
        label = application_type_label(instance.application_type)
        notify(
            instance,
            applicant_side(instance),
            NotificationKind.DECIDED,
            f"{label}「{instance.subject}」が決裁されました",
        )
    event = events.DELEGATED if delegated else (events.FINAL_APPROVED if final else events.APPROVED)
    audit(instance, actor=actor, event=event, before=before, step=step.name, absent=list(absent), final=final)


def _record_effect_failure(
    instance_id: int, *, actor: User, step: StepState, message: str, before: str
) -> WorkflowInstance:
    instance = WorkflowInstance.objects.get(pk=instance_id)
    instance.status = InstanceStatus.EFFECT_FAILED
    instance.effect_error = message
    save_instance(instance, "status", "effect_error")
    log_action(instance, action=Action.EFFECT_FAILED, actor=actor, step=step, comment=message)
    audit(instance, actor=actor, event=events.EFFECT_FAILED, before=before, error=message)
    return instance
