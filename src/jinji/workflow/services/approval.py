"""承認, 代決 (with 後閲), 引戻し, and bulk approval from the inbox."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow import events
from jinji.workflow.events import Action
from jinji.workflow.models import (
    DONE_TASK_STATUSES,
    InstanceStatus,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.services._completion import record_agreement
from jinji.workflow.services._engine import (
    audit,
    close_pending,
    lock_current,
    lock_instance,
    log_action,
    now,
    open_slots,
    problems_text,
    refusals_audited,
    refuse,
    require_comment,
    save_instance,
)


def instance_approve(
    *, instance: WorkflowInstance, acting_user: User, expected_version: int | None = None, comment: str = ""
) -> WorkflowInstance:
    """承認 (or 合議の同意, or 決裁 on the last step) by an approver of the current step.

    ``expected_version`` defaults to the version of the ``instance`` passed in (what the user saw).
    On 決裁 the application type's effect runs in this transaction; if it fails the instance is
    returned with status 反映エラー and ``effect_error`` set, and nothing of the approval remains.
    """
    with refusals_audited(acting_user, Action.APPROVE, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        step, pending = lock_current(locked)
        mine = [t for t in pending if t.assignee_id == acting_user.pk]
        if not mine:
            raise refuse("この申請の現在のステップの承認者ではないため、承認できません")
        return record_agreement(locked, step, mine, pending, actor=acting_user, comment=comment.strip(), at=now())


def _deputies(instance: WorkflowInstance, step: StepState) -> set[int]:
    """Who may 代決 the step: its designated 代決者 (fallback) and those who approved earlier steps."""
    earlier = Task.objects.filter(
        instance=instance,
        step__round=instance.round,
        step__order__lt=step.order,
        kind=TaskKind.APPROVAL,
        status__in=DONE_TASK_STATUSES,
    ).values_list("acted_by_id", flat=True)
    allowed = {int(u) for u in step.fallback_user_ids} | {u for u in earlier if u is not None}
    allowed.discard(instance.applicant_id or 0)
    return allowed


def _delegation_targets(pending: Sequence[Task], absent_user_id: int | None) -> list[Task]:
    if absent_user_id is not None:
        slots = {t.slot for t in pending if t.assignee_id == absent_user_id}
        if not slots:
            raise DomainError(
                [FieldProblem(field="absent_user", message="指定の承認者にはこのステップの承認待ちがありません")]
            )
    else:
        slots = {t.slot for t in pending}
        if len(slots) != 1:
            raise DomainError([FieldProblem(field="absent_user", message="代決する(不在の)承認者を指定してください")])
    return [t for t in pending if t.slot in slots]


def instance_delegate_decision(
    *,
    instance: WorkflowInstance,
    acting_user: User,
    comment: str,
    absent_user_id: int | None = None,
    expected_version: int | None = None,
) -> WorkflowInstance:
    """代決: decide the current step for an absent approver; the absent approver gets a 後閲 task.

    Allowed for the step's designated 代決者 (fallback approver) and for anyone who approved an
    earlier step of this application. The comment (reason, e.g. 出張のため) is required.
    """
    text = require_comment(comment, "代決")
    with refusals_audited(acting_user, Action.DELEGATE, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        step, pending = lock_current(locked)
        if acting_user.pk not in _deputies(locked, step):
            raise refuse("この承認を代決する権限がありません(代決できるのは指定の代決者と、先に承認した人です)")
        targets = _delegation_targets(pending, absent_user_id)
        if any(t.assignee_id == acting_user.pk for t in targets):
            raise DomainError(
                [FieldProblem(field="absent_user", message="ご自身の承認待ちは代決ではなく承認してください")]
            )
        absent = sorted({t.assignee_id for t in targets if absent_user_id is None or t.assignee_id == absent_user_id})
        return record_agreement(
            locked, step, targets, pending, actor=acting_user, comment=text, at=now(), absent=absent
        )


def instance_pull_back(
    *, instance: WorkflowInstance, acting_user: User, comment: str = "", expected_version: int | None = None
) -> WorkflowInstance:
    """引戻し: the last approver takes back their approval before the next approver acts."""
    with refusals_audited(acting_user, Action.PULL_BACK, instance.pk), transaction.atomic():
        locked = lock_instance(instance, expected_version)
        last_id = locked.last_action_task_id
        last = Task.objects.select_for_update().filter(pk=last_id).first() if last_id is not None else None
        if last is None or last.acted_by_id != acting_user.pk or last.status not in DONE_TASK_STATUSES:
            raise refuse("引戻しできるのは、直前に承認した人が、次の人の処理より前に行う場合だけです")
        current, pending = lock_current(locked)
        target = StepState.objects.select_for_update().get(pk=last.step_id)
        at = now()
        if target.pk != current.pk:
            close_pending(pending, TaskStatus.SKIPPED, at)
            current.status = StepStatus.WAITING
            current.save(update_fields=["status"])
            target.status = StepStatus.ACTIVE
            target.completed_at = None
            target.save(update_fields=["status", "completed_at"])
            locked.current_step = target
        in_slot = Task.objects.filter(step=target, activation=target.activation, slot=last.slot)
        in_slot.filter(kind=TaskKind.APPROVAL, status__in=DONE_TASK_STATUSES).update(status=TaskStatus.PULLED_BACK)
        in_slot.filter(kind=TaskKind.POST_REVIEW, status=TaskStatus.PENDING).update(
            status=TaskStatus.SKIPPED, acted_at=at
        )
        open_slots(locked, target, [last.slot])
        before = locked.status
        locked.status = InstanceStatus.IN_PROGRESS
        locked.effect_error = ""
        locked.last_action_task = None
        save_instance(locked, "status", "effect_error", "last_action_task", "current_step")
        log_action(locked, action=Action.PULL_BACK, actor=acting_user, step=target, comment=comment.strip())
        audit(locked, actor=acting_user, event=events.PULLED_BACK, before=before, step=target.name)
        return locked


def task_post_review(*, task: Task, acting_user: User, comment: str = "") -> Task:
    """後閲: the absent approver confirms a 代決 made for them."""
    with refusals_audited(acting_user, Action.POST_REVIEW, task.instance_id), transaction.atomic():
        locked = Task.objects.select_for_update().filter(pk=task.pk).first()
        if locked is None or locked.kind != TaskKind.POST_REVIEW or locked.assignee_id != acting_user.pk:
            raise refuse("この後閲を行う権限がありません")
        if locked.status != TaskStatus.PENDING:
            raise DomainError([FieldProblem(field="status", message="この後閲は処理済みです")])
        locked.status = TaskStatus.APPROVED
        locked.acted_by = acting_user
        locked.acted_at = now()
        locked.comment = comment.strip()
        locked.save(update_fields=["status", "acted_by", "acted_at", "comment"])
        instance = WorkflowInstance.objects.get(pk=locked.instance_id)
        step = StepState.objects.get(pk=locked.step_id)
        log_action(instance, action=Action.POST_REVIEW, actor=acting_user, step=step, comment=locked.comment)
        audit(instance, actor=acting_user, event=events.POST_REVIEWED, before=instance.status, task=locked.pk)
        return locked


@dataclass(frozen=True, slots=True)
class BulkItem:
    instance_id: int
    expected_version: int


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    instance_id: int
    ok: bool
    status: str
    message: str = ""


def instances_bulk_approve(*, acting_user: User, items: Sequence[BulkItem], comment: str = "") -> list[BulkOutcome]:
    """一括承認: each item in its own transaction; one refusal or conflict does not stop the others."""
    found = WorkflowInstance.objects.in_bulk([item.instance_id for item in items])
    outcomes: list[BulkOutcome] = []
    for item in items:
        instance = found.get(item.instance_id)
        if instance is None:
            outcomes.append(BulkOutcome(item.instance_id, ok=False, status="", message="申請が見つかりません"))
            continue
        try:
            result = instance_approve(
                instance=instance, acting_user=acting_user, expected_version=item.expected_version, comment=comment
            )
        except DomainError as exc:
            outcomes.append(BulkOutcome(item.instance_id, ok=False, status=instance.status, message=problems_text(exc)))
            continue
        ok = result.status != InstanceStatus.EFFECT_FAILED
        outcomes.append(BulkOutcome(item.instance_id, ok=ok, status=result.status, message=result.effect_error))
    return outcomes
