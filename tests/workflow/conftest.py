"""A small municipality for workflow tests, a test application type, and a published route.

Org tree (all as of today)::

    総務部 (部長)
    ├── 人事課 (課長, 庶務担当 clerk)
    │   └── 人事係 (係長, staff)
    └── 財政課 (財政課長, outsider)

Route ``LEAVE_SPEC``: 係長承認 → 合議 (人事担当 ∧ 財政課長) → 部長承認 (日数 > 3 のとき) → 課長決裁.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from jinji.accounts.models import Role, User
from jinji.audit.models import AuditEvent, AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import OrgUnit, Position, UnitLevel
from jinji.workflow import events
from jinji.workflow.models import ApproverKind, StepKind, Task, TaskKind, TaskStatus, WorkflowInstance
from jinji.workflow.registry import ApplicationDraft, register_application_type, unregister_application_type
from jinji.workflow.services import definition_publish, instance_approve, instance_create
from jinji.workflow.specs import ApproverSpec, Comparison, DefinitionSpec, Op, StepSpec
from tests.factories import (
    AssignmentFactory,
    EmployeeFactory,
    OrganizationFactory,
    OrgUnitFactory,
    PositionFactory,
    RoleGrantFactory,
    UserFactory,
)

LEAVE = "test_leave"


def unit(org: Organization, name: str, level: str, parent: OrgUnit | None = None) -> OrgUnit:
    result: OrgUnit = OrgUnitFactory(organization=org, version__name=name, version__level=level, version__parent=parent)
    return result


def staff(org: Organization, org_unit: OrgUnit, position: Position | None, username: str, name: str) -> User:
    employee = EmployeeFactory(organization=org, family_name=name, given_name="太郎")
    AssignmentFactory(employee=employee, org_unit=org_unit, position=position)
    user: User = UserFactory(
        organization=org, username=username, employee=employee, email=f"{username}@example.jp", display_name=name
    )
    return user


@dataclass
class World:
    org: Organization
    bu: OrgUnit
    ka: OrgUnit
    kakari: OrgUnit
    zaisei: OrgUnit
    positions: dict[str, Position]
    staff: User
    kakaricho: User
    kacho: User
    bucho: User
    clerk: User
    hr: User
    zaisei_kacho: User
    outsider: User

    def users(self) -> dict[str, User]:
        names = ["staff", "kakaricho", "kacho", "bucho", "clerk", "hr", "zaisei_kacho", "outsider"]
        return {n: getattr(self, n) for n in names}


def build_world() -> World:
    org = OrganizationFactory()
    positions = {
        "shuji": PositionFactory(organization=org, name="主事", rank=1),
        "kakaricho": PositionFactory(organization=org, name="係長", rank=3, is_unit_head=True),
        "kacho": PositionFactory(organization=org, name="課長", rank=5, is_unit_head=True, is_manager=True),
        "bucho": PositionFactory(organization=org, name="部長", rank=6, is_unit_head=True, is_manager=True),
    }
    bu = unit(org, "総務部", UnitLevel.DEPARTMENT)
    ka = unit(org, "人事課", UnitLevel.DIVISION, bu)
    kakari = unit(org, "人事係", UnitLevel.SECTION, ka)
    zaisei = unit(org, "財政課", UnitLevel.DIVISION, bu)
    world = World(
        org=org,
        bu=bu,
        ka=ka,
        kakari=kakari,
        zaisei=zaisei,
        positions=positions,
        staff=staff(org, kakari, positions["shuji"], "staff", "職員"),
        kakaricho=staff(org, kakari, positions["kakaricho"], "kakaricho", "係長"),
        kacho=staff(org, ka, positions["kacho"], "kacho", "課長"),
        bucho=staff(org, bu, positions["bucho"], "bucho", "部長"),
        clerk=staff(org, ka, positions["shuji"], "clerk", "庶務"),
        hr=staff(org, ka, positions["shuji"], "hr", "人事担当"),
        zaisei_kacho=staff(org, zaisei, positions["kacho"], "zaisei_kacho", "財政課長"),
        outsider=staff(org, zaisei, positions["shuji"], "outsider", "財政職員"),
    )
    RoleGrantFactory(user=world.clerk, role=Role.CLERK, org_unit=ka, include_descendants=True)
    RoleGrantFactory(user=world.hr, role=Role.HR, org_unit=None)
    return world


def leave_spec(world: World, *, fallback: ApproverSpec | None = None) -> DefinitionSpec:
    return DefinitionSpec(
        name="休暇届の承認ルート",
        steps=(
            StepSpec(
                name="係長承認",
                kind=StepKind.APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.POSITION, min_rank=3),),
                fallback=fallback,
            ),
            StepSpec(
                name="人事・財政合議",
                kind=StepKind.CONSULTATION,
                approvers=(
                    ApproverSpec(kind=ApproverKind.ROLE, role=Role.HR),
                    ApproverSpec(kind=ApproverKind.USER, user_id=world.zaisei_kacho.pk),
                ),
            ),
            StepSpec(
                name="部長承認",
                kind=StepKind.APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.POSITION, min_rank=6),),
                conditions=(Comparison(field="days", op=Op.GT, value=Decimal(3)),),
            ),
            StepSpec(
                name="課長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.POSITION, min_rank=5),),
            ),
        ),
    )


class EffectRecorder:
    """The effect of the test application type: counts applications and can be told to fail."""

    def __init__(self) -> None:
        self.applied: list[int] = []
        self.fail_with: Exception | None = None

    def __call__(self, instance: WorkflowInstance, acting_user: User) -> None:
        audit_record(actor=acting_user, action="test.effect_applied", target=instance)
        if self.fail_with is not None:
            raise self.fail_with
        self.applied.append(instance.pk)


def validate_leave(draft: ApplicationDraft) -> list[FieldProblem]:
    if not str(draft.payload.get("reason", "")).strip():
        return [FieldProblem(field="payload.reason", message="休暇の理由を入力してください")]
    return []


@pytest.fixture
def effect() -> Iterator[EffectRecorder]:
    recorder = EffectRecorder()
    register_application_type(
        LEAVE, "休暇届(テスト)", effect=recorder, validate=validate_leave, attributes={"days": "日数"}
    )
    yield recorder
    unregister_application_type(LEAVE)


@pytest.fixture
def world(db: None, effect: EffectRecorder) -> Iterator[World]:
    built = build_world()
    with tenant_context(built.org):
        definition_publish(acting_user=built.hr, application_type=LEAVE, spec=leave_spec(built))
        yield built


def submit(
    world: World, *, days: int = 2, user: User | None = None, key: str | None = None, **kwargs: Any
) -> WorkflowInstance:
    return instance_create(
        acting_user=user or world.staff,
        application_type=LEAVE,
        subject="年次休暇",
        payload={"reason": "私用"},
        attributes={"days": days},
        effective_on=datetime.date(2026, 4, 1),
        idempotency_key=key,
        **kwargs,
    )


def fresh(instance: WorkflowInstance) -> WorkflowInstance:
    return WorkflowInstance.objects.get(pk=instance.pk)


def approve(instance: WorkflowInstance, *users: User) -> WorkflowInstance:
    for user in users:
        instance = instance_approve(instance=fresh(instance), acting_user=user)
    return instance


def pending(instance: WorkflowInstance, kind: str = TaskKind.APPROVAL) -> list[int]:
    return sorted(
        Task.objects.filter(instance=instance, status=TaskStatus.PENDING, kind=kind).values_list(
            "assignee_id", flat=True
        )
    )


def assert_refused(user: User, operation: str, instance: WorkflowInstance) -> None:
    event = AuditEvent.objects.filter(action=events.REFUSED, actor=user).latest("id")
    assert event.kind == AuditKind.AUTH
    assert event.target_id == str(instance.pk)
    assert event.after["operation"] == operation


def step_name(instance: WorkflowInstance) -> str:
    """Name of the active step ('' when none)."""
    return instance.current_step.name if instance.current_step is not None else ""
