"""Forms the employee fills in: a qualification, a renewal, the skill self-assessment, 自己申告."""

from __future__ import annotations

from typing import Any

from django import forms

from jinji.org.selectors import UnitNode
from jinji.talent.forms.common import DateInput, PlainSelectMultiple, evidence_field, unit_choices
from jinji.talent.models import MAX_LEVEL, CareerIntention, Qualification, TransferWish
from jinji.talent.selectors.skills import AreaView


class QualificationForm(forms.Form):
    qualification = forms.TypedChoiceField(label="資格", coerce=int)
    acquired_on = forms.DateField(label="取得日(合格日・登録日)", widget=DateInput())
    certificate_number = forms.CharField(label="登録番号・証書番号", required=False, max_length=50)
    expires_on = forms.DateField(
        label="有効期限",
        required=False,
        widget=DateInput(),
        help_text="更新制度のある資格は空欄なら取得日から自動計算します",
    )

    def __init__(self, *args: Any, qualifications: list[Qualification], evidence_required: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["qualification"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "選んでください")] + [(str(q.pk), _qualification_label(q)) for q in qualifications]
        self.fields["evidence"] = evidence_field(required=evidence_required)


def _qualification_label(q: Qualification) -> str:
    level = f"(レベル{q.ipa_level})" if q.ipa_level else ""
    renewal = f"・{q.renewal_years}年ごとに更新" if q.renewal_years else ""
    return f"{q.name}{level}{renewal}"


class RenewalForm(forms.Form):
    renewed_on = forms.DateField(label="更新日", widget=DateInput())
    expires_on = forms.DateField(
        label="更新後の有効期限", required=False, widget=DateInput(), help_text="空欄なら更新日から自動計算"
    )
    evidence = evidence_field(required=True, label="更新後の登録証など")


class SkillSelfForm(forms.Form):
    """One level choice (and a comment) per skill area; 「選ばない」 leaves the area out."""

    def __init__(self, *args: Any, areas: list[AreaView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.areas = areas
        for area in areas:
            choices = [("", "選ばない")] + [
                (str(lv.level), f"{lv.level} {lv.name}: {lv.description}") for lv in area.levels
            ]
            self.fields[f"level_{area.id}"] = forms.TypedChoiceField(
                label=area.name,
                required=False,
                coerce=int,
                empty_value=None,
                choices=choices,
                widget=forms.RadioSelect,
                help_text=area.description,
            )
            self.fields[f"comment_{area.id}"] = forms.CharField(
                label=f"{area.name}のコメント(経験・根拠)", required=False, max_length=300
            )

    def claims(self) -> dict[int, tuple[int, str]]:
        out: dict[int, tuple[int, str]] = {}
        for area in self.areas:
            level = self.cleaned_data.get(f"level_{area.id}")
            if level is not None and 1 <= level <= MAX_LEVEL:
                out[area.id] = (level, self.cleaned_data.get(f"comment_{area.id}", ""))
        return out

    def area_fields(self) -> list[tuple[AreaView, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"level_{a.id}"], self[f"comment_{a.id}"]) for a in self.areas]


class WishForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label="年度", coerce=int)
    transfer_wish = forms.ChoiceField(label="異動の希望", choices=TransferWish.choices, widget=forms.RadioSelect)
    wished_units = forms.TypedMultipleChoiceField(
        label="希望する所属(3つまで)", required=False, coerce=int, widget=PlainSelectMultiple(attrs={"size": 8})
    )
    wished_work = forms.CharField(
        label="希望する業務", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )
    career_intention = forms.ChoiceField(
        label="キャリアの志向", choices=CareerIntention.choices, widget=forms.RadioSelect
    )
    dx_interest = forms.BooleanField(label="DX関連業務(デジタル化・業務改革)に関心がある", required=False)
    free_text = forms.CharField(
        label="自由記述",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="家庭の事情・健康・資格取得の予定など、配置にあたって伝えたいこと(人事担当だけが読みます)",
    )

    def __init__(self, *args: Any, years: list[int], units: list[UnitNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_field = self.fields["fiscal_year"]
        assert isinstance(year_field, forms.TypedChoiceField)
        year_field.choices = [(str(y), f"{y}年度") for y in years]
        unit_field = self.fields["wished_units"]
        assert isinstance(unit_field, forms.TypedMultipleChoiceField)
        unit_field.choices = unit_choices(units)[1:]
