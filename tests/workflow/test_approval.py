"""承認, 合議, 決裁 with its effect, 代決 and 後閲, 引戻し, 一括承認, stale versions; who may and who may not."""

from __future__ import annotations

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import ConcurrentUpdate, DomainError, NotPermitted
from jinji.workflow import events
from jinji.workflow.models import (
    ActionLog,
    InstanceStatus,
    Notification,
    NotificationKind,
    Task,
    TaskKind,
    TaskStatus,
)
from jinji.workflow.services import (
    BulkItem,
    instance_approve,
    instance_delegate_decision,
    instance_pull_back,
    instances_bulk_approve,
    task_post_review,
)
from tests.factories import RoleGrantFactory
from tests.workflow.conftest import (
    EffectRecorder,
    World,
    approve,
    assert_refused,
    fresh,
    pending,
    staff,
    step_name,
    submit,
)

pytestmark = pytest.mark.django_db


def test_full_route_reaches_final_approval_and_applies_effect_once(world: World, effect: EffectRecorder) -> None:
    instance = submit(world, days=5)
    assert pending(instance) == [world.kakaricho.pk]
    instance = approve(instance, world.kakaricho)
    assert pending(instance) == sorted([world.hr.pk, world.zaisei_kacho.pk])
    instance = approve(instance, world.hr)
    assert step_name(instance) == "人事・財政合議"
    assert pending(instance) == [world.zaisei_kacho.pk], "合議: the other participant must still agree"
    instance = approve(instance, world.zaisei_kacho, world.bucho)
    assert effect.applied == []
    instance = approve(instance, world.kacho)
    assert instance.status == InstanceStatus.APPROVED
    assert instance.current_step is None
    assert effect.applied == [instance.pk]
    assert pending(instance) == []
    actions = list(ActionLog.objects.filter(instance=instance).values_list("action", flat=True))
    assert actions == ["submit", "approve", "approve", "approve", "approve", "final_approve"]
    assert AuditEvent.objects.filter(action=events.FINAL_APPROVED, target_id=str(instance.pk)).count() == 1
    assert Notification.objects.filter(recipient=world.staff, kind=NotificationKind.DECIDED).count() == 1


def test_short_leave_skips_the_conditional_step(world: World, effect: EffectRecorder) -> None:
    instance = approve(submit(world, days=3), world.kakaricho, world.hr, world.zaisei_kacho)
    assert pending(instance) == [world.kacho.pk]
    assert approve(instance, world.kacho).status == InstanceStatus.APPROVED


def test_any_holder_of_a_role_slot_may_agree_and_the_others_are_released(world: World) -> None:
    second_hr = staff(world.org, world.ka, None, "hr2", "人事担当2")
    RoleGrantFactory(user=second_hr, role="hr", org_unit=None)
    instance = approve(submit(world), world.kakaricho)
    assert pending(instance) == sorted([world.hr.pk, second_hr.pk, world.zaisei_kacho.pk])
    instance = approve(instance, second_hr)
    assert pending(instance) == [world.zaisei_kacho.pk]
    assert Task.objects.get(instance=instance, assignee=world.hr).status == TaskStatus.SKIPPED
    with pytest.raises(NotPermitted):
        approve(instance, world.hr)


@pytest.mark.parametrize("who", ["staff", "kacho", "bucho", "outsider", "clerk", "hr"])
def test_only_the_current_steps_approver_may_approve(world: World, who: str) -> None:
    instance = submit(world, days=5)
    user = world.users()[who]
    with pytest.raises(NotPermitted, match="現在のステップの承認者ではない"):
        instance_approve(instance=instance, acting_user=user)
    assert fresh(instance).version == instance.version
    assert pending(instance) == [world.kakaricho.pk]
    assert_refused(user, "approve", instance)


def test_stale_version_is_refused_with_a_clear_message(world: World) -> None:
    second_hr = staff(world.org, world.ka, None, "hr2", "人事担当2")
    RoleGrantFactory(user=second_hr, role="hr", org_unit=None)
    seen = approve(submit(world), world.kakaricho)
    instance_approve(instance=seen, acting_user=world.hr)
    with pytest.raises(ConcurrentUpdate) as caught:
        instance_approve(instance=seen, acting_user=second_hr)
    assert caught.value.problems[0].message == (
        "この申請は他の人が先に処理しました。画面を再読み込みして最新の状態を確認してください"
    )
    assert Task.objects.get(instance=seen, assignee=second_hr).status == TaskStatus.SKIPPED


def test_approving_a_finished_application_is_refused(world: World) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho, world.kacho)
    with pytest.raises(DomainError, match="「決裁済」のため処理できません"):
        instance_approve(instance=instance, acting_user=world.kacho)


def test_delegated_decision_by_an_earlier_approver_with_post_review(world: World, effect: EffectRecorder) -> None:
    """課長 is away: the 係長 who approved earlier decides (代決); the 課長 reviews afterwards (後閲)."""
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    with pytest.raises(DomainError, match="代決の理由をコメントに入力してください"):
        instance_delegate_decision(instance=instance, acting_user=world.kakaricho, comment=" ")
    done = instance_delegate_decision(instance=instance, acting_user=world.kakaricho, comment="課長出張のため")
    assert done.status == InstanceStatus.APPROVED
    assert effect.applied == [done.pk]
    decided = Task.objects.get(instance=done, kind=TaskKind.APPROVAL, assignee=world.kacho)
    assert (decided.status, decided.acted_by_id) == (TaskStatus.DELEGATED, world.kakaricho.pk)
    log = ActionLog.objects.filter(instance=done).latest("id")
    assert (log.action, log.actor_id, log.on_behalf_of_id) == ("delegate", world.kakaricho.pk, world.kacho.pk)
    [review] = Task.objects.filter(instance=done, kind=TaskKind.POST_REVIEW)
    assert (review.assignee_id, review.status) == (world.kacho.pk, TaskStatus.PENDING)
    with pytest.raises(NotPermitted, match="この後閲を行う権限がありません"):
        task_post_review(task=review, acting_user=world.kakaricho)
    reviewed = task_post_review(task=review, acting_user=world.kacho, comment="確認しました")
    assert reviewed.status == TaskStatus.APPROVED
    with pytest.raises(DomainError, match="処理済み"):
        task_post_review(task=review, acting_user=world.kacho)


@pytest.mark.parametrize("who", ["staff", "outsider", "bucho", "kacho"])
def test_delegated_decision_refused_for_others(world: World, who: str) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    user = world.users()[who]
    with pytest.raises((NotPermitted, DomainError)):
        instance_delegate_decision(instance=instance, acting_user=user, comment="不在のため")
    assert fresh(instance).status == InstanceStatus.IN_PROGRESS
    assert pending(instance) == [world.kacho.pk]
    if who != "kacho":
        assert_refused(user, "delegate", instance)


def test_pull_back_by_the_last_approver_before_the_next_acts(world: World) -> None:
    instance = approve(submit(world), world.kakaricho)
    with pytest.raises(NotPermitted, match="引戻しできるのは"):
        instance_pull_back(instance=instance, acting_user=world.staff)
    assert_refused(world.staff, "pull_back", instance)
    back = instance_pull_back(instance=instance, acting_user=world.kakaricho, comment="添付漏れ")
    assert step_name(back) == "係長承認"
    assert pending(back) == [world.kakaricho.pk]
    assert Task.objects.filter(instance=back, status=TaskStatus.PULLED_BACK).count() == 1
    assert Task.objects.filter(instance=back, assignee=world.hr, status=TaskStatus.SKIPPED).count() == 1
    again = approve(back, world.kakaricho, world.hr)
    with pytest.raises(NotPermitted):
        instance_pull_back(instance=again, acting_user=world.kakaricho)


def test_pull_back_inside_a_consultation_reopens_only_that_participant(world: World) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr)
    back = instance_pull_back(instance=instance, acting_user=world.hr)
    assert step_name(back) == "人事・財政合議"
    assert pending(back) == sorted([world.hr.pk, world.zaisei_kacho.pk])
    done = approve(back, world.zaisei_kacho)
    assert pending(done) == [world.hr.pk], "the pulled-back agreement no longer counts"


def test_pull_back_of_a_delegation_cancels_its_post_review(world: World) -> None:
    instance = approve(submit(world, days=5), world.kakaricho, world.hr, world.zaisei_kacho)
    delegated = instance_delegate_decision(instance=instance, acting_user=world.hr, comment="部長不在")
    assert pending(delegated, TaskKind.POST_REVIEW) == [world.bucho.pk]
    back = instance_pull_back(instance=delegated, acting_user=world.hr)
    assert pending(back) == [world.bucho.pk]
    assert pending(back, TaskKind.POST_REVIEW) == []


def test_bulk_approve_reports_each_item(world: World, effect: EffectRecorder) -> None:
    a = approve(submit(world, key="a"), world.kakaricho, world.hr, world.zaisei_kacho)
    b = approve(submit(world, key="b"), world.kakaricho, world.hr, world.zaisei_kacho)
    c = submit(world, key="c")
    stale = BulkItem(b.pk, b.version - 1)
    outcomes = instances_bulk_approve(
        acting_user=world.kacho, items=[BulkItem(a.pk, a.version), stale, BulkItem(c.pk, c.version)]
    )
    assert [(o.instance_id, o.ok) for o in outcomes] == [(a.pk, True), (b.pk, False), (c.pk, False)]
    assert "他の人が先に処理しました" in outcomes[1].message
    assert "承認者ではない" in outcomes[2].message
    assert effect.applied == [a.pk]
    assert fresh(b).status == InstanceStatus.IN_PROGRESS
