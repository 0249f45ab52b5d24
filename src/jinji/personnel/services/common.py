"""Helpers the personnel services share: row locks, optimistic concurrency, audit payloads."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.db import models

from jinji.core.errors import ConcurrentUpdate, DomainError, FieldProblem
from jinji.personnel.models import Employee


def org_id_of(obj: Any) -> int:
    """The organization id of a model instance or an Organization."""
    value = getattr(obj, "organization_id", None)
    return int(value if value is not None else obj.pk)


def lock_employee(employee: Employee | int, *, organization_id: int | None = None) -> Employee:
    """The employee row, locked for the rest of the transaction (``select_for_update``)."""
    pk = employee if isinstance(employee, int) else employee.pk
    org = (
        organization_id
        if organization_id is not None
        else (None if isinstance(employee, int) else employee.organization_id)
    )
    if org is None:
        raise ValueError("organization_id is required with an employee id")
    locked: Employee | None = Employee.objects.for_organization(org).select_for_update().filter(pk=pk).first()
    if locked is None:
        raise DomainError([FieldProblem("employee", "職員が見つかりません")])
    return locked


def check_version(employee: Employee, expected_version: int | None) -> None:
    """Refuse the change when someone saved the employee since ``expected_version`` was read."""
    if expected_version is not None and employee.version != expected_version:
        raise ConcurrentUpdate(
            [
                FieldProblem(
                    "version",
                    "この職員の情報は、画面を開いた後に他の利用者が更新しました。"
                    "最新の内容を読み込み直してから、もう一度保存してください。",
                )
            ]
        )


def bump_version(employee: Employee) -> None:
    """Count one more change of the employee (the version optimistic concurrency compares)."""
    employee.version += 1
    Employee.objects.for_organization(employee.organization_id).filter(pk=employee.pk).update(
        version=models.F("version") + 1
    )


def model_values(instance: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    """``{field: value}`` for the audit trail (foreign keys as ids)."""
    result: dict[str, Any] = {}
    for name in fields:
        model_field = instance._meta.get_field(name)
        attname = getattr(model_field, "attname", name)
        result[name] = getattr(instance, attname)
    return result


def unknown_fields(data: Mapping[str, Any], allowed: frozenset[str]) -> list[FieldProblem]:
    return [FieldProblem(key, "この項目は変更できません") for key in data if key not in allowed]


def iso(value: datetime.date | None) -> str | None:
    return None if value is None else value.isoformat()


def from_iso(value: object) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None
