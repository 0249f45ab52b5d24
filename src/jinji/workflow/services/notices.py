"""Reminders for tasks waiting too long (email and お知らせ), and marking notices read.

Reminders are idempotent per day: each (task, day) gets one notification, and an email goes
only with newly created notifications, so running the command twice a day sends nothing new.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.workflow.models import ACTIVE_STATUSES, Notification, NotificationKind, Task, TaskKind, TaskStatus
from jinji.workflow.registry import application_type_label


@dataclass(frozen=True, slots=True)
class ReminderResult:
    tasks: int
    notifications: int
    emails: int


def _waiting_tasks(organization_id: int, cutoff: datetime.datetime) -> list[Task]:
    return list(
        Task.objects.for_organization(organization_id)
        .filter(
            kind=TaskKind.APPROVAL,
            status=TaskStatus.PENDING,
            created_at__lte=cutoff,
            instance__status__in=list(ACTIVE_STATUSES),
        )
        .select_related("instance", "assignee")
        .order_by("assignee_id", "created_at", "id")
    )


def _message(task: Task, at: datetime.datetime) -> str:
    days = (at - task.created_at).days
    label = application_type_label(task.instance.application_type)
    return f"{label}「{task.instance.subject}」({task.instance.applicant_name})が{days}日間承認待ちです"


def _email(user: User, lines: Sequence[str]) -> EmailMessage:
    body = "\n".join(
        [
            f"{user} 様",
            "",
            f"承認待ちの申請が{len(lines)}件あります。Jinji の承認待ち一覧から処理してください。",
            "",
            *(f"・{line}" for line in lines),
        ]
    )
    return EmailMessage(subject=f"【Jinji】承認待ちの申請が{len(lines)}件あります", body=body, to=[user.email])


def reminders_send(*, organization_id: int, days: int, at: datetime.datetime | None = None) -> ReminderResult:
    """Remind approvers of tasks pending for more than ``days`` days. Four queries, then the mail."""
    moment = at or timezone.now()
    tasks = _waiting_tasks(organization_id, moment - datetime.timedelta(days=days))
    today = timezone.localdate(moment).isoformat()
    keys = {t.pk: f"reminder:{t.pk}:{today}" for t in tasks}
    done = set(
        Notification.objects.for_organization(organization_id)
        .filter(dedupe_key__in=list(keys.values()))
        .values_list("dedupe_key", flat=True)
    )
    fresh = [t for t in tasks if keys[t.pk] not in done]
    rows = [
        Notification(
            organization_id=organization_id,
            recipient_id=t.assignee_id,
            kind=NotificationKind.REMINDER,
            instance_id=t.instance_id,
            message=_message(t, moment)[:300],
            dedupe_key=keys[t.pk],
        )
        for t in fresh
    ]
    with transaction.atomic():
        Notification.objects.bulk_create(rows, ignore_conflicts=True)
    by_user: defaultdict[int, list[Task]] = defaultdict(list)
    for task in fresh:
        by_user[task.assignee_id].append(task)
    messages = [
        _email(group[0].assignee, [_message(t, moment) for t in group])
        for group in by_user.values()
        if group[0].assignee.email
    ]
    sent = get_connection().send_messages(messages) if messages else 0
    return ReminderResult(tasks=len(tasks), notifications=len(rows), emails=sent or 0)


def notifications_mark_read(*, acting_user: User, notification_ids: Sequence[int] | None = None) -> int:
    """Mark the user's own notices read (all unread ones when ``notification_ids`` is None)."""
    qs = Notification.objects.filter(recipient=acting_user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
