"""人材検索 (人事担当): staff by skills, qualifications, training, past units, role tags and 自己申告.

Every filter is a subquery on an indexed column, so the work does not grow with the result:
per page a fixed number of queries (scope, count capped at :data:`COUNT_LIMIT`, the page of ids,
then one query each for names, posts (2), skills, qualifications, role tags, wishes, completed
courses). Exports build the same rows in chunks of :data:`CHUNK`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, Manager, Model, OuterRef, Q, QuerySet

from jinji.accounts.scope import AnyUser
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_infos
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind, Employee
from jinji.personnel.search_text import search_words
from jinji.personnel.selectors import Page
from jinji.talent.dates import fiscal_year_of
from jinji.talent.models import (
    CareerWish,
    EmployeeQualification,
    EmployeeSkill,
    Enrolment,
    EnrolmentStatus,
    RoleTagAssignment,
    TransferWish,
)
from jinji.talent.permissions import hr_scope_q
from jinji.talent.selectors.qualifications import holds_q

COUNT_LIMIT = 1_000
MAX_PAGE_SIZE = 200
CHUNK = 1_000
EXPORT_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class SkillFilter:
    area_id: int
    min_level: int


@dataclass(frozen=True, slots=True)
class TalentFilters:
    """Conditions, all of which must hold (empty = not used)."""

    query: str = ""
    skills: tuple[SkillFilter, ...] = ()
    qualification_ids: tuple[int, ...] = ()
    min_ipa_level: int | None = None
    course_id: int | None = None
    past_unit_id: int | None = None
    role_tag_id: int | None = None
    transfer_wish: str = ""
    wished_unit_id: int | None = None
    dx_interest: bool = False
    fiscal_year: int | None = None


@dataclass(frozen=True, slots=True)
class TalentRow:
    id: int
    staff_number: str
    name: str
    kana: str
    unit_name: str
    position_name: str
    appointment_type_label: str
    skills: tuple[tuple[str, int], ...] = ()
    qualifications: tuple[str, ...] = ()
    role_tags: tuple[str, ...] = ()
    transfer_wish: str = ""
    dx_interest: bool = False
    completed_courses: int = 0


def _wish_q(org_id: int, filters: TalentFilters, on: datetime.date) -> Q | None:
    if not (filters.transfer_wish or filters.wished_unit_id or filters.dx_interest):
        return None
    wishes = CareerWish.objects.for_organization(org_id).filter(fiscal_year=filters.fiscal_year or fiscal_year_of(on))
    if filters.transfer_wish:
        wishes = wishes.filter(transfer_wish=filters.transfer_wish)
    if filters.wished_unit_id:
        wishes = wishes.filter(wished_units=filters.wished_unit_id)
    if filters.dx_interest:
        wishes = wishes.filter(dx_interest=True)
    return Q(pk__in=wishes.values("employee_id"))


def _filter_qs(org_id: int, filters: TalentFilters, on: datetime.date) -> list[Q]:
    parts: list[Q] = []
    for skill in filters.skills:
        held = EmployeeSkill.objects.for_organization(org_id).filter(area_id=skill.area_id, level__gte=skill.min_level)
        parts.append(Q(pk__in=held.values("employee_id")))
    holdings = EmployeeQualification.objects.for_organization(org_id).filter(holds_q(on))
    parts += [Q(pk__in=holdings.filter(qualification_id=q).values("employee_id")) for q in filters.qualification_ids]
    if filters.min_ipa_level:
        parts.append(
            Q(pk__in=holdings.filter(qualification__ipa_level__gte=filters.min_ipa_level).values("employee_id"))
        )
    if filters.course_id:
        done = Enrolment.objects.for_organization(org_id).filter(
            course_id=filters.course_id, status=EnrolmentStatus.COMPLETED
        )
        parts.append(Q(pk__in=done.values("employee_id")))
    if filters.past_unit_id:
        posts = Assignment.objects.for_organization(org_id).filter(org_unit_id=filters.past_unit_id, valid_from__lte=on)
        parts.append(Q(pk__in=posts.values("employee_id")))
    if filters.role_tag_id:
        tags = RoleTagAssignment.objects.for_organization(org_id).filter(as_of_q(on), tag_id=filters.role_tag_id)
        parts.append(Q(pk__in=tags.values("employee_id")))
    wish = _wish_q(org_id, filters, on)
    if wish is not None:
        parts.append(wish)
    return parts


def talent_queryset(
    *, organization: int, user: AnyUser, on: datetime.date, filters: TalentFilters
) -> QuerySet[Employee]:
    """Employees in the 人事担当's scope, in post on ``on`` (本務), matching every filter."""
    qs = Employee.objects.for_organization(organization).filter(hr_scope_q(user, on=on))
    for word in search_words(filters.query):
        qs = qs.filter(search_text__contains=word)
    for part in _filter_qs(organization, filters, on):
        qs = qs.filter(part)
    primary = Assignment.objects.for_organization(organization).filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
    return qs.filter(Exists(primary.filter(employee_id=OuterRef("pk"))))


def _group(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    out: defaultdict[int, list[str]] = defaultdict(list)
    for key, value in pairs:
        out[key].append(value)
    return out


def _of_page(model: type[Model], organization: int, ids: Sequence[int]) -> QuerySet[Any]:
    """Rows of ``model`` for the employees on the page.

    The tenant check goes through the employee join (``employee__organization_id``) rather than the
    row's own ``organization_id``, so that SQLite, which keeps no statistics, uses the
    ``employee_id`` index instead of scanning the organization's rows (50 lookups instead of
    tens of thousands; PostgreSQL plans both forms the same).
    """
    unscoped: Manager[Any] = model.unscoped  # type: ignore[attr-defined]
    return unscoped.filter(employee__organization_id=organization, employee_id__in=list(ids))


def _posts(organization: int, on: datetime.date, ids: Sequence[int]) -> dict[int, tuple[str, str, str]]:
    """本務 on ``on`` of the page's employees: employee id → (unit name, 職名, 任用区分). Two queries."""
    rows = list(
        _of_page(Assignment, organization, ids)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
        .values_list("employee_id", "org_unit_id", "position__name", "appointment_type")
    )
    units = unit_infos(organization=organization, on=on, unit_ids={r[1] for r in rows}) if rows else {}
    labels = dict(AppointmentType.choices)
    return {
        e: (units[u].name if u in units else "", position or "", str(labels.get(kind, kind)))
        for e, u, position, kind in rows
    }


def _extras(organization: int, on: datetime.date, ids: Sequence[int], fiscal_year: int) -> dict[str, Any]:
    """Skills, valid qualifications, role tags, this year's wish and completed courses of the page. Five queries."""
    skills: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    for emp, area, level in (
        _of_page(EmployeeSkill, organization, ids)
        .order_by("area__sort_order")
        .values_list("employee_id", "area__name", "level")
    ):
        skills[emp].append((area, level))
    quals = _group(
        _of_page(EmployeeQualification, organization, ids)
        .filter(holds_q(on))
        .order_by("qualification__sort_order")
        .values_list("employee_id", "qualification__name")
    )
    tags = _group(
        _of_page(RoleTagAssignment, organization, ids)
        .filter(as_of_q(on))
        .order_by("tag__sort_order")
        .values_list("employee_id", "tag__name")
    )
    wishes = {
        emp: (wish, dx)
        for emp, wish, dx in _of_page(CareerWish, organization, ids)
        .filter(fiscal_year=fiscal_year)
        .values_list("employee_id", "transfer_wish", "dx_interest")
    }
    courses = dict(
        _of_page(Enrolment, organization, ids)
        .filter(status=EnrolmentStatus.COMPLETED)
        .values("employee_id")
        .annotate(n=Count("course_id", distinct=True))
        .values_list("employee_id", "n")
    )
    return {"skills": skills, "quals": quals, "tags": tags, "wishes": wishes, "courses": courses}


def talent_rows(
    *, organization: int, on: datetime.date, ids: Sequence[int], fiscal_year: int | None = None
) -> list[TalentRow]:
    """Rows for ``ids`` (in that order): eight queries whatever their number (keep it to a page or a chunk)."""
    if not ids:
        return []
    people = {
        e["pk"]: e
        for e in Employee.objects.for_organization(organization)
        .filter(pk__in=list(ids))
        .values(
            "pk",
            "staff_number",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "former_family_name",
            "uses_former_name",
        )
    }
    posts = _posts(organization, on, ids)
    extra = _extras(organization, on, ids, fiscal_year or fiscal_year_of(on))
    rows = []
    for pk in ids:
        e = people.get(pk)
        if e is None:
            continue
        unit, position, kind = posts.get(pk, ("", "", ""))
        family = e["former_family_name"] if e["uses_former_name"] and e["former_family_name"] else e["family_name"]
        wish, dx = extra["wishes"].get(pk, ("", False))
        rows.append(
            TalentRow(
                id=pk,
                staff_number=e["staff_number"],
                name=f"{family} {e['given_name']}",
                kana=f"{e['family_name_kana']} {e['given_name_kana']}",
                unit_name=unit,
                position_name=position,
                appointment_type_label=kind,
                skills=tuple(extra["skills"].get(pk, [])),
                qualifications=tuple(extra["quals"].get(pk, [])),
                role_tags=tuple(extra["tags"].get(pk, [])),
                transfer_wish=str(TransferWish(wish).label) if wish in TransferWish.values else "",
                dx_interest=dx,
                completed_courses=extra["courses"].get(pk, 0),
            )
        )
    return rows


def talent_search(
    *,
    organization: int,
    user: AnyUser,
    on: datetime.date,
    filters: TalentFilters,
    page: int = 1,
    page_size: int = 50,
) -> Page[TalentRow]:
    """One page of matching staff in 職員番号 order; counting stops after :data:`COUNT_LIMIT`."""
    size = max(1, min(page_size, MAX_PAGE_SIZE))
    number = max(1, page)
    qs = talent_queryset(organization=organization, user=user, on=on, filters=filters).order_by("staff_number")
    total = qs[: COUNT_LIMIT + 1].count()
    start = (number - 1) * size
    ids = list(qs.values_list("pk", flat=True)[start : start + size])
    rows = talent_rows(organization=organization, on=on, ids=ids, fiscal_year=filters.fiscal_year)
    return Page(items=tuple(rows), number=number, page_size=size, total=total, total_is_exact=total <= COUNT_LIMIT)


def talent_export(
    *, organization: int, user: AnyUser, on: datetime.date, filters: TalentFilters, limit: int = EXPORT_LIMIT
) -> Iterator[TalentRow]:
    """Every matching row (up to ``limit``), built :data:`CHUNK` at a time (8 queries per chunk)."""
    qs = talent_queryset(organization=organization, user=user, on=on, filters=filters).order_by("staff_number")
    ids = list(qs.values_list("pk", flat=True)[:limit])
    for start in range(0, len(ids), CHUNK):
        yield from talent_rows(
            organization=organization, on=on, ids=ids[start : start + CHUNK], fiscal_year=filters.fiscal_year
        )
