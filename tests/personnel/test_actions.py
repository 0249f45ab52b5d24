"""発令: apply each type, the resulting assignment periods, future dates, ordering, corrections."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import ConcurrentUpdate, DomainError
from jinji.personnel.models import ActionStatus, ActionType, Assignment, AssignmentKind, Employee, PersonnelAction
from jinji.personnel.services import (
    personnel_action_apply,
    personnel_action_cancel,
    personnel_action_correct,
    personnel_action_create,
)
from tests.personnel.world import APRIL, HIRED, World

pytestmark = pytest.mark.django_db
D = datetime.date


def periods(employee: Employee, kind: str = AssignmentKind.PRIMARY) -> list[tuple[object, ...]]:
    return list(
        Assignment.objects.filter(employee=employee, kind=kind)
        .order_by("valid_from")
        .values_list("valid_from", "valid_to", "org_unit_id", "position_id", "grade", "step", "is_on_leave")
    )


def act(world: World, employee: Employee, action_type: str, on: datetime.date, **kwargs: object) -> PersonnelAction:
    action = personnel_action_create(
        acting_user=world.hr, employee=employee, action_type=action_type, effective_on=on, **kwargs
    )
    return personnel_action_apply(acting_user=world.hr, action=action)


def test_hire_creates_employee_first_assignment_and_applied_action(world: World) -> None:
    e = world.hire()
    assert periods(e) == [(HIRED, None, world.somuka.pk, world.shuji.pk, 2, 20, False)]
    action = PersonnelAction.objects.get(employee=e)
    assert (action.action_type, action.status) == (ActionType.HIRE, ActionStatus.APPLIED)
    assert AuditEvent.objects.filter(action="personnel.employee.create", target_id=str(e.pk)).exists()


def test_hire_into_unit_that_does_not_exist_yet_saves_nothing(world: World) -> None:
    with pytest.raises(DomainError) as err:
        world.hire(hired_on=D(1990, 4, 1), birth_date=D(1960, 1, 1))
    assert "存在しません" in str(err.value)
    assert not Employee.objects.exists()


def test_transfer_ends_current_day_before_and_keeps_other_fields(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.jinjika)
    assert periods(e) == [
        (HIRED, D(2026, 3, 31), world.somuka.pk, world.shuji.pk, 2, 20, False),
        (APRIL, None, world.jinjika.pk, world.shuji.pk, 2, 20, False),
    ]


@pytest.mark.parametrize(
    ("action_type", "changes", "expected"),
    [
        (ActionType.PROMOTION, {"position": "kakaricho"}, ("kakaricho", 2, 20)),
        (ActionType.GRADE_PROMOTION, {"grade": 3, "step": 5}, ("shuji", 3, 5)),
        (ActionType.STEP_INCREASE, {"step": 24}, ("shuji", 2, 24)),
    ],
)
def test_promotion_grade_and_step_change(
    world: World, action_type: str, changes: dict[str, object], expected: tuple[str, int, int]
) -> None:
    e = world.hire()
    values = {k: getattr(world, v) if isinstance(v, str) else v for k, v in changes.items()}
    act(world, e, action_type, APRIL, **values)
    last = periods(e)[-1]
    assert last[0] == APRIL
    assert (last[3], last[4], last[5]) == (getattr(world, expected[0]).pk, expected[1], expected[2])


def test_leave_and_reinstatement(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.LEAVE_OF_ABSENCE, D(2025, 10, 1), end_on=D(2026, 3, 31))
    with pytest.raises(DomainError, match="既に休職中"):
        act(world, e, ActionType.LEAVE_OF_ABSENCE, D(2025, 12, 1))
    act(world, e, ActionType.REINSTATEMENT, APRIL, org_unit=world.fukushika)
    assert [(p[0], p[6]) for p in periods(e)] == [(HIRED, False), (D(2025, 10, 1), True), (APRIL, False)]
    assert periods(e)[-1][2] == world.fukushika.pk


def test_separation_ends_primary_and_concurrent_posts_on_the_day(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.CONCURRENT_POST, D(2025, 4, 1), org_unit=world.fukushika)
    act(world, e, ActionType.SEPARATION, D(2026, 3, 31))
    e.refresh_from_db()
    assert e.separated_on == D(2026, 3, 31)
    assert periods(e)[-1][1] == D(2026, 3, 31)
    assert periods(e, AssignmentKind.CONCURRENT)[0][1] == D(2026, 3, 31)
    with pytest.raises(DomainError, match="退職済み"):
        act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.jinjika)


def test_term_expiry_then_rehire_as_reappointed(world: World) -> None:
    e = world.hire(appointment_type="fixed_term")
    act(world, e, ActionType.TERM_EXPIRY, D(2026, 3, 31))
    act(world, e, ActionType.HIRE, APRIL, org_unit=world.somuka, appointment_type="reappointed_short")
    e.refresh_from_db()
    assert e.separated_on is None
    assert Assignment.objects.get(employee=e, valid_from=APRIL).appointment_type == "reappointed_short"


def test_concurrent_post_until_end_and_its_release(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.CONCURRENT_POST, APRIL, org_unit=world.fukushika, end_on=D(2027, 3, 31))
    act(world, e, ActionType.CONCURRENT_POST, APRIL, org_unit=world.jinjika, post_kind="secondment")
    assert periods(e, AssignmentKind.CONCURRENT) == [
        (APRIL, D(2027, 3, 31), world.fukushika.pk, None, None, None, False)
    ]
    assert len(periods(e, AssignmentKind.SECONDMENT)) == 1
    act(world, e, ActionType.CONCURRENT_END, D(2026, 10, 1), org_unit=world.fukushika)
    assert periods(e, AssignmentKind.CONCURRENT)[0][1] == D(2026, 9, 30)
    assert len(periods(e)) == 1  # the primary post is untouched


def test_future_dated_action_is_in_force_only_from_its_date(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.TRANSFER, D(2030, 4, 1), org_unit=world.jinjika)
    on_2029 = Assignment.objects.filter(employee=e, valid_from__lte=D(2029, 4, 1)).get(valid_to__gte=D(2029, 4, 1))
    assert on_2029.org_unit_id == world.somuka.pk


def test_earlier_action_after_a_later_applied_one_is_refused(world: World) -> None:
    e = world.hire()
    act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.jinjika)
    with pytest.raises(DomainError, match="訂正として登録"):
        act(world, e, ActionType.STEP_INCREASE, D(2026, 1, 1), step=21)


def test_grade_beyond_schedule_and_unit_not_existing_are_refused(world: World) -> None:
    e = world.hire()
    with pytest.raises(DomainError, match="給料表の範囲"):
        act(world, e, ActionType.GRADE_PROMOTION, APRIL, grade=9)
    with pytest.raises(DomainError, match="変更される内容がありません"):
        act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.somuka)


def test_stale_version_is_refused(world: World) -> None:
    e = world.hire()
    action = personnel_action_create(
        acting_user=world.hr, employee=e, action_type=ActionType.TRANSFER, effective_on=APRIL, org_unit=world.jinjika
    )
    with pytest.raises(ConcurrentUpdate, match="他の利用者が更新しました"):
        personnel_action_apply(acting_user=world.hr, action=action, expected_version=e.version - 1)
    assert PersonnelAction.objects.get(pk=action.pk).status == ActionStatus.DRAFT


def test_correction_supersedes_and_rebuilds_later_periods(world: World) -> None:
    e = world.hire()
    wrong = act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.fukushika)
    act(world, e, ActionType.STEP_INCREASE, D(2026, 7, 1), step=21)
    correction = personnel_action_correct(
        acting_user=world.hr, action=wrong, changes={"org_unit": world.jinjika}, reason="所属の誤り"
    )
    wrong.refresh_from_db()
    assert wrong.status == ActionStatus.SUPERSEDED
    assert (correction.status, correction.corrects_id) == (ActionStatus.APPLIED, wrong.pk)
    assert [(p[0], p[1], p[2], p[5]) for p in periods(e)] == [
        (HIRED, D(2026, 3, 31), world.somuka.pk, 20),
        (APRIL, D(2026, 6, 30), world.jinjika.pk, 20),
        (D(2026, 7, 1), None, world.jinjika.pk, 21),
    ]
    assert PersonnelAction.objects.filter(employee=e).count() == 4  # hire, wrong, step increase, correction
    event = AuditEvent.objects.get(action="personnel.action.correct")
    assert (event.before["org_unit"], event.after["org_unit"]) == (world.fukushika.pk, world.jinjika.pk)


def test_correction_of_date_moves_the_period(world: World) -> None:
    e = world.hire()
    wrong = act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.jinjika)
    personnel_action_correct(acting_user=world.hr, action=wrong, changes={"effective_on": D(2026, 5, 1)})
    assert [(p[0], p[1]) for p in periods(e)] == [(HIRED, D(2026, 4, 30)), (D(2026, 5, 1), None)]


def test_correction_of_separation_restores_employment(world: World) -> None:
    e = world.hire()
    wrong = act(world, e, ActionType.SEPARATION, D(2026, 3, 31))
    personnel_action_correct(acting_user=world.hr, action=wrong, changes={"effective_on": D(2027, 3, 31)})
    e.refresh_from_db()
    assert e.separated_on == D(2027, 3, 31)
    assert periods(e) == [(HIRED, D(2027, 3, 31), world.somuka.pk, world.shuji.pk, 2, 20, False)]


def test_correction_that_breaks_a_later_action_changes_nothing(world: World) -> None:
    e = world.hire()
    wrong = act(world, e, ActionType.LEAVE_OF_ABSENCE, D(2025, 10, 1))
    act(world, e, ActionType.REINSTATEMENT, APRIL)
    before = periods(e)
    with pytest.raises(DomainError, match="休職中ではない"):
        personnel_action_correct(
            acting_user=world.hr, action=wrong, changes={"action_type": ActionType.TRANSFER, "org_unit": world.jinjika}
        )
    assert periods(e) == before
    assert PersonnelAction.objects.get(pk=wrong.pk).status == ActionStatus.APPLIED


def test_cancel_draft_only(world: World) -> None:
    e = world.hire()
    draft = personnel_action_create(
        acting_user=world.hr, employee=e, action_type=ActionType.STEP_INCREASE, effective_on=APRIL, step=21
    )
    assert personnel_action_cancel(acting_user=world.hr, action=draft).status == ActionStatus.CANCELLED
    applied = PersonnelAction.objects.get(employee=e, action_type=ActionType.HIRE)
    with pytest.raises(DomainError, match="作成中のみ"):
        personnel_action_cancel(acting_user=world.hr, action=applied)


def test_correction_accepts_ids_and_refuses_other_organizations_data(world: World) -> None:
    from jinji.core.tenancy import tenant_context
    from tests.factories import OrganizationFactory, OrgUnitFactory

    e = world.hire()
    wrong = act(world, e, ActionType.TRANSFER, APRIL, org_unit=world.fukushika)
    other = OrganizationFactory()
    with tenant_context(other):
        foreign = OrgUnitFactory(organization=other)
    with pytest.raises(DomainError, match="他の団体"):
        personnel_action_correct(acting_user=world.hr, action=wrong, changes={"org_unit": foreign})
    fixed = personnel_action_correct(acting_user=world.hr, action=wrong, changes={"org_unit_id": world.jinjika.pk})
    assert fixed.org_unit_id == world.jinjika.pk
    assert periods(e)[-1][2] == world.jinjika.pk


def test_correcting_the_hire_date_moves_the_first_period_and_hired_on(world: World) -> None:
    e = world.hire()
    hire = PersonnelAction.objects.get(employee=e, action_type=ActionType.HIRE)
    personnel_action_correct(acting_user=world.hr, action=hire, changes={"effective_on": D(2015, 5, 1)})
    e.refresh_from_db()
    assert e.hired_on == D(2015, 5, 1)
    assert [p[0] for p in periods(e)] == [D(2015, 5, 1)]
