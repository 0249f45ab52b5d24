"""Forms of the settings screens: a ModelForm per kind, foreign keys limited to the organization."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db import models
from django.forms import modelform_factory
from django.utils import timezone

from jinji.core.models import as_of_q
from jinji.org.models import OrgUnit, OrgUnitVersion, Payer
from jinji.payroll.models import DeductionItem
from jinji.payroll.services.settings import SettingKind

DATE_FIELDS = ("valid_from", "valid_to")


def unit_labels(organization_id: int, on: datetime.date) -> dict[int, str]:
    """所属 id → "コード 名称" as of ``on`` (one query)."""
    rows = OrgUnitVersion.objects.for_organization(organization_id).filter(as_of_q(on))
    return {unit: f"{code} {name}" for unit, code, name in rows.values_list("unit_id", "unit__code", "name")}


def _limit(form: forms.ModelForm[Any], organization_id: int) -> None:
    querysets: dict[str, models.QuerySet[Any]] = {
        "payer": Payer.objects.for_organization(organization_id).order_by("code"),
        "org_unit": OrgUnit.objects.for_organization(organization_id).filter(as_of_q(timezone.localdate())),
        "item": DeductionItem.objects.for_organization(organization_id).order_by("sort_order", "code"),
    }
    for name, queryset in querysets.items():
        field = form.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = queryset
    unit = form.fields.get("org_unit")
    if isinstance(unit, forms.ModelChoiceField):
        labels = unit_labels(organization_id, timezone.localdate())
        unit.label_from_instance = lambda u: labels.get(u.pk, u.code)  # type: ignore[method-assign,assignment]


def setting_form(
    kind: SettingKind, *, organization_id: int, data: Any = None, instance: models.Model | None = None
) -> forms.ModelForm[Any]:
    """The form of one row of ``kind``; a new per-employee row also asks for the 職員番号."""
    widgets: dict[str, type[forms.Widget] | forms.Widget] = {
        name: forms.DateInput(attrs={"type": "date"}) for name in DATE_FIELDS if name in kind.fields
    }
    form_class = modelform_factory(kind.model, fields=kind.fields, widgets=widgets)
    form = form_class(data, instance=instance)
    if kind.per_employee and instance is None:
        number = forms.CharField(label="職員番号", max_length=20)
        form.fields = {"staff_number": number, **form.fields}
    _limit(form, organization_id)
    return form


class DeductionImportForm(forms.Form):
    file = forms.FileField(label="職員別控除(CSV)")
