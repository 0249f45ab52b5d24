"""List rows of the settings screens: a bounded page of each kind (one query, plus one for 所属 names)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone

from jinji.payroll.services.settings import SettingKind
from jinji.payroll.settings.forms import unit_labels

PAGE = 200
RELATED = {"payer", "item"}


@dataclass(frozen=True, slots=True)
class SettingRows:
    headers: list[str]
    rows: list[tuple[int, list[tuple[str, str]]]]  # (pk, [(header, text), …])
    more: bool


def _text(obj: models.Model, name: str, units: dict[int, str]) -> str:
    field = obj._meta.get_field(name)
    value = getattr(obj, name)
    if name == "org_unit":
        return units.get(obj.org_unit_id, str(value))  # type: ignore[attr-defined]
    if isinstance(field, models.BooleanField):
        return "○" if value else ""
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(field, models.PositiveIntegerField) and name in ("amount", "appointee_rate"):
        return f"{value:,}"
    return "" if value is None else str(value)


def setting_rows(kind: SettingKind, *, organization_id: int, staff_number: str = "") -> SettingRows:
    """Up to :data:`PAGE` rows of ``kind`` (filtered by 職員番号 for per-employee kinds)."""
    qs: models.QuerySet[Any] = kind.model.objects.for_organization(organization_id)  # type: ignore[attr-defined]
    related = [name for name in kind.fields if name in RELATED]
    if kind.per_employee:
        related.append("employee")
        if staff_number:
            qs = qs.filter(employee__staff_number=staff_number.strip())
        qs = qs.order_by("employee__staff_number", "valid_from", "id")
    else:
        qs = qs.order_by("id")
    found = list(qs.select_related(*related)[: PAGE + 1])
    units = unit_labels(organization_id, timezone.localdate()) if "org_unit" in kind.fields else {}
    headers = [str(getattr(kind.model._meta.get_field(name), "verbose_name", name)) for name in kind.fields]
    rows: list[tuple[int, list[str]]] = []
    for obj in found[:PAGE]:
        cells = [_text(obj, name, units) for name in kind.fields]
        if kind.per_employee:
            employee = obj.employee
            cells = [employee.staff_number, f"{employee.family_name} {employee.given_name}", *cells]
        rows.append((obj.pk, cells))
    if kind.per_employee:
        headers = ["職員番号", "氏名", *headers]
    labelled = [(pk, list(zip(headers, cells, strict=True))) for pk, cells in rows]
    return SettingRows(headers, labelled, len(found) > PAGE)
