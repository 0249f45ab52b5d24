"""What talent registers with personnel (from ``TalentConfig.ready``): the 人材情報 link on the 職員
detail page, and the skill map summary's listener for moved posts."""

from __future__ import annotations

import datetime

from django.urls import reverse

from jinji.accounts.models import User
from jinji.personnel.links import EmployeeLink, register_employee_link
from jinji.personnel.models import Employee
from jinji.personnel.post_changes import register_post_listener
from jinji.talent.permissions import can_view_talent
from jinji.talent.skill_summary import posts_changed_listener


def talent_profile_link(employee: Employee, user: User, on: datetime.date) -> EmployeeLink | None:
    """Shown to those the talent profile admits (本人, 人事担当 in scope, the 所属長); today's profile."""
    if not can_view_talent(user, employee):
        return None
    return EmployeeLink(
        label="人材情報",
        url=reverse("talent:employee_profile", args=[employee.pk]),
        note="資格・スキル・研修履歴・役割",
    )


def register_with_personnel() -> None:
    register_employee_link(talent_profile_link)
    register_post_listener(posts_changed_listener)
