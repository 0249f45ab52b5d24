"""The scope engine: roles on a date and the org units a role covers (tree as of the date)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from jinji.accounts.models import Role
from jinji.accounts.scope import covered_unit_ids, grants_on, has_role, roles_on, today
from jinji.org.models import OrgUnitVersion
from jinji.org.selectors import unit_descendant_ids
from tests.accounts.builders import build_world, grant, make_employee, make_unit, make_user
from tests.factories import OrgUnitVersionFactory

pytestmark = pytest.mark.django_db

YESTERDAY = today() - datetime.timedelta(days=1)
TOMORROW = today() + datetime.timedelta(days=1)


def test_user_linked_to_an_employee_holds_staff_without_a_grant() -> None:
    world = build_world(with_people=False)
    linked = make_user(world.org, employee=make_employee(world.org, world.div))
    unlinked = make_user(world.org)
    assert roles_on(linked) == {Role.STAFF}
    assert roles_on(unlinked) == frozenset()


def test_grant_ended_yesterday_no_longer_counts() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.HR, valid_to=YESTERDAY)
    assert not has_role(user, {Role.HR})
    assert has_role(user, {Role.HR}, on=YESTERDAY)


def test_grant_ending_today_still_counts_today() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.HR, valid_to=today())
    assert has_role(user, {Role.HR})


def test_future_dated_grant_does_not_count_yet() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.PAYROLL, valid_from=TOMORROW)
    assert roles_on(user) == frozenset()
    assert roles_on(user, on=TOMORROW) == {Role.PAYROLL}


def test_inactive_and_anonymous_users_hold_no_role() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org, employee=make_employee(world.org, world.div))
    grant(user, Role.HR)
    user.is_active = False
    assert roles_on(user) == frozenset()
    assert roles_on(AnonymousUser()) == frozenset()
    assert grants_on(AnonymousUser()) == []


def test_unit_grant_with_descendants_covers_the_subtree() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.UNIT_HEAD, unit=world.dept)
    coverage = covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids)
    assert not coverage.whole_organization
    assert coverage.unit_ids == {world.dept.pk, world.div.pk, world.sect.pk}
    assert not coverage.covers(world.other.pk)


def test_unit_grant_without_descendants_covers_only_the_unit() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.CLERK, unit=world.div, include_descendants=False)
    coverage = covered_unit_ids(user, {Role.CLERK}, descendants=unit_descendant_ids)
    assert coverage.unit_ids == {world.div.pk}


def test_org_wide_grant_covers_the_whole_organization() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.UNIT_HEAD, unit=None)
    coverage = covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids)
    assert coverage.whole_organization
    assert coverage.covers(world.other.pk)


def test_coverage_only_counts_the_roles_asked_for() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.CLERK, unit=world.other)
    grant(user, Role.HR)
    coverage = covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids)
    assert coverage.is_empty
    assert covered_unit_ids(user, {Role.CLERK}, descendants=unit_descendant_ids).unit_ids == {world.other.pk}


def test_ended_unit_grant_covers_nothing() -> None:
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.UNIT_HEAD, unit=world.dept, valid_to=YESTERDAY)
    assert covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids).is_empty


def test_tree_is_read_as_of_the_date() -> None:
    """A 係 moved under 総務部 from next month is covered from that date only."""
    world = build_world(with_people=False)
    moved_on = today() + datetime.timedelta(days=30)
    team = make_unit(world.org, world.authority, "企画係", parent=world.other, valid_from=world.other.valid_from)
    OrgUnitVersion.unscoped.filter(unit=team).update(valid_to=moved_on - datetime.timedelta(days=1))
    OrgUnitVersionFactory(unit=team, organization=world.org, name="企画係", parent=world.div, valid_from=moved_on)
    user = make_user(world.org)
    grant(user, Role.UNIT_HEAD, unit=world.dept)

    now = covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids)
    later = covered_unit_ids(user, {Role.UNIT_HEAD}, on=moved_on, descendants=unit_descendant_ids)
    assert team.pk not in now.unit_ids
    assert team.pk in later.unit_ids


def test_coverage_costs_at_most_two_queries(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    world = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.UNIT_HEAD, unit=world.dept)
    grant(user, Role.UNIT_HEAD, unit=world.other)
    for i in range(20):
        make_unit(world.org, world.authority, f"係{i}", parent=world.sect)
    with django_assert_max_num_queries(2):
        coverage = covered_unit_ids(user, {Role.UNIT_HEAD}, descendants=unit_descendant_ids)
    assert len(coverage.unit_ids) == 3 + 20 + 1


def test_grants_of_another_organization_are_ignored() -> None:
    """A grant row carrying another organization never applies to the user (defence in depth)."""
    world = build_world(with_people=False)
    other = build_world(with_people=False)
    user = make_user(world.org)
    grant(user, Role.HR, organization=other.org)
    assert roles_on(user) == frozenset()
