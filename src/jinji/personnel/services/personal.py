"""Personal data with history: 扶養親族, 住所, 振込口座, 通勤経路 (effective-dated), 緊急連絡先.

Nothing is overwritten silently: a new address or commute route from a date ends the current
one the day before (recorded in the audit event); a wrong record is fixed with ``*_correct``,
which keeps the before/after in the audit trail. Every change bumps ``Employee.version``;
pass ``expected_version`` to refuse a stale edit.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q

from jinji.audit.services import audit_record, diff_fields
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import Address, BankAccount, CommuteRoute, Dependent, Employee
from jinji.personnel.services.common import bump_version, check_version, lock_employee, model_values, unknown_fields
from jinji.personnel.services.planning import ONE_DAY

R = TypeVar("R", Dependent, Address, BankAccount, CommuteRoute)


@dataclass(frozen=True, slots=True)
class _Kind:
    label: str
    action: str
    fields: tuple[str, ...]
    single: bool
    """Only one record in force at a time (a new one ends the current one)."""


_KINDS: dict[type[models.Model], _Kind] = {
    Dependent: _Kind(
        "扶養親族",
        "personnel.dependent",
        (
            "name",
            "name_kana",
            "relationship",
            "birth_date",
            "for_allowance",
            "for_tax",
            "for_insurance",
            "has_disability",
            "lives_together",
        ),
        single=False,
    ),
    Address: _Kind("住所", "personnel.address", ("postal_code", "address", "address_kana"), single=True),
    BankAccount: _Kind(
        "振込口座",
        "personnel.bank_account",
        (
            "bank_code",
            "bank_name",
            "branch_code",
            "branch_name",
            "account_type",
            "account_number",
            "holder_kana",
            "is_main",
            "fixed_amount",
        ),
        single=True,
    ),
    CommuteRoute: _Kind(
        "通勤経路", "personnel.commute_route", ("method", "route", "distance_hm", "monthly_fare"), single=True
    ),
}


def _validate(record: models.Model) -> None:
    try:
        record.full_clean(exclude=["organization", "employee"])
    except ValidationError as exc:
        problems = [
            FieldProblem(field, " ".join(str(m) for m in messages)) for field, messages in exc.message_dict.items()
        ]
        raise DomainError(problems) from exc
    start, end = getattr(record, "valid_from", None), getattr(record, "valid_to", None)
    if start and end and end < start:
        raise DomainError([FieldProblem("valid_to", "終了日は開始日以降の日付にしてください")])


def _competing(model: type[R], record: R) -> models.QuerySet[R]:
    """Records of the same employee that a new single-valued record must not overlap."""
    qs = model.objects.for_organization(record.organization_id).filter(employee_id=record.employee_id)
    if model is BankAccount:
        if not getattr(record, "is_main", False):
            return qs.none()
        qs = qs.filter(is_main=True)
    return qs.exclude(pk=record.pk)


def _overlapping(model: type[R], record: R) -> models.QuerySet[R]:
    qs = _competing(model, record).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=record.valid_from))
    return qs if record.valid_to is None else qs.filter(valid_from__lte=record.valid_to)


def _add(
    model: type[R], *, acting_user: Any, employee: Employee, expected_version: int | None, values: dict[str, Any]
) -> R:
    kind: _Kind = _KINDS[model]
    with transaction.atomic():
        locked = lock_employee(employee)
        check_version(locked, expected_version)
        record = model(organization_id=locked.organization_id, employee=locked, **values)
        _validate(record)
        closed: list[int] = []
        if kind.single:
            overlapping = list(_overlapping(model, record).select_for_update())
            later = [r for r in overlapping if r.valid_from >= record.valid_from]
            if later:
                raise DomainError(
                    [
                        FieldProblem(
                            "valid_from",
                            f"{later[0].valid_from.isoformat()}からの{kind.label}が既にあります。訂正で直してください",
                        )
                    ]
                )
            for current in overlapping:
                current.valid_to = record.valid_from - ONE_DAY
                current.save(update_fields=["valid_to"])
                closed.append(current.pk)
        record.save()
        bump_version(locked)
        after = {**model_values(record, (*kind.fields, "valid_from", "valid_to")), "ended_previous": closed}
        audit_record(
            actor=acting_user, action=f"{kind.action}.add", target=locked, target_label=str(locked), after=after
        )
    return record


def _change(
    model: type[R], *, acting_user: Any, record: R, data: Mapping[str, Any], expected_version: int | None, verb: str
) -> R:
    kind: _Kind = _KINDS[model]
    allowed = frozenset((*kind.fields, "valid_from", "valid_to")) if verb == "correct" else frozenset({"valid_to"})
    problems = unknown_fields(data, allowed)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = lock_employee(record.employee_id, organization_id=record.organization_id)
        check_version(locked, expected_version)
        current: R = model.objects.for_organization(record.organization_id).select_for_update().get(pk=record.pk)
        before = model_values(current, (*kind.fields, "valid_from", "valid_to"))
        for name, value in data.items():
            setattr(current, name, value)
        _validate(current)
        if kind.single and _overlapping(model, current).exists():
            raise DomainError([FieldProblem("valid_from", f"他の{kind.label}と期間が重なります")])
        current.save()
        bump_version(locked)
        changed_before, changed_after = diff_fields(before, model_values(current, tuple(before)))
        audit_record(
            actor=acting_user,
            action=f"{kind.action}.{verb}",
            target=locked,
            before={"id": current.pk, **changed_before},
            after={"id": current.pk, **changed_after},
        )
    return current


def _end(model: type[R], *, acting_user: Any, record: R, valid_to: datetime.date, expected_version: int | None) -> R:
    if record.valid_to is not None and record.valid_to < valid_to:
        raise DomainError([FieldProblem("valid_to", "既に終了しています。期間を延ばすには訂正してください")])
    return _change(
        model,
        acting_user=acting_user,
        record=record,
        data={"valid_to": valid_to},
        expected_version=expected_version,
        verb="end",
    )


def dependent_add(
    *,
    acting_user: Any,
    employee: Employee,
    valid_from: datetime.date,
    name: str,
    name_kana: str,
    relationship: str,
    birth_date: datetime.date,
    valid_to: datetime.date | None = None,
    for_allowance: bool = True,
    for_tax: bool = True,
    for_insurance: bool = True,
    has_disability: bool = False,
    lives_together: bool = True,
    expected_version: int | None = None,
) -> Dependent:
    """扶養親族の認定 from ``valid_from`` (several dependants may be in force at once)."""
    values = {k: v for k, v in locals().items() if k not in ("acting_user", "employee", "expected_version")}
    return _add(Dependent, acting_user=acting_user, employee=employee, expected_version=expected_version, values=values)


def dependent_end(
    *, acting_user: Any, dependent: Dependent, valid_to: datetime.date, expected_version: int | None = None
) -> Dependent:
    """扶養親族の解除: dependent through ``valid_to`` (inclusive)."""
    return _end(
        Dependent, acting_user=acting_user, record=dependent, valid_to=valid_to, expected_version=expected_version
    )


def dependent_correct(
    *, acting_user: Any, dependent: Dependent, data: Mapping[str, Any], expected_version: int | None = None
) -> Dependent:
    """扶養親族の訂正 (a wrong entry; before/after audited)."""
    return _change(
        Dependent,
        acting_user=acting_user,
        record=dependent,
        data=data,
        expected_version=expected_version,
        verb="correct",
    )


def address_add(
    *,
    acting_user: Any,
    employee: Employee,
    valid_from: datetime.date,
    postal_code: str,
    address: str,
    address_kana: str = "",
    expected_version: int | None = None,
) -> Address:
    """転居: the new address from ``valid_from``; the current one ends the day before."""
    values = {"valid_from": valid_from, "postal_code": postal_code, "address": address, "address_kana": address_kana}
    return _add(Address, acting_user=acting_user, employee=employee, expected_version=expected_version, values=values)


def address_end(
    *, acting_user: Any, address: Address, valid_to: datetime.date, expected_version: int | None = None
) -> Address:
    return _end(Address, acting_user=acting_user, record=address, valid_to=valid_to, expected_version=expected_version)


def address_correct(
    *, acting_user: Any, address: Address, data: Mapping[str, Any], expected_version: int | None = None
) -> Address:
    return _change(
        Address, acting_user=acting_user, record=address, data=data, expected_version=expected_version, verb="correct"
    )


def bank_account_add(
    *,
    acting_user: Any,
    employee: Employee,
    valid_from: datetime.date,
    bank_code: str,
    bank_name: str,
    branch_code: str,
    branch_name: str,
    account_type: str,
    account_number: str,
    holder_kana: str,
    is_main: bool = True,
    fixed_amount: int | None = None,
    expected_version: int | None = None,
) -> BankAccount:
    """振込口座の登録 from ``valid_from``; a new main account ends the current main one the day before."""
    values = {k: v for k, v in locals().items() if k not in ("acting_user", "employee", "expected_version")}
    return _add(
        BankAccount, acting_user=acting_user, employee=employee, expected_version=expected_version, values=values
    )


def bank_account_end(
    *, acting_user: Any, bank_account: BankAccount, valid_to: datetime.date, expected_version: int | None = None
) -> BankAccount:
    return _end(
        BankAccount, acting_user=acting_user, record=bank_account, valid_to=valid_to, expected_version=expected_version
    )


def bank_account_correct(
    *, acting_user: Any, bank_account: BankAccount, data: Mapping[str, Any], expected_version: int | None = None
) -> BankAccount:
    return _change(
        BankAccount,
        acting_user=acting_user,
        record=bank_account,
        data=data,
        expected_version=expected_version,
        verb="correct",
    )


def commute_route_add(
    *,
    acting_user: Any,
    employee: Employee,
    valid_from: datetime.date,
    method: str,
    distance_hm: int,
    route: str = "",
    monthly_fare: int = 0,
    expected_version: int | None = None,
) -> CommuteRoute:
    """通勤経路の認定 from ``valid_from``; the current route ends the day before."""
    values = {
        "valid_from": valid_from,
        "method": method,
        "distance_hm": distance_hm,
        "route": route,
        "monthly_fare": monthly_fare,
    }
    return _add(
        CommuteRoute, acting_user=acting_user, employee=employee, expected_version=expected_version, values=values
    )


def commute_route_end(
    *, acting_user: Any, commute_route: CommuteRoute, valid_to: datetime.date, expected_version: int | None = None
) -> CommuteRoute:
    return _end(
        CommuteRoute,
        acting_user=acting_user,
        record=commute_route,
        valid_to=valid_to,
        expected_version=expected_version,
    )


def commute_route_correct(
    *, acting_user: Any, commute_route: CommuteRoute, data: Mapping[str, Any], expected_version: int | None = None
) -> CommuteRoute:
    return _change(
        CommuteRoute,
        acting_user=acting_user,
        record=commute_route,
        data=data,
        expected_version=expected_version,
        verb="correct",
    )
