"""The audit screen's filter form."""

from __future__ import annotations

from typing import Any

from django import forms

from jinji.audit.actions import known_actions
from jinji.audit.models import AuditKind
from jinji.audit.selectors import AuditFilters


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="実行者(ログインID)", max_length=150, required=False)
    target_type = forms.CharField(label="対象種別", max_length=80, required=False, help_text="例: personnel.employee")
    target_id = forms.CharField(label="対象ID", max_length=64, required=False)
    action = forms.CharField(label="操作", max_length=80, required=False)
    kind = forms.ChoiceField(label="種別", required=False, choices=[("", "(すべて)"), *AuditKind.choices])
    date_from = forms.DateField(label="期間(開始日)", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="期間(終了日)", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.action_choices = known_actions()

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        if data and data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "期間(終了日)は開始日以降の日付にしてください")
        return data

    def filters(self) -> AuditFilters:
        """The valid conditions (call after ``is_valid()``; invalid fields are left out)."""
        data = getattr(self, "cleaned_data", {})
        return AuditFilters(
            actor=(data.get("actor") or "").strip(),
            target_type=(data.get("target_type") or "").strip(),
            target_id=(data.get("target_id") or "").strip(),
            action=(data.get("action") or "").strip(),
            kind=data.get("kind") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
