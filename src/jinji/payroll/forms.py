"""Forms of the payroll pages (validation only; the services decide)."""

from __future__ import annotations

import datetime

from django import forms

from jinji.org.models import Payer
from jinji.payroll.models import RunKind


class RunCreateForm(forms.Form):
    payer = forms.ModelChoiceField(label="給与支払者", queryset=Payer.unscoped.none(), empty_label=None)
    month = forms.CharField(label="支給月", help_text="例: 2026-04(期末・勤勉手当は 2026-06 か 2026-12)", max_length=7)
    kind = forms.ChoiceField(label="種類", choices=RunKind.choices, initial=RunKind.MONTHLY, required=False)

    def __init__(self, *args: object, payers: list[Payer], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["payer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Payer.unscoped.filter(pk__in=[p.pk for p in payers])

    def clean_kind(self) -> str:
        return str(self.cleaned_data.get("kind") or RunKind.MONTHLY)

    def clean_month(self) -> datetime.date:
        text = str(self.cleaned_data["month"]).strip()
        try:
            return datetime.date.fromisoformat(f"{text}-01")
        except ValueError:
            raise forms.ValidationError("支給月は YYYY-MM の形式で入力してください(例: 2026-04)") from None


class ExcludeForm(forms.Form):
    employee_ids = forms.CharField(label="除外する職員", widget=forms.HiddenInput)
    reason = forms.CharField(label="除外の理由", max_length=200)

    def clean_employee_ids(self) -> list[int]:
        raw = str(self.cleaned_data["employee_ids"])
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise forms.ValidationError("職員の指定が正しくありません") from None


class ResidentTaxUploadForm(forms.Form):
    file = forms.FileField(label="特別徴収税額通知(CSV)")
