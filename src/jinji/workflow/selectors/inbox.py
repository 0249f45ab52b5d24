"""承認待ち (my pending tasks) with counts and filters, and お知らせ. A fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from jinji.accounts.models import User
from jinji.workflow.models import InstanceStatus, Notification, StepKind, Task, TaskKind, TaskStatus
from jinji.workflow.registry import application_type_label


@dataclass(frozen=True, slots=True)
class InboxFilters:
    application_type: str | None = None
    applicant_unit_id: int | None = None
    min_waiting_days: int | None = None
    """Only tasks waiting at least this many days."""
    kind: str | None = None
    """``approval`` (承認) or ``post_review`` (後閲); both when None."""


@dataclass(frozen=True, slots=True)
class InboxItem:
    task_id: int
    task_kind: str
    instance_id: int
    instance_version: int
    application_type: str
    application_type_label: str
    subject: str
    applicant_name: str
    applicant_unit_id: int | None
    applicant_unit_name: str
    step_name: str
    step_kind_label: str
    status: str
    status_label: str
    effect_error: str
    submitted_at: datetime.datetime | None
    arrived_at: datetime.datetime
    waiting_days: int


@dataclass(frozen=True, slots=True)
class InboxPage:
    items: list[InboxItem]
    total: int
    """Items matching the filters (for paging)."""
    counts_by_type: dict[str, int]
    """All pending items of the user by application type, whatever the filters."""
    approval_count: int
    post_review_count: int


def _pending(user: User) -> QuerySet[Task]:
    return Task.objects.filter(assignee=user, status=TaskStatus.PENDING)


def _filtered(qs: QuerySet[Task], filters: InboxFilters, at: datetime.datetime) -> QuerySet[Task]:
    # The task's own copies of the application's 種別 and 所属: one index, no join.
    if filters.application_type:
        qs = qs.filter(application_type=filters.application_type)
    if filters.applicant_unit_id is not None:
        qs = qs.filter(applicant_unit_id=filters.applicant_unit_id)
    if filters.min_waiting_days is not None:
        qs = qs.filter(created_at__lte=at - datetime.timedelta(days=filters.min_waiting_days))
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


def _item(task: Task, at: datetime.datetime) -> InboxItem:
    instance, step = task.instance, task.step
    return InboxItem(
        task_id=task.pk,
        task_kind=task.kind,
        instance_id=instance.pk,
        instance_version=instance.version,
        application_type=instance.application_type,
        application_type_label=application_type_label(instance.application_type),
        subject=instance.subject,
        applicant_name=instance.applicant_name,
        applicant_unit_id=instance.applicant_unit_id,
        applicant_unit_name=instance.applicant_unit_name,
        step_name=step.name,
        step_kind_label=str(StepKind(step.kind).label) if step.kind in StepKind.values else step.kind,
        status=instance.status,
        status_label=str(InstanceStatus(instance.status).label),
        effect_error=instance.effect_error,
        submitted_at=instance.submitted_at,
        arrived_at=task.created_at,
        waiting_days=max(0, (at - task.created_at).days),
    )


def inbox_pending(
    *,
    user: User,
    filters: InboxFilters | None = None,
    limit: int = 50,
    offset: int = 0,
    at: datetime.datetime | None = None,
) -> InboxPage:
    """The user's pending 承認 and 後閲 items, oldest first. Two queries (three with a 所属 or 日数 filter)."""
    moment = at or timezone.now()
    chosen = filters or InboxFilters()
    qs = _filtered(_pending(user), chosen, moment)
    # Oldest first by id (= arrival order): the (organization, assignee, status) index then yields the
    # page in order without sorting an inbox of thousands (bench/bench_inbox.py).
    # The page's ids are chosen from the index alone; only those rows are joined to their application and
    # step (a deep page otherwise joins every row it skips).
    page_ids = qs.order_by("id").values("id")[offset : offset + limit]
    rows = Task.objects.filter(pk__in=page_ids).select_related("instance", "step").order_by("id")
    items = [_item(t, moment) for t in rows]
    # Counts by the task's own 種別 and kind: read from the (organization, assignee, status,
    # application_type, kind) index alone, without joining thousands of tasks to their applications.
    by_type_kind: dict[tuple[str, str], int] = {
        (row["application_type"], row["kind"]): row["n"]
        for row in _pending(user).order_by().values("application_type", "kind").annotate(n=Count("id"))
    }
    counts: dict[str, int] = {}
    approval = post_review = 0
    for (app_type, kind), n in by_type_kind.items():
        counts[app_type] = counts.get(app_type, 0) + n
        if kind == TaskKind.POST_REVIEW:
            post_review += n
        else:
            approval += n
    if chosen.applicant_unit_id is None and chosen.min_waiting_days is None:
        # The total follows from the counts already read.
        total = sum(
            n
            for (app_type, kind), n in by_type_kind.items()
            if (not chosen.application_type or app_type == chosen.application_type)
            and (not chosen.kind or kind == chosen.kind)
        )
    else:
        total = qs.count()
    return InboxPage(
        items=items, total=total, counts_by_type=counts, approval_count=approval, post_review_count=post_review
    )


def inbox_count(*, user: User) -> int:
    """Pending items of the user (for the navigation badge). One query."""
    return _pending(user).count()


@dataclass(frozen=True, slots=True)
class NotificationItem:
    id: int
    kind: str
    kind_label: str
    message: str
    instance_id: int | None
    created_at: datetime.datetime
    read: bool


@dataclass(frozen=True, slots=True)
class NotificationPage:
    items: list[NotificationItem]
    unread_count: int


def notifications_for(*, user: User, unread_only: bool = True, limit: int = 20) -> NotificationPage:
    """The user's お知らせ, newest first. Two queries."""
    qs = Notification.objects.filter(recipient=user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    items = [
        NotificationItem(
            id=n.pk,
            kind=n.kind,
            kind_label=n.get_kind_display(),
            message=n.message,
            instance_id=n.instance_id,
            created_at=n.created_at,
            read=n.read_at is not None,
        )
        for n in qs.order_by("-created_at", "-id")[:limit]
    ]
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    return NotificationPage(items=items, unread_count=unread)
