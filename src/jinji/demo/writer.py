"""Bulk insert of the planned staff: employees, assignments and personal data, chunk by chunk.

Rows go in through :class:`~jinji.core.bulk.RowInserter` (one prepared INSERT per
table and chunk); employee ids are read back by 職員番号 in one query per chunk.

Keeps the invariants the personnel services keep: ``search_text`` filled with the same
normaliser, at most one primary (本務) assignment per person on any day (the plans'
periods are consecutive), every row in the demo organization.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import models

from jinji.core.bulk import RowInserter
from jinji.demo.careers import Post
from jinji.demo.orgbuild import OrgRefs
from jinji.demo.people import PersonPlan
from jinji.personnel.models import (
    Address,
    Assignment,
    AssignmentKind,
    BankAccount,
    CommuteRoute,
    Dependent,
    EmergencyContact,
    Employee,
)
from jinji.personnel.search_text import employee_search_text

ProgressFn = Callable[[str, int, int], None]
"""``progress(what, done, total)``: called after every chunk."""

CHUNK = 5000
EMAIL_DOMAIN = "city.demo.example"


@dataclass(slots=True)
class WriteCounts:
    rows: dict[str, int] = field(default_factory=dict)
    staff_ids: dict[str, int] = field(default_factory=dict)
    """Employee id by 職員番号 (for the demo logins)."""

    def add(self, table: str, count: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + count


_EMPLOYEE_FIELDS = (
    "organization_id",
    "staff_number",
    "family_name",
    "given_name",
    "family_name_kana",
    "given_name_kana",
    "former_family_name",
    "former_family_name_kana",
    "uses_former_name",
    "birth_date",
    "gender",
    "hired_on",
    "separated_on",
    "email",
    "search_text",
)
_ASSIGNMENT_FIELDS = (
    "organization_id",
    "employee_id",
    "kind",
    "org_unit_id",
    "position_id",
    "job_category_id",
    "appointing_authority_id",
    "payer_id",
    "appointment_type",
    "salary_schedule_id",
    "grade",
    "step",
    "work_pattern",
    "weekly_minutes",
    "valid_from",
    "valid_to",
)
_PERSONAL_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    Address: ("organization_id", "employee_id", "postal_code", "address", "address_kana", "valid_from"),
    BankAccount: (
        "organization_id",
        "employee_id",
        "bank_code",
        "bank_name",
        "branch_code",
        "branch_name",
        "account_type",
        "account_number",
        "holder_kana",
        "is_main",
        "fixed_amount",
        "valid_from",
    ),
    CommuteRoute: ("organization_id", "employee_id", "method", "route", "distance_hm", "monthly_fare", "valid_from"),
    EmergencyContact: ("organization_id", "employee_id", "name", "relationship", "phone"),
    Dependent: (
        "organization_id",
        "employee_id",
        "name",
        "name_kana",
        "relationship",
        "birth_date",
        "valid_from",
        "for_allowance",
    ),
}


def _employee_row(org_id: int, p: PersonPlan) -> tuple[object, ...]:
    search_text = employee_search_text(
        staff_number=p.staff_number,
        family_name=p.family_name,
        given_name=p.given_name,
        family_name_kana=p.family_name_kana,
        given_name_kana=p.given_name_kana,
        former_family_name=p.former_family_name,
        former_family_name_kana=p.former_family_name_kana,
    )
    return (
        org_id,
        p.staff_number,
        p.family_name,
        p.given_name,
        p.family_name_kana,
        p.given_name_kana,
        p.former_family_name,
        p.former_family_name_kana,
        p.uses_former_name,
        p.birth_date,
        p.gender,
        p.hired_on,
        p.separated_on,
        f"s{p.staff_number}@{EMAIL_DOMAIN}",
        search_text,
    )


def _assignment_row(refs: OrgRefs, employee_id: int, post: Post) -> tuple[object, ...]:
    authority = refs.unit_authority[post.unit_code]
    return (
        refs.organization_id,
        employee_id,
        AssignmentKind.PRIMARY.value,
        refs.unit_ids[post.unit_code],
        refs.position_ids[post.position_code],
        refs.job_ids[post.job_code],
        refs.authority_ids[authority],
        refs.payer_ids[authority],
        post.appointment_type,
        refs.schedule_id if post.grade is not None else None,
        post.grade,
        post.step,
        post.work_pattern,
        post.weekly_minutes,
        post.valid_from,
        post.valid_to,
    )


def _personal_rows(org_id: int, eid: int, p: PersonPlan) -> dict[type[models.Model], list[tuple[object, ...]]]:
    a, c = p.address, p.commute
    return {
        Address: [(org_id, eid, a.postal_code, a.address, a.address_kana, a.valid_from)],
        BankAccount: [
            (
                org_id,
                eid,
                b.bank_code,
                b.bank_name,
                b.branch_code,
                b.branch_name,
                b.account_type,
                b.account_number,
                b.holder_kana,
                b.is_main,
                b.fixed_amount,
                b.valid_from,
            )
            for b in p.banks
        ],
        CommuteRoute: [(org_id, eid, c.method, c.route, c.distance_hm, c.monthly_fare, c.valid_from)],
        EmergencyContact: [(org_id, eid, p.contact.name, p.contact.relationship, p.contact.phone)],
        Dependent: [
            (org_id, eid, d.name, d.kana, d.relationship, d.birth_date, d.valid_from, d.for_allowance)
            for d in p.dependents
        ],
    }


class _Inserters:
    def __init__(self) -> None:
        self.employee = RowInserter(Employee, _EMPLOYEE_FIELDS)
        self.assignment = RowInserter(Assignment, _ASSIGNMENT_FIELDS)
        self.personal = {model: RowInserter(model, fields) for model, fields in _PERSONAL_FIELDS.items()}


def _write_chunk(refs: OrgRefs, part: Sequence[PersonPlan], counts: WriteCounts, inserters: _Inserters) -> None:
    org_id = refs.organization_id
    inserters.employee.insert(_employee_row(org_id, p) for p in part)
    numbers = [p.staff_number for p in part]
    ids = dict(
        Employee.objects.for_organization(org_id).filter(staff_number__in=numbers).values_list("staff_number", "pk")
    )
    counts.staff_ids.update(ids)
    rows = [_assignment_row(refs, ids[p.staff_number], post) for p in part for post in p.posts]
    counts.add("personnel.assignment", inserters.assignment.insert(rows))
    personal: dict[type[models.Model], list[tuple[object, ...]]] = {model: [] for model in _PERSONAL_FIELDS}
    for p in part:
        for model, model_rows in _personal_rows(org_id, ids[p.staff_number], p).items():
            personal[model].extend(model_rows)
    for model, model_rows in personal.items():
        counts.add(model._meta.label_lower, inserters.personal[model].insert(model_rows))
    counts.add("personnel.employee", len(part))


def write_people(
    refs: OrgRefs, people: Sequence[PersonPlan], *, progress: ProgressFn | None = None, chunk: int = CHUNK
) -> WriteCounts:
    """Insert ``people`` and everything hanging off them; call inside one transaction and tenant context."""
    counts = WriteCounts()
    inserters = _Inserters()
    for start in range(0, len(people), chunk):
        _write_chunk(refs, people[start : start + chunk], counts, inserters)
        if progress is not None:
            progress("職員", min(start + chunk, len(people)), len(people))
    return counts
