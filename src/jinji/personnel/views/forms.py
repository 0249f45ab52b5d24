"""Forms of the personnel screens (labels and messages in Japanese)."""

from __future__ import annotations

from typing import Any

from django import forms

from jinji.org.selectors import UnitNode
from jinji.personnel.models import AppointmentType
from jinji.personnel.views._common import DateInput


def unit_choices(nodes: list[UnitNode], *, blank: str = "(すべて)") -> list[tuple[str, str]]:
    """Pick-list of units in chart order, indented by depth with full-width spaces."""
    return [("", blank)] + [(str(n.id), f"{'　' * n.depth}{n.name}") for n in nodes]


class StaffSearchForm(forms.Form):
    q = forms.CharField(
        label="氏名・カナ・旧姓・職員番号",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    unit = forms.TypedChoiceField(label="所属", required=False, coerce=int, empty_value=None)
    include_sub_units = forms.BooleanField(label="下位組織を含む", required=False)
    appointment_type = forms.ChoiceField(
        label="任用区分", required=False, choices=[("", "(すべて)"), *AppointmentType.choices]
    )
    on = forms.DateField(label="基準日", required=False, widget=DateInput())
    include_inactive = forms.BooleanField(label="基準日に在職していない職員も含む", required=False)
    order = forms.ChoiceField(
        label="並び順", required=False, choices=[("staff_number", "職員番号順"), ("kana", "カナ順")]
    )

    def __init__(self, *args: Any, units: list[UnitNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, forms.TypedChoiceField)
        unit_field.choices = unit_choices(units)
