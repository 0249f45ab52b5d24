"""人材情報 of one employee on one page: qualifications, skills, training history, roles, past posts,
自己申告 (when the viewer may see it) and お知らせ (for the employee themself). Bounded queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.personnel.models import AssignmentKind, Employee
from jinji.personnel.selectors import AssignmentView, assignment_views_on, employee_assignment_history
from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import NoticeAudience, TalentNotice
from jinji.talent.selectors.qualifications import QualificationView, employee_qualifications
from jinji.talent.selectors.roles import DesignationView, designations
from jinji.talent.selectors.skills import EmployeeSkillView, employee_skill_views
from jinji.talent.selectors.training import HistoryEntry, training_history
from jinji.talent.selectors.wishes import WishView, career_wish_of


@dataclass(frozen=True, slots=True)
class NoticeView:
    message: str
    due_on: datetime.date
    created_at: datetime.datetime


@dataclass(frozen=True, slots=True)
class TalentProfile:
    employee_id: int
    staff_number: str
    name: str
    kana: str
    on: datetime.date
    unit_name: str
    position_name: str
    qualifications: tuple[QualificationView, ...]
    skills: tuple[EmployeeSkillView, ...]
    training: tuple[HistoryEntry, ...]
    roles: tuple[DesignationView, ...]
    posts: tuple[AssignmentView, ...]
    wish: WishView | None
    notices: tuple[NoticeView, ...]
    private: bool
    """Whether 自己申告 and evidence files are shown (the employee and 人事担当 only)."""

    @property
    def completed_hours(self) -> int:
        return sum(t.hours for t in self.training if t.is_completed)


def employee_notices(*, organization: int, employee_id: int, limit: int = 20) -> list[NoticeView]:
    qs = (
        TalentNotice.objects.for_organization(organization)
        .filter(employee_id=employee_id, audience=NoticeAudience.EMPLOYEE)
        .order_by("-created_at", "-id")[:limit]
    )
    return [NoticeView(n.message, n.due_on, n.created_at) for n in qs]


def talent_profile(
    *, organization: int, employee: Employee, on: datetime.date, show_private: bool, show_notices: bool
) -> TalentProfile:
    """Everything talent knows of ``employee`` (the caller has checked ``can_view_talent``)."""
    posts = assignment_views_on(organization=organization, employee_ids=[employee.pk], on=on).get(employee.pk, [])
    primary = next((p for p in posts if p.kind == AssignmentKind.PRIMARY), None)
    wish = career_wish_of(organization=organization, employee_id=employee.pk, fiscal_year=fiscal_year_of(on), on=on)
    return TalentProfile(
        employee_id=employee.pk,
        staff_number=employee.staff_number,
        name=employee.working_name,
        kana=employee.full_name_kana,
        on=on,
        unit_name=primary.unit_name if primary else "",
        position_name=primary.position_name if primary else "",
        qualifications=tuple(employee_qualifications(organization=organization, employee_id=employee.pk, on=on)),
        skills=tuple(employee_skill_views(organization=organization, employee_id=employee.pk)),
        training=tuple(training_history(organization=organization, employee_id=employee.pk)),
        roles=tuple(designations(organization=organization, employee_id=employee.pk, on=None)),
        posts=tuple(employee_assignment_history(organization=organization, employee_id=employee.pk)),
        wish=wish if show_private else None,
        notices=tuple(employee_notices(organization=organization, employee_id=employee.pk)) if show_notices else (),
        private=show_private,
    )


def hr_notices(*, organization: int, limit: int = 50) -> list[NoticeView]:
    """人事担当向けのお知らせ (任期満了 …), newest first."""
    qs = (
        TalentNotice.objects.for_organization(organization)
        .filter(audience=NoticeAudience.HR)
        .order_by("-created_at", "-id")[:limit]
    )
    return [NoticeView(n.message, n.due_on, n.created_at) for n in qs]
