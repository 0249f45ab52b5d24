"""発令バッチ (e.g. the 4/1 mass transfer): create, add rows in bulk, remove rows, cancel."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from typing import Any, TypeVar

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import Organization
from jinji.org.models import OrgUnit
from jinji.personnel.models import ActionBatch, ActionStatus, ActionType, Employee, PersonnelAction
from jinji.personnel.services.auditing import audit_bulk
from jinji.personnel.services.posts import Catalog

CHUNK = 500
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class ActionInput:
    """One 発令 row for a batch (form line or import row). Give ``employee_id`` or ``staff_number``.

    Target fields are ids; blank/None = unchanged. ``effective_on`` defaults to the batch's date.
    ``row`` is the line number reported back in problems.
    """

    action_type: str
    employee_id: int | None = None
    staff_number: str = ""
    effective_on: datetime.date | None = None
    org_unit_id: int | None = None
    position_id: int | None = None
    job_category_id: int | None = None
    appointing_authority_id: int | None = None
    payer_id: int | None = None
    appointment_type: str = ""
    salary_schedule_id: int | None = None
    grade: int | None = None
    step: int | None = None
    work_pattern: str = ""
    weekly_minutes: int | None = None
    end_on: datetime.date | None = None
    post_kind: str = ""
    reason: str = ""
    notice_text: str = ""
    row: int | None = None


_COPIED = tuple(
    f.name for f in fields(ActionInput) if f.name not in ("employee_id", "staff_number", "effective_on", "row")
)


def chunks(items: Iterable[T], size: int = CHUNK) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def lock_draft_batch(batch: ActionBatch) -> ActionBatch:
    locked: ActionBatch = (
        ActionBatch.objects.for_organization(batch.organization_id).select_for_update().get(pk=batch.pk)
    )
    if locked.status != ActionStatus.DRAFT:
        raise DomainError(
            [FieldProblem("status", f"この発令バッチは「{locked.get_status_display()}」のため変更できません")]
        )
    return locked


def action_batch_create(
    *, acting_user: Any, organization: Organization, name: str, effective_on: datetime.date
) -> ActionBatch:
    """発令バッチの作成 (例: 「令和8年4月1日 定期人事異動」)."""
    if not name.strip():
        raise DomainError([FieldProblem("name", "名称を入力してください")])
    with transaction.atomic():
        batch: ActionBatch = ActionBatch.objects.create(
            organization_id=organization.pk, name=name.strip(), effective_on=effective_on, created_by=acting_user
        )
        audit_record(
            actor=acting_user,
            action="personnel.batch.create",
            target=batch,
            after={"name": batch.name, "effective_on": effective_on},
        )
    return batch


def _employee_ids(org_id: int, rows: Sequence[ActionInput]) -> tuple[set[int], dict[str, int]]:
    wanted_ids = {r.employee_id for r in rows if r.employee_id is not None}
    numbers = {r.staff_number.strip() for r in rows if r.employee_id is None and r.staff_number.strip()}
    found: set[int] = set()
    by_number: dict[str, int] = {}
    employees = Employee.objects.for_organization(org_id)
    for part in chunks(sorted(wanted_ids)):
        found.update(employees.filter(pk__in=part).values_list("pk", flat=True))
    for number_part in chunks(sorted(numbers)):
        by_number.update(employees.filter(staff_number__in=number_part).values_list("staff_number", "pk"))
    return found, by_number


def _row_problems(row: ActionInput, line: int, catalog: Catalog, unit_ids: set[int]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if row.action_type not in ActionType.values:
        problems.append(FieldProblem("action_type", f"発令種別「{row.action_type}」は使えません", row=line))
    checks = (
        ("org_unit", row.org_unit_id, unit_ids, "所属"),
        ("position", row.position_id, catalog.positions, "職"),
        ("salary_schedule", row.salary_schedule_id, catalog.schedules, "給料表"),
        ("appointing_authority", row.appointing_authority_id, catalog.authorities, "任命権者"),
        ("payer", row.payer_id, catalog.payers, "給与支払者"),
        ("job_category", row.job_category_id, catalog.job_categories, "職種"),
    )
    for name, value, known, label in checks:
        if value is not None and value not in known:
            problems.append(FieldProblem(name, f"{label}(ID {value})が見つかりません", row=line))
    for name in ("grade", "step"):
        value = getattr(row, name)
        if value is not None and value < 1:
            problems.append(FieldProblem(name, "1以上の整数で入力してください", row=line))
    if row.end_on and row.effective_on and row.end_on < row.effective_on:
        problems.append(FieldProblem("end_on", "終了日は発令日以降の日付にしてください", row=line))
    return problems


def action_batch_add_actions(
    *, acting_user: Any, batch: ActionBatch, rows: Sequence[ActionInput]
) -> list[PersonnelAction]:
    """Add draft 発令 rows to a batch in bulk (all or nothing; every bad row reported with its line).

    Checks here are about the rows themselves (known person, type and codes); whether the
    actions fit the people's posts on the date is :func:`action_batch_validate`'s job.
    """
    org_id = batch.organization_id
    catalog = Catalog.load(org_id)
    unit_ids = set(OrgUnit.objects.for_organization(org_id).values_list("pk", flat=True))
    found, by_number = _employee_ids(org_id, rows)
    problems: list[FieldProblem] = []
    actions: list[PersonnelAction] = []
    with transaction.atomic():
        locked = lock_draft_batch(batch)
        for index, row in enumerate(rows, start=1):
            line = row.row if row.row is not None else index
            employee_id = row.employee_id if row.employee_id is not None else by_number.get(row.staff_number.strip())
            if employee_id is None or (row.employee_id is not None and employee_id not in found):
                who = row.staff_number or str(row.employee_id or "")
                problems.append(FieldProblem("staff_number", f"職員({who})が見つかりません", row=line))
            problems.extend(_row_problems(row, line, catalog, unit_ids))
            actions.append(
                PersonnelAction(
                    organization_id=org_id,
                    batch=locked,
                    employee_id=employee_id or 0,
                    effective_on=row.effective_on or locked.effective_on,
                    status=ActionStatus.DRAFT,
                    row_number=line,
                    created_by=acting_user,
                    **{name: getattr(row, name) for name in _COPIED},
                )
            )
        if problems:
            raise DomainError(problems)
        created = PersonnelAction.objects.bulk_create(actions, batch_size=CHUNK)
        audit_bulk(
            actor=acting_user,
            action="personnel.action.create",
            targets=created,
            afters=[_summary(a) for a in created],
            organization_id=org_id,
        )
    return created


def _summary(action: PersonnelAction) -> dict[str, Any]:
    return {
        "employee": action.employee_id,
        "batch": action.batch_id,
        "action_type": action.action_type,
        "effective_on": action.effective_on,
        "org_unit": action.org_unit_id,
        "position": action.position_id,
        "salary_schedule": action.salary_schedule_id,
        "grade": action.grade,
        "step": action.step,
        "appointment_type": action.appointment_type,
        "end_on": action.end_on,
        "row": action.row_number,
    }


def action_batch_remove_actions(*, acting_user: Any, batch: ActionBatch, action_ids: Iterable[int]) -> int:
    """Take draft rows out of a batch (they stay, with status 取消). Returns how many."""
    ids = sorted(set(action_ids))
    with transaction.atomic():
        locked = lock_draft_batch(batch)
        qs = PersonnelAction.objects.for_organization(locked.organization_id).filter(
            batch=locked, status=ActionStatus.DRAFT, pk__in=ids
        )
        removed = list(qs.values_list("pk", flat=True))
        qs.update(status=ActionStatus.CANCELLED)
        audit_record(
            actor=acting_user, action="personnel.batch.remove_actions", target=locked, after={"actions": removed}
        )
    return len(removed)


def action_batch_cancel(*, acting_user: Any, batch: ActionBatch) -> ActionBatch:
    """発令バッチの取消 before it is applied: the batch and its draft rows get status 取消."""
    with transaction.atomic():
        locked = lock_draft_batch(batch)
        count = (
            PersonnelAction.objects.for_organization(locked.organization_id)
            .filter(batch=locked, status=ActionStatus.DRAFT)
            .update(status=ActionStatus.CANCELLED)
        )
        locked.status = ActionStatus.CANCELLED
        locked.save(update_fields=["status"])
        audit_record(
            actor=acting_user, action="personnel.batch.cancel", target=locked, after={"cancelled_actions": count}
        )
    return locked
