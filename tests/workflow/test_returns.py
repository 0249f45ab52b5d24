"""差戻し (to the applicant or an earlier step) and resubmission, 却下, 取下げ; who may and who may not."""

from __future__ import annotations

import pytest

from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow.models import (
    InstanceStatus,
    Notification,
    NotificationKind,
    StepState,
    StepStatus,
    Task,
    TaskStatus,
)
from jinji.workflow.services import (
    instance_approve,
    instance_reject,
    instance_send_back,
    instance_submit,
    instance_withdraw,
)
from tests.workflow.conftest import EffectRecorder, World, approve, assert_refused, fresh, pending, submit

pytestmark = pytest.mark.django_db


def test_send_back_needs_a_reason(world: World) -> None:
    instance = submit(world)
    with pytest.raises(DomainError) as caught:
        instance_send_back(instance=instance, acting_user=world.kakaricho, comment="")
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("comment", "差戻しの理由をコメントに入力してください")
    ]


def test_send_back_to_applicant_then_resubmit_starts_a_new_round(world: World, effect: EffectRecorder) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr)
    back = instance_send_back(instance=fresh(instance), acting_user=world.zaisei_kacho, comment="日付を確認")
    assert back.status == InstanceStatus.SENT_BACK
    assert back.current_step is None
    assert pending(back) == []
    assert Task.objects.get(instance=back, assignee=world.zaisei_kacho).status == TaskStatus.SENT_BACK
    assert Notification.objects.filter(recipient=world.staff, kind=NotificationKind.SENT_BACK).exists()
    with pytest.raises(NotPermitted, match="申請者本人か、代理入力した庶務担当だけ"):
        instance_submit(instance=back, acting_user=world.kakaricho)
    again = instance_submit(instance=back, acting_user=world.staff, attributes={"days": 5})
    assert (again.status, again.round) == (InstanceStatus.IN_PROGRESS, 2)
    assert pending(again) == [world.kakaricho.pk], "earlier agreements do not carry over to a new round"
    round_two = StepState.objects.filter(instance=again, round=2).order_by("order")
    assert [s.status for s in round_two][2] == StepStatus.WAITING, "now 5 days: the 部長 step applies"
    done = approve(again, world.kakaricho, world.hr, world.zaisei_kacho, world.bucho, world.kacho)
    assert done.status == InstanceStatus.APPROVED
    assert effect.applied == [done.pk]


def test_send_back_to_an_earlier_step_reopens_it(world: World) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    back = instance_send_back(instance=instance, acting_user=world.kacho, comment="係長再確認", to_step=1)
    assert back.status == InstanceStatus.IN_PROGRESS
    assert back.current_step_id is not None
    assert back.current_step.order == 1
    assert pending(back) == [world.kakaricho.pk]
    steps = {s.order: s.status for s in StepState.objects.filter(instance=back)}
    assert steps == {1: StepStatus.ACTIVE, 2: StepStatus.WAITING, 3: StepStatus.SKIPPED, 4: StepStatus.WAITING}
    reopened = approve(back, world.kakaricho)
    assert pending(reopened) == sorted([world.hr.pk, world.zaisei_kacho.pk]), "the 合議 must agree again"


@pytest.mark.parametrize("target", [3, 4, 9])
def test_send_back_only_to_a_completed_earlier_step(world: World, target: int) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    with pytest.raises(DomainError, match="処理済みの前のステップを指定してください"):
        instance_send_back(instance=instance, acting_user=world.kacho, comment="x", to_step=target)
    assert pending(fresh(instance)) == [world.kacho.pk]


@pytest.mark.parametrize("who", ["staff", "kakaricho", "outsider"])
def test_only_current_approvers_may_send_back_or_reject(world: World, who: str) -> None:
    instance = approve(submit(world), world.kakaricho)
    user = world.users()[who]
    with pytest.raises(NotPermitted):
        instance_send_back(instance=instance, acting_user=user, comment="x")
    assert_refused(user, "send_back", instance)
    with pytest.raises(NotPermitted):
        instance_reject(instance=instance, acting_user=user, comment="x")
    assert_refused(user, "reject", instance)
    assert fresh(instance).status == InstanceStatus.IN_PROGRESS


def test_reject_ends_the_application_without_effect(world: World, effect: EffectRecorder) -> None:
    instance = approve(submit(world), world.kakaricho)
    rejected = instance_reject(instance=instance, acting_user=world.hr, comment="要件を満たさない")
    assert rejected.status == InstanceStatus.REJECTED
    assert pending(rejected) == []
    assert Task.objects.get(instance=rejected, assignee=world.zaisei_kacho).status == TaskStatus.SKIPPED
    assert effect.applied == []
    with pytest.raises(DomainError, match="「却下」のため"):
        instance_submit(instance=rejected, acting_user=world.staff)


def test_withdraw_by_applicant_before_final_approval(world: World) -> None:
    instance = approve(submit(world), world.kakaricho)
    with pytest.raises(NotPermitted, match="取下げできるのは申請者本人か"):
        instance_withdraw(instance=instance, acting_user=world.hr)
    assert_refused(world.hr, "withdraw", instance)
    withdrawn = instance_withdraw(instance=instance, acting_user=world.staff, comment="予定変更")
    assert withdrawn.status == InstanceStatus.WITHDRAWN
    assert pending(withdrawn) == []
    with pytest.raises(DomainError, match="「取下げ」のため"):
        instance_approve(instance=withdrawn, acting_user=world.hr)


def test_withdraw_after_final_approval_is_refused(world: World) -> None:
    done = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho, world.kacho)
    with pytest.raises(DomainError, match="「決裁済」のため取り下げできません"):
        instance_withdraw(instance=done, acting_user=world.staff)
