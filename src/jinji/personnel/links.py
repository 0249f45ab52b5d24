"""Links from the 職員 detail page to what apps above personnel keep about the employee.

Personnel sits below 人材 (talent), 人事評価 and the others and may not import them. An app
registers a function that, for one employee and the viewing user, returns a link (or None when
the user may not see that record), e.g. the talent app links the employee's 人材情報
(資格・スキル・研修履歴).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.personnel.models import Employee


@dataclass(frozen=True, slots=True)
class EmployeeLink:
    label: str
    url: str
    note: str = ""


LinkFn = Callable[["Employee", "User", datetime.date], "EmployeeLink | None"]
"""(employee, viewing user, date) → a link, or None when the user may not see it."""

_links: list[LinkFn] = []


def register_employee_link(link: LinkFn) -> None:
    if link not in _links:
        _links.append(link)


def employee_links(*, employee: Employee, user: User, on: datetime.date) -> list[EmployeeLink]:
    """Every registered link the user may follow for this employee, in registration order."""
    found = (link(employee, user, on) for link in _links)
    return [found_link for found_link in found if found_link is not None]
