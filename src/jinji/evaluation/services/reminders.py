"""督促: remind whoever holds an overdue sheet (本人 or the evaluator at its stage).

Idempotent per day: each (sheet, stage, recipient, day) is recorded once, and an email goes
only for newly recorded reminders, so running ``jinji evaluation-remind`` twice a day sends
nothing new. A fixed number of queries, then one email per recipient.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.services import audit_record
from jinji.evaluation import events
from jinji.evaluation.models import Reminder, Sheet
from jinji.evaluation.selectors.dashboard import overdue_q
from jinji.evaluation.services.common import STAGE_LABELS


@dataclass(frozen=True, slots=True)
class ReminderResult:
    overdue: int
    reminders: int
    emails: int


def _overdue(organization_id: int, today: datetime.date) -> list[tuple[int, str, int | None, str, datetime.date]]:
    rows = (
        Sheet.objects.for_organization(organization_id).filter(overdue_q(today)).select_related("cycle").order_by("id")
    )
    result = []
    for sheet in rows:
        due = sheet.cycle.due_for(sheet.stage)
        assert due is not None
        result.append((sheet.pk, sheet.stage, sheet.evaluator_for(sheet.stage), sheet.cycle.name, due))
    return result


def _email(user: User, lines: Sequence[str]) -> EmailMessage:
    body = "\n".join(
        [
            f"{user} 様",
            "",
            f"期限を過ぎた人事評価が{len(lines)}件あります。Jinji の人事評価の画面から入力・提出してください。",
            "",
            *(f"・{line}" for line in lines),
        ]
    )
    return EmailMessage(subject=f"【Jinji】期限を過ぎた人事評価が{len(lines)}件あります", body=body, to=[user.email])


def reminders_send(*, organization_id: int, today: datetime.date) -> ReminderResult:
    """Record and email today's reminders for sheets whose current stage's deadline has passed."""
    overdue = _overdue(organization_id, today)
    wanted = [(sheet_id, stage, who, name, due) for sheet_id, stage, who, name, due in overdue if who is not None]
    done = set(
        Reminder.objects.for_organization(organization_id)
        .filter(sent_on=today, sheet_id__in=[w[0] for w in wanted])
        .values_list("sheet_id", "stage", "recipient_id")
    )
    fresh = [w for w in wanted if (w[0], w[1], w[2]) not in done]
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(organization_id=organization_id, sheet_id=s, stage=st, recipient_id=who, sent_on=today)
                for s, st, who, _, _ in fresh
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        if fresh:
            audit_record(
                actor=None,
                action=events.REMINDERS_SEND,
                target_type="evaluation.reminder",
                organization_id=organization_id,
                after={"on": today, "reminders": len(fresh)},
            )
    users = {
        u.employee_id: u
        for u in User.objects.filter(
            organization_id=organization_id, is_active=True, employee_id__in={w[2] for w in fresh}
        )
    }
    lines: defaultdict[int, list[str]] = defaultdict(list)
    for _, stage, who, name, due in fresh:
        assert who is not None
        lines[who].append(f"{name}: {STAGE_LABELS[stage]}(期限 {due.month}月{due.day}日)")
    messages = [_email(users[who], ls) for who, ls in lines.items() if who in users and users[who].email]
    sent = get_connection().send_messages(messages) if messages else 0
    return ReminderResult(overdue=len(overdue), reminders=len(fresh), emails=sent or 0)
