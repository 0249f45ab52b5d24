"""職員検索 and 所属職員一覧: a constant number of queries whatever the number of employees.

Queries: the permission scope (depends on the rule, fixed), the sub-unit ids (one, only with
``include_sub_units``), the count, the page of employees, their assignments on the date,
and the unit names on the date: never one query per row.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from jinji.core.models import Organization, as_of_q
from jinji.org.selectors import UnitInfo, unit_descendant_ids, unit_infos
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, Employee
from jinji.personnel.search_text import search_words
from jinji.personnel.selectors.scope import employee_scope
from jinji.personnel.selectors.views import EmployeeRow, Page

MAX_PAGE_SIZE = 500
COUNT_LIMIT = 1_000
"""Counting stops here: ``Page.total`` is then COUNT_LIMIT + 1 and ``total_is_exact`` False."""
ORDERINGS = {
    "staff_number": ("staff_number",),
    "kana": ("family_name_kana", "given_name_kana", "staff_number"),
}
_EMPLOYEE_FIELDS = (
    "id",
    "staff_number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "former_family_name",
    "uses_former_name",
    "hired_on",
    "separated_on",
)
_ASSIGNMENT_FIELDS = (
    "id",
    "employee_id",
    "kind",
    "org_unit_id",
    "position_id",
    "position__name",
    "position__rank",
    "appointment_type",
    "grade",
    "step",
    "is_on_leave",
)


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def _assignments_on(org_id: int, on: datetime.date) -> QuerySet[Assignment]:
    return Assignment.objects.for_organization(org_id).filter(as_of_q(on))


def _filtered_employees(
    *,
    org_id: int,
    user: Any,
    on: datetime.date,
    query: str,
    unit_ids: set[int] | None,
    appointment_type: str | None,
    include_inactive: bool,
) -> QuerySet[Employee]:
    """Employees matching the words, in scope, with a primary post on ``on`` matching the filters.

    With a unit filter the posts drive the query (``pk IN (posts in those units)``: a few
    hundred index lookups); otherwise each candidate is probed with ``EXISTS`` on the
    (employee, kind, valid_from) index, which stops early under LIMIT.
    """
    qs = Employee.objects.for_organization(org_id).filter(employee_scope(user, on=on, purpose="view"))
    for word in search_words(query):
        qs = qs.filter(search_text__contains=word)
    primary = _assignments_on(org_id, on).filter(kind=AssignmentKind.PRIMARY)
    if appointment_type:
        primary = primary.filter(appointment_type=appointment_type)
    if unit_ids is not None:
        return qs.filter(pk__in=primary.filter(org_unit_id__in=sorted(unit_ids)).values("employee_id"))
    if appointment_type or not include_inactive:
        qs = qs.filter(Exists(primary.filter(employee_id=OuterRef("pk"))))
    return qs


def _page_assignments(org_id: int, on: datetime.date, ids: list[int]) -> list[dict[str, Any]]:
    """Primary posts on ``on`` of the employees on the page.

    Tenant scoping goes through the employee join rather than ``assignment.organization_id``
    so that SQLite, without statistics, picks the (employee, kind, valid_from) index.
    """
    if not ids:
        return []
    return list(
        Assignment.unscoped.filter(as_of_q(on), employee__organization_id=org_id, employee_id__in=ids)
        .filter(kind=AssignmentKind.PRIMARY)
        .order_by("employee_id", "-valid_from")
        .values(*_ASSIGNMENT_FIELDS)
    )


def _label(choices: type[AppointmentType], value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


def _row(e: dict[str, Any], a: dict[str, Any] | None, unit: UnitInfo | None) -> EmployeeRow:
    full_name = f"{e['family_name']} {e['given_name']}"
    working = (
        f"{e['former_family_name']} {e['given_name']}"
        if e["uses_former_name"] and e["former_family_name"]
        else full_name
    )
    return EmployeeRow(
        id=e["id"],
        staff_number=e["staff_number"],
        full_name=full_name,
        full_name_kana=f"{e['family_name_kana']} {e['given_name_kana']}",
        working_name=working,
        former_family_name=e["former_family_name"],
        hired_on=e["hired_on"],
        separated_on=e["separated_on"],
        unit_id=a["org_unit_id"] if a else None,
        unit_code=unit.code if unit else "",
        unit_name=unit.name if unit else "",
        position_id=a["position_id"] if a else None,
        position_name=(a["position__name"] or "") if a else "",
        appointment_type=a["appointment_type"] if a else "",
        appointment_type_label=_label(AppointmentType, a["appointment_type"]) if a else "",
        grade=a["grade"] if a else None,
        step=a["step"] if a else None,
        is_on_leave=bool(a["is_on_leave"]) if a else False,
        assignment_kind=a["kind"] if a else "",
    )


def _rows(
    org_id: int, on: datetime.date, pairs: Sequence[tuple[dict[str, Any], dict[str, Any] | None]]
) -> list[EmployeeRow]:
    """Build rows from (employee, assignment) pairs; one query for all the unit names."""
    unit_ids = {a["org_unit_id"] for _, a in pairs if a is not None}
    units = unit_infos(organization=org_id, on=on, unit_ids=unit_ids) if unit_ids else {}
    return [_row(e, a, units.get(a["org_unit_id"]) if a else None) for e, a in pairs]


def employee_search(
    *,
    organization: Organization | int,
    user: Any,
    on: datetime.date,
    query: str = "",
    unit_id: int | None = None,
    include_sub_units: bool = False,
    appointment_type: str | None = None,
    include_inactive: bool = False,
    order_by: str = "staff_number",
    page: int = 1,
    page_size: int = 50,
) -> Page[EmployeeRow]:
    """職員検索 as of ``on``, limited to the employees ``user`` may see.

    ``query``: words matched against 氏名, フリガナ, 旧姓 and 職員番号 (each word must occur;
    ｶﾅ/かな/カナ and 全角/半角 are equivalent). ``unit_id`` (+ ``include_sub_units``) and
    ``appointment_type`` filter on the primary (本務) assignment on ``on``. Without
    ``include_inactive`` only employees with a primary assignment on ``on`` are listed.
    ``order_by``: ``"staff_number"`` or ``"kana"``. Runs a constant number of queries.
    """
    org_id = _org_id(organization)
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    page = max(1, page)
    unit_ids: set[int] | None = None
    if unit_id is not None:
        unit_ids = (
            unit_descendant_ids(organization=org_id, unit_ids=[unit_id], on=on) if include_sub_units else {unit_id}
        )
    qs = _filtered_employees(
        org_id=org_id,
        user=user,
        on=on,
        query=query,
        unit_ids=unit_ids,
        appointment_type=appointment_type,
        include_inactive=include_inactive,
    )
    offset = (page - 1) * page_size
    ordering = ORDERINGS.get(order_by, ORDERINGS["staff_number"])
    employees = list(qs.order_by(*ordering).values(*_EMPLOYEE_FIELDS)[offset : offset + page_size])
    if len(employees) < page_size and (employees or page == 1):
        total = offset + len(employees)
    else:
        total = qs.order_by()[: COUNT_LIMIT + 1].count()
    assignments = _page_assignments(org_id, on, [e["id"] for e in employees]) if employees else []
    by_employee: dict[int, dict[str, Any]] = {}
    for a in assignments:
        by_employee.setdefault(a["employee_id"], a)
    rows = _rows(org_id, on, [(e, by_employee.get(e["id"])) for e in employees])
    exact = total <= COUNT_LIMIT
    return Page(items=tuple(rows), number=page, page_size=page_size, total=total, total_is_exact=exact)


def org_unit_members(
    *,
    organization: Organization | int,
    user: Any,
    unit_id: int,
    on: datetime.date,
    include_sub_units: bool = False,
    include_concurrent: bool = True,
) -> list[EmployeeRow]:
    """所属職員一覧 on ``on``: staff whose post (本務, and 兼務・併任 unless excluded) is in the unit.

    Ordered by 職位 (highest first), then 職員番号. One row per person and unit; a person with
    a 兼務 in the unit shows with ``assignment_kind`` "concurrent". Constant number of queries.
    """
    org_id = _org_id(organization)
    unit_ids = unit_descendant_ids(organization=org_id, unit_ids=[unit_id], on=on) if include_sub_units else {unit_id}
    kinds = list(AssignmentKind.values) if include_concurrent else [AssignmentKind.PRIMARY]
    visible = Employee.objects.for_organization(org_id).filter(employee_scope(user, on=on, purpose="view"))
    posts = _assignments_on(org_id, on).filter(
        org_unit_id__in=sorted(unit_ids), kind__in=kinds, employee_id__in=visible.values("pk")
    )
    assignments = list(posts.order_by("employee_id", "kind").values(*_ASSIGNMENT_FIELDS))
    employees = {
        e["id"]: e
        for e in Employee.objects.for_organization(org_id)
        .filter(pk__in=posts.values("employee_id"))
        .values(*_EMPLOYEE_FIELDS)
    }
    pairs = [(employees[a["employee_id"]], a) for a in assignments if a["employee_id"] in employees]
    pairs.sort(
        key=lambda p: (
            p[1]["kind"] != AssignmentKind.PRIMARY,
            -int(p[1]["position__rank"] or 0),
            p[0]["staff_number"],
        )
    )
    return _rows(org_id, on, pairs)


def employee_by_staff_number(*, organization: Organization | int, staff_number: str) -> Employee | None:
    """The employee with 職員番号 ``staff_number`` (no permission scope: for importers/services)."""
    return Employee.objects.for_organization(_org_id(organization)).filter(staff_number=staff_number.strip()).first()


def visible_employee_q(user: Any, *, on: datetime.date, purpose: str = "view") -> Q:
    """The permission scope used by these selectors (for callers building their own lists)."""
    return employee_scope(user, on=on, purpose=purpose)
