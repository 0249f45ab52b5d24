"""Forms of the 差額 and 追給・戻入 pages (validation only; the services decide)."""

from __future__ import annotations

import datetime

from django import forms

from jinji.org.models import Payer


def _month(value: object, label: str) -> datetime.date:
    text = str(value).strip()
    try:
        return datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        raise forms.ValidationError(f"{label}は YYYY-MM の形式で入力してください(例: 2026-04)") from None


class _PayerForm(forms.Form):
    payer = forms.ModelChoiceField(label="給与支払者", queryset=Payer.unscoped.none(), empty_label=None)

    def __init__(self, *args: object, payers: list[Payer], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["payer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Payer.unscoped.filter(pk__in=[p.pk for p in payers])


class RetroCreateForm(_PayerForm):
    first_month = forms.CharField(label="対象の最初の月", max_length=7, help_text="例: 2026-04")
    last_month = forms.CharField(label="対象の最後の月", max_length=7, help_text="例: 2026-11")
    pay_month = forms.CharField(label="差額を支給する月", max_length=7, help_text="例: 2026-12")
    reason = forms.CharField(label="理由", max_length=200, help_text="例: 令和8年人事院勧告による給料表の改定")

    def clean_first_month(self) -> datetime.date:
        return _month(self.cleaned_data["first_month"], "対象の最初の月")

    def clean_last_month(self) -> datetime.date:
        return _month(self.cleaned_data["last_month"], "対象の最後の月")

    def clean_pay_month(self) -> datetime.date:
        return _month(self.cleaned_data["pay_month"], "差額を支給する月")


class CorrectionForm(_PayerForm):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    source_month = forms.CharField(label="対象月", max_length=7, help_text="例: 2026-04")
    pay_month = forms.CharField(label="支給・戻入する月", max_length=7, help_text="例: 2026-05")
    item_label = forms.CharField(label="項目", max_length=40, help_text="例: 通勤手当")
    amount = forms.IntegerField(
        label="金額(円)", min_value=-10_000_000, max_value=10_000_000, help_text="追給は正の額、戻入は負の額"
    )
    taxable = forms.BooleanField(label="課税する", required=False, initial=True)
    reason = forms.CharField(label="理由", max_length=200)

    def clean_source_month(self) -> datetime.date:
        return _month(self.cleaned_data["source_month"], "対象月")

    def clean_pay_month(self) -> datetime.date:
        return _month(self.cleaned_data["pay_month"], "支給・戻入する月")
