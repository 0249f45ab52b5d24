"""Form of the 成績率 entry on a bonus run page (validation only; the service decides)."""

from __future__ import annotations

from django import forms

from jinji.payroll.bonus_models import BonusRatingChoice


class BonusRatingForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    rating = forms.ChoiceField(label="成績率の区分", choices=BonusRatingChoice.choices)
    ratio_percent = forms.CharField(
        label="成績率(/100)", max_length=8, required=False, help_text="空欄なら区分の標準の率(例: 140.25)"
    )
    reason = forms.CharField(label="理由", max_length=200)
