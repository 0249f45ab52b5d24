"""Pick lists for the workflow screens' filters (one query each)."""

from __future__ import annotations

from jinji.accounts.models import User
from jinji.workflow.models import Task, TaskStatus, WorkflowInstance

UNIT_CHOICE_SCAN = 2_000
"""Pending items looked at for the unit pick list (an inbox of 10,000 items would otherwise cost a join of all)."""


def inbox_unit_choices(*, user: User) -> list[tuple[int, str]]:
    """(unit id, name) of the applicants' units among the user's pending items (up to
    :data:`UNIT_CHOICE_SCAN` of them), by name. One bounded query."""
    pending = Task.objects.filter(assignee=user, status=TaskStatus.PENDING).order_by().values("instance_id")
    rows = (
        WorkflowInstance.objects.filter(pk__in=pending[:UNIT_CHOICE_SCAN], applicant_unit_id__isnull=False)
        .order_by()
        .values_list("applicant_unit_id", "applicant_unit_name")
        .distinct()
    )
    seen: dict[int, str] = {}
    for unit_id, name in rows:
        if unit_id is not None and unit_id not in seen:
            seen[unit_id] = name or f"所属{unit_id}"
    return sorted(seen.items(), key=lambda item: item[1])


def instance_parties(*, instance_id: int) -> tuple[int | None, int | None]:
    """(applicant user id, entered-by user id) of an application, for choosing its buttons. One query."""
    row = WorkflowInstance.objects.filter(pk=instance_id).values_list("applicant_id", "entered_by_id").first()
    return (row[0], row[1]) if row is not None else (None, None)
