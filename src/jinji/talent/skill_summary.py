"""スキルマップの集計表 (``SkillMapState`` / ``SkillMapStaff`` / ``SkillMapCell``): rebuild, keep, read.

- :func:`skill_summary_counts` returns the counts for a date from the tables when they were taken
  for that date and the fingerprint still matches (constant, small queries whatever the staff);
  when they are stale the map aggregates on the spot (the two queries it used to run on every
  request) and queues :func:`skill_summary_rebuild_task`, so no page view waits for a rebuild.
- :class:`SummaryUpdate` is used by the 所属長's confirmation service, in its transaction, around
  the write of ``EmployeeSkill``: it moves the employee's count from the old level to the new one,
  so the counts stay current without a rebuild.
- :func:`skill_summary_rebuild` (also ``jinji talent-skillmap-rebuild``, for a nightly run or repair).
- :func:`posts_changed_listener`, registered with :mod:`jinji.personnel.post_changes`, marks the
  counts stale when a 発令 or an 一括異動 moves people (the next map view queues a rebuild).

Every writer holds the organization's ``SkillMapState`` row locked (``select_for_update``), and the
rebuild counts after taking the lock, so a confirmation is either in the counts it took or applied
to them afterwards, never lost or counted twice.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django_tasks import task

from jinji.core.models import as_of_q
from jinji.core.tenancy import tenant_context
from jinji.personnel.models import Assignment, AssignmentKind
from jinji.talent.models import EmployeeSkill, SkillMapCell, SkillMapStaff, SkillMapState


@dataclass(frozen=True, slots=True)
class LevelCounts:
    """Staff per unit, and holders per (unit, area, exact level), of the 本務 posts on one date."""

    staff: dict[int, int]
    holders: dict[tuple[int, int, int], int]


def summary_stamp(organization_id: int) -> str:
    """Fingerprint of the rows the counts were taken from: the highest post and skill ids.

    Catches what is added outside the services that keep the counts (hirings, imports, bulk loads:
    two index lookups, microseconds at any size). Posts changed by a 発令 or an 一括異動 (closed,
    reopened) are reported by personnel through :func:`posts_changed_listener` instead.
    """
    post = Assignment.unscoped.filter(organization_id=organization_id).order_by("-id").values_list("id", flat=True)
    skill = EmployeeSkill.unscoped.filter(organization_id=organization_id).order_by("-id").values_list("id", flat=True)
    return f"a{post.first() or 0}/s{skill.first() or 0}"


def posts_changed_listener(organization_id: int, employee_ids: Collection[int]) -> None:
    """Personnel changed some posts (in its transaction): the stored counts are stale until rebuilt."""
    SkillMapState.unscoped.filter(organization_id=organization_id).update(stamp="")


def level_counts(organization_id: int, on: datetime.date) -> LevelCounts:
    """The counts straight from the posts and skills (two aggregate queries over the organization)."""
    posts = Assignment.unscoped.filter(
        as_of_q(on), kind=AssignmentKind.PRIMARY, employee__organization_id=organization_id
    )
    staff = dict(posts.values("org_unit_id").annotate(n=Count("id")).values_list("org_unit_id", "n"))
    post = "employee__assignments__"
    rows = (
        EmployeeSkill.unscoped.filter(organization_id=organization_id)
        .filter(as_of_q(on, prefix=post) & Q(**{f"{post}kind": AssignmentKind.PRIMARY}))
        .values(f"{post}org_unit_id", "area_id", "level")
        .annotate(n=Count("id"))
        .values_list(f"{post}org_unit_id", "area_id", "level", "n")
    )
    return LevelCounts(staff=staff, holders={(unit, area, level): n for unit, area, level, n in rows})


def _stored(organization_id: int) -> LevelCounts:
    staff = dict(SkillMapStaff.objects.for_organization(organization_id).values_list("org_unit_id", "staff").order_by())
    holders = {
        (unit, area, level): n
        for unit, area, level, n in SkillMapCell.objects.for_organization(organization_id)
        .filter(holders__gt=0)
        .values_list("org_unit_id", "area_id", "level", "holders")
        .order_by()
    }
    return LevelCounts(staff=staff, holders=holders)


def _lock_state(organization_id: int) -> SkillMapState:
    state: SkillMapState
    state, _ = (
        SkillMapState.objects.for_organization(organization_id)
        .select_for_update()
        .get_or_create(organization_id=organization_id)
    )
    return state


def _write(organization_id: int, counts: LevelCounts) -> None:
    SkillMapCell.objects.for_organization(organization_id).delete()
    SkillMapStaff.objects.for_organization(organization_id).delete()
    SkillMapStaff.objects.bulk_create(
        [SkillMapStaff(organization_id=organization_id, org_unit_id=u, staff=n) for u, n in counts.staff.items()],
        batch_size=2000,
    )
    SkillMapCell.objects.bulk_create(
        [
            SkillMapCell(organization_id=organization_id, org_unit_id=u, area_id=a, level=lv, holders=n)
            for (u, a, lv), n in counts.holders.items()
        ],
        batch_size=2000,
    )


def skill_summary_rebuild(*, organization_id: int, on: datetime.date, force: bool = True) -> LevelCounts:
    """Count again for ``on`` and store the counts; with ``force=False`` keep counts that are still current."""
    with transaction.atomic():
        state = _lock_state(organization_id)
        stamp = summary_stamp(organization_id)
        if not force and state.as_of == on and state.stamp == stamp:
            return _stored(organization_id)  # another request rebuilt them while we waited for the lock
        counts = level_counts(organization_id, on)
        _write(organization_id, counts)
        state.as_of, state.stamp, state.built_at = on, stamp, timezone.now()
        state.save(update_fields=["as_of", "stamp", "built_at"])
    return counts


def skill_summary_counts(
    *, organization_id: int, on: datetime.date, min_level: int
) -> tuple[dict[int, int], dict[tuple[int, int], int]] | None:
    """Staff per unit and holders at or above ``min_level`` per (unit, area), from the tables when
    they are current for ``on`` (five small queries, the sum done by the database); None when stale."""
    state = SkillMapState.objects.for_organization(organization_id).filter(as_of=on).first()
    if state is None or state.stamp != summary_stamp(organization_id):
        return None
    staff = dict(SkillMapStaff.objects.for_organization(organization_id).values_list("org_unit_id", "staff").order_by())
    rows = (
        SkillMapCell.objects.for_organization(organization_id)
        .filter(level__gte=min_level)
        .values("org_unit_id", "area_id")
        .annotate(n=Sum("holders"))
        .values_list("org_unit_id", "area_id", "n")
        .order_by()
    )
    return staff, {(unit, area): n for unit, area, n in rows if n}


@task()
def skill_summary_rebuild_task(organization_id: int, on: str) -> None:
    """Rebuild stale counts in the worker (queued by the map when it found them stale)."""
    with tenant_context(organization_id):
        skill_summary_rebuild(organization_id=organization_id, on=datetime.date.fromisoformat(on), force=False)


class SummaryUpdate:
    """What the confirmation service does around its write of one ``EmployeeSkill`` (in its transaction).

    Creating it locks the state row and notes whether the stored counts are current; ``done`` moves the
    employee's count from ``old_level`` to ``new_level`` in the unit of their 本務 on the counts' date
    and records the new fingerprint. Stale counts are left alone (the next read rebuilds them).
    """

    def __init__(self, organization_id: int) -> None:
        self.organization_id = organization_id
        self.state = _lock_state(organization_id)
        self.current = self.state.as_of is not None and self.state.stamp == summary_stamp(organization_id)

    def done(self, *, employee_id: int, area_id: int, old_level: int | None, new_level: int) -> None:
        if not self.current or self.state.as_of is None:
            return
        unit_id = (
            Assignment.unscoped.filter(
                as_of_q(self.state.as_of),
                organization_id=self.organization_id,
                employee_id=employee_id,
                kind=AssignmentKind.PRIMARY,
            )
            .values_list("org_unit_id", flat=True)
            .first()
        )
        if unit_id is not None and old_level != new_level:
            if old_level is not None:
                self._add(unit_id, area_id, old_level, -1)
            self._add(unit_id, area_id, new_level, 1)
        self.state.stamp = summary_stamp(self.organization_id)
        self.state.save(update_fields=["stamp"])

    def _add(self, unit_id: int, area_id: int, level: int, delta: int) -> None:
        cell, _ = SkillMapCell.objects.for_organization(self.organization_id).get_or_create(
            organization_id=self.organization_id,
            org_unit_id=unit_id,
            area_id=area_id,
            level=level,
            defaults={"holders": 0},
        )
        SkillMapCell.objects.for_organization(self.organization_id).filter(pk=cell.pk).update(
            holders=F("holders") + delta
        )
