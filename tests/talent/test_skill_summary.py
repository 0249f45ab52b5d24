"""The skill map's summary tables: kept current by the confirmation service, rebuilt when posts change.

The check throughout: the map drawn from the summary equals the map aggregated on the spot from the
confirmed skills and the 本務 posts, for every level and depth, after random sequences of
confirmations, transfers and separations (through the real services).
"""

from __future__ import annotations

import datetime
import random
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command

from jinji.core.errors import NotPermitted
from jinji.personnel.models import ActionType
from jinji.personnel.services import personnel_action_apply, personnel_action_create
from jinji.talent.models import SkillMapCell, SkillMapState
from jinji.talent.selectors import skill_map
from jinji.talent.services import SkillClaim, skill_assessment_decide, skill_assessment_submit
from jinji.talent.skill_summary import _stored, level_counts, skill_summary_counts, skill_summary_rebuild
from tests.factories import national
from tests.talent.world import TODAY, Town

AREAS = ("data", "security", "bpr")
HEADS = ("head", "welfare_head")


def _maps(town: Town, *, summary: bool) -> list[Any]:
    return [
        skill_map(
            organization=town.org.pk,
            user=town.user("hr"),
            on=TODAY,
            min_level=level,
            depth=depth,
            summary_on=TODAY if summary else TODAY + datetime.timedelta(days=1),
        ).rows
        for level in (1, 2, 3, 4)
        for depth in (0, 1)
    ]


def _assert_consistent(town: Town) -> None:
    assert _maps(town, summary=True) == _maps(town, summary=False)
    assert _stored(town.org.pk) == level_counts(town.org.pk, TODAY)


def _confirm(town: Town, who: str, area: str, level: int) -> None:
    employee = town.emp(who)
    area_id = national("SkillArea", area).pk
    [assessment] = skill_assessment_submit(
        acting_user=town.user(who), employee=employee, claims={area_id: SkillClaim(level=level)}
    )
    for head in HEADS:  # whoever heads the employee's unit today
        try:
            skill_assessment_decide(acting_user=town.user(head), assessment=assessment, confirm=True, on=TODAY)
            return
        except NotPermitted:
            continue
    raise AssertionError(f"no 所属長 for {who}")


def _act(town: Town, who: str, action_type: str, on: datetime.date, **kwargs: Any) -> None:
    action = personnel_action_create(
        acting_user=town.user("hr"), employee=town.emp(who), action_type=action_type, effective_on=on, **kwargs
    )
    personnel_action_apply(acting_user=town.user("hr"), action=action)


def _movable(town: Town, name: str, unit: Any) -> str:
    """A person without a pay line (a 発令 then needs no 給料表)."""
    town.person(name, unit, grade=None, step=None)
    return name


def _staff(town: Town) -> list[str]:
    return [_movable(town, f"s{n}", town.somuka if n % 2 else town.fukushika) for n in range(6)]


def test_confirmations_move_the_counts_without_a_rebuild(town: Town) -> None:
    skill_summary_rebuild(organization_id=town.org.pk, on=TODAY)
    built = SkillMapState.objects.get().built_at
    _confirm(town, "alice", "data", 2)
    _confirm(town, "alice", "data", 4)  # level changed: moved from 2 to 4, not counted twice
    _confirm(town, "carol", "data", 3)
    _confirm(town, "bob", "security", 1)
    stored = _stored(town.org.pk)
    data = national("SkillArea", "data").pk
    assert stored.holders[(town.somuka.pk, data, 4)] == 1
    assert (town.somuka.pk, data, 2) not in stored.holders
    assert stored.holders[(town.fukushika.pk, data, 3)] == 1
    assert skill_summary_counts(organization_id=town.org.pk, on=TODAY, min_level=1) is not None  # current
    skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY, summary_on=TODAY)
    assert SkillMapState.objects.get().built_at == built  # read from the tables, no rebuild
    _assert_consistent(town)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_sequences_keep_the_summary_equal_to_the_aggregate(town: Town, seed: int) -> None:
    rng = random.Random(seed)
    staff = _staff(town)
    everyone = ["alice", "bob", "carol", *staff]
    day = TODAY - datetime.timedelta(days=60)
    _assert_consistent(town)
    for _ in range(24):
        op = rng.random()
        who = rng.choice(staff)
        if op < 0.65:
            _confirm(town, rng.choice(everyone), rng.choice(AREAS), rng.randint(1, 4))
        elif op < 0.9:
            day += datetime.timedelta(days=1)
            target = (
                town.fukushika
                if town.emp(who).assignments.order_by("-valid_from")[0].org_unit_id == (town.somuka.pk)
                else town.somuka
            )
            _act(town, who, ActionType.TRANSFER, day, org_unit=target)
        elif len(staff) > 4:
            day += datetime.timedelta(days=1)
            _act(town, who, ActionType.SEPARATION, day)
            staff.remove(who)
            everyone.remove(who)
        if rng.random() < 0.5:  # a read between some steps (it rebuilds stale counts)
            _assert_consistent(town)
    _assert_consistent(town)


def test_a_transfer_makes_the_counts_stale_and_the_next_read_counts_the_new_unit(town: Town) -> None:
    mover = _movable(town, "mover", town.somuka)
    _confirm(town, mover, "data", 3)
    data_col = [a for a, _ in skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY).areas].index(
        national("SkillArea", "data").pk
    )

    def holders(unit: str) -> int:
        rows = skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY, depth=1, summary_on=TODAY).rows
        return {r.name: r.cells[data_col].holders for r in rows}.get(unit, 0)

    assert (holders("総務課"), holders("福祉課")) == (1, 0)
    _act(town, mover, ActionType.TRANSFER, TODAY - datetime.timedelta(days=2), org_unit=town.fukushika)
    assert (holders("総務課"), holders("福祉課")) == (0, 1)
    _act(town, mover, ActionType.SEPARATION, TODAY - datetime.timedelta(days=1))
    assert (holders("総務課"), holders("福祉課")) == (0, 0)


def test_stale_counts_are_not_used_and_a_rebuild_is_queued(town: Town) -> None:
    mover = _movable(town, "mover", town.somuka)
    _confirm(town, mover, "data", 2)
    skill_summary_rebuild(organization_id=town.org.pk, on=TODAY)
    built = SkillMapState.objects.get().built_at
    _act(town, mover, ActionType.SEPARATION, TODAY - datetime.timedelta(days=1))  # closes a post, adds none
    assert SkillMapState.objects.get().stamp == ""  # personnel told talent: stale
    assert skill_summary_counts(organization_id=town.org.pk, on=TODAY, min_level=1) is None
    assert _maps(town, summary=True) == _maps(town, summary=False)  # aggregated on the spot meanwhile
    state = SkillMapState.objects.get()  # the test backend runs the queued rebuild at once
    assert state.built_at is not None
    assert built is not None
    assert state.built_at > built
    assert skill_summary_counts(organization_id=town.org.pk, on=TODAY, min_level=1) is not None


def test_the_rebuild_command_repairs_wrong_counts(town: Town) -> None:
    _confirm(town, "alice", "data", 3)
    skill_summary_rebuild(organization_id=town.org.pk, on=TODAY)
    SkillMapCell.objects.update(holders=99)  # damage the fingerprint cannot see
    assert _maps(town, summary=True) != _maps(town, summary=False)
    out = StringIO()
    call_command("talent_skillmap_rebuild", "--on", TODAY.isoformat(), "--organization", town.org.code, stdout=out)
    assert "職員 7 人・スキル 1 件を集計しました" in out.getvalue()
    _assert_consistent(town)


@pytest.mark.parametrize("size", [0, 40])
def test_reading_current_counts_runs_the_same_queries_at_any_size(
    town: Town, size: int, django_assert_max_num_queries: Any
) -> None:
    for n in range(size):
        town.person(f"p{n}", town.fukushika)
    _confirm(town, "alice", "data", 2)
    skill_summary_rebuild(organization_id=town.org.pk, on=TODAY)
    # areas, tree, grants (2), state, fingerprint (3), staff, cells
    with django_assert_max_num_queries(10):
        result = skill_map(organization=town.org.pk, user=town.user("hr"), on=TODAY, depth=1, summary_on=TODAY)
    assert {r.name: r.staff for r in result.rows}["福祉課"] == size + 2
