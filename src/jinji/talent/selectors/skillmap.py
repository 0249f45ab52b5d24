"""スキルマップ: org unit × skill area, how many staff hold each area at or above a level.

Units are shown down to a depth of the org tree on the date (0 = 部, 1 = 課 …): a person counts
in the unit of their 本務 (or its ancestor at that depth) and in every unit above it, so a 部 row
is the subtotal of its 課 rows. Queries: the scope (1–2), the areas, the tree, then the counts: a
fixed number whatever the size.

For an 人事担当 whose scope is the whole organization and today's date, the counts come from the
summary tables kept by the confirmation service (:mod:`jinji.talent.skill_summary`: small reads,
no join over every skill); for another date, a narrower scope, or while the tables are stale
(a rebuild is then queued) they are aggregated on the spot.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from jinji.accounts.scope import AnyUser, today
from jinji.core.models import as_of_q
from jinji.org.selectors import UnitNode, org_tree_flat
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.talent.models import EmployeeSkill, SkillArea
from jinji.talent.permissions import hr_scope_q
from jinji.talent.skill_summary import skill_summary_counts, skill_summary_rebuild_task

HEAT_STEPS = (0.10, 0.25, 0.50)
"""Share of a unit's staff at or above the level: 0 → heat-0, <10% → 1, <25% → 2, <50% → 3, else 4."""


def heat_class(share: float) -> int:
    if share <= 0:
        return 0
    return 1 + sum(share >= step for step in HEAT_STEPS)


@dataclass(frozen=True, slots=True)
class Cell:
    holders: int
    share: float
    heat: int

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass(frozen=True, slots=True)
class MapRow:
    unit_id: int
    name: str
    depth: int
    staff: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class SkillMap:
    on: datetime.date
    min_level: int
    depth: int
    areas: tuple[tuple[int, str], ...]
    rows: tuple[MapRow, ...]


def rollup_to_depth(nodes: list[UnitNode], depth: int) -> dict[int, int]:
    """unit id → the id of its ancestor at ``depth`` (itself when shallower)."""
    parent = {n.id: n.parent_id for n in nodes}
    level = {n.id: n.depth for n in nodes}
    target: dict[int, int] = {}
    for node in nodes:
        current = node.id
        while level.get(current, 0) > depth and parent.get(current) in level:
            current = parent[current]  # type: ignore[assignment]
        target[node.id] = current
    return target


def _with_ancestors(unit_id: int, parent: dict[int, int | None]) -> list[int]:
    """The unit and the units above it (a 部 row is the subtotal of its 課 rows)."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parent.get(current)
    return chain


def _counts(
    org_id: int, user: AnyUser, on: datetime.date, min_level: int
) -> tuple[dict[int, int], dict[tuple[int, int], int]]:
    """Staff per unit, and holders per (unit, area), of 本務 posts on ``on``. Two aggregate queries.

    Counting ``id`` rather than distinct employees is exact: an employee has one 本務 on a date and
    one confirmed level per area. The holders are counted from the skills side (indexed by
    organization, area, level) joined to the post, which is several times faster than the reverse.
    """
    scope = hr_scope_q(user, on=on)
    whole = scope == Q(organization_id=org_id)
    people = Employee.objects.for_organization(org_id).filter(scope).values("pk")
    # Tenant check through the employee join: SQLite then walks the organization's employees and
    # probes the (employee, kind, valid_from) index instead of scanning every past post (3× faster).
    posts = Assignment.unscoped.filter(as_of_q(on), kind=AssignmentKind.PRIMARY, employee__organization_id=org_id)
    skills = EmployeeSkill.objects.for_organization(org_id).filter(level__gte=min_level)
    if not whole:
        posts = posts.filter(employee_id__in=people)
        skills = skills.filter(employee_id__in=people)
    staff = dict(posts.values("org_unit_id").annotate(n=Count("id")).values_list("org_unit_id", "n"))
    post = "employee__assignments__"
    holders = (
        skills.filter(as_of_q(on, prefix=post) & Q(**{f"{post}kind": AssignmentKind.PRIMARY}))
        .values(f"{post}org_unit_id", "area_id")
        .annotate(n=Count("id"))
        .values_list(f"{post}org_unit_id", "area_id", "n")
    )
    return staff, {(unit, area): n for unit, area, n in holders}


def _summary_counts(
    org_id: int, user: AnyUser, on: datetime.date, min_level: int, summary_on: datetime.date
) -> tuple[dict[int, int], dict[tuple[int, int], int]] | None:
    """The counts from the summary tables, when the scope is the whole organization and ``on`` their date."""
    if on != summary_on or hr_scope_q(user, on=on) != Q(organization_id=org_id):
        return None
    counts = skill_summary_counts(organization_id=org_id, on=on, min_level=min_level)
    if counts is None:  # stale (a 発令 moved people, or a new day): rebuilt in the background
        skill_summary_rebuild_task.enqueue(org_id, on.isoformat())
    return counts


def skill_map(
    *,
    organization: int,
    user: AnyUser,
    on: datetime.date,
    min_level: int = 2,
    depth: int = 0,
    summary_on: datetime.date | None = None,
) -> SkillMap:
    """The heatmap as of ``on`` for the staff in the user's scope (人事担当: everyone).

    ``summary_on`` is the date the summary tables are kept for (default: today).
    """
    areas = tuple(
        SkillArea.objects.for_organization(organization)
        .filter(is_active=True)
        .order_by("sort_order", "code")
        .values_list("pk", "name")
    )
    nodes = org_tree_flat(organization=organization, on=on)
    to_row = rollup_to_depth(nodes, depth)
    from_summary = _summary_counts(organization, user, on, min_level, summary_on or today())
    staff_by_unit, holders_by_cell = from_summary or _counts(organization, user, on, min_level)
    parent = {n.id: n.parent_id for n in nodes}
    staff: defaultdict[int, int] = defaultdict(int)
    holders: defaultdict[tuple[int, int], int] = defaultdict(int)
    for unit_id, n in staff_by_unit.items():
        for row_id in _with_ancestors(to_row.get(unit_id, unit_id), parent):
            staff[row_id] += n
    for (unit_id, area_id), n in holders_by_cell.items():
        for row_id in _with_ancestors(to_row.get(unit_id, unit_id), parent):
            holders[(row_id, area_id)] += n
    rows = []
    for node in nodes:
        if node.depth > depth or staff[node.id] == 0:
            continue
        total = staff[node.id]
        cells = []
        for area_id, _ in areas:
            count = holders[(node.id, area_id)]
            share = count / total if total else 0.0
            cells.append(Cell(holders=count, share=share, heat=heat_class(share)))
        rows.append(MapRow(unit_id=node.id, name=node.name, depth=node.depth, staff=total, cells=tuple(cells)))
    return SkillMap(on=on, min_level=min_level, depth=depth, areas=areas, rows=tuple(rows))
