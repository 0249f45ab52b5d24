"""What the workflow engine asks the personnel side (registered on import, from ``PersonnelConfig.ready``).

- 職位 resolver: walking up from the applicant's unit (the tree as of the date), the nearest unit
  with someone assigned (本務・兼務・併任) on a position of rank ≥ R (所属長の職 only, if asked);
  in that unit, the holders of the lowest such rank. The applicant is never their own approver.
- 役割 resolver: holders of a role on the date; optionally only grants covering the applicant's
  unit (a grant on the unit, on an ancestor with sub-units, or on the whole organization).
- Directory: the applicant's unit and working name, and who may enter for whom (代理入力) —
  through :mod:`jinji.personnel.permissions`, the one place deciding employee scope.

Every function runs a bounded number of queries: one per level of the tree, plus one or two.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db.models import Q
from django.utils import timezone

from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import covered_unit_ids, has_role
from jinji.core.models import as_of_q
from jinji.org.models import OrgUnitVersion, Position
from jinji.org.selectors import unit_descendant_ids, unit_get
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.personnel.permissions import Purpose, employee_scope_q
from jinji.workflow.models import ApproverKind
from jinji.workflow.registry import (
    ApplicantInfo,
    ResolutionContext,
    UnitScope,
    register_approver_resolver,
    register_directory,
)
from jinji.workflow.specs import ApproverSpec

MAX_TREE_DEPTH = 20
"""Guard against a cycle in bad data; real trees are 3–6 levels deep."""

ENTRY_ROLES = frozenset({Role.CLERK, Role.HR})
"""Roles that may enter applications for others (代理入力), within their employee scope."""


def unit_ancestors(organization_id: int, unit_id: int, on: datetime.date, cache: dict[str, object]) -> list[int]:
    """``unit_id`` and its ancestors on ``on``, nearest first. One query per level (cached per submission)."""
    key = f"personnel.ancestors:{unit_id}:{on.isoformat()}"
    cached = cache.get(key)
    if isinstance(cached, list):
        return cached
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain and len(chain) < MAX_TREE_DEPTH:
        chain.append(current)
        current = (
            OrgUnitVersion.objects.for_organization(organization_id)
            .filter(as_of_q(on), unit_id=current)
            .values_list("parent_id", flat=True)
            .first()
        )
    cache[key] = chain
    return chain


def resolve_position(spec: ApproverSpec, ctx: ResolutionContext) -> Sequence[int]:
    if ctx.applicant_unit_id is None or spec.min_rank is None:
        return []
    chain = unit_ancestors(ctx.organization_id, ctx.applicant_unit_id, ctx.on, ctx.cache)
    qs = (
        Assignment.objects.for_organization(ctx.organization_id)
        .filter(as_of_q(ctx.on), org_unit_id__in=chain, position__rank__gte=spec.min_rank)
        .filter(employee__user__is_active=True)
        .exclude(employee_id=ctx.applicant_employee_id)
    )
    if spec.unit_head_only:
        qs = qs.filter(position__is_unit_head=True)
    rows = list(qs.values_list("org_unit_id", "position__rank", "employee__user__id"))
    if not rows:
        return []
    nearest = min(chain.index(unit) for unit, _, _ in rows)
    in_unit = [(rank, user) for unit, rank, user in rows if chain.index(unit) == nearest]
    lowest = min(rank for rank, _ in in_unit)
    return sorted({user for rank, user in in_unit if rank == lowest})


def check_position(spec: ApproverSpec, organization_id: int) -> Sequence[str]:
    if spec.min_rank is None:
        return ["職位の序列を指定してください"]
    qs = Position.objects.for_organization(organization_id).filter(
        as_of_q(timezone.localdate()), rank__gte=spec.min_rank
    )
    if spec.unit_head_only:
        qs = qs.filter(is_unit_head=True)
    if not qs.exists():
        which = "所属長の職" if spec.unit_head_only else "職"
        return [f"序列{spec.min_rank}以上の{which}がありません"]
    return []


def resolve_role(spec: ApproverSpec, ctx: ResolutionContext) -> Sequence[int]:
    qs = RoleGrant.objects.for_organization(ctx.organization_id).filter(
        as_of_q(ctx.on), role=spec.role, user__is_active=True
    )
    if spec.within_applicant_unit:
        covering = Q(org_unit__isnull=True)
        if ctx.applicant_unit_id is not None:
            chain = unit_ancestors(ctx.organization_id, ctx.applicant_unit_id, ctx.on, ctx.cache)
            covering |= Q(org_unit_id=ctx.applicant_unit_id) | Q(org_unit_id__in=chain[1:], include_descendants=True)
        qs = qs.filter(covering)
    return sorted(set(qs.values_list("user_id", flat=True)))


def check_role(spec: ApproverSpec, organization_id: int) -> Sequence[str]:
    holders = RoleGrant.objects.for_organization(organization_id).filter(
        as_of_q(timezone.localdate()), role=spec.role, user__is_active=True
    )
    if not holders.exists():
        label = Role(spec.role).label if spec.role in Role.values else spec.role
        return [f"役割「{label}」を持つ利用者がいません"]
    return []


class PersonnelDirectory:
    """The applicant's unit and name, and the 庶務担当's reach, for the workflow engine."""

    def applicant(self, *, organization_id: int, employee_id: int, on: datetime.date) -> ApplicantInfo | None:
        employee = Employee.objects.for_organization(organization_id).filter(pk=employee_id).first()
        if employee is None:
            return None
        unit_id = (
            Assignment.objects.for_organization(organization_id)
            .filter(as_of_q(on), employee_id=employee_id, kind=AssignmentKind.PRIMARY)
            .order_by("-valid_from")
            .values_list("org_unit_id", flat=True)
            .first()
        )
        unit = unit_get(organization=organization_id, unit_id=unit_id, on=on) if unit_id is not None else None
        return ApplicantInfo(
            employee_id=employee_id,
            display_name=employee.working_name,
            unit_id=unit_id,
            unit_name=unit.name if unit is not None else "",
        )

    def may_enter_for(self, *, user: User, employee_id: int, on: datetime.date) -> bool:
        if not has_role(user, ENTRY_ROLES, on=on):
            return False
        scope = employee_scope_q(user, on=on, purpose=Purpose.VIEW)
        return Employee.objects.for_organization(user.organization_id).filter(scope, pk=employee_id).exists()

    def entry_scope(self, *, user: User, on: datetime.date) -> UnitScope:
        if has_role(user, {Role.HR}, on=on):
            return UnitScope(whole_organization=True, unit_ids=frozenset())
        coverage = covered_unit_ids(user, {Role.CLERK}, on=on, descendants=unit_descendant_ids)
        return UnitScope(whole_organization=coverage.whole_organization, unit_ids=coverage.unit_ids)


register_approver_resolver(ApproverKind.POSITION, resolve_position, check=check_position)
register_approver_resolver(ApproverKind.ROLE, resolve_role, check=check_role)
register_directory(PersonnelDirectory())
