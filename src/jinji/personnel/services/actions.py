"""発令 (personnel actions): create as draft, apply, correct an applied one, cancel a draft."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.personnel.models import ActionBatch, ActionStatus, ActionType, Employee, PersonnelAction
from jinji.personnel.services.applying import plan_for, raise_if_problems, replay_key, undo_action, write_plan
from jinji.personnel.services.common import bump_version, check_version, lock_employee, model_values, unknown_fields
from jinji.personnel.services.posts import Catalog

ACTION_FIELDS = (
    "action_type",
    "effective_on",
    "org_unit",
    "position",
    "job_category",
    "appointing_authority",
    "payer",
    "appointment_type",
    "salary_schedule",
    "grade",
    "step",
    "work_pattern",
    "weekly_minutes",
    "end_on",
    "post_kind",
    "notice_text",
    "reason",
)
_RELATED = frozenset({"org_unit", "position", "job_category", "appointing_authority", "payer", "salary_schedule"})
EDITABLE = frozenset(ACTION_FIELDS) | {f"{name}_id" for name in _RELATED}
"""Keys ``changes`` may use: field names (instances for relations) or ``<relation>_id`` (ids)."""


def _attnames(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` with relations as ``<name>_id`` → id, so values can be set without queries."""
    result: dict[str, Any] = {}
    for key, value in changes.items():
        if key in _RELATED:
            result[f"{key}_id"] = None if value is None else value.pk
        else:
            result[key] = value
    return result


def _current_values(action: PersonnelAction) -> dict[str, Any]:
    return {
        (f"{n}_id" if n in _RELATED else n): getattr(action, f"{n}_id" if n in _RELATED else n) for n in ACTION_FIELDS
    }


def action_values(action: PersonnelAction) -> dict[str, Any]:
    """The action's content for the audit trail."""
    values = model_values(action, (*ACTION_FIELDS, "status", "corrects", "batch"))
    values["employee"] = action.employee_id
    return values


def _field_problems(values: Mapping[str, Any], organization_id: int) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if values.get("action_type") not in ActionType.values:
        problems.append(FieldProblem("action_type", "発令種別を選んでください"))
    if not isinstance(values.get("effective_on"), datetime.date):
        problems.append(FieldProblem("effective_on", "発令日を入力してください"))
    end_on, on = values.get("end_on"), values.get("effective_on")
    if isinstance(end_on, datetime.date) and isinstance(on, datetime.date) and end_on < on:
        problems.append(FieldProblem("end_on", "終了日は発令日以降の日付にしてください"))
    for name in ("grade", "step"):
        value = values.get(name)
        if value is not None and (not isinstance(value, int) or value < 1):
            problems.append(FieldProblem(name, "1以上の整数で入力してください"))
    return problems + _related_problems(values, organization_id)


def _related_problems(values: Mapping[str, Any], organization_id: int) -> list[FieldProblem]:
    return [
        FieldProblem(name, "他の団体のデータは指定できません")
        for name in sorted(_RELATED)
        if values.get(name) is not None and getattr(values[name], "organization_id", organization_id) != organization_id
    ]


def personnel_action_create(
    *,
    acting_user: Any,
    employee: Employee,
    action_type: str,
    effective_on: datetime.date,
    org_unit: OrgUnit | None = None,
    position: Position | None = None,
    job_category: JobCategory | None = None,
    appointing_authority: AppointingAuthority | None = None,
    payer: Payer | None = None,
    appointment_type: str = "",
    salary_schedule: SalarySchedule | None = None,
    grade: int | None = None,
    step: int | None = None,
    work_pattern: str = "",
    weekly_minutes: int | None = None,
    end_on: datetime.date | None = None,
    post_kind: str = "",
    reason: str = "",
    notice_text: str = "",
    batch: ActionBatch | None = None,
) -> PersonnelAction:
    """発令の作成 (下書き). Blank target fields mean "unchanged"; apply with :func:`personnel_action_apply`.

    Future dates are normal. Content is checked against the employee's posts when applied.
    """
    values: dict[str, Any] = {k: v for k, v in locals().items() if k in EDITABLE}
    problems = _field_problems(values, employee.organization_id)
    if batch is not None and (batch.organization_id != employee.organization_id or batch.status != ActionStatus.DRAFT):
        problems.append(FieldProblem("batch", "作成中の発令バッチにだけ追加できます"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        action: PersonnelAction = PersonnelAction.objects.create(
            organization_id=employee.organization_id,
            employee=employee,
            batch=batch,
            created_by=acting_user,
            **values,
        )
        audit_record(actor=acting_user, action="personnel.action.create", target=action, after=action_values(action))
    return action


def _locked_action(action: PersonnelAction, *statuses: str) -> PersonnelAction:
    locked: PersonnelAction = (
        PersonnelAction.objects.for_organization(action.organization_id).select_for_update().get(pk=action.pk)
    )
    if locked.status not in statuses:
        labels = "・".join(str(ActionStatus(s).label) for s in statuses)
        raise DomainError(
            [FieldProblem("status", f"この発令は「{locked.get_status_display()}」です({labels}のみ操作できます)")]
        )
    return locked


def personnel_action_update(
    *, acting_user: Any, action: PersonnelAction, changes: Mapping[str, Any]
) -> PersonnelAction:
    """下書きの発令の修正. Applied actions are changed only by :func:`personnel_action_correct`."""
    problems = unknown_fields(changes, EDITABLE)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = _locked_action(action, ActionStatus.DRAFT)
        before = action_values(locked)
        problems = _related_problems(changes, locked.organization_id)
        for name, value in _attnames(changes).items():
            setattr(locked, name, value)
        problems += _field_problems(_current_values(locked), locked.organization_id)
        if problems:
            raise DomainError(problems)
        locked.save()
        audit_record(
            actor=acting_user,
            action="personnel.action.update",
            target=locked,
            before=before,
            after=action_values(locked),
        )
    return locked


def personnel_action_cancel(*, acting_user: Any, action: PersonnelAction) -> PersonnelAction:
    """下書きの発令の取消 (the row stays, status 取消). Applied actions are corrected, not cancelled."""
    with transaction.atomic():
        locked = _locked_action(action, ActionStatus.DRAFT)
        locked.status = ActionStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_record(
            actor=acting_user,
            action="personnel.action.cancel",
            target=locked,
            before={"status": ActionStatus.DRAFT},
            after={"status": ActionStatus.CANCELLED},
        )
    return locked


def personnel_action_apply(
    *, acting_user: Any, action: PersonnelAction, expected_version: int | None = None
) -> PersonnelAction:
    """発令の確定: changes the employee's assignment periods as of the 発令日 (see ``planning``).

    Refused (DomainError, nothing changed) when the employee is not in post on the date, the
    unit/職/給料表 does not exist then, a 級 exceeds the schedule, or a later 発令 is already
    applied (enter a correction instead). ``expected_version`` guards against concurrent edits.
    """
    with transaction.atomic():
        employee = lock_employee(action.employee_id, organization_id=action.organization_id)
        check_version(employee, expected_version)
        locked = _locked_action(action, ActionStatus.DRAFT)
        plan = plan_for(locked, employee, Catalog.load(employee.organization_id))
        raise_if_problems(locked, employee, plan)
        write_plan(locked, employee, plan, acting_user=acting_user)
        bump_version(employee)
        audit_record(actor=acting_user, action="personnel.action.apply", target=locked, after=action_values(locked))
    return locked


def personnel_action_correct(
    *,
    acting_user: Any,
    action: PersonnelAction,
    changes: Mapping[str, Any],
    reason: str = "",
    expected_version: int | None = None,
) -> PersonnelAction:
    """確定済みの発令の訂正: a new action (``corrects`` = the wrong one) supersedes it.

    ``changes`` holds the corrected fields (as for :func:`personnel_action_create`). The
    assignment periods from the earlier of the two dates are rebuilt: later applied actions
    are taken off, the correction is applied, and they are put back on in date order. The
    wrong action stays with status 訂正済; both are in the history and the audit trail.
    """
    problems = unknown_fields(changes, EDITABLE)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        employee = lock_employee(action.employee_id, organization_id=action.organization_id)
        check_version(employee, expected_version)
        wrong = _locked_action(action, ActionStatus.APPLIED)
        problems = _related_problems(changes, wrong.organization_id)
        values = _current_values(wrong)
        values.update(_attnames(changes))
        values["reason"] = reason or values["reason"]
        problems += _field_problems(values, wrong.organization_id)
        if problems:
            raise DomainError(problems)
        correction = PersonnelAction(
            organization_id=wrong.organization_id,
            employee_id=wrong.employee_id,
            corrects=wrong,
            created_by=acting_user,
            **values,
        )
        _rebuild(wrong, correction, employee, acting_user)
        _follow_hire_date(wrong, correction, employee)
        bump_version(employee)
        audit_record(
            actor=acting_user,
            action="personnel.action.correct",
            target=correction,
            before=action_values(wrong),
            after=action_values(correction),
        )
    return correction


def _follow_hire_date(wrong: PersonnelAction, correction: PersonnelAction, employee: Employee) -> None:
    """A corrected 採用 dated on the 入庁日 moves the 入庁日 with it."""
    was_first_hire = wrong.action_type == ActionType.HIRE and wrong.effective_on == employee.hired_on
    if was_first_hire and correction.action_type == ActionType.HIRE and correction.effective_on != employee.hired_on:
        employee.hired_on = correction.effective_on
        Employee.objects.for_organization(employee.organization_id).filter(pk=employee.pk).update(
            hired_on=correction.effective_on
        )


def _rebuild(wrong: PersonnelAction, correction: PersonnelAction, employee: Employee, acting_user: Any) -> None:
    start = min(wrong.effective_on, correction.effective_on)
    affected = list(
        PersonnelAction.objects.for_organization(employee.organization_id)
        .select_for_update()
        .filter(employee_id=employee.pk, status=ActionStatus.APPLIED)
        .filter(Q(effective_on__gte=start) | Q(pk=wrong.pk))
    )
    for applied in sorted(affected, key=lambda a: (a.applied_at, a.effective_on, a.pk), reverse=True):
        undo_action(applied, employee)
    wrong.status = ActionStatus.SUPERSEDED
    wrong.save(update_fields=["status"])
    correction.status = ActionStatus.DRAFT
    correction.save()
    catalog = Catalog.load(employee.organization_id)
    replay = sorted([a for a in affected if a.pk != wrong.pk] + [correction], key=replay_key)
    for item in replay:
        plan = plan_for(item, employee, catalog, check_later_actions=False)
        raise_if_problems(item, employee, plan)
        write_plan(item, employee, plan, acting_user=acting_user, keep_stamp=item.pk != correction.pk)
