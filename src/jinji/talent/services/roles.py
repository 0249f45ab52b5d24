"""役割の指定 (DX推進員 …) for a term, and its end. Every designation is audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.org.models import OrgUnit
from jinji.personnel.models import Employee
from jinji.talent import events
from jinji.talent.models import RoleTag, RoleTagAssignment
from jinji.talent.permissions import require_hr_for
from jinji.talent.services.common import lock_employee, primary_unit_on, raise_if, same_organization


def _facts(row: RoleTagAssignment) -> dict[str, Any]:
    return {
        "employee": row.employee_id,
        "tag": row.tag_id,
        "org_unit": row.org_unit_id,
        "valid_from": row.valid_from,
        "valid_to": row.valid_to,
    }


def _overlap_q(valid_from: datetime.date, valid_to: datetime.date | None) -> Q:
    starts_before_end = Q() if valid_to is None else Q(valid_from__lte=valid_to)
    return starts_before_end & (Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))


def _refuse_overlap(
    employee: Employee, tag: RoleTag, valid_from: datetime.date, valid_to: datetime.date | None
) -> None:
    """The same role may not overlap another term of the employee (call with the employee locked)."""
    clash = (
        RoleTagAssignment.objects.for_organization(employee.organization_id)
        .filter(employee=employee, tag=tag)
        .filter(_overlap_q(valid_from, valid_to))
        .first()
    )
    if clash is not None:
        until = f"{clash.valid_to:%Y年%m月%d日}" if clash.valid_to else ""
        message = f"この職員は{clash.valid_from:%Y年%m月%d日}〜{until}に既に「{tag.name}」です(任期が重なります)"
        raise_if([FieldProblem("valid_from", message)])


def role_tag_designate(
    *,
    acting_user: Any,
    employee: Employee,
    tag: RoleTag,
    valid_from: datetime.date,
    valid_to: datetime.date | None = None,
    org_unit: OrgUnit | None = None,
    note: str = "",
) -> RoleTagAssignment:
    """役割の指定 for a term (任期: ``valid_from``〜``valid_to``, open end allowed).

    For a per-unit role (DX推進員) the unit defaults to the employee's 本務 unit on ``valid_from``.
    Refused when the same role overlaps an existing term of the employee.
    """
    require_hr_for(acting_user, employee, on=valid_from)
    problems = same_organization(tag, employee.organization_id, "tag", "役割")
    if org_unit is not None:
        problems += same_organization(org_unit, employee.organization_id, "org_unit", "所属")
    if valid_to is not None and valid_to < valid_from:
        problems.append(FieldProblem("valid_to", "任期の終了日は開始日以降の日付にしてください"))
    unit_id = org_unit.pk if org_unit is not None else None
    if unit_id is None and tag.one_per_unit:
        unit_id = primary_unit_on(employee.organization_id, employee.pk, valid_from)
        if unit_id is None:
            problems.append(
                FieldProblem("org_unit", f"{valid_from:%Y年%m月%d日}に所属のない職員です。担当所属を指定してください")
            )
    raise_if(problems)
    with transaction.atomic():
        lock_employee(employee)
        _refuse_overlap(employee, tag, valid_from, valid_to)
        row: RoleTagAssignment = RoleTagAssignment.objects.create(
            organization_id=employee.organization_id,
            employee=employee,
            tag=tag,
            org_unit_id=unit_id,
            valid_from=valid_from,
            valid_to=valid_to,
            note=note.strip()[:200],
            designated_by=acting_user,
        )
        audit_record(actor=acting_user, action=events.ROLE_TAG_DESIGNATE, target=row, after=_facts(row))
    return row


def role_tag_end(*, acting_user: Any, assignment: RoleTagAssignment, end_on: datetime.date) -> RoleTagAssignment:
    """役割の指定の終了 (任期の末日を設定・短縮)."""
    with transaction.atomic():
        locked: RoleTagAssignment = (
            RoleTagAssignment.objects.for_organization(assignment.organization_id)
            .select_for_update()
            .select_related("employee")
            .get(pk=assignment.pk)
        )
        require_hr_for(acting_user, locked.employee)
        problems: list[FieldProblem] = []
        if end_on < locked.valid_from:
            problems.append(FieldProblem("end_on", "終了日は任期の開始日以降の日付にしてください"))
        elif locked.valid_to is not None and end_on > locked.valid_to:
            problems.append(
                FieldProblem("end_on", "終了日を現在の任期の末日より後にはできません(新しく指定してください)")
            )
        raise_if(problems)
        before = _facts(locked)
        locked.valid_to = end_on
        locked.save(update_fields=["valid_to"])
        audit_record(actor=acting_user, action=events.ROLE_TAG_END, target=locked, before=before, after=_facts(locked))
    return locked
