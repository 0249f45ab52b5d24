"""緊急連絡先 (not effective-dated: the current list; every change audited with before/after)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record, diff_fields
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import EmergencyContact, Employee
from jinji.personnel.services.common import bump_version, check_version, lock_employee, model_values, unknown_fields

_FIELDS = ("name", "relationship", "phone")


def _check(contact: EmergencyContact) -> None:
    problems = [FieldProblem(n, "入力してください") for n in _FIELDS if not str(getattr(contact, n)).strip()]
    if problems:
        raise DomainError(problems)


def emergency_contact_add(
    *,
    acting_user: Any,
    employee: Employee,
    name: str,
    relationship: str,
    phone: str,
    expected_version: int | None = None,
) -> EmergencyContact:
    """緊急連絡先の追加."""
    with transaction.atomic():
        locked = lock_employee(employee)
        check_version(locked, expected_version)
        contact = EmergencyContact(
            organization_id=locked.organization_id, employee=locked, name=name, relationship=relationship, phone=phone
        )
        _check(contact)
        contact.save()
        bump_version(locked)
        audit_record(
            actor=acting_user,
            action="personnel.emergency_contact.add",
            target=locked,
            after={"id": contact.pk, **model_values(contact, _FIELDS)},
        )
    return contact


def emergency_contact_update(
    *, acting_user: Any, contact: EmergencyContact, data: Mapping[str, Any], expected_version: int | None = None
) -> EmergencyContact:
    """緊急連絡先の変更 (name, relationship, phone)."""
    problems = unknown_fields(data, frozenset(_FIELDS))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = lock_employee(contact.employee_id, organization_id=contact.organization_id)
        check_version(locked, expected_version)
        current: EmergencyContact = (
            EmergencyContact.objects.for_organization(contact.organization_id).select_for_update().get(pk=contact.pk)
        )
        before = model_values(current, _FIELDS)
        for key, value in data.items():
            setattr(current, key, value)
        _check(current)
        current.save()
        bump_version(locked)
        changed_before, changed_after = diff_fields(before, model_values(current, _FIELDS))
        audit_record(
            actor=acting_user,
            action="personnel.emergency_contact.update",
            target=locked,
            before={"id": current.pk, **changed_before},
            after={"id": current.pk, **changed_after},
        )
    return current


def emergency_contact_remove(
    *, acting_user: Any, contact: EmergencyContact, expected_version: int | None = None
) -> None:
    """緊急連絡先の削除 (the removed values stay in the audit trail)."""
    with transaction.atomic():
        locked = lock_employee(contact.employee_id, organization_id=contact.organization_id)
        check_version(locked, expected_version)
        before = {"id": contact.pk, **model_values(contact, _FIELDS)}
        EmergencyContact.objects.for_organization(contact.organization_id).filter(pk=contact.pk).delete()
        bump_version(locked)
        audit_record(actor=acting_user, action="personnel.emergency_contact.remove", target=locked, before=before)
