"""任用 (assignment) reads with names resolved; unit names as of the right date, in bulk."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from jinji.core.models import Organization, as_of_q
from jinji.org.models import OrgUnitVersion
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, WorkPattern
from jinji.personnel.selectors.views import AssignmentView


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def unit_names_at(
    organization: Organization | int, wanted: Iterable[tuple[int, datetime.date]]
) -> dict[tuple[int, datetime.date], tuple[str, str]]:
    """(unit id, date) → (所属コード, name on that date). One query for any number of pairs.

    A date outside every version falls back to the nearest version (so a closed unit still
    has a name in history).
    """
    pairs = set(wanted)
    if not pairs:
        return {}
    versions: defaultdict[int, list[tuple[datetime.date, datetime.date | None, str, str]]] = defaultdict(list)
    qs = (
        OrgUnitVersion.objects.for_organization(_org_id(organization))
        .filter(unit_id__in={u for u, _ in pairs})
        .order_by("valid_from")
        .values_list("unit_id", "valid_from", "valid_to", "name", "unit__code")
    )
    for unit_id, start, end, name, code in qs:
        versions[unit_id].append((start, end, name, code))
    result: dict[tuple[int, datetime.date], tuple[str, str]] = {}
    for unit_id, on in pairs:
        found = versions.get(unit_id, [])
        chosen = next((v for v in found if v[0] <= on and (v[1] is None or on <= v[1])), None)
        if chosen is None and found:
            before = [v for v in found if v[0] <= on]
            chosen = before[-1] if before else found[0]
        result[(unit_id, on)] = (chosen[3], chosen[2]) if chosen else ("", "")
    return result


def _with_names(qs: QuerySet[Assignment]) -> QuerySet[Assignment]:
    return qs.select_related("position", "job_category", "appointing_authority", "payer", "salary_schedule")


def _label(choices: type[AppointmentType] | type[WorkPattern] | type[AssignmentKind], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _view(a: Assignment, unit: tuple[str, str]) -> AssignmentView:
    return AssignmentView(
        id=a.pk,
        kind=a.kind,
        kind_label=_label(AssignmentKind, a.kind),
        valid_from=a.valid_from,
        valid_to=a.valid_to,
        org_unit_id=a.org_unit_id,
        unit_code=unit[0],
        unit_name=unit[1],
        position_id=a.position_id,
        position_name=a.position.name if a.position else "",
        job_category_id=a.job_category_id,
        job_category_name=a.job_category.name if a.job_category else "",
        appointing_authority_id=a.appointing_authority_id,
        appointing_authority_name=a.appointing_authority.name,
        payer_id=a.payer_id,
        payer_name=a.payer.name if a.payer else "",
        appointment_type=a.appointment_type,
        appointment_type_label=_label(AppointmentType, a.appointment_type),
        salary_schedule_id=a.salary_schedule_id,
        salary_schedule_name=a.salary_schedule.name if a.salary_schedule else "",
        grade=a.grade,
        step=a.step,
        work_pattern=a.work_pattern,
        work_pattern_label=_label(WorkPattern, a.work_pattern),
        weekly_minutes=a.weekly_minutes,
        is_on_leave=a.is_on_leave,
        action_id=a.action_id,
    )


def _views(organization: Organization | int, rows: list[Assignment], on: datetime.date | None) -> list[AssignmentView]:
    names = unit_names_at(organization, [(a.org_unit_id, on or a.valid_from) for a in rows])
    return [_view(a, names[(a.org_unit_id, on or a.valid_from)]) for a in rows]


def assignment_views_on(
    *, organization: Organization | int, employee_ids: Iterable[int], on: datetime.date
) -> dict[int, list[AssignmentView]]:
    """Assignments in force on ``on`` per employee, primary first. Two queries."""
    rows = list(
        _with_names(
            Assignment.objects.for_organization(_org_id(organization)).filter(
                as_of_q(on), employee_id__in=list(employee_ids)
            )
        ).order_by("employee_id", "kind", "valid_from")
    )
    rows.sort(key=lambda a: (a.employee_id, a.kind != AssignmentKind.PRIMARY, a.valid_from))
    result: dict[int, list[AssignmentView]] = defaultdict(list)
    for view, a in zip(_views(organization, rows, on), rows, strict=True):
        result[a.employee_id].append(view)
    return dict(result)


def employee_assignment_history(*, organization: Organization | int, employee_id: int) -> list[AssignmentView]:
    """Every assignment period of one employee, oldest first; unit names as at each period's start."""
    rows = list(
        _with_names(
            Assignment.objects.for_organization(_org_id(organization)).filter(employee_id=employee_id)
        ).order_by("valid_from", "kind", "id")
    )
    return _views(organization, rows, None)
