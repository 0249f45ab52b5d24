"""Reminders (督促): email and お知らせ for tasks waiting more than N days, once per day."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from jinji.workflow.models import Notification, NotificationKind, Task
from jinji.workflow.services import instance_withdraw, reminders_send
from tests.workflow.conftest import World, submit

pytestmark = pytest.mark.django_db


def age(days: int, *instances: object) -> None:
    Task.objects.filter(instance__in=instances).update(created_at=timezone.now() - datetime.timedelta(days=days))


def reminders() -> list[Notification]:
    return list(Notification.objects.filter(kind=NotificationKind.REMINDER).order_by("id"))


def test_waiting_tasks_are_reminded_once_per_day(world: World) -> None:
    old = submit(world, key="old")
    other = submit(world, key="other")
    recent = submit(world, key="recent")
    age(5, old, other)
    age(1, recent)
    result = reminders_send(organization_id=world.org.pk, days=3)
    assert (result.tasks, result.notifications, result.emails) == (2, 2, 1)
    [message] = mail.outbox
    assert message.to == ["kakaricho@example.jp"]
    assert message.subject == "【Jinji】承認待ちの申請が2件あります"
    assert "休暇届(テスト)「年次休暇」(職員 太郎)が5日間承認待ちです" in message.body
    assert {n.recipient_id for n in reminders()} == {world.kakaricho.pk}
    again = reminders_send(organization_id=world.org.pk, days=3)
    assert (again.notifications, again.emails) == (0, 0)
    assert len(mail.outbox) == 1
    tomorrow = reminders_send(organization_id=world.org.pk, days=3, at=timezone.now() + datetime.timedelta(days=1))
    assert (tomorrow.notifications, tomorrow.emails) == (2, 1)


def test_finished_applications_are_not_reminded(world: World) -> None:
    instance = submit(world)
    age(10, instance)
    instance_withdraw(instance=instance, acting_user=world.staff)
    assert reminders_send(organization_id=world.org.pk, days=3).tasks == 0
    assert mail.outbox == []


def test_approver_without_email_still_gets_the_notice(world: World) -> None:
    world.kakaricho.email = ""
    world.kakaricho.save()
    age(5, submit(world))
    result = reminders_send(organization_id=world.org.pk, days=3)
    assert (result.notifications, result.emails) == (1, 0)


def test_command_runs_per_organization(world: World) -> None:
    age(5, submit(world))
    out = io.StringIO()
    call_command("workflow_remind", days=3, organization=world.org.code, stdout=out)
    assert f"{world.org.name}: 対象 1 件、お知らせ 1 件、メール 1 通" in out.getvalue()
    call_command("workflow_remind", "--days", "3", stdout=out)
    assert len(mail.outbox) == 1
    with pytest.raises(CommandError, match="団体コード「999999」の団体はありません"):
        call_command("workflow_remind", days=3, organization="999999")
