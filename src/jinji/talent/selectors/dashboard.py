"""研修の修了状況: per course, the people it is mandatory for (or who enrolled) and how many completed,
by 部 (the top of the org tree) and by 職位 rank, as of a date. A fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from jinji.accounts.scope import AnyUser
from jinji.core.models import as_of_q
from jinji.org.selectors import org_tree_flat
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.talent.models import ACTIVE_ENROLMENT_STATUSES, Course, Enrolment, EnrolmentStatus
from jinji.talent.permissions import hr_scope_q
from jinji.talent.selectors.skillmap import rollup_to_depth
from jinji.talent.selectors.training import mandatory_target_q


@dataclass(frozen=True, slots=True)
class CompletionRow:
    label: str
    target: int
    completed: int

    @property
    def rate(self) -> int:
        """Completion rate in whole percent (0 when nobody is targeted)."""
        return round(100 * self.completed / self.target) if self.target else 0


@dataclass(frozen=True, slots=True)
class CompletionDashboard:
    course_id: int
    course_name: str
    basis: str
    on: datetime.date
    total: CompletionRow
    by_unit: tuple[CompletionRow, ...]
    by_rank: tuple[CompletionRow, ...]


def _targets(course: Course, user: AnyUser, on: datetime.date) -> tuple[Q, str]:
    who = mandatory_target_q(course=course, on=on)
    if who is not None:
        return who & hr_scope_q(user, on=on), "受講必須者"
    enrolled = Enrolment.objects.for_organization(course.organization_id).filter(
        course=course, status__in=ACTIVE_ENROLMENT_STATUSES
    )
    return Q(pk__in=enrolled.values("employee_id")) & hr_scope_q(user, on=on), "受講登録者"


def completion_dashboard(*, organization: int, user: AnyUser, course: Course, on: datetime.date) -> CompletionDashboard:
    """Who must take (or took) ``course`` and who completed it, by 部 and by 職位 rank, on ``on``."""
    who, basis = _targets(course, user, on)
    targets = Employee.objects.for_organization(organization).filter(who).values("pk")
    done = Enrolment.objects.for_organization(organization).filter(course=course, status=EnrolmentStatus.COMPLETED)
    posts = Assignment.objects.for_organization(organization).filter(
        as_of_q(on), kind=AssignmentKind.PRIMARY, employee_id__in=targets
    )
    finished = Q(employee_id__in=done.values("employee_id"))
    counts = Count("employee_id", distinct=True)
    done_counts = Count("employee_id", distinct=True, filter=finished)
    per_unit = posts.values("org_unit_id").annotate(t=counts, c=done_counts).values_list("org_unit_id", "t", "c")
    per_rank = (
        posts.values("position__rank", "position__name")
        .annotate(t=counts, c=done_counts)
        .values_list("position__rank", "position__name", "t", "c")
    )
    nodes = org_tree_flat(organization=organization, on=on)
    to_root = rollup_to_depth(nodes, 0)
    names = {n.id: n.name for n in nodes}
    units: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, t, c in per_unit:
        root = to_root.get(unit_id, unit_id)
        units[root][0] += t
        units[root][1] += c
    order = {n.id: i for i, n in enumerate(nodes)}
    by_unit = tuple(
        CompletionRow(names.get(u, "(廃止された組織)"), t, c)
        for u, (t, c) in sorted(units.items(), key=lambda x: order.get(x[0], 10**9))
    )
    ranks: defaultdict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    for rank, name, t, c in per_rank:
        ranks[(rank or 0, name or "職なし")][0] += t
        ranks[(rank or 0, name or "職なし")][1] += c
    by_rank = tuple(
        CompletionRow(name, t, c) for (rank, name), (t, c) in sorted(ranks.items(), key=lambda x: (-x[0][0], x[0][1]))
    )
    total = CompletionRow("合計", sum(r.target for r in by_unit), sum(r.completed for r in by_unit))
    return CompletionDashboard(
        course_id=course.pk, course_name=course.name, basis=basis, on=on, total=total, by_unit=by_unit, by_rank=by_rank
    )
