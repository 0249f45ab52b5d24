"""Reads of the organization master (組織・職・職種・給料表), always as of a date.

Every function takes the organization explicitly and runs a fixed number of queries
whatever the size of the tree. Org units come back as frozen dataclasses; the small code
lists (職, 職種, 給料表, 任命権者, 給与支払者) as querysets so forms can use them directly.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from jinji.core.models import Organization, as_of_q
from jinji.org.models import (
    AppointingAuthority,
    JobCategory,
    OrgUnitVersion,
    Payer,
    Position,
    Reorganization,
    SalarySchedule,
    UnitLevel,
)


@dataclass(frozen=True, slots=True)
class UnitInfo:
    """One org unit as it looks on a date (its version in force then)."""

    id: int
    code: str
    name: str
    name_kana: str
    short_name: str
    level: str
    parent_id: int | None
    appointing_authority_id: int
    sort_order: int
    version_id: int
    version_valid_from: datetime.date
    version_valid_to: datetime.date | None
    unit_valid_from: datetime.date
    unit_valid_to: datetime.date | None

    @property
    def level_label(self) -> str:
        return str(UnitLevel(self.level).label) if self.level in UnitLevel.values else self.level


@dataclass(frozen=True, slots=True)
class UnitNode:
    """A node of the org chart on a date; ``children`` are ordered by 表示順, then code."""

    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    depth: int
    children: tuple[UnitNode, ...]
    short_name: str = ""
    sort_order: int = 0
    appointing_authority_id: int = 0

    @property
    def level_label(self) -> str:
        return str(UnitLevel(self.level).label) if self.level in UnitLevel.values else self.level


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def _versions_on(organization: Organization | int, on: datetime.date) -> QuerySet[OrgUnitVersion]:
    """Versions in force on ``on`` of units that exist on ``on`` (one query when evaluated)."""
    return (
        OrgUnitVersion.objects.for_organization(_org_id(organization))
        .filter(as_of_q(on))
        .filter(as_of_q(on, prefix="unit__"))
        .select_related("unit")
    )


def _info(version: OrgUnitVersion) -> UnitInfo:
    unit = version.unit
    return UnitInfo(
        id=unit.pk,
        code=unit.code,
        name=version.name,
        name_kana=version.name_kana,
        short_name=version.short_name,
        level=version.level,
        parent_id=version.parent_id,
        appointing_authority_id=unit.appointing_authority_id,
        sort_order=version.sort_order,
        version_id=version.pk,
        version_valid_from=version.valid_from,
        version_valid_to=version.valid_to,
        unit_valid_from=unit.valid_from,
        unit_valid_to=unit.valid_to,
    )


def unit_infos(
    *, organization: Organization | int, on: datetime.date, unit_ids: Iterable[int] | None = None
) -> dict[int, UnitInfo]:
    """Units existing on ``on`` (all, or only ``unit_ids``), keyed by unit id. One query."""
    qs = _versions_on(organization, on)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return {v.unit_id: _info(v) for v in qs}


def unit_get(*, organization: Organization | int, unit_id: int, on: datetime.date) -> UnitInfo | None:
    """The unit as it looks on ``on``, or None if it does not exist then."""
    return unit_infos(organization=organization, on=on, unit_ids=[unit_id]).get(unit_id)


def unit_by_code(*, organization: Organization | int, code: str, on: datetime.date) -> UnitInfo | None:
    """The unit with 所属コード ``code`` as it looks on ``on``, or None if it does not exist then."""
    version = _versions_on(organization, on).filter(unit__code=code.strip()).first()
    return None if version is None else _info(version)


def unit_code_map(*, organization: Organization | int, on: datetime.date) -> dict[str, int]:
    """所属コード → unit id for the units existing on ``on`` (for importers). One query."""
    return dict(_versions_on(organization, on).values_list("unit__code", "unit_id"))


def unit_history(*, organization: Organization | int, unit_id: int) -> list[UnitInfo]:
    """Every version of one unit, oldest first."""
    qs = (
        OrgUnitVersion.objects.for_organization(_org_id(organization))
        .filter(unit_id=unit_id)
        .select_related("unit")
        .order_by("valid_from")
    )
    return [_info(v) for v in qs]


def _sort_key(info: UnitInfo) -> tuple[int, str]:
    return (info.sort_order, info.code)


def _build_nodes(infos: dict[int, UnitInfo]) -> list[UnitNode]:
    children: defaultdict[int | None, list[UnitInfo]] = defaultdict(list)
    for info in infos.values():
        parent = info.parent_id if info.parent_id in infos else None
        children[parent].append(info)

    def build(info: UnitInfo, depth: int, seen: frozenset[int]) -> UnitNode:
        kids = [] if info.id in seen else sorted(children.get(info.id, []), key=_sort_key)
        return UnitNode(
            id=info.id,
            code=info.code,
            name=info.name,
            level=info.level,
            parent_id=info.parent_id,
            depth=depth,
            children=tuple(build(k, depth + 1, seen | {info.id}) for k in kids),
            short_name=info.short_name,
            sort_order=info.sort_order,
            appointing_authority_id=info.appointing_authority_id,
        )

    return [build(root, 0, frozenset()) for root in sorted(children.get(None, []), key=_sort_key)]


def org_tree(*, organization: Organization | int, on: datetime.date) -> list[UnitNode]:
    """組織図: the root units on ``on`` with their sub-units nested. One query.

    A unit whose parent does not exist on ``on`` (bad data) is shown as a root rather than lost.
    """
    return _build_nodes(unit_infos(organization=organization, on=on))


def org_tree_flat(*, organization: Organization | int, on: datetime.date) -> list[UnitNode]:
    """The org chart in display order (pre-order), each node with its ``depth``; for pick lists."""
    result: list[UnitNode] = []

    def walk(nodes: Iterable[UnitNode]) -> None:
        for node in nodes:
            result.append(node)
            walk(node.children)

    walk(org_tree(organization=organization, on=on))
    return result


def unit_descendant_ids(*, organization: Organization | int, unit_ids: Iterable[int], on: datetime.date) -> set[int]:
    """The given units and all their sub-units on ``on`` (units not existing then are ignored). One query."""
    parent_of = dict(_versions_on(organization, on).values_list("unit_id", "parent_id"))
    children: defaultdict[int, list[int]] = defaultdict(list)
    for unit_id, parent_id in parent_of.items():
        if parent_id is not None:
            children[parent_id].append(unit_id)
    result: set[int] = set()
    stack = [u for u in unit_ids if u in parent_of]
    while stack:
        unit_id = stack.pop()
        if unit_id in result:
            continue
        result.add(unit_id)
        stack.extend(children.get(unit_id, []))
    return result


def unit_path_names(
    *, organization: Organization | int, on: datetime.date, unit_ids: Iterable[int] | None = None
) -> dict[int, str]:
    """Full names such as 「総務部 総務課 庶務係」 on ``on``, keyed by unit id. One query."""
    infos = unit_infos(organization=organization, on=on)
    wanted = infos.keys() if unit_ids is None else [u for u in unit_ids if u in infos]
    result: dict[int, str] = {}
    for unit_id in wanted:
        names: list[str] = []
        current: int | None = unit_id
        seen: set[int] = set()
        while current is not None and current in infos and current not in seen:
            seen.add(current)
            names.append(infos[current].name)
            current = infos[current].parent_id
        result[unit_id] = " ".join(reversed(names))
    return result


def position_list(*, organization: Organization | int, on: datetime.date | None = None) -> QuerySet[Position]:
    """職 (valid on ``on`` when given), highest rank first."""
    qs = Position.objects.for_organization(_org_id(organization))
    if on is not None:
        qs = qs.filter(as_of_q(on))
    return qs.order_by("-rank", "code")


def job_category_list(*, organization: Organization | int) -> QuerySet[JobCategory]:
    """職種 in code order."""
    return JobCategory.objects.for_organization(_org_id(organization)).order_by("code")


def salary_schedule_list(
    *, organization: Organization | int, on: datetime.date | None = None
) -> QuerySet[SalarySchedule]:
    """給料表 (valid on ``on`` when given) in code order."""
    qs = SalarySchedule.objects.for_organization(_org_id(organization))
    if on is not None:
        qs = qs.filter(as_of_q(on))
    return qs.order_by("code", "valid_from")


def authority_list(*, organization: Organization | int) -> QuerySet[AppointingAuthority]:
    """任命権者 in code order."""
    return AppointingAuthority.objects.for_organization(_org_id(organization)).order_by("code")


def payer_list(*, organization: Organization | int) -> QuerySet[Payer]:
    """給与支払者 in code order."""
    return Payer.objects.for_organization(_org_id(organization)).order_by("code")


def reorganization_list(*, organization: Organization | int) -> QuerySet[Reorganization]:
    """Prepared and past 組織改正, newest effective date first."""
    return Reorganization.objects.for_organization(_org_id(organization)).order_by("-effective_on", "-id")


def units_active_q(on: datetime.date, prefix: str = "") -> Q:
    """Q selecting org units that exist on ``on`` (``prefix`` for joins, e.g. ``'org_unit__'``)."""
    return as_of_q(on, prefix=prefix)
