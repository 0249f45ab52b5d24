"""The 4/1 mass transfer: add rows, validate (each conflict named by row and person), preview, apply."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.org.services import org_unit_abolish
from jinji.personnel.models import ActionBatch, ActionStatus, ActionType, Assignment, Employee, PersonnelAction
from jinji.personnel.services import (
    ActionInput,
    action_batch_add_actions,
    action_batch_apply,
    action_batch_cancel,
    action_batch_create,
    action_batch_preview,
    action_batch_validate,
    personnel_action_apply,
    personnel_action_create,
)
from tests.personnel.world import APRIL, World

pytestmark = pytest.mark.django_db
D = datetime.date


def batch_of(world: World, rows: list[ActionInput]) -> ActionBatch:
    batch = action_batch_create(
        acting_user=world.hr, organization=world.org, name="令和8年度定期異動", effective_on=APRIL
    )
    action_batch_add_actions(acting_user=world.hr, batch=batch, rows=rows)
    return batch


def transfer(e: Employee, unit_id: int, row: int, **kwargs: object) -> ActionInput:
    return ActionInput(action_type=ActionType.TRANSFER, employee_id=e.pk, org_unit_id=unit_id, row=row, **kwargs)  # type: ignore[arg-type]


def test_valid_batch_applies_everything_in_one_step(world: World) -> None:
    a, b, c = world.hire("佐藤", "一郎"), world.hire("鈴木", "二郎"), world.hire("高橋", "三郎")
    batch = batch_of(
        world,
        [
            transfer(a, world.jinjika.pk, 1, position_id=world.kakaricho.pk, grade=3, step=5),
            ActionInput(action_type=ActionType.STEP_INCREASE, staff_number=b.staff_number, step=24, row=2),
            ActionInput(action_type=ActionType.SEPARATION, employee_id=c.pk, effective_on=D(2026, 3, 31), row=3),
            ActionInput(
                action_type=ActionType.CONCURRENT_POST, employee_id=a.pk, org_unit_id=world.fukushika.pk, row=4
            ),
        ],
    )
    assert action_batch_validate(batch=batch) == []
    action_batch_apply(acting_user=world.hr, batch=batch)
    batch.refresh_from_db()
    assert batch.status == ActionStatus.APPLIED
    new = Assignment.objects.get(employee=a, valid_from=APRIL, kind="primary")
    assert (new.org_unit_id, new.position_id, new.grade, new.step) == (world.jinjika.pk, world.kakaricho.pk, 3, 5)
    assert Assignment.objects.get(employee=a, kind="primary", valid_to=D(2026, 3, 31)).org_unit_id == world.somuka.pk
    assert Assignment.objects.get(employee=a, kind="concurrent").org_unit_id == world.fukushika.pk
    assert Assignment.objects.get(employee=b, valid_from=APRIL).step == 24
    assert Employee.objects.get(pk=c.pk).separated_on == D(2026, 3, 31)
    assert set(PersonnelAction.objects.filter(batch=batch).values_list("status", flat=True)) == {ActionStatus.APPLIED}
    ids = [str(pk) for pk in PersonnelAction.objects.filter(batch=batch).values_list("pk", flat=True)]
    assert AuditEvent.objects.filter(action="personnel.action.apply", target_id__in=ids).count() == 4
    assert Employee.objects.get(pk=a.pk).version == a.version + 1


def test_preview_shows_current_and_new_posts(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    batch = batch_of(world, [transfer(a, world.jinjika.pk, 1, position_id=world.kakaricho.pk, grade=3, step=5)])
    (row,) = action_batch_preview(batch=batch)
    assert (row.staff_number, row.name) == (a.staff_number, "佐藤 一郎")
    assert (row.current_unit_name, row.current_position_name) == ("総務課", "主事")
    assert (row.new_unit_name, row.new_position_name) == ("人事課", "係長")
    assert row.grade_step_change == "2級20号給 → 3級5号給"
    assert row.problems == ()


def _problems(world: World, rows: list[ActionInput]) -> list[str]:
    return [str(p) for p in action_batch_validate(batch=batch_of(world, rows))]


def test_two_actions_for_one_person_on_one_date(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    problems = _problems(world, [transfer(a, world.jinjika.pk, 1), transfer(a, world.fukushika.pk, 7)])
    assert len(problems) == 1
    assert problems[0].startswith("7行目 employee:")
    assert a.staff_number in problems[0]
    assert "佐藤 一郎" in problems[0]
    assert "重複" in problems[0]
    assert "1行目" in problems[0]


def test_unit_that_does_not_exist_on_the_date(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    org_unit_abolish(acting_user=world.hr, unit=world.fukushika, last_day=D(2026, 3, 31))
    (problem,) = _problems(world, [transfer(a, world.fukushika.pk, 3)])
    assert problem.startswith("3行目 org_unit:")
    assert "2026-04-01に存在しません" in problem


def test_person_already_separated(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    personnel_action_apply(
        acting_user=world.hr,
        action=personnel_action_create(
            acting_user=world.hr, employee=a, action_type=ActionType.SEPARATION, effective_on=D(2025, 3, 31)
        ),
    )
    problems = _problems(world, [transfer(a, world.jinjika.pk, 2)])
    assert any(p.startswith("2行目") and "退職済み" in p for p in problems)


def test_unknown_position_or_grade_beyond_schedule(world: World) -> None:
    a, b = world.hire("佐藤", "一郎"), world.hire("鈴木", "二郎")
    with pytest.raises(DomainError) as err:
        batch_of(world, [transfer(a, world.jinjika.pk, 1, position_id=999999)])
    assert "1行目 position: 職(ID 999999)が見つかりません" in str(err.value)
    assert not PersonnelAction.objects.filter(batch__isnull=False).exists()
    problems = _problems(world, [ActionInput(action_type=ActionType.GRADE_PROMOTION, employee_id=b.pk, grade=8, row=5)])
    assert problems == [f"5行目 grade: {b.staff_number} 鈴木 二郎: 8級は給料表の範囲(1〜7級)を超えています"]


def test_unknown_staff_number_refused_when_adding(world: World) -> None:
    batch = action_batch_create(acting_user=world.hr, organization=world.org, name="x", effective_on=APRIL)
    with pytest.raises(DomainError, match="4行目 staff_number: 職員\\(999\\)が見つかりません"):
        action_batch_add_actions(
            acting_user=world.hr,
            batch=batch,
            rows=[ActionInput(action_type=ActionType.TRANSFER, staff_number="999", row=4)],
        )


def test_concurrent_edit_after_row_was_prepared(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    batch = batch_of(world, [transfer(a, world.jinjika.pk, 1)])
    other = personnel_action_create(
        acting_user=world.hr, employee=a, action_type=ActionType.STEP_INCREASE, effective_on=D(2026, 1, 1), step=21
    )
    personnel_action_apply(acting_user=world.hr, action=other)
    (problem,) = [str(p) for p in action_batch_validate(batch=batch)]
    assert "この行の作成後に" in problem
    assert "1行目" in problem


def test_later_applied_action_blocks_row(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    later = personnel_action_create(
        acting_user=world.hr, employee=a, action_type=ActionType.STEP_INCREASE, effective_on=D(2026, 7, 1), step=21
    )
    personnel_action_apply(acting_user=world.hr, action=later)
    batch = batch_of(world, [transfer(a, world.jinjika.pk, 1)])
    assert any("訂正として登録" in str(p) for p in action_batch_validate(batch=batch))


def test_failing_batch_changes_nothing(world: World) -> None:
    a, b = world.hire("佐藤", "一郎"), world.hire("鈴木", "二郎")
    batch = batch_of(world, [transfer(a, world.jinjika.pk, 1), transfer(b, world.jinjika.pk, 2, grade=99)])
    assignments_before = list(Assignment.objects.order_by("pk").values_list("pk", "valid_to"))
    audit_before = AuditEvent.objects.count()
    with pytest.raises(DomainError) as err:
        action_batch_apply(acting_user=world.hr, batch=batch)
    assert [p.row for p in err.value.problems] == [2]
    assert list(Assignment.objects.order_by("pk").values_list("pk", "valid_to")) == assignments_before
    assert AuditEvent.objects.count() == audit_before
    batch.refresh_from_db()
    assert batch.status == ActionStatus.DRAFT
    assert set(PersonnelAction.objects.filter(batch=batch).values_list("status", flat=True)) == {ActionStatus.DRAFT}


def test_applied_or_cancelled_batch_cannot_change(world: World) -> None:
    a = world.hire("佐藤", "一郎")
    batch = batch_of(world, [transfer(a, world.jinjika.pk, 1)])
    action_batch_apply(acting_user=world.hr, batch=batch)
    with pytest.raises(DomainError, match="発令済"):
        action_batch_apply(acting_user=world.hr, batch=batch)
    other = batch_of(world, [])
    action_batch_cancel(acting_user=world.hr, batch=other)
    with pytest.raises(DomainError, match="取消"):
        action_batch_add_actions(acting_user=world.hr, batch=other, rows=[transfer(a, world.fukushika.pk, 1)])


def test_batch_applied_actions_can_be_corrected(world: World) -> None:
    from jinji.personnel.services import personnel_action_correct

    a = world.hire("佐藤", "一郎")
    batch = batch_of(world, [transfer(a, world.fukushika.pk, 1)])
    action_batch_apply(acting_user=world.hr, batch=batch)
    wrong = PersonnelAction.objects.get(batch=batch)
    personnel_action_correct(acting_user=world.hr, action=wrong, changes={"org_unit": world.jinjika})
    current = Assignment.objects.get(employee=a, valid_from=APRIL)
    assert current.org_unit_id == world.jinjika.pk
    assert Assignment.objects.filter(employee=a).count() == 2
