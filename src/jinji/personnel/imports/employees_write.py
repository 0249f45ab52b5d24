"""Writing planned employee rows: set-based inserts and updates, audited, in the caller's transaction."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from jinji.core.bulk import RowInserter, RowUpdater
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.imports.audit_rows import AuditItem, write_audit
from jinji.personnel.imports.employees import PROFILE, EmployeePlan, EmployeeRow
from jinji.personnel.imports.references import POST_FIELDS, PostValues
from jinji.personnel.models import ActionStatus, ActionType, Assignment, AssignmentKind, Employee, PersonnelAction
from jinji.personnel.search_text import employee_search_text

IMPORT_REASON = "一括取込"
CHUNK = 5000
DEFAULT_PROFILE: dict[str, Any] = {
    "former_family_name": "",
    "former_family_name_kana": "",
    "uses_former_name": False,
    "gender": "",
    "email": "",
    "phone": "",
}
_PROFILE_FIELDS = tuple(PROFILE.values())
_EMPLOYEE_FIELDS = ("organization_id", "staff_number", "hired_on", "separated_on", *_PROFILE_FIELDS, "search_text")
_ACTION_FIELDS = (
    "organization_id", "employee_id", "action_type", "effective_on", "status", *POST_FIELDS, "reason",
    "row_number", "undo", "created_by_id", "applied_by_id", "applied_at",
)  # fmt: skip
_POST_FIELDS = ("organization_id", "employee_id", "kind", *POST_FIELDS, "valid_from", "valid_to", "action_id")
_UPDATE_FIELDS = (*_PROFILE_FIELDS, "search_text", "version", "updated_at")


def _search_text(staff_number: str, profile: dict[str, Any]) -> str:
    names = ("family_name", "given_name", "family_name_kana", "given_name_kana", "former_family_name")
    return employee_search_text(
        staff_number=staff_number,
        **{name: profile[name] for name in names},
        former_family_name_kana=profile["former_family_name_kana"],
    )


def _post_values(post: PostValues | None) -> tuple[Any, ...]:
    assert post is not None
    return tuple(getattr(post, name) for name in POST_FIELDS)


def _ids(model: type[Employee] | type[PersonnelAction], org_id: int, key: str, values: list[Any]) -> dict[Any, int]:
    """Primary keys of just-inserted rows by a natural key (a query per 5,000)."""
    found: dict[Any, int] = {}
    for start in range(0, len(values), CHUNK):
        qs = model.objects.for_organization(org_id).filter(**{f"{key}__in": values[start : start + CHUNK]})
        found.update(qs.values_list(key, "pk"))
    return found


def _creates(rows: list[EmployeeRow], *, org_id: int, acting_user: Any) -> list[AuditItem]:
    profiles = [{**DEFAULT_PROFILE, **row.profile} for row in rows]
    RowInserter(Employee, _EMPLOYEE_FIELDS).insert(
        (org_id, row.staff_number, row.hired_on, row.separated_on, *(p[f] for f in _PROFILE_FIELDS),
         _search_text(row.staff_number, p))
        for row, p in zip(rows, profiles, strict=True)
    )  # fmt: skip
    ids = _ids(Employee, org_id, "staff_number", [row.staff_number for row in rows])
    now = timezone.now()
    starts = [row.valid_from or row.hired_on for row in rows]
    RowInserter(PersonnelAction, _ACTION_FIELDS).insert(
        (org_id, ids[row.staff_number], ActionType.HIRE.value, start, ActionStatus.APPLIED.value,
         *_post_values(row.post), IMPORT_REASON, row.row, {"closed": []}, acting_user.pk, acting_user.pk, now)
        for row, start in zip(rows, starts, strict=True)
    )  # fmt: skip
    actions = _ids(PersonnelAction, org_id, "employee_id", [ids[row.staff_number] for row in rows])
    RowInserter(Assignment, _POST_FIELDS).insert(
        (org_id, ids[row.staff_number], AssignmentKind.PRIMARY.value, *_post_values(row.post), start,
         row.separated_on, actions[ids[row.staff_number]])
        for row, start in zip(rows, starts, strict=True)
    )  # fmt: skip
    return [
        AuditItem(
            "personnel.employee",
            ids[row.staff_number],
            f"{row.staff_number} {p['family_name']} {p['given_name']}",
            None,
            {**p, "staff_number": row.staff_number, "hired_on": row.hired_on, "row": row.row, "source": "import"},
        )
        for row, p in zip(rows, profiles, strict=True)
    ]


def _updates(rows: list[EmployeeRow], *, org_id: int) -> list[AuditItem]:
    now = timezone.now()
    items: list[AuditItem] = []
    values: list[tuple[Any, ...]] = []
    for row in rows:
        known = row.existing
        assert known is not None
        profile = {**known.profile, **row.profile}
        search_text = _search_text(row.staff_number, profile)
        values.append((known.id, *(profile[f] for f in _PROFILE_FIELDS), search_text, known.version + 1, now))
        before = {name: old for name, (old, _) in row.changes.items()}
        after = {name: new for name, (_, new) in row.changes.items()}
        label = f"{row.staff_number} {profile['family_name']} {profile['given_name']}"
        items.append(
            AuditItem("personnel.employee", known.id, label, before, {**after, "row": row.row, "source": "import"})
        )
    RowUpdater(Employee, _UPDATE_FIELDS, organization_id=org_id).update(values)
    return items


def _my_numbers(rows: list[EmployeeRow], ids: dict[str, int], acting_user: Any, org_id: int) -> None:
    """Store 個人番号 through the vault (encrypted, audited without the number)."""
    from jinji.personnel.mynumber import my_number_store

    wanted = [row for row in rows if row.my_number]
    employees = Employee.objects.for_organization(org_id).in_bulk([ids[row.staff_number] for row in wanted])
    for row in wanted:
        try:
            my_number_store(acting_user=acting_user, employee=employees[ids[row.staff_number]], number=row.my_number)
        except DomainError as exc:
            raise DomainError([FieldProblem("個人番号", p.message, row=row.row) for p in exc.problems]) from exc


def write_employees(plan: EmployeePlan, *, acting_user: Any, org_id: int) -> tuple[int, int, int]:
    """Insert the new employees (with 採用 発令 and first post), update the changed ones, audit each.

    Returns (created, updated, audit events). Runs inside the caller's transaction.
    """
    creates, updates = plan.creates, plan.updates
    ids = {row.staff_number: row.existing.id for row in plan.rows if row.existing is not None}
    items = _updates(updates, org_id=org_id)
    created_items = _creates(creates, org_id=org_id, acting_user=acting_user)
    ids.update({row.staff_number: item.target_id for row, item in zip(creates, created_items, strict=True)})
    audited = write_audit(actor=acting_user, organization_id=org_id, action="personnel.employee.update", items=items)
    audited += write_audit(
        actor=acting_user, organization_id=org_id, action="personnel.employee.create", items=created_items
    )
    _my_numbers(plan.rows, ids, acting_user, org_id)
    return len(creates), len(updates), audited
