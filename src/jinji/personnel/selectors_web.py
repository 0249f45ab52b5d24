"""Small reads the web screens and the API need that the main selectors do not offer (yet).

Kept apart so the owner of :mod:`jinji.personnel.selectors` can fold them in later.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Q

from jinji.accounts.scope import AnyUser
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import TenantModel, as_of_q
from jinji.org.models import AppointingAuthority, JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.personnel.models import ActionBatch, ActionStatus, Assignment, AssignmentKind, Employee, PersonnelAction
from jinji.personnel.permissions import employee_scope_q


def unit_member_counts(
    *, organization: int, on: datetime.date, unit_ids: Iterable[int] | None = None
) -> dict[int, int]:
    """Number of staff with a primary (本務) assignment in each unit on ``on``. One query."""
    qs = Assignment.objects.for_organization(organization).filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
    if unit_ids is not None:
        qs = qs.filter(org_unit_id__in=list(unit_ids))
    rows = qs.values("org_unit_id").annotate(n=Count("employee_id", distinct=True)).values_list("org_unit_id", "n")
    return dict(rows)


def hr_dashboard_counts(*, organization: int, user: AnyUser, on: datetime.date) -> dict[str, int]:
    """Counts for the HR home: staff in post, draft 発令, future applied 発令, open batches (one query each)."""
    in_post = (
        Employee.objects.for_organization(organization)
        .filter(employee_scope_q(user, on=on))
        .filter(pk__in=Assignment.objects.for_organization(organization).filter(as_of_q(on)).values("employee_id"))
        .count()
    )
    actions = PersonnelAction.objects.for_organization(organization).aggregate(
        drafts=Count("id", filter=Q(status=ActionStatus.DRAFT)),
        upcoming=Count("id", filter=Q(status=ActionStatus.APPLIED, effective_on__gt=on)),
    )
    open_batches = ActionBatch.objects.for_organization(organization).filter(status=ActionStatus.DRAFT).count()
    return {
        "in_post": in_post,
        "draft_actions": int(actions["drafts"] or 0),
        "upcoming_actions": int(actions["upcoming"] or 0),
        "open_batches": open_batches,
    }


def action_get(*, organization: int, action_id: int) -> PersonnelAction | None:
    """One 発令 with its employee and batch joined, or None."""
    return (
        PersonnelAction.objects.for_organization(organization)
        .select_related("employee", "batch", "position", "org_unit", "salary_schedule", "corrects")
        .filter(pk=action_id)
        .first()
    )


def employee_get(*, organization: int, employee_id: int) -> Employee | None:
    """The employee row (no scope: the caller checks with :mod:`jinji.personnel.permissions`)."""
    return Employee.objects.for_organization(organization).filter(pk=employee_id).first()


_REF_MODELS: dict[str, tuple[type[TenantModel], str]] = {
    "org_unit": (OrgUnit, "所属"),
    "position": (Position, "職"),
    "job_category": (JobCategory, "職種"),
    "appointing_authority": (AppointingAuthority, "任命権者"),
    "payer": (Payer, "給与支払者"),
    "salary_schedule": (SalarySchedule, "給料表"),
}


def master_refs(*, organization: int, ids: Mapping[str, int | None]) -> dict[str, Any]:
    """Resolve ``{"org_unit": 3, "position": None, …}`` to rows of the organization (None stays None).

    Raises DomainError naming every field whose id is not one of the organization's rows,
    so an id from another 団体 reads as unknown (one query per id given).
    """
    resolved: dict[str, Any] = {}
    problems: list[FieldProblem] = []
    for name, pk in ids.items():
        if pk is None:
            resolved[name] = None
            continue
        model, label = _REF_MODELS[name]
        row = model.objects.for_organization(organization).filter(pk=pk).first()
        if row is None:
            problems.append(FieldProblem(f"{name}_id", f"{label}(ID {pk})が見つかりません"))
        resolved[name] = row
    if problems:
        raise DomainError(problems)
    return resolved


def batch_get(*, organization: int, batch_id: int) -> ActionBatch | None:
    """One 発令バッチ, or None."""
    return ActionBatch.objects.for_organization(organization).filter(pk=batch_id).first()
