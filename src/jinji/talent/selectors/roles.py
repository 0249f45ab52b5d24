"""役割の参照: current designations, an employee's roles, and units with nobody in a per-unit role."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from jinji.core.models import as_of_q
from jinji.org.models import UnitLevel
from jinji.org.selectors import unit_infos, unit_path_names
from jinji.talent.models import RoleTag, RoleTagAssignment

UNIT_LEVELS = (UnitLevel.DIVISION, UnitLevel.OFFICE)
"""所属 for the per-unit roles (DX推進員 in every 課 and 出先機関)."""


def role_tag_list(*, organization: int) -> QuerySet[RoleTag]:
    return RoleTag.objects.for_organization(organization).filter(is_active=True).order_by("sort_order", "code")


def role_tag_by_code(*, organization: int, code: str) -> RoleTag | None:
    return role_tag_list(organization=organization).filter(code=code).first()


@dataclass(frozen=True, slots=True)
class DesignationView:
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    tag_id: int
    tag_name: str
    unit_name: str
    valid_from: datetime.date
    valid_to: datetime.date | None
    note: str


def designations(
    *,
    organization: int,
    on: datetime.date | None = None,
    tag_id: int | None = None,
    employee_id: int | None = None,
    limit: int = 500,
) -> list[DesignationView]:
    """役割の指定 (in force on ``on`` when given), with unit names as of that day. Bounded: two queries."""
    qs = RoleTagAssignment.objects.for_organization(organization).select_related("employee", "tag")
    if on is not None:
        qs = qs.filter(as_of_q(on))
    if tag_id is not None:
        qs = qs.filter(tag_id=tag_id)
    if employee_id is not None:
        qs = qs.filter(employee_id=employee_id)
    rows = list(qs.order_by("tag__sort_order", "employee__staff_number", "-valid_from")[:limit])
    day = on or timezone.localdate()
    names = unit_path_names(organization=organization, on=day, unit_ids={r.org_unit_id for r in rows if r.org_unit_id})
    return [
        DesignationView(
            id=r.pk,
            employee_id=r.employee_id,
            staff_number=r.employee.staff_number,
            employee_name=r.employee.working_name,
            tag_id=r.tag_id,
            tag_name=r.tag.name,
            unit_name=names.get(r.org_unit_id, "") if r.org_unit_id else "",
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            note=r.note,
        )
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class UncoveredUnit:
    unit_id: int
    code: str
    path_name: str
    level_label: str


def units_without_tag(
    *, organization: int, tag: RoleTag, on: datetime.date, levels: Collection[str] = UNIT_LEVELS
) -> list[UncoveredUnit]:
    """所属 (課・出先機関 by default) existing on ``on`` with nobody designated ``tag`` for them then.

    Three queries: the units, the designations in force, the full names.
    """
    units = {uid: info for uid, info in unit_infos(organization=organization, on=on).items() if info.level in levels}
    covered = set(
        RoleTagAssignment.objects.for_organization(organization)
        .filter(as_of_q(on), tag=tag, org_unit_id__isnull=False)
        .values_list("org_unit_id", flat=True)
    )
    missing = sorted((u for uid, u in units.items() if uid not in covered), key=lambda u: (u.code, u.id))
    names = unit_path_names(organization=organization, on=on, unit_ids=[u.id for u in missing])
    return [
        UncoveredUnit(unit_id=u.id, code=u.code, path_name=names.get(u.id, u.name), level_label=u.level_label)
        for u in missing
    ]
