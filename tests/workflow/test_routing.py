"""Approver resolution through the personnel hooks: the unit tree as of the date, vacancies, roles."""

from __future__ import annotations

import dataclasses
import datetime

import pytest
from django.utils import timezone

from jinji.accounts.models import Role
from jinji.core.errors import DomainError
from jinji.org.models import OrgUnitVersion, UnitLevel
from jinji.personnel.models import Assignment
from jinji.personnel.workflow_hooks import resolve_position, resolve_role
from jinji.workflow.models import ApproverKind, StepKind, StepState, StepStatus
from jinji.workflow.registry import ResolutionContext
from jinji.workflow.services import definition_publish
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec
from tests.factories import PositionFactory, RoleGrantFactory
from tests.workflow.conftest import LEAVE, World, leave_spec, staff, submit, unit

pytestmark = pytest.mark.django_db


def ctx(world: World, applicant_user_unit: tuple[int, int | None, int | None]) -> ResolutionContext:
    employee_id, user_id, unit_id = applicant_user_unit
    return ResolutionContext(
        organization_id=world.org.pk,
        applicant_employee_id=employee_id,
        applicant_user_id=user_id,
        applicant_unit_id=unit_id,
        on=timezone.localdate(),
    )


def for_staff(world: World) -> ResolutionContext:
    assert world.staff.employee_id is not None
    return ctx(world, (world.staff.employee_id, world.staff.pk, world.kakari.pk))


def steps_of(instance_pk: int) -> list[tuple[str, str, list[list[int]]]]:
    return [(s.name, s.status, s.slots) for s in StepState.objects.filter(instance_id=instance_pk).order_by("order")]


def test_route_resolves_each_step_from_the_applicant_upwards(world: World) -> None:
    instance = submit(world, days=5)
    assert steps_of(instance.pk) == [
        ("係長承認", StepStatus.ACTIVE, [[world.kakaricho.pk]]),
        ("人事・財政合議", StepStatus.WAITING, [[world.hr.pk], [world.zaisei_kacho.pk]]),
        ("部長承認", StepStatus.WAITING, [[world.bucho.pk]]),
        ("課長決裁", StepStatus.WAITING, [[world.kacho.pk]]),
    ]
    assert instance.applicant_unit_id == world.kakari.pk
    assert instance.applicant_unit_name == "人事係"
    assert instance.applicant_name == "職員 太郎"


def test_condition_false_skips_the_step(world: World) -> None:
    instance = submit(world, days=3)
    assert [s[1] for s in steps_of(instance.pk)] == [
        StepStatus.ACTIVE,
        StepStatus.WAITING,
        StepStatus.SKIPPED,
        StepStatus.WAITING,
    ]


def test_applicant_is_never_their_own_approver(world: World) -> None:
    """The 係長 applying: the nearest rank ≥ 3 head above is the 課長, not themself."""
    instance = submit(world, user=world.kakaricho, days=1)
    assert steps_of(instance.pk)[0][2] == [[world.kacho.pk]]


def test_vacant_post_walks_up_to_the_next_head(world: World) -> None:
    Assignment.objects.filter(employee=world.kakaricho.employee).update(valid_to=datetime.date(2020, 3, 31))
    assert resolve_position(ApproverSpec(kind=ApproverKind.POSITION, min_rank=3), for_staff(world)) == [world.kacho.pk]


def test_nearest_unit_then_lowest_sufficient_rank(world: World) -> None:
    """Not restricted to heads: a 課長補佐 (rank 4) in the 課 comes before the 課長."""
    hosa = staff(world.org, world.ka, PositionFactory(organization=world.org, name="課長補佐", rank=4), "hosa", "補佐")
    spec = ApproverSpec(kind=ApproverKind.POSITION, min_rank=4, unit_head_only=False)
    assert resolve_position(spec, for_staff(world)) == [hosa.pk]
    heads_only = ApproverSpec(kind=ApproverKind.POSITION, min_rank=4)
    assert resolve_position(heads_only, for_staff(world)) == [world.kacho.pk]


def test_tree_is_read_as_of_the_date(world: World) -> None:
    """人事係 moves under 財政課 from today: its 係長 step skips to 財政課長, not 課長."""
    today = timezone.localdate()
    version = OrgUnitVersion.objects.get(unit=world.kakari)
    OrgUnitVersion.objects.filter(pk=version.pk).update(valid_to=today - datetime.timedelta(days=1))
    OrgUnitVersion.objects.create(
        organization=world.org,
        unit=world.kakari,
        name="人事係",
        level=UnitLevel.SECTION,
        parent=world.zaisei,
        valid_from=today,
    )
    spec = ApproverSpec(kind=ApproverKind.POSITION, min_rank=5)
    assert resolve_position(spec, for_staff(world)) == [world.zaisei_kacho.pk]
    yesterday = dataclasses.replace(for_staff(world), on=today - datetime.timedelta(days=1), cache={})
    assert resolve_position(spec, yesterday) == [world.kacho.pk]


def test_unresolvable_step_without_fallback_is_a_clear_error_before_submit(world: World) -> None:
    Assignment.objects.filter(employee__in=[world.kakaricho.employee, world.kacho.employee]).update(
        valid_to=datetime.date(2020, 3, 31)
    )
    Assignment.objects.filter(employee=world.bucho.employee).update(valid_to=datetime.date(2020, 3, 31))
    with pytest.raises(DomainError) as caught:
        submit(world, days=1)
    assert [p.message for p in caught.value.problems] == [
        "ステップ1「係長承認」の承認者が決まりません(該当する職が空席で、代替承認者もいません)。"
        "人事担当に承認ルートの確認を依頼してください",
        "ステップ4「課長決裁」の承認者が決まりません(該当する職が空席で、代替承認者もいません)。"
        "人事担当に承認ルートの確認を依頼してください",
    ]


def test_fallback_approver_takes_a_vacant_post(world: World) -> None:
    definition_publish(
        acting_user=world.hr,
        application_type=LEAVE,
        spec=leave_spec(world, fallback=ApproverSpec(kind=ApproverKind.USER, user_id=world.clerk.pk)),
    )
    Assignment.objects.filter(employee__in=[world.kakaricho.employee, world.kacho.employee]).update(
        valid_to=datetime.date(2020, 3, 31)
    )
    Assignment.objects.filter(employee=world.bucho.employee).update(valid_to=datetime.date(2020, 3, 31))
    with pytest.raises(DomainError, match="ステップ4「課長決裁」"):
        submit(world, days=1)
    only_first = DefinitionSpec(
        name="x",
        steps=(
            StepSpec(
                name="係長決裁",
                kind=StepKind.FINAL_APPROVAL,
                approvers=(ApproverSpec(kind=ApproverKind.POSITION, min_rank=3),),
                fallback=ApproverSpec(kind=ApproverKind.USER, user_id=world.clerk.pk),
            ),
        ),
    )
    definition_publish(acting_user=world.hr, application_type=LEAVE, spec=only_first)
    instance = submit(world, days=1)
    assert steps_of(instance.pk)[0][2] == [[world.clerk.pk]]


def test_role_scoped_to_the_applicants_unit(world: World) -> None:
    other_clerk = staff(world.org, world.zaisei, None, "zclerk", "財政庶務")
    RoleGrantFactory(user=other_clerk, role=Role.CLERK, org_unit=world.zaisei)
    section_clerk = staff(world.org, world.kakari, None, "kclerk", "係庶務")
    RoleGrantFactory(user=section_clerk, role=Role.CLERK, org_unit=world.kakari, include_descendants=False)
    bu_clerk = staff(world.org, world.bu, None, "bclerk", "部庶務")
    RoleGrantFactory(user=bu_clerk, role=Role.CLERK, org_unit=world.bu, include_descendants=False)
    scoped = ApproverSpec(kind=ApproverKind.ROLE, role=Role.CLERK, within_applicant_unit=True)
    assert resolve_role(scoped, for_staff(world)) == sorted([world.clerk.pk, section_clerk.pk])
    everyone = ApproverSpec(kind=ApproverKind.ROLE, role=Role.CLERK)
    assert resolve_role(everyone, for_staff(world)) == sorted(
        [world.clerk.pk, other_clerk.pk, section_clerk.pk, bu_clerk.pk]
    )


def test_resolution_queries_are_bounded_by_tree_depth(world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    parent = world.kakari
    for depth in range(4):
        parent = unit(world.org, f"深い係{depth}", UnitLevel.SECTION, parent)
    deep = ctx(world, (world.staff.employee_id or 0, world.staff.pk, parent.pk))
    spec = ApproverSpec(kind=ApproverKind.POSITION, min_rank=6)
    with django_assert_max_num_queries(8):
        assert resolve_position(spec, deep) == [world.bucho.pk]
    with django_assert_max_num_queries(1):
        assert resolve_position(spec, deep) == [world.bucho.pk]
