"""Route definitions: validation in Japanese, publishing permission, versions kept by instances."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from jinji.accounts.models import Role
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow import events
from jinji.workflow.models import ApproverKind, DefinitionStep, StepKind, StepState, WorkflowDefinition
from jinji.workflow.selectors import definition_list, definition_spec
from jinji.workflow.services import definition_publish, instance_approve
from jinji.workflow.specs import ApproverSpec, Comparison, DefinitionSpec, Op, StepSpec
from jinji.workflow.validation import validate_definition
from tests.workflow.conftest import LEAVE, World, fresh, leave_spec, step_name, submit

pytestmark = pytest.mark.django_db

KACHO = ApproverSpec(kind=ApproverKind.POSITION, min_rank=5)
BUCHO = ApproverSpec(kind=ApproverKind.POSITION, min_rank=6)


def messages(world: World, spec: DefinitionSpec, application_type: str = LEAVE) -> list[str]:
    problems = validate_definition(organization_id=world.org.pk, application_type=application_type, spec=spec)
    return [p.message for p in problems]


def fields(world: World, spec: DefinitionSpec) -> list[str]:
    return [p.field for p in validate_definition(organization_id=world.org.pk, application_type=LEAVE, spec=spec)]


def test_the_standard_route_is_valid(world: World) -> None:
    assert messages(world, leave_spec(world)) == []


def test_route_without_final_approval_is_refused(world: World) -> None:
    spec = DefinitionSpec(name="x", steps=(StepSpec(name="課長承認", kind=StepKind.APPROVAL, approvers=(KACHO,)),))
    assert messages(world, spec) == ["決裁のステップが1つもありません。最後に決裁のステップを置いてください"]


def test_step_after_final_approval_is_refused(world: World) -> None:
    spec = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(name="課長決裁", kind=StepKind.FINAL_APPROVAL, approvers=(KACHO,)),
            StepSpec(name="部長承認", kind=StepKind.APPROVAL, approvers=(BUCHO,)),
        ),
    )
    assert messages(world, spec) == [
        "すべての申請では決裁「課長決裁」の後にステップ2「部長承認」が続きます(決裁の後にステップは置けません)"
    ]
    assert fields(world, spec) == ["steps.2"]


def test_conditional_step_after_final_is_refused_naming_the_case(world: World) -> None:
    spec = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(name="課長決裁", kind=StepKind.FINAL_APPROVAL, approvers=(KACHO,)),
            StepSpec(
                name="部長承認",
                kind=StepKind.APPROVAL,
                approvers=(BUCHO,),
                conditions=(Comparison("days", Op.GT, Decimal(3)),),
            ),
        ),
    )
    assert messages(world, spec) == [
        "日数が4の申請では決裁「課長決裁」の後にステップ2「部長承認」が続きます(決裁の後にステップは置けません)"
    ]


def test_alternative_final_approvals_by_condition_are_valid(world: World) -> None:
    """専決: 課長決裁 up to 3 days, 部長決裁 above — every application ends in exactly one 決裁."""
    spec = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(
                name="課長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(KACHO,),
                conditions=(Comparison("days", Op.LTE, Decimal(3)),),
            ),
            StepSpec(
                name="部長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(BUCHO,),
                conditions=(Comparison("days", Op.GT, Decimal(3)),),
            ),
        ),
    )
    assert messages(world, spec) == []


def test_dead_end_when_the_only_final_is_conditional(world: World) -> None:
    spec = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(name="課長承認", kind=StepKind.APPROVAL, approvers=(KACHO,)),
            StepSpec(
                name="部長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(BUCHO,),
                conditions=(Comparison("days", Op.GTE, Decimal("0.5")),),
            ),
        ),
    )
    assert messages(world, spec) == [
        "日数が-0.5の申請は決裁のステップに到達しません(行き止まり)。条件のない決裁を最後に置いてください"
    ]


def test_condition_on_undeclared_attribute_names_the_field_and_the_declared_ones(world: World) -> None:
    base = leave_spec(world)
    bad = dataclasses.replace(base.steps[2], conditions=(Comparison("amount", Op.GT, Decimal(10000)),))
    spec = dataclasses.replace(base, steps=(base.steps[0], base.steps[1], bad, base.steps[3]))
    assert messages(world, spec) == [
        "ステップ3「部長承認」の条件: 項目「amount」は申請種別「休暇届(テスト)」で"
        "宣言されていません(宣言済み: 日数(days))"
    ]
    assert fields(world, spec) == ["steps.3.conditions.0"]


def test_unsatisfiable_condition_is_reported(world: World) -> None:
    base = leave_spec(world)
    never = dataclasses.replace(
        base.steps[2],
        conditions=(Comparison("days", Op.GT, Decimal(5)), Comparison("days", Op.LT, Decimal(3))),
    )
    spec = dataclasses.replace(base, steps=(base.steps[0], base.steps[1], never, base.steps[3]))
    assert messages(world, spec) == ["ステップ3「部長承認」の条件はどの申請でも満たされません(到達しないステップ)"]


def test_unresolvable_approvers_are_refused(world: World) -> None:
    spec = DefinitionSpec(
        name="",
        steps=(
            StepSpec(name="", kind=StepKind.APPROVAL, approvers=(ApproverSpec(kind=ApproverKind.POSITION),)),
            StepSpec(
                name="合議",
                kind=StepKind.CONSULTATION,
                approvers=(ApproverSpec(kind=ApproverKind.ROLE, role="nobody"),),
            ),
            StepSpec(
                name="局長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.POSITION, min_rank=9),),
                fallback=ApproverSpec(kind=ApproverKind.USER, user_id=None),
            ),
        ),
    )
    assert messages(world, spec) == [
        "名称を入力してください",
        "ステップ1: ステップ名を入力してください",
        "ステップ1の承認者: 職位の序列を1以上の整数で指定してください",
        "ステップ2「合議」: 合議には承認者を2つ以上指定してください",
        "ステップ2「合議」の承認者: 役割「nobody」はありません",
        "ステップ3「局長決裁」の承認者: 序列9以上の所属長の職がありません",
        "ステップ3「局長決裁」の代替承認者: 利用者を指定してください",
    ]


def test_role_nobody_holds_and_unknown_strategy_are_refused(world: World) -> None:
    spec = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(
                name="給与担当確認",
                kind=StepKind.APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.ROLE, role=Role.PAYROLL),),
            ),
            StepSpec(name="決裁", kind=StepKind.FINAL_APPROVAL, approvers=(ApproverSpec(kind="astrology"),)),
        ),
    )
    assert messages(world, spec) == [
        "ステップ1「給与担当確認」の承認者: 役割「給与担当」を持つ利用者がいません",
        "ステップ2「決裁」の承認者: 決め方「astrology」は使えません"
        "(使えるもの: 申請者の所属系統の職位・役割・指定の利用者)",
    ]


def test_unknown_application_type_is_refused(world: World) -> None:
    assert messages(world, leave_spec(world), application_type="nope") == ["申請種別「nope」は登録されていません"]


def test_publish_refuses_invalid_spec_and_changes_nothing(world: World) -> None:
    spec = DefinitionSpec(name="x", steps=(StepSpec(name="課長承認", kind=StepKind.APPROVAL, approvers=(KACHO,)),))
    before = DefinitionStep.objects.count()
    with pytest.raises(DomainError, match="決裁のステップが1つもありません"):
        definition_publish(acting_user=world.hr, application_type=LEAVE, spec=spec)
    assert DefinitionStep.objects.count() == before
    assert WorkflowDefinition.objects.get().current_version.number == 1


def test_only_hr_or_sysadmin_may_publish_and_refusals_are_audited(world: World) -> None:
    with pytest.raises(NotPermitted, match="承認ルートを編集する権限がありません"):
        definition_publish(acting_user=world.kacho, application_type=LEAVE, spec=leave_spec(world))
    refused = AuditEvent.objects.filter(action=events.REFUSED, actor=world.kacho).get()
    assert refused.after["operation"] == "definition_publish"
    assert WorkflowDefinition.objects.get().current_version.number == 1


def test_publishing_is_audited(world: World) -> None:
    event = AuditEvent.objects.filter(action=events.DEFINITION_PUBLISHED).get()
    assert event.actor_id == world.hr.pk
    assert event.after["number"] == 1
    assert event.after["steps"] == ["係長承認", "人事・財政合議", "部長承認", "課長決裁"]


def test_published_rows_are_immutable(world: World) -> None:
    step = DefinitionStep.objects.first()
    assert step is not None
    step.name = "書換え"
    with pytest.raises(PermissionError, match="新しい版を作成してください"):
        step.save()


def test_instances_keep_their_version_and_new_ones_take_the_new(world: World) -> None:
    old = submit(world, days=1)
    shorter = DefinitionSpec(
        name="休暇届(簡略)", steps=(StepSpec(name="課長決裁", kind=StepKind.FINAL_APPROVAL, approvers=(KACHO,)),)
    )
    v2 = definition_publish(acting_user=world.hr, application_type=LEAVE, spec=shorter)
    assert v2.number == 2
    new = submit(world, days=1)
    assert new.definition_version_id == v2.pk
    assert old.definition_version_id != v2.pk
    assert [s.name for s in StepState.objects.filter(instance=old).order_by("order")] == [
        "係長承認",
        "人事・財政合議",
        "部長承認",
        "課長決裁",
    ]
    done = instance_approve(instance=fresh(new), acting_user=world.kacho)
    assert done.status == "approved"
    still = instance_approve(instance=fresh(old), acting_user=world.kakaricho)
    assert step_name(still) == "人事・財政合議"


def test_selectors_return_current_spec_round_trip(world: World) -> None:
    assert definition_spec(application_type=LEAVE) == dataclasses.replace(leave_spec(world), note="")
    [item] = definition_list()
    assert (item.application_type_label, item.current_version_number) == ("休暇届(テスト)", 1)
