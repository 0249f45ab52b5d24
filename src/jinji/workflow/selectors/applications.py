"""My applications, a clerk's view of their units' applications, and one application in detail."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from jinji.accounts.models import User
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.workflow.events import ACTION_LABELS
from jinji.workflow.models import (
    ActionLog,
    InstanceStatus,
    StepKind,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.registry import application_type_label, get_directory
from jinji.workflow.selectors._counts import COUNT_CAP, capped_counts


@dataclass(frozen=True, slots=True)
class ApplicationItem:
    id: int
    version: int
    application_type: str
    application_type_label: str
    subject: str
    status: str
    status_label: str
    applicant_name: str
    applicant_unit_id: int | None
    applicant_unit_name: str
    entered_by_proxy: bool
    current_step_name: str
    effect_error: str
    effective_on: datetime.date | None
    created_at: datetime.datetime
    submitted_at: datetime.datetime | None
    completed_at: datetime.datetime | None


@dataclass(frozen=True, slots=True)
class ApplicationPage:
    items: list[ApplicationItem]
    total: int
    """Applications matching the filters, counted up to ``count_cap + 1``."""
    counts_by_status: dict[str, int]
    """Applications in scope by status (whatever the filters), each counted up to ``count_cap + 1``."""
    all_count: int = 0
    """Applications in scope, counted up to ``count_cap + 1``."""
    count_cap: int = COUNT_CAP

    def is_capped(self, n: int) -> bool:
        return n > self.count_cap


def _item(instance: WorkflowInstance) -> ApplicationItem:
    step = instance.current_step
    return ApplicationItem(
        id=instance.pk,
        version=instance.version,
        application_type=instance.application_type,
        application_type_label=application_type_label(instance.application_type),
        subject=instance.subject,
        status=instance.status,
        status_label=str(InstanceStatus(instance.status).label),
        applicant_name=instance.applicant_name,
        applicant_unit_id=instance.applicant_unit_id,
        applicant_unit_name=instance.applicant_unit_name,
        entered_by_proxy=instance.entered_by_id != instance.applicant_id,
        current_step_name=step.name if step is not None else "",
        effect_error=instance.effect_error,
        effective_on=instance.effective_on,
        created_at=instance.created_at,
        submitted_at=instance.submitted_at,
        completed_at=instance.completed_at,
    )


def _page(
    base: QuerySet[WorkflowInstance], *, status: str | None, application_type: str | None, limit: int, offset: int
) -> ApplicationPage:
    qs = base
    if status:
        qs = qs.filter(status=status)
    if application_type:
        qs = qs.filter(application_type=application_type)
    # Capped counts in one query: exact up to COUNT_CAP, then 「1,000件以上」, so a whole organization's
    # 200,000 applications are never all counted for one page.
    wanted = {"": base, "_filtered": qs} | {s: base.filter(status=s) for s in InstanceStatus.values}
    counts = capped_counts(wanted, cap=COUNT_CAP)
    # Newest first by id: ids are given at insert, in creation order, and the primary key lets the
    # database stop after one page instead of sorting every row in scope (bench/bench_inbox.py).
    rows = qs.select_related("current_step").order_by("-id")[offset : offset + limit]
    return ApplicationPage(
        items=[_item(i) for i in rows],
        total=counts["_filtered"],
        counts_by_status={s: counts[s] for s in InstanceStatus.values if counts[s]},
        all_count=counts[""],
        count_cap=COUNT_CAP,
    )


def my_applications(
    *, user: User, status: str | None = None, application_type: str | None = None, limit: int = 50, offset: int = 0
) -> ApplicationPage:
    """Applications the user made or entered for someone, newest first. Two queries."""
    base = WorkflowInstance.objects.filter(Q(applicant=user) | Q(entered_by=user))
    return _page(base, status=status, application_type=application_type, limit=limit, offset=offset)


def clerk_applications(
    *,
    user: User,
    on: datetime.date | None = None,
    status: str | None = None,
    application_type: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> ApplicationPage:
    """庶務担当: applications of the members of the units the user covers (others' drafts hidden)."""
    scope = get_directory().entry_scope(user=user, on=on or timezone.localdate())
    if scope.is_empty:
        return ApplicationPage(items=[], total=0, counts_by_status={})
    base = WorkflowInstance.objects.filter(~Q(status=InstanceStatus.DRAFT) | Q(entered_by=user))
    if not scope.whole_organization:
        base = base.filter(applicant_unit_id__in=sorted(scope.unit_ids))
    return _page(base, status=status, application_type=application_type, limit=limit, offset=offset)


@dataclass(frozen=True, slots=True)
class TaskView:
    id: int
    kind: str
    assignee_id: int
    assignee_name: str
    status: str
    status_label: str
    acted_by_name: str
    acted_at: datetime.datetime | None
    comment: str


@dataclass(frozen=True, slots=True)
class StepView:
    order: int
    name: str
    kind_label: str
    status: str
    status_label: str
    tasks: tuple[TaskView, ...]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    at: datetime.datetime
    action: str
    action_label: str
    actor_name: str
    on_behalf_of_name: str
    step_name: str
    comment: str


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    application: ApplicationItem
    payload: dict[str, object]
    attributes: dict[str, str]
    steps: tuple[StepView, ...]
    timeline: tuple[TimelineEntry, ...]


def _name(user: User | None) -> str:
    return "" if user is None else str(user)


def _task_view(t: Task) -> TaskView:
    return TaskView(
        id=t.pk,
        kind=t.kind,
        assignee_id=t.assignee_id,
        assignee_name=_name(t.assignee),
        status=t.status,
        status_label=str(TaskStatus(t.status).label),
        acted_by_name=_name(t.acted_by),
        acted_at=t.acted_at,
        comment=t.comment,
    )


def _may_view(user: User, instance: WorkflowInstance, tasks: list[Task]) -> bool:
    if user.pk in (instance.applicant_id, instance.entered_by_id):
        return True
    if any(user.pk in (t.assignee_id, t.acted_by_id) for t in tasks):
        return True
    if instance.applicant_unit_id is None:
        return False
    scope = get_directory().entry_scope(user=user, on=timezone.localdate())
    return scope.whole_organization or instance.applicant_unit_id in scope.unit_ids


def application_detail(*, instance_id: int, user: User) -> ApplicationDetail:
    """One application with its current round's steps and the whole timeline. About five queries."""
    instance = WorkflowInstance.objects.select_related("current_step").filter(pk=instance_id).first()
    all_tasks = (
        list(Task.objects.filter(instance_id=instance_id).select_related("assignee", "acted_by").order_by("id"))
        if instance is not None
        else []
    )
    if instance is None or not _may_view(user, instance, all_tasks):
        raise NotPermitted([FieldProblem(field="", message="この申請を参照する権限がありません")])
    steps = StepState.objects.filter(instance=instance, round=instance.round).order_by("order")
    step_views = tuple(
        StepView(
            order=s.order,
            name=s.name,
            kind_label=str(StepKind(s.kind).label),
            status=s.status,
            status_label=str(StepStatus(s.status).label),
            tasks=tuple(
                _task_view(t)
                for t in all_tasks
                if t.step_id == s.pk and (t.activation == s.activation or t.kind == TaskKind.POST_REVIEW)
            ),
        )
        for s in steps
    )
    logs = ActionLog.objects.filter(instance=instance).select_related("actor", "on_behalf_of").order_by("id")
    timeline = tuple(
        TimelineEntry(
            at=log.created_at,
            action=log.action,
            action_label=ACTION_LABELS.get(log.action, log.action),
            actor_name=_name(log.actor),
            on_behalf_of_name=_name(log.on_behalf_of),
            step_name=log.step_name,
            comment=log.comment,
        )
        for log in logs
    )
    return ApplicationDetail(
        application=_item(instance),
        payload=dict(instance.payload),
        attributes={str(k): str(v) for k, v in instance.attributes.items()},
        steps=step_views,
        timeline=timeline,
    )
