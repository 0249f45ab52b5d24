"""差戻し (to the applicant or an earlier step) and 却下 by an approver of the current step."""

from __future__ import annotations

from django.db import transaction

from jinji.accounts.models import User
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow import events
from jinji.workflow.events import Action
from jinji.workflow.models import (
    InstanceStatus,
    NotificationKind,
    StepState,
    StepStatus,
    Task,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.registry import application_type_label
from jinji.workflow.services._engine import (
    applicant_side,
    audit,
    close_pending,
    lock_current,
    lock_instance,
    log_action,
    mark_acted,
    notify,
    now,
    open_step,
    refusals_audited,
    refuse,
    require_comment,
    save_instance,
)


def _my_tasks(pending: list[Task], user: User, what: str) -> list[Task]:
    mine = [t for t in pending if t.assignee_id == user.pk]
    if not mine:
        raise refuse(f"この申請の現在のステップの承認者ではないため、{what}できません")
    return mine


def instance_send_back(
    *,
    instance: WorkflowInstance,
    acting_user: User,
    comment: str,
    to_step: int | None = None,
    expected_version: int | None = None,
) -> WorkflowInstance:
    """差戻し with a reason: to the applicant (``to_step=None``) or to an earlier, completed step."""
    text = require_comment(comment, "差戻し")
    with refusals_audited(acting_user, Action.SEND_BACK, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        step, pending = lock_current(locked)
        mine = _my_tasks(pending, acting_user, "差戻し")
        at = now()
        before = locked.status
        mark_acted(mine, status=TaskStatus.SENT_BACK, actor=acting_user, comment=text, at=at)
        close_pending([t for t in pending if t not in mine], TaskStatus.SKIPPED, at)
        label = application_type_label(locked.application_type)
        if to_step is None:
            step.status = StepStatus.CLOSED
            step.save(update_fields=["status"])
            locked.status = InstanceStatus.SENT_BACK
            locked.current_step = None
            notify(
                locked,
                applicant_side(locked),
                NotificationKind.SENT_BACK,
                f"{label}「{locked.subject}」が差し戻されました",
            )
        else:
            target = _reopen_earlier(locked, step, to_step)
            open_step(locked, target, at)
            locked.status = InstanceStatus.IN_PROGRESS
        locked.last_action_task = None
        locked.effect_error = ""
        save_instance(locked, "status", "current_step", "last_action_task", "effect_error")
        detail = {"to_step": to_step}
        log_action(locked, action=Action.SEND_BACK, actor=acting_user, step=step, comment=text, detail=detail)
        audit(locked, actor=acting_user, event=events.SENT_BACK, before=before, step=step.name, to_step=to_step)
        return locked


def _reopen_earlier(instance: WorkflowInstance, current: StepState, to_step: int) -> StepState:
    """Put the steps from ``to_step`` up to the current one back to 未着手; return the target."""
    steps = list(
        StepState.objects.select_for_update()
        .filter(instance=instance, round=instance.round, order__gte=to_step, order__lte=current.order)
        .order_by("order")
    )
    target = steps[0] if steps else None
    if (
        target is None
        or target.order != to_step
        or target.order >= current.order
        or target.status != StepStatus.COMPLETED
    ):
        raise DomainError(
            [FieldProblem(field="to_step", message="差戻し先には、この申請で処理済みの前のステップを指定してください")]
        )
    for step in steps:
        if step.status in (StepStatus.COMPLETED, StepStatus.ACTIVE):
            step.status = StepStatus.WAITING
            step.completed_at = None
    StepState.objects.bulk_update(steps, ["status", "completed_at"])
    return target


def instance_reject(
    *, instance: WorkflowInstance, acting_user: User, comment: str, expected_version: int | None = None
) -> WorkflowInstance:
    """却下 with a reason: the application ends without effect."""
    text = require_comment(comment, "却下")
    with refusals_audited(acting_user, Action.REJECT, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        step, pending = lock_current(locked)
        mine = _my_tasks(pending, acting_user, "却下")
        at = now()
        before = locked.status
        mark_acted(mine, status=TaskStatus.REJECTED, actor=acting_user, comment=text, at=at)
        close_pending([t for t in pending if t not in mine], TaskStatus.SKIPPED, at)
        step.status = StepStatus.CLOSED
        step.save(update_fields=["status"])
        locked.status = InstanceStatus.REJECTED
        locked.current_step = None
        locked.completed_at = at
        locked.last_action_task = None
        locked.effect_error = ""
        save_instance(locked, "status", "current_step", "completed_at", "last_action_task", "effect_error")
        log_action(locked, action=Action.REJECT, actor=acting_user, step=step, comment=text)
        audit(locked, actor=acting_user, event=events.REJECTED, before=before, step=step.name)
        label = application_type_label(locked.application_type)
        notify(locked, applicant_side(locked), NotificationKind.DECIDED, f"{label}「{locked.subject}」は却下されました")
        return locked
