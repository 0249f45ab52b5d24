"""研修の参照: who a course is mandatory for, sessions with seats, an employee's training history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from jinji.core.models import as_of_q
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.talent.models import (
    ACTIVE_ENROLMENT_STATUSES,
    Course,
    CourseRequirement,
    Enrolment,
    EnrolmentStatus,
    RoleTagAssignment,
    TrainingSession,
)


def in_post_q(on: datetime.date) -> Q:
    """Employees not separated before ``on``."""
    return Q(separated_on__isnull=True) | Q(separated_on__gte=on)


def mandatory_target_q(*, course: Course, on: datetime.date) -> Q | None:
    """Q on Employee: who a course is mandatory for on ``on`` (本務 at a listed 職位 rank, holding a
    listed role tag, or everyone in post when a requirement says 全職員); None when it has no requirement.
    One query (the requirements); the rest are subqueries."""
    org_id = course.organization_id
    requirements = list(CourseRequirement.objects.for_organization(org_id).filter(course=course))
    if not requirements:
        return None
    posts = Assignment.objects.for_organization(org_id).filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
    who = Q(pk__in=[])
    if any(r.all_staff for r in requirements):
        who = Q(pk__in=posts.values("employee_id"))
    else:
        ranks = sorted({r.position_rank for r in requirements if r.position_rank is not None})
        tags = sorted({r.role_tag_id for r in requirements if r.role_tag_id is not None})
        if ranks:
            who |= Q(pk__in=posts.filter(position__rank__in=ranks).values("employee_id"))
        if tags:
            holders = RoleTagAssignment.objects.for_organization(org_id).filter(as_of_q(on), tag_id__in=tags)
            who |= Q(pk__in=holders.values("employee_id"))
    return who & in_post_q(on)


def mandatory_target_ids(*, course: Course, on: datetime.date) -> set[int]:
    """Ids of the employees a course is mandatory for on ``on``. Two queries."""
    who = mandatory_target_q(course=course, on=on)
    if who is None:
        return set()
    return set(Employee.objects.for_organization(course.organization_id).filter(who).values_list("pk", flat=True))


@dataclass(frozen=True, slots=True)
class SessionView:
    id: int
    course_id: int
    course_name: str
    course_kind: str
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    location: str
    capacity: int
    taken: int
    is_open: bool

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.taken)


def session_views(
    *, organization: int, course_id: int | None = None, from_date: datetime.date | None = None
) -> list[SessionView]:
    """Sessions with the number of seats taken. One query."""
    qs = TrainingSession.objects.for_organization(organization).select_related("course")
    if course_id is not None:
        qs = qs.filter(course_id=course_id)
    if from_date is not None:
        qs = qs.filter(ends_on__gte=from_date)
    qs = qs.annotate(taken=Count("enrolments", filter=Q(enrolments__status__in=ACTIVE_ENROLMENT_STATUSES)))
    return [
        SessionView(
            id=s.pk,
            course_id=s.course_id,
            course_name=s.course.name,
            course_kind=s.course.get_kind_display(),
            name=s.name,
            starts_on=s.starts_on,
            ends_on=s.ends_on,
            location=s.location,
            capacity=s.capacity,
            taken=s.taken,
            is_open=s.is_open,
        )
        for s in qs.order_by("starts_on", "id")
    ]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of an employee's training history."""

    enrolment_id: int
    course_name: str
    course_kind: str
    session_name: str
    starts_on: datetime.date
    ends_on: datetime.date
    hours: int
    status: str
    status_label: str
    origin_label: str
    completed_on: datetime.date | None
    certificate_number: str

    @property
    def is_completed(self) -> bool:
        return self.status == EnrolmentStatus.COMPLETED

    @property
    def can_cancel(self) -> bool:
        return self.status == EnrolmentStatus.ENROLLED


def training_history(*, organization: int, employee_id: int) -> list[HistoryEntry]:
    """研修履歴 of one employee, newest first (cancelled ones left out). One query."""
    rows = (
        Enrolment.objects.for_organization(organization)
        .filter(employee_id=employee_id)
        .exclude(status=EnrolmentStatus.CANCELLED)
        .select_related("session", "course")
        .order_by("-session__starts_on", "-id")
    )
    return [
        HistoryEntry(
            enrolment_id=e.pk,
            course_name=e.course.name,
            course_kind=e.course.get_kind_display(),
            session_name=e.session.name,
            starts_on=e.session.starts_on,
            ends_on=e.session.ends_on,
            hours=e.course.hours,
            status=e.status,
            status_label=e.get_status_display(),
            origin_label=e.get_origin_display(),
            completed_on=e.completed_on,
            certificate_number=e.certificate_number,
        )
        for e in rows
    ]
