"""Applying one 発令 to the database, and undoing it (for corrections). Callers hold the locks.

Each applied action records in ``undo`` which assignments it ended and their previous end
date, and the previous 退職日, so a correction can take later actions off in reverse order,
fix the wrong one and put the rest back on: the assignment periods are rebuilt, the actions
themselves all stay.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import ActionStatus, ActionType, Assignment, Employee, PersonnelAction
from jinji.personnel.post_changes import posts_changed
from jinji.personnel.services.common import from_iso, iso
from jinji.personnel.services.planning import PRIMARY_AFFECTING, ActionSpec, Period, Plan, plan_action, spec_values
from jinji.personnel.services.posts import Catalog, concurrent_on, later_primary, load_periods, primary_on


def spec_of(action: PersonnelAction) -> ActionSpec:
    return ActionSpec(
        action_type=action.action_type,
        effective_on=action.effective_on,
        values=spec_values(action),
        end_on=action.end_on,
        post_kind=action.post_kind,
    )


def new_assignment(org_id: int, employee_id: int, action: PersonnelAction | None, period: Period) -> Assignment:
    """An unsaved Assignment for a planned period."""
    post = period.post
    return Assignment(
        organization_id=org_id,
        employee_id=employee_id,
        kind=post.kind,
        org_unit_id=post.org_unit_id,
        position_id=post.position_id,
        job_category_id=post.job_category_id,
        appointing_authority_id=post.appointing_authority_id,
        payer_id=post.payer_id,
        appointment_type=post.appointment_type,
        salary_schedule_id=post.salary_schedule_id,
        grade=post.grade,
        step=post.step,
        work_pattern=post.work_pattern,
        weekly_minutes=post.weekly_minutes,
        is_on_leave=post.is_on_leave,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
        action=action,
    )


def _type_label(action_type: str) -> str:
    return str(ActionType(action_type).label) if action_type in ActionType.values else action_type


def later_action_problem(effective_on: datetime.date, action_type: str) -> tuple[str, str]:
    return (
        "effective_on",
        f"{effective_on.isoformat()}付けの発令({_type_label(action_type)})が既に確定しています。"
        "それより前の日付の発令は、確定済みの発令の訂正として登録してください",
    )


def separated_problem(separated_on: datetime.date) -> tuple[str, str]:
    return ("employee", f"{separated_on.isoformat()}に退職済みです")


def order_problems(
    action: PersonnelAction, periods: list[Period], *, check_later_actions: bool = True
) -> list[tuple[str, str]]:
    """A 発令 may not be slipped in before a later one already applied (use a correction instead)."""
    if action.action_type not in PRIMARY_AFFECTING:
        return []
    problems: list[tuple[str, str]] = []
    if check_later_actions:
        later = (
            PersonnelAction.objects.for_organization(action.organization_id)
            .filter(employee_id=action.employee_id, status=ActionStatus.APPLIED, effective_on__gt=action.effective_on)
            .exclude(pk=action.pk)
            .order_by("effective_on")
            .first()
        )
        if later is not None:
            problems.append(later_action_problem(later.effective_on, later.action_type))
    after = later_primary(periods, action.effective_on)
    if after is not None and not problems:
        problems.append(("effective_on", f"{after.valid_from.isoformat()}からの任用が既に登録されています"))
    return problems


def plan_for(
    action: PersonnelAction, employee: Employee, catalog: Catalog, *, check_later_actions: bool = True
) -> Plan:
    """Plan ``action`` against the employee's posts in the database; problems collected, not raised."""
    on = action.effective_on
    periods = load_periods(employee.organization_id, since=on, employee_ids=[employee.pk]).get(employee.pk, [])
    problems = order_problems(action, periods, check_later_actions=check_later_actions)
    if employee.separated_on and employee.separated_on < on and action.action_type != ActionType.HIRE:
        problems.append(separated_problem(employee.separated_on))
    plan = plan_action(
        spec_of(action),
        primary=primary_on(periods, on),
        concurrent=concurrent_on(periods, on),
        unit_authority=catalog.units_on(on),
    )
    if action.org_unit_id and action.org_unit_id not in catalog.units_on(on):
        problems.append(("org_unit", f"所属(ID {action.org_unit_id})は{on.isoformat()}に存在しません"))
    for period in plan.opens:
        problems.extend(p for p in catalog.post_problems(period.post, period.valid_from) if p not in problems)
    plan.problems = problems + plan.problems
    return plan


def raise_if_problems(action: PersonnelAction, employee: Employee, plan: Plan) -> None:
    if plan.problems:
        who = f"{employee.staff_number} {employee.full_name}"
        raise DomainError(
            [FieldProblem(field, f"{who}: {message}", row=action.row_number) for field, message in plan.problems]
        )


def write_plan(
    action: PersonnelAction, employee: Employee, plan: Plan, *, acting_user: Any, keep_stamp: bool = False
) -> list[Assignment]:
    """Carry out ``plan`` for ``action`` (locks held by the caller); returns the new assignments."""
    org_id = employee.organization_id
    undo: dict[str, Any] = {"closed": []}
    for period, valid_to in plan.closes:
        undo["closed"].append([period.id, iso(period.valid_to)])
        Assignment.objects.for_organization(org_id).filter(pk=period.id).update(valid_to=valid_to)
    created = [Assignment.objects.create(**_fields(new_assignment(org_id, employee.pk, action, p))) for p in plan.opens]
    if plan.separated_on is not None or (plan.clears_separation and employee.separated_on is not None):
        undo["separated_on"] = iso(employee.separated_on)
        employee.separated_on = plan.separated_on
        Employee.objects.for_organization(org_id).filter(pk=employee.pk).update(separated_on=plan.separated_on)
    action.status = ActionStatus.APPLIED
    action.undo = undo
    if not keep_stamp or action.applied_at is None:
        action.applied_by = acting_user
        action.applied_at = timezone.now()
    action.save(update_fields=["status", "undo", "applied_by", "applied_at"])
    posts_changed(org_id, [employee.pk])
    return created


def _fields(assignment: Assignment) -> dict[str, Any]:
    return {f.attname: getattr(assignment, f.attname) for f in Assignment._meta.concrete_fields if f.attname != "id"}


def undo_action(action: PersonnelAction, employee: Employee) -> None:
    """Take an applied action's effect off the assignment periods (reverse of :func:`write_plan`)."""
    org_id = employee.organization_id
    Assignment.objects.for_organization(org_id).filter(action_id=action.pk).delete()
    for assignment_id, old_valid_to in reversed(action.undo.get("closed", [])):
        Assignment.objects.for_organization(org_id).filter(pk=assignment_id).update(valid_to=from_iso(old_valid_to))
    if "separated_on" in action.undo:
        employee.separated_on = from_iso(action.undo["separated_on"])
        Employee.objects.for_organization(org_id).filter(pk=employee.pk).update(separated_on=employee.separated_on)
    posts_changed(org_id, [employee.pk])


def replay_key(action: PersonnelAction) -> tuple[datetime.date, int, int]:
    from jinji.personnel.services.planning import APPLY_ORDER

    return (action.effective_on, APPLY_ORDER.get(ActionType(action.action_type), 9), action.pk or 0)
