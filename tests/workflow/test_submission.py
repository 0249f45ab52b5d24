"""申請: validation, double-submit idempotency, drafts, 代理入力 scope, and effect failures."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow import events
from jinji.workflow.models import (
    ActionLog,
    InstanceStatus,
    StepState,
    Task,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.services import instance_approve, instance_create, instance_submit, instance_withdraw
from tests.factories import RoleGrantFactory
from tests.workflow.conftest import (
    LEAVE,
    EffectRecorder,
    World,
    approve,
    assert_refused,
    pending,
    staff,
    step_name,
    submit,
)

pytestmark = pytest.mark.django_db


def test_bad_input_names_each_field_and_saves_nothing(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        instance_create(
            acting_user=world.staff,
            application_type=LEAVE,
            subject=" ",
            payload={},
            attributes={"days": "三日", "hours": 2},
        )
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("subject", "件名を入力してください"),
        ("attributes.hours", "この申請種別にない項目です(使える項目: 日数(days))"),
        ("attributes.days", "日数は数値で入力してください"),
    ]
    assert not WorkflowInstance.objects.exists()


def test_the_types_own_validation_runs(world: World) -> None:
    with pytest.raises(DomainError) as caught:
        instance_create(acting_user=world.staff, application_type=LEAVE, subject="休暇", attributes={"days": 1})
    assert [(p.field, p.message) for p in caught.value.problems] == [("payload.reason", "休暇の理由を入力してください")]


def test_unknown_type_and_missing_route_are_clear(world: World) -> None:
    with pytest.raises(DomainError, match="申請種別「nope」は登録されていません"):
        instance_create(acting_user=world.staff, application_type="nope", subject="x")
    from jinji.workflow.registry import register_application_type, unregister_application_type

    register_application_type("no_route", "経路なし届", effect=lambda i, u: None)
    try:
        with pytest.raises(DomainError, match="経路なし届の承認ルートが設定されていません"):
            instance_create(acting_user=world.staff, application_type="no_route", subject="x")
    finally:
        unregister_application_type("no_route")


def test_double_submit_with_the_same_key_creates_one_application(world: World) -> None:
    first = submit(world, key="form-123")
    second = submit(world, key="form-123")
    assert second.pk == first.pk
    assert WorkflowInstance.objects.count() == 1
    assert Task.objects.filter(instance=first).count() == 1
    assert ActionLog.objects.filter(instance=first, action="submit").count() == 1
    third = submit(world, key="form-124")
    assert third.pk != first.pk


def test_idempotency_keys_belong_to_the_person_entering(world: World) -> None:
    mine = submit(world, key="same")
    theirs = submit(world, key="same", user=world.outsider)
    assert mine.pk != theirs.pk


def test_draft_then_submit_takes_the_route_then(world: World) -> None:
    draft = submit(world, submit=False)
    assert (draft.status, draft.round) == (InstanceStatus.DRAFT, 0)
    assert not StepState.objects.filter(instance=draft).exists()
    with pytest.raises(NotPermitted):
        instance_submit(instance=draft, acting_user=world.outsider)
    submitted = instance_submit(instance=draft, acting_user=world.staff, subject="年次休暇(午後)")
    assert (submitted.status, submitted.subject) == (InstanceStatus.IN_PROGRESS, "年次休暇(午後)")
    assert pending(submitted) == [world.kakaricho.pk]


def test_proxy_entry_by_the_units_clerk(world: World) -> None:
    instance = submit(world, user=world.clerk, applicant_employee_id=world.staff.employee_id)
    assert (instance.applicant_id, instance.entered_by_id) == (world.staff.pk, world.clerk.pk)
    assert instance.applicant_unit_id == world.kakari.pk
    log = ActionLog.objects.get(instance=instance, action="submit")
    assert (log.actor_id, log.on_behalf_of_id) == (world.clerk.pk, world.staff.pk)
    assert pending(instance) == [world.kakaricho.pk], "the route is the applicant's, not the clerk's"
    withdrawn = instance_withdraw(instance=instance, acting_user=world.clerk)
    assert withdrawn.status == InstanceStatus.WITHDRAWN


@pytest.mark.parametrize("who", ["clerk", "staff", "kacho"])
def test_proxy_entry_outside_scope_is_refused_and_audited(world: World, who: str) -> None:
    """The clerk covers 人事課 and below, not 財政課; staff and unit heads are no clerks."""
    user = world.users()[who]
    with pytest.raises(NotPermitted, match="この職員の代理入力を行う権限がありません"):
        submit(world, user=user, applicant_employee_id=world.outsider.employee_id)
    event = AuditEvent.objects.filter(action=events.REFUSED, actor=user).get()
    assert event.after["operation"] == "submit"
    assert not WorkflowInstance.objects.exists()


def test_clerk_who_lost_the_unit_can_no_longer_act_for_it(world: World) -> None:
    instance = submit(world, user=world.clerk, applicant_employee_id=world.staff.employee_id)
    world.clerk.grants.update(valid_to=datetime.date(2020, 3, 31))
    with pytest.raises(NotPermitted):
        instance_withdraw(instance=instance, acting_user=world.clerk)
    assert_refused(world.clerk, "withdraw", instance)


def test_hr_may_enter_for_anyone(world: World) -> None:
    instance = submit(world, user=world.hr, applicant_employee_id=world.outsider.employee_id)
    assert instance.applicant_unit_id == world.zaisei.pk
    assert pending(instance) == [world.zaisei_kacho.pk]


def test_user_without_employee_must_name_the_applicant(world: World) -> None:
    admin = staff(world.org, world.ka, None, "admin", "管理者")
    admin.employee = None
    admin.save()
    RoleGrantFactory(user=admin, role="sysadmin")
    with pytest.raises(DomainError, match="申請者\\(職員\\)を指定してください"):
        submit(world, user=admin)


def test_effect_failure_rolls_back_the_approval_and_shows_the_error(world: World, effect: EffectRecorder) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    effect.fail_with = DomainError("給与が確定済みの月です")
    failed = instance_approve(instance=instance, acting_user=world.kacho)
    assert failed.status == InstanceStatus.EFFECT_FAILED
    assert failed.effect_error == "給与が確定済みの月です"
    assert effect.applied == []
    assert not AuditEvent.objects.filter(action="test.effect_applied").exists(), "the effect's own writes are gone"
    assert not AuditEvent.objects.filter(action=events.FINAL_APPROVED).exists()
    assert AuditEvent.objects.filter(action=events.EFFECT_FAILED, target_id=str(instance.pk)).count() == 1
    assert Task.objects.get(instance=instance, assignee=world.kacho).status == TaskStatus.PENDING
    assert step_name(failed) == "課長決裁"
    log = ActionLog.objects.filter(instance=instance).latest("id")
    assert (log.action, log.comment) == ("effect_failed", "給与が確定済みの月です")
    effect.fail_with = None
    done = instance_approve(instance=failed, acting_user=world.kacho)
    assert (done.status, done.effect_error) == (InstanceStatus.APPROVED, "")
    assert effect.applied == [done.pk]
    assert AuditEvent.objects.filter(action="test.effect_applied").count() == 1


def test_unexpected_effect_error_gets_a_generic_message(world: World, effect: EffectRecorder) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    effect.fail_with = ZeroDivisionError("boom")
    failed = instance_approve(instance=instance, acting_user=world.kacho)
    assert failed.status == InstanceStatus.EFFECT_FAILED
    assert "予期しないエラーが発生しました(ZeroDivisionError)" in failed.effect_error
    withdrawn = instance_withdraw(instance=failed, acting_user=world.staff)
    assert (withdrawn.status, withdrawn.effect_error) == (InstanceStatus.WITHDRAWN, ""), "no stale 反映エラー"
    assert effect.applied == []
