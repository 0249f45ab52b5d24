"""The 発令 entry form: one action for one employee (also used for batch rows)."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms

from jinji.org.models import JobCategory, OrgUnit, Payer, Position, SalarySchedule
from jinji.org.selectors import (
    job_category_list,
    org_tree_flat,
    payer_list,
    position_list,
    salary_schedule_list,
)
from jinji.personnel.models import ActionType, AppointmentType, AssignmentKind, WorkPattern
from jinji.personnel.views._common import DateInput
from jinji.personnel.views.forms import unit_choices

SERVICE_FIELDS = (
    "action_type",
    "effective_on",
    "org_unit",
    "position",
    "job_category",
    "payer",
    "appointment_type",
    "salary_schedule",
    "grade",
    "step",
    "work_pattern",
    "weekly_minutes",
    "end_on",
    "post_kind",
    "reason",
    "notice_text",
)
"""Form fields passed to :func:`personnel_action_create` under the same names."""

_UNCHANGED = "(変更なし)"


class UnitChoiceField(forms.ModelChoiceField[OrgUnit]):
    """所属 as a pick-list in chart order (names as of a date), resolved to the unit."""


class ActionForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    action_type = forms.ChoiceField(label="発令種別", choices=[("", "選んでください"), *ActionType.choices])
    effective_on = forms.DateField(label="発令日", widget=DateInput(), help_text="退職・任期満了は退職日(最終日)")
    org_unit = UnitChoiceField(label="新所属", required=False, queryset=OrgUnit.unscoped.none(), empty_label=_UNCHANGED)
    position: forms.ModelChoiceField[Position] = forms.ModelChoiceField(
        label="新職", required=False, queryset=Position.unscoped.none(), empty_label=_UNCHANGED
    )
    job_category: forms.ModelChoiceField[JobCategory] = forms.ModelChoiceField(
        label="職種", required=False, queryset=JobCategory.unscoped.none(), empty_label=_UNCHANGED
    )
    payer: forms.ModelChoiceField[Payer] = forms.ModelChoiceField(
        label="給与支払者", required=False, queryset=Payer.unscoped.none(), empty_label=_UNCHANGED
    )
    appointment_type = forms.ChoiceField(
        label="任用区分", required=False, choices=[("", _UNCHANGED), *AppointmentType.choices]
    )
    salary_schedule: forms.ModelChoiceField[SalarySchedule] = forms.ModelChoiceField(
        label="給料表", required=False, queryset=SalarySchedule.unscoped.none(), empty_label=_UNCHANGED
    )
    grade = forms.IntegerField(label="級", required=False, min_value=1, max_value=20)
    step = forms.IntegerField(label="号給", required=False, min_value=1, max_value=250)
    work_pattern = forms.ChoiceField(label="勤務形態", required=False, choices=[("", _UNCHANGED), *WorkPattern.choices])
    weekly_minutes = forms.IntegerField(
        label="週勤務時間(分)", required=False, min_value=1, max_value=60 * 60, help_text="38時間45分 = 2325"
    )
    end_on = forms.DateField(label="終了日", required=False, widget=DateInput(), help_text="休職・兼務の期間の末日")
    post_kind = forms.ChoiceField(
        label="兼務・併任の区分",
        required=False,
        choices=[
            ("", "(兼務・併任の発令のみ)"),
            (AssignmentKind.CONCURRENT, "兼務"),
            (AssignmentKind.SECONDMENT, "併任"),
        ],
    )
    reason = forms.CharField(label="事由・備考", required=False, max_length=200)
    notice_text = forms.CharField(label="辞令文", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, organization_id: int, on: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nodes = org_tree_flat(organization=organization_id, on=on)
        unit_field = self.fields["org_unit"]
        assert isinstance(unit_field, forms.ModelChoiceField)
        unit_field.queryset = OrgUnit.objects.for_organization(organization_id)
        unit_field.choices = unit_choices(nodes, blank=_UNCHANGED)
        self._set_queryset("position", position_list(organization=organization_id, on=on))
        self._set_queryset("job_category", job_category_list(organization=organization_id))
        self._set_queryset("payer", payer_list(organization=organization_id))
        self._set_queryset("salary_schedule", salary_schedule_list(organization=organization_id, on=on))

    def _set_queryset(self, name: str, queryset: Any) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset

    def service_kwargs(self) -> dict[str, Any]:
        """Cleaned values under the service's argument names (blank text stays ``""``)."""
        return {name: self.cleaned_data.get(name) for name in SERVICE_FIELDS}


def form_date(data: Any, name: str, default: datetime.date) -> datetime.date:
    """A date typed into ``data[name]`` (to pick the unit list as of the 発令日), else ``default``."""
    value = data.get(name) if data is not None else None
    try:
        return datetime.date.fromisoformat(value) if value else default
    except ValueError:
        return default
