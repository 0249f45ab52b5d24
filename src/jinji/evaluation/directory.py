"""The personnel and org facts this app reads, in one place, as plain dataclasses.

Everything is as of a date and runs a fixed number of queries however many staff there are:
who holds a primary post (本務) on the date, on which 職 and in which unit; who heads each
unit (a post on a 所属長の職, 本務・兼務・併任); the unit tree; names; pay posts for 昇給.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.core.models import as_of_q
from jinji.org.models import UnitLevel
from jinji.org.selectors import unit_infos
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, Employee

FISCAL_YEAR_TYPES = frozenset({AppointmentType.FISCAL_YEAR_FULL, AppointmentType.FISCAL_YEAR_PART})
HEAD_KINDS = (AssignmentKind.PRIMARY, AssignmentKind.CONCURRENT, AssignmentKind.SECONDMENT)
CHUNK = 2000


@dataclass(frozen=True, slots=True)
class StaffPost:
    """An employee's primary post (本務) on a date."""

    employee_id: int
    unit_id: int
    position_name: str
    rank: int | None
    is_fiscal_year_appointee: bool
    is_on_leave: bool


@dataclass(frozen=True, slots=True)
class UnitNode:
    id: int
    parent_id: int | None
    is_headed: bool
    """Whether the unit has a 所属長 of its own (部・課・出先機関; a 係 does not)."""


@dataclass(frozen=True, slots=True)
class PayPost:
    """The pay line of an employee's primary post on a date, for 昇給."""

    employee_id: int
    birth_date: datetime.date
    salary_schedule_id: int | None
    salary_schedule_code: str
    grade: int | None
    step: int | None


def staff_on(*, organization_id: int, on: datetime.date) -> list[StaffPost]:
    """Everyone in a primary post on ``on`` who has not separated by then. One query."""
    rows = (
        Assignment.objects.for_organization(organization_id)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
        .exclude(employee__separated_on__lt=on)
        .order_by("employee_id", "-valid_from")
        .values_list(
            "employee_id", "org_unit_id", "position__name", "position__rank", "appointment_type", "is_on_leave"
        )
    )
    seen: set[int] = set()
    posts: list[StaffPost] = []
    for employee_id, unit_id, position_name, rank, appointment_type, on_leave in rows:
        if employee_id in seen:
            continue
        seen.add(employee_id)
        posts.append(
            StaffPost(
                employee_id=employee_id,
                unit_id=unit_id,
                position_name=position_name or "",
                rank=rank,
                is_fiscal_year_appointee=appointment_type in FISCAL_YEAR_TYPES,
                is_on_leave=on_leave,
            )
        )
    return posts


def unit_heads_on(*, organization_id: int, on: datetime.date) -> dict[int, list[int]]:
    """Unit id → employee ids holding a 所属長の職 there on ``on`` (本務 first). One query."""
    rows = (
        Assignment.objects.for_organization(organization_id)
        .filter(as_of_q(on), kind__in=HEAD_KINDS, position__is_unit_head=True)
        .exclude(employee__separated_on__lt=on)
        .order_by("org_unit_id", "kind", "-position__rank", "employee_id")
        .values_list("org_unit_id", "employee_id", "kind")
    )
    heads: defaultdict[int, list[int]] = defaultdict(list)
    for unit_id, employee_id, _kind in sorted(rows, key=lambda r: (r[0], r[2] != AssignmentKind.PRIMARY)):
        if employee_id not in heads[unit_id]:
            heads[unit_id].append(employee_id)
    return dict(heads)


def unit_tree_on(*, organization_id: int, on: datetime.date) -> dict[int, UnitNode]:
    """Unit id → parent and whether it is headed, for the units existing on ``on``. One query."""
    return {
        unit_id: UnitNode(id=unit_id, parent_id=info.parent_id, is_headed=info.level != UnitLevel.SECTION)
        for unit_id, info in unit_infos(organization=organization_id, on=on).items()
    }


def unit_names_on(*, organization_id: int, on: datetime.date, unit_ids: Iterable[int] | None = None) -> dict[int, str]:
    """Unit id → name on ``on``. One query."""
    return {uid: info.name for uid, info in unit_infos(organization=organization_id, on=on, unit_ids=unit_ids).items()}


def employee_names(*, organization_id: int, employee_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Employee id → (職員番号, name used at work). One query per 2,000 ids."""
    ids = sorted(set(employee_ids))
    result: dict[int, tuple[str, str]] = {}
    for start in range(0, len(ids), CHUNK):
        rows = (
            Employee.objects.for_organization(organization_id)
            .filter(pk__in=ids[start : start + CHUNK])
            .values_list("pk", "staff_number", "family_name", "given_name", "former_family_name", "uses_former_name")
        )
        for pk, number, family, given, former, uses_former in rows:
            result[pk] = (number, f"{former if uses_former and former else family} {given}")
    return result


def pay_posts_on(*, organization_id: int, employee_ids: Iterable[int], on: datetime.date) -> dict[int, PayPost]:
    """Employee id → primary post's 給料表・級・号給 on ``on`` and birth date. One query per 2,000 ids."""
    ids = sorted(set(employee_ids))
    result: dict[int, PayPost] = {}
    for start in range(0, len(ids), CHUNK):
        rows = (
            Assignment.objects.for_organization(organization_id)
            .filter(as_of_q(on), kind=AssignmentKind.PRIMARY, employee_id__in=ids[start : start + CHUNK])
            .order_by("employee_id", "-valid_from")
            .values_list(
                "employee_id", "employee__birth_date", "salary_schedule_id", "salary_schedule__code", "grade", "step"
            )
        )
        for employee_id, birth, schedule_id, schedule_code, grade, step in rows:
            result.setdefault(
                employee_id,
                PayPost(
                    employee_id=employee_id,
                    birth_date=birth,
                    salary_schedule_id=schedule_id,
                    salary_schedule_code=schedule_code or "",
                    grade=grade,
                    step=step,
                ),
            )
    return result
