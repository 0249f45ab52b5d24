"""自己申告の参照: the employee's own form, and 人事担当's list for placement."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from jinji.accounts.scope import AnyUser
from jinji.org.selectors import unit_path_names
from jinji.personnel.models import AssignmentKind, Employee
from jinji.personnel.selectors import Page, assignment_views_on
from jinji.talent.models import CareerWish
from jinji.talent.permissions import hr_scope_q


@dataclass(frozen=True, slots=True)
class WishView:
    id: int
    employee_id: int
    staff_number: str
    employee_name: str
    current_unit: str
    fiscal_year: int
    transfer_wish: str
    transfer_wish_label: str
    wished_unit_ids: tuple[int, ...]
    wished_units: tuple[str, ...]
    wished_work: str
    career_intention_label: str
    dx_interest: bool
    free_text: str
    updated_at: datetime.datetime


def _views(organization: int, wishes: list[CareerWish], on: datetime.date) -> list[WishView]:
    unit_ids = {u.pk for w in wishes for u in w.wished_units.all()}
    names = unit_path_names(organization=organization, on=on, unit_ids=unit_ids) if unit_ids else {}
    posts = assignment_views_on(organization=organization, employee_ids=[w.employee_id for w in wishes], on=on)
    views = []
    for w in wishes:
        primary = next((p for p in posts.get(w.employee_id, []) if p.kind == AssignmentKind.PRIMARY), None)
        units = [u.pk for u in w.wished_units.all()]
        views.append(
            WishView(
                id=w.pk,
                employee_id=w.employee_id,
                staff_number=w.employee.staff_number,
                employee_name=w.employee.working_name,
                current_unit=primary.unit_name if primary else "",
                fiscal_year=w.fiscal_year,
                transfer_wish=w.transfer_wish,
                transfer_wish_label=w.get_transfer_wish_display(),
                wished_unit_ids=tuple(units),
                wished_units=tuple(names.get(u, "") for u in units),
                wished_work=w.wished_work,
                career_intention_label=w.get_career_intention_display(),
                dx_interest=w.dx_interest,
                free_text=w.free_text,
                updated_at=w.updated_at,
            )
        )
    return views


def career_wish_of(*, organization: int, employee_id: int, fiscal_year: int, on: datetime.date) -> WishView | None:
    """The employee's 自己申告 for the 年度 (for the employee or 人事担当). Five queries at most."""
    wish = (
        CareerWish.objects.for_organization(organization)
        .filter(employee_id=employee_id, fiscal_year=fiscal_year)
        .select_related("employee")
        .prefetch_related("wished_units")
        .first()
    )
    return _views(organization, [wish], on)[0] if wish else None


def career_wish_list(
    *,
    organization: int,
    user: AnyUser,
    fiscal_year: int,
    on: datetime.date,
    transfer_wish: str = "",
    page: int = 1,
    page_size: int = 50,
) -> Page[WishView]:
    """自己申告の一覧 for 人事担当 (their scope), by 職員番号. A fixed number of queries per page."""
    qs = (
        CareerWish.objects.for_organization(organization)
        .filter(fiscal_year=fiscal_year)
        .filter(employee__in=_scope(organization, user, on))
    )
    if transfer_wish:
        qs = qs.filter(transfer_wish=transfer_wish)
    total = qs.count()
    start = (max(1, page) - 1) * page_size
    rows = list(
        qs.select_related("employee")
        .prefetch_related("wished_units")
        .order_by("employee__staff_number")[start : start + page_size]
    )
    return Page(items=tuple(_views(organization, rows, on)), number=max(1, page), page_size=page_size, total=total)


def _scope(organization: int, user: AnyUser, on: datetime.date) -> QuerySet[Employee, dict[str, Any]]:
    return Employee.objects.for_organization(organization).filter(hr_scope_q(user, on=on)).values("pk")
