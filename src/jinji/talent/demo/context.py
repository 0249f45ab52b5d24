"""What the demo steps share: the organization, the acting 人事担当, the date, the posts in force."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from jinji.accounts.models import User
from jinji.core.models import Organization, as_of_q
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import Qualification, RoleTag

DAY = datetime.timedelta(days=1)
IPA_DIGITAL = (
    "ipa_sg",
    "ipa_fe",
    "ipa_ap",
    "ipa_st",
    "ipa_sa",
    "ipa_pm",
    "ipa_nw",
    "ipa_db",
    "ipa_es",
    "ipa_sm",
    "ipa_au",
    "ipa_sc",
)


@dataclass(frozen=True, slots=True)
class Post:
    employee_id: int
    unit_id: int
    rank: int
    appointment_type: str
    since: datetime.date


@dataclass
class Demo:
    org: Organization
    hr: User
    on: datetime.date
    rng: random.Random
    posts: list[Post]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def fy_start(self) -> datetime.date:
        return datetime.date(fiscal_year_of(self.on), 4, 1)

    def tag(self, code: str) -> RoleTag:
        found: RoleTag = RoleTag.objects.for_organization(self.org).get(code=code)
        return found

    def qualification(self, code: str) -> Qualification:
        found: Qualification = Qualification.objects.for_organization(self.org).get(code=code)
        return found


def posts_on(org: Organization, on: datetime.date) -> list[Post]:
    rows = (
        Assignment.objects.for_organization(org)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY, employee__separated_on__isnull=True)
        .order_by("employee_id")
        .values_list("employee_id", "org_unit_id", "position__rank", "appointment_type", "valid_from")
    )
    return [Post(e, u, r or 1, t, s) for e, u, r, t, s in rows]


def employee_of(d: Demo, post: Post) -> Employee:
    found: Employee = Employee.objects.for_organization(d.org).get(pk=post.employee_id)
    return found
