"""Loading posts for the planner and checking planned posts against the organization master.

Everything here works for one employee or ten thousand with the same number of queries:
the code lists (職, 給料表, 任命権者 …) are small and loaded whole; units once per date.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q

from jinji.org.models import AppointingAuthority, JobCategory, Payer, Position, SalarySchedule
from jinji.org.selectors import unit_infos
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, WorkPattern
from jinji.personnel.services.planning import ONE_DAY, Period, Plan, Post

_DATED = tuple[int, datetime.date, datetime.date | None]
_APPOINTMENT_TYPES = frozenset(AppointmentType.values)
_WORK_PATTERNS = frozenset(WorkPattern.values)
_PERIOD_COLUMNS = (
    "pk",
    "employee_id",
    "org_unit_id",
    "appointing_authority_id",
    "appointment_type",
    "work_pattern",
    "weekly_minutes",
    "position_id",
    "job_category_id",
    "payer_id",
    "salary_schedule_id",
    "grade",
    "step",
    "is_on_leave",
    "kind",
    "valid_from",
    "valid_to",
)
_POST_COLUMNS = _PERIOD_COLUMNS[2:-2]


def _valid(start: datetime.date, end: datetime.date | None, on: datetime.date) -> bool:
    return start <= on and (end is None or on <= end)


def period_of(a: Assignment) -> Period:
    return Period(
        post=Post(
            org_unit_id=a.org_unit_id,
            appointing_authority_id=a.appointing_authority_id,
            appointment_type=a.appointment_type,
            work_pattern=a.work_pattern,
            weekly_minutes=a.weekly_minutes,
            position_id=a.position_id,
            job_category_id=a.job_category_id,
            payer_id=a.payer_id,
            salary_schedule_id=a.salary_schedule_id,
            grade=a.grade,
            step=a.step,
            is_on_leave=a.is_on_leave,
            kind=a.kind,
        ),
        valid_from=a.valid_from,
        valid_to=a.valid_to,
        id=a.pk,
    )


def load_periods(
    org_id: int, *, since: datetime.date, employee_ids: Iterable[int] | None = None, employee_q: Q | None = None
) -> dict[int, list[Period]]:
    """Assignments still in force on or after ``since - 1 day``, per employee. One query."""
    qs = Assignment.objects.for_organization(org_id).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=since - ONE_DAY))
    if employee_ids is not None:
        qs = qs.filter(employee_id__in=list(employee_ids))
    if employee_q is not None:
        qs = qs.filter(employee_q)
    result: defaultdict[int, list[Period]] = defaultdict(list)
    for row in qs.order_by("employee_id", "valid_from", "id").values_list(*_PERIOD_COLUMNS):
        pk, employee_id, *terms, valid_from, valid_to = row
        post = Post(**dict(zip(_POST_COLUMNS, terms, strict=True)))
        result[employee_id].append(Period(post=post, valid_from=valid_from, valid_to=valid_to, id=pk))
    return dict(result)


def primary_on(periods: Iterable[Period], on: datetime.date) -> Period | None:
    for p in periods:
        if p.post.kind == AssignmentKind.PRIMARY and _valid(p.valid_from, p.valid_to, on):
            return p
    return None


def concurrent_on(periods: Iterable[Period], on: datetime.date) -> list[Period]:
    return [p for p in periods if p.post.kind != AssignmentKind.PRIMARY and _valid(p.valid_from, p.valid_to, on)]


def later_primary(periods: Iterable[Period], on: datetime.date) -> Period | None:
    """A primary post starting after ``on`` (a later 任用 that a 発令 on ``on`` would contradict)."""
    return next((p for p in periods if p.post.kind == AssignmentKind.PRIMARY and p.valid_from > on), None)


def apply_plan_in_memory(periods: list[Period], plan: Plan) -> None:
    """Reflect ``plan`` in ``periods`` so the next action for the same person sees it."""
    for period, valid_to in plan.closes:
        period.valid_to = valid_to
    periods.extend(plan.opens)


@dataclass
class Catalog:
    """The organization's code lists, loaded once, and its units per date (loaded on demand)."""

    org_id: int
    positions: dict[int, _DATED] = field(default_factory=dict)
    position_codes: dict[str, list[int]] = field(default_factory=dict)
    schedules: dict[int, tuple[int, datetime.date, datetime.date | None]] = field(default_factory=dict)
    authorities: set[int] = field(default_factory=set)
    payers: set[int] = field(default_factory=set)
    job_categories: set[int] = field(default_factory=set)
    _units: dict[datetime.date, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, org_id: int) -> Catalog:
        catalog = cls(org_id=org_id)
        for pk, start, end in Position.objects.for_organization(org_id).values_list("pk", "valid_from", "valid_to"):
            catalog.positions[pk] = (pk, start, end)
        for pk, max_grade, start, end in SalarySchedule.objects.for_organization(org_id).values_list(
            "pk", "max_grade", "valid_from", "valid_to"
        ):
            catalog.schedules[pk] = (max_grade, start, end)
        catalog.authorities = set(AppointingAuthority.objects.for_organization(org_id).values_list("pk", flat=True))
        catalog.payers = set(Payer.objects.for_organization(org_id).values_list("pk", flat=True))
        catalog.job_categories = set(JobCategory.objects.for_organization(org_id).values_list("pk", flat=True))
        return catalog

    def units_on(self, on: datetime.date) -> dict[int, int]:
        """Unit id → 任命権者 id for the units existing on ``on`` (one query per distinct date)."""
        if on not in self._units:
            self._units[on] = {
                unit_id: info.appointing_authority_id
                for unit_id, info in unit_infos(organization=self.org_id, on=on).items()
            }
        return self._units[on]

    def post_problems(self, post: Post, on: datetime.date) -> list[tuple[str, str]]:
        """(field, message) for what is wrong with a planned post starting on ``on``; empty when fine."""
        problems: list[tuple[str, str]] = []
        if post.org_unit_id not in self.units_on(on):
            problems.append(("org_unit", f"所属(ID {post.org_unit_id})は{on.isoformat()}に存在しません"))
        if post.position_id is not None:
            pos = self.positions.get(post.position_id)
            if pos is None or not _valid(pos[1], pos[2], on):
                problems.append(("position", f"職(ID {post.position_id})は{on.isoformat()}に存在しません"))
        problems.extend(self._pay_problems(post, on))
        if post.appointing_authority_id not in self.authorities:
            problems.append(("appointing_authority", "任命権者が不明です"))
        if post.payer_id is not None and post.payer_id not in self.payers:
            problems.append(("payer", "給与支払者が不明です"))
        if post.job_category_id is not None and post.job_category_id not in self.job_categories:
            problems.append(("job_category", "職種が不明です"))
        if post.appointment_type not in _APPOINTMENT_TYPES:
            problems.append(("appointment_type", f"任用区分「{post.appointment_type}」は使えません"))
        if post.work_pattern not in _WORK_PATTERNS:
            problems.append(("work_pattern", f"勤務形態「{post.work_pattern}」は使えません"))
        return problems

    def _pay_problems(self, post: Post, on: datetime.date) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if post.salary_schedule_id is not None:
            schedule = self.schedules.get(post.salary_schedule_id)
            if schedule is None or not _valid(schedule[1], schedule[2], on):
                problems.append(
                    ("salary_schedule", f"給料表(ID {post.salary_schedule_id})は{on.isoformat()}に存在しません")
                )
            elif post.grade is not None and not 1 <= post.grade <= schedule[0]:
                problems.append(("grade", f"{post.grade}級は給料表の範囲(1〜{schedule[0]}級)を超えています"))
        elif post.grade is not None and post.kind == AssignmentKind.PRIMARY:
            problems.append(("salary_schedule", "級を指定するには給料表が必要です"))
        if post.step is not None and post.step < 1:
            problems.append(("step", "号給は1以上で指定してください"))
        return problems
