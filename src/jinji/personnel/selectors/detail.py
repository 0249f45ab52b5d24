"""職員の詳細 (as of a date) and 履歴 (timeline): bounded queries, permission-scoped, reads audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone

from jinji.audit.services import audit_read
from jinji.core.models import Organization, as_of_q
from jinji.personnel.models import (
    AccountType,
    ActionStatus,
    Address,
    BankAccount,
    CommuteMethod,
    CommuteRoute,
    Dependent,
    EmergencyContact,
    Employee,
    MyNumberRecord,
    PersonnelAction,
    Relationship,
)
from jinji.personnel.selectors.actions import action_list, action_views
from jinji.personnel.selectors.assignments import assignment_views_on, employee_assignment_history
from jinji.personnel.selectors.scope import can_view_bank_accounts, employee_scope
from jinji.personnel.selectors.views import (
    AddressView,
    BankAccountView,
    CommuteRouteView,
    DependentView,
    EmergencyContactView,
    EmployeeDetail,
    TimelineEntry,
)


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def _visible_employee(org_id: int, user: Any, employee_id: int, on: datetime.date) -> Employee | None:
    return (
        Employee.objects.for_organization(org_id)
        .filter(employee_scope(user, on=on, purpose="view"))
        .filter(pk=employee_id)
        .first()
    )


def _current_or_future(on: datetime.date) -> Q:
    return Q(valid_to__isnull=True) | Q(valid_to__gte=on)


def mask_account_number(number: str) -> str:
    """口座番号 shown as ``****567`` (last three digits only)."""
    return "*" * max(0, len(number) - 3) + number[-3:]


def _dependents(org_id: int, employee_id: int, on: datetime.date) -> tuple[DependentView, ...]:
    qs = Dependent.objects.for_organization(org_id).filter(as_of_q(on), employee_id=employee_id)
    return tuple(
        DependentView(
            id=d.pk,
            name=d.name,
            name_kana=d.name_kana,
            relationship=d.relationship,
            relationship_label=str(Relationship(d.relationship).label)
            if d.relationship in Relationship.values
            else d.relationship,
            birth_date=d.birth_date,
            valid_from=d.valid_from,
            valid_to=d.valid_to,
            for_allowance=d.for_allowance,
            for_tax=d.for_tax,
            for_insurance=d.for_insurance,
            has_disability=d.has_disability,
            lives_together=d.lives_together,
        )
        for d in qs.order_by("birth_date", "id")
    )


def _addresses(org_id: int, employee_id: int, on: datetime.date) -> tuple[AddressView, ...]:
    qs = Address.objects.for_organization(org_id).filter(_current_or_future(on), employee_id=employee_id)
    return tuple(
        AddressView(
            id=a.pk,
            postal_code=a.postal_code,
            address=a.address,
            address_kana=a.address_kana,
            valid_from=a.valid_from,
            valid_to=a.valid_to,
        )
        for a in qs.order_by("valid_from", "id")
    )


def _commute(org_id: int, employee_id: int, on: datetime.date) -> tuple[CommuteRouteView, ...]:
    qs = CommuteRoute.objects.for_organization(org_id).filter(_current_or_future(on), employee_id=employee_id)
    return tuple(
        CommuteRouteView(
            id=c.pk,
            method=c.method,
            method_label=str(CommuteMethod(c.method).label) if c.method in CommuteMethod.values else c.method,
            route=c.route,
            distance_hm=c.distance_hm,
            monthly_fare=c.monthly_fare,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
        )
        for c in qs.order_by("valid_from", "id")
    )


def _bank_accounts(org_id: int, employee_id: int, on: datetime.date, masked: bool) -> tuple[BankAccountView, ...]:
    qs = BankAccount.objects.for_organization(org_id).filter(_current_or_future(on), employee_id=employee_id)
    return tuple(
        BankAccountView(
            id=b.pk,
            bank_code=b.bank_code,
            bank_name=b.bank_name,
            branch_code=b.branch_code,
            branch_name=b.branch_name,
            account_type=b.account_type,
            account_type_label=str(AccountType(b.account_type).label)
            if b.account_type in AccountType.values
            else b.account_type,
            account_number=mask_account_number(b.account_number) if masked else b.account_number,
            holder_kana=b.holder_kana,
            is_main=b.is_main,
            fixed_amount=b.fixed_amount,
            valid_from=b.valid_from,
            valid_to=b.valid_to,
            masked=masked,
        )
        for b in qs.order_by("-is_main", "valid_from", "id")
    )


def _emergency(org_id: int, employee_id: int) -> tuple[EmergencyContactView, ...]:
    qs = EmergencyContact.objects.for_organization(org_id).filter(employee_id=employee_id).order_by("id")
    return tuple(EmergencyContactView(id=c.pk, name=c.name, relationship=c.relationship, phone=c.phone) for c in qs)


def _pending_actions(org_id: int, employee_id: int, on: datetime.date) -> list[PersonnelAction]:
    qs = action_list(organization=org_id, employee_id=employee_id).filter(
        Q(status=ActionStatus.DRAFT) | Q(status=ActionStatus.APPLIED, effective_on__gt=on)
    )
    return list(qs)


def employee_detail(
    *,
    organization: Organization | int,
    user: Any,
    employee_id: int,
    on: datetime.date,
    reveal_bank_accounts: bool = False,
) -> EmployeeDetail | None:
    """職員の詳細 as of ``on``; None when the employee does not exist or is outside ``user``'s scope.

    Bank account numbers are masked unless ``reveal_bank_accounts`` is asked for and allowed;
    an unmasked read, and any read of someone else's record, is audited. Bounded queries.
    """
    org_id = _org_id(organization)
    employee = _visible_employee(org_id, user, employee_id, on)
    if employee is None:
        return None
    unmasked = reveal_bank_accounts and can_view_bank_accounts(user, employee=employee, on=on)
    posts = assignment_views_on(organization=org_id, employee_ids=[employee.pk], on=on).get(employee.pk, [])
    primary = next((p for p in posts if p.kind == "primary"), None)
    detail = EmployeeDetail(
        id=employee.pk,
        staff_number=employee.staff_number,
        family_name=employee.family_name,
        given_name=employee.given_name,
        family_name_kana=employee.family_name_kana,
        given_name_kana=employee.given_name_kana,
        former_family_name=employee.former_family_name,
        former_family_name_kana=employee.former_family_name_kana,
        uses_former_name=employee.uses_former_name,
        full_name=employee.full_name,
        full_name_kana=employee.full_name_kana,
        working_name=employee.working_name,
        birth_date=employee.birth_date,
        gender=employee.gender,
        hired_on=employee.hired_on,
        separated_on=employee.separated_on,
        email=employee.email,
        phone=employee.phone,
        version=employee.version,
        on=on,
        primary=primary,
        concurrent=tuple(p for p in posts if p is not primary),
        dependents=_dependents(org_id, employee.pk, on),
        addresses=_addresses(org_id, employee.pk, on),
        commute_routes=_commute(org_id, employee.pk, on),
        bank_accounts=_bank_accounts(org_id, employee.pk, on, masked=not unmasked),
        emergency_contacts=_emergency(org_id, employee.pk),
        pending_actions=tuple(action_views(organization=org_id, actions=_pending_actions(org_id, employee.pk, on))),
        has_my_number=MyNumberRecord.objects.for_organization(org_id)
        .filter(employee_id=employee.pk, dependent__isnull=True)
        .exists(),
        bank_accounts_masked=not unmasked,
    )
    _audit_detail_read(user, employee, on, unmasked)
    return detail


def _audit_detail_read(user: Any, employee: Employee, on: datetime.date, unmasked: bool) -> None:
    if unmasked:
        audit_read(actor=user, action="personnel.bank_account.view", target=employee, detail={"on": on})
    elif getattr(user, "employee_id", None) != employee.pk:
        audit_read(actor=user, action="personnel.employee.view", target=employee, detail={"on": on})


def _personal_entries(org_id: int, employee_id: int) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for d in Dependent.objects.for_organization(org_id).filter(employee_id=employee_id):
        entries.append(
            TimelineEntry(on=d.valid_from, kind="dependent", title="扶養親族の認定", detail=d.name, ref_id=d.pk)
        )
        if d.valid_to:
            entries.append(
                TimelineEntry(on=d.valid_to, kind="dependent", title="扶養親族の解除", detail=d.name, ref_id=d.pk)
            )
    for a in Address.objects.for_organization(org_id).filter(employee_id=employee_id):
        entries.append(TimelineEntry(on=a.valid_from, kind="address", title="住所", detail=a.address, ref_id=a.pk))
    for c in CommuteRoute.objects.for_organization(org_id).filter(employee_id=employee_id):
        entries.append(
            TimelineEntry(on=c.valid_from, kind="commute", title="通勤経路の認定", detail=c.route, ref_id=c.pk)
        )
    for b in BankAccount.objects.for_organization(org_id).filter(employee_id=employee_id):
        entries.append(
            TimelineEntry(on=b.valid_from, kind="bank_account", title="振込口座", detail=b.bank_name, ref_id=b.pk)
        )
    return entries


def employee_timeline(
    *, organization: Organization | int, user: Any, employee_id: int, on: datetime.date | None = None
) -> list[TimelineEntry] | None:
    """履歴: 任用 periods, every 発令 (incl. corrected and cancelled ones) and personal-data changes.

    In date order; None when the employee is outside ``user``'s scope. Bounded queries.
    """
    org_id = _org_id(organization)
    employee = _visible_employee(org_id, user, employee_id, on or timezone.localdate())
    if employee is None:
        return None
    entries = [TimelineEntry(on=employee.hired_on, kind="hire", title="入庁")]
    for a in employee_assignment_history(organization=org_id, employee_id=employee.pk):
        grade = (f" {a.grade}級" + (f"{a.step}号給" if a.step else "")) if a.grade else ""
        detail = f"{a.unit_name} {a.position_name}{grade}".strip()
        entries.append(
            TimelineEntry(on=a.valid_from, kind="assignment", title=f"任用({a.kind_label})", detail=detail, ref_id=a.id)
        )
    actions = list(action_list(organization=org_id, employee_id=employee.pk))
    for v in action_views(organization=org_id, actions=actions):
        detail = " ".join(x for x in (v.unit_name, v.position_name, v.reason) if x)
        entries.append(
            TimelineEntry(
                on=v.effective_on,
                kind="action",
                title=f"発令: {v.action_type_label}",
                detail=detail,
                status=v.status_label,
                ref_id=v.id,
            )
        )
    entries.extend(_personal_entries(org_id, employee.pk))
    if employee.separated_on:
        entries.append(TimelineEntry(on=employee.separated_on, kind="separation", title="退職"))
    order = {"hire": 0, "action": 1, "assignment": 2}
    entries.sort(key=lambda e: (e.on, order.get(e.kind, 3)))
    return entries
