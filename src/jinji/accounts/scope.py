"""権限の範囲: which roles a user holds on a date, and which org units a role covers.

This is the one place that reads :class:`RoleGrant`. Grants are effective-dated; every user
linked to an employee also holds 職員 (for themself) without a grant. A grant for an org
unit covers that unit, plus all its sub-units as of the date when ``include_descendants``;
a grant without a unit covers the whole organization.

``accounts`` sits below ``org`` in the layers, so the org tree is passed in by the caller
as a :data:`DescendantsFn` (``jinji.org.selectors.unit_descendant_ids`` has that shape);
``jinji.personnel.permissions`` does this for employee checks.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from jinji.accounts.models import Role, RoleGrant, User
from jinji.core.models import as_of_q

UNIT_SCOPED_ROLES = frozenset({Role.UNIT_HEAD, Role.CLERK})
"""Roles whose reach is the org units of their grants (the others reach the whole organization)."""


class DescendantsFn(Protocol):
    """The units given and all their sub-units on ``on``, in one query (units not existing then are dropped)."""

    def __call__(self, *, organization: int, unit_ids: Iterable[int], on: datetime.date) -> set[int]: ...


@dataclass(frozen=True, slots=True)
class GrantInfo:
    """One role grant in force on a date."""

    role: Role
    org_unit_id: int | None
    include_descendants: bool


@dataclass(frozen=True, slots=True)
class UnitCoverage:
    """The org units a set of roles reaches on a date: everything (``whole_organization``) or ``unit_ids``."""

    whole_organization: bool
    unit_ids: frozenset[int]

    def covers(self, unit_id: int) -> bool:
        return self.whole_organization or unit_id in self.unit_ids

    @property
    def is_empty(self) -> bool:
        return not self.whole_organization and not self.unit_ids


NO_COVERAGE = UnitCoverage(whole_organization=False, unit_ids=frozenset())

AnyUser = User | AnonymousUser
"""``request.user`` as views see it."""


def _signed_in(user: AnyUser) -> User | None:
    """The user when signed in and active; None otherwise (anonymous or deactivated users hold no role)."""
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def today() -> datetime.date:
    """Today's business date in Asia/Tokyo."""
    return timezone.localdate()


def grants_on(user: AnyUser, *, on: datetime.date | None = None) -> list[GrantInfo]:
    """The explicit grants of ``user`` in force on ``on`` (default today). One query, none for anonymous users."""
    signed_in = _signed_in(user)
    if signed_in is None:
        return []
    day = on or today()
    rows = (
        RoleGrant.unscoped.filter(as_of_q(day), user_id=signed_in.pk, organization_id=signed_in.organization_id)
        .values_list("role", "org_unit_id", "include_descendants")
        .order_by("role", "org_unit_id")
    )
    return [GrantInfo(Role(role), unit_id, descendants) for role, unit_id, descendants in rows if role in Role.values]


def roles_on(user: AnyUser, *, on: datetime.date | None = None) -> frozenset[Role]:
    """Every role ``user`` holds on ``on`` (default today), whatever its unit; 職員 when linked to an employee."""
    roles = {grant.role for grant in grants_on(user, on=on)}
    signed_in = _signed_in(user)
    if signed_in is not None and signed_in.employee_id is not None:
        roles.add(Role.STAFF)
    return frozenset(roles)


def has_role(user: AnyUser, roles: Collection[Role], *, on: datetime.date | None = None) -> bool:
    """Whether ``user`` holds at least one of ``roles`` on ``on`` (default today)."""
    return bool(roles_on(user, on=on) & frozenset(roles))


def coverage_from_grants(
    grants: Iterable[GrantInfo],
    roles: Collection[Role],
    *,
    organization_id: int,
    on: datetime.date,
    descendants: DescendantsFn,
) -> UnitCoverage:
    """The units ``grants`` of ``roles`` reach on ``on``; at most one query (for the tree)."""
    wanted = [g for g in grants if g.role in roles]
    if any(g.org_unit_id is None for g in wanted):
        return UnitCoverage(whole_organization=True, unit_ids=frozenset())
    direct = {g.org_unit_id for g in wanted if g.org_unit_id is not None and not g.include_descendants}
    roots = {g.org_unit_id for g in wanted if g.org_unit_id is not None and g.include_descendants}
    expanded = descendants(organization=organization_id, unit_ids=roots, on=on) if roots else set()
    return UnitCoverage(whole_organization=False, unit_ids=frozenset(direct | expanded))


def covered_unit_ids(
    user: AnyUser,
    roles: Collection[Role],
    *,
    on: datetime.date | None = None,
    descendants: DescendantsFn,
) -> UnitCoverage:
    """The org units that ``user``'s grants of ``roles`` reach on ``on`` (default today). At most two queries."""
    day = on or today()
    signed_in = _signed_in(user)
    if signed_in is None:
        return NO_COVERAGE
    return coverage_from_grants(
        grants_on(signed_in, on=day),
        roles,
        organization_id=signed_in.organization_id,
        on=day,
        descendants=descendants,
    )
