"""発令 and 発令バッチ lists."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from jinji.core.models import Organization
from jinji.personnel.models import ActionBatch, ActionStatus, ActionType, PersonnelAction
from jinji.personnel.selectors.assignments import unit_names_at
from jinji.personnel.selectors.views import ActionView


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def action_list(
    *,
    organization: Organization | int,
    employee_id: int | None = None,
    batch_id: int | None = None,
    status: str | None = None,
) -> QuerySet[PersonnelAction]:
    """発令 in date order, with employee, position and batch joined (no per-row queries)."""
    qs = PersonnelAction.objects.for_organization(_org_id(organization)).select_related(
        "employee", "position", "salary_schedule", "batch"
    )
    if employee_id is not None:
        qs = qs.filter(employee_id=employee_id)
    if batch_id is not None:
        qs = qs.filter(batch_id=batch_id)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("effective_on", "id")


def action_batch_list(*, organization: Organization | int, status: str | None = None) -> QuerySet[ActionBatch]:
    """発令バッチ, newest first, each annotated with ``action_count``."""
    qs: QuerySet[ActionBatch] = ActionBatch.objects.for_organization(_org_id(organization)).annotate(
        action_count=Count("actions")
    )
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-effective_on", "-id")


def action_views(*, organization: Organization | int, actions: Iterable[PersonnelAction]) -> list[ActionView]:
    """Views of ``actions`` (fetch them with ``action_list`` to avoid per-row queries); one query for unit names."""
    items = list(actions)
    names = unit_names_at(organization, [(a.org_unit_id, a.effective_on) for a in items if a.org_unit_id])
    return [
        ActionView(
            id=a.pk,
            action_type=a.action_type,
            action_type_label=str(ActionType(a.action_type).label),
            effective_on=a.effective_on,
            status=a.status,
            status_label=str(ActionStatus(a.status).label),
            unit_name=names[(a.org_unit_id, a.effective_on)][1] if a.org_unit_id else "",
            position_name=a.position.name if a.position_id and a.position else "",
            grade=a.grade,
            step=a.step,
            end_on=a.end_on,
            reason=a.reason,
            corrects_id=a.corrects_id,
            batch_id=a.batch_id,
        )
        for a in items
    ]
