"""Forms of the 人事担当 screens: master data, search, training, roles, recruitment, terms, allowances."""

from __future__ import annotations

from typing import Any

from django import forms

from jinji.org.selectors import UnitNode
from jinji.personnel.models import AppointmentType
from jinji.talent.forms.common import DateInput, PlainSelect, unit_choices
from jinji.talent.models import (
    MAX_LEVEL,
    CourseKind,
    QualificationCategory,
    RuleKind,
    TermKind,
    TransferWish,
)

LEVEL_CHOICES = [(str(n), f"レベル{n}以上") for n in range(1, MAX_LEVEL + 1)]


def _choices(form: forms.Form, name: str, choices: list[tuple[str, str]]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


class QualificationMasterForm(forms.Form):
    code = forms.CharField(label="資格コード", max_length=40, help_text="半角英数字(例: kenchiku_1)")
    name = forms.CharField(label="資格名", max_length=100)
    category = forms.ChoiceField(label="区分", choices=QualificationCategory.choices)
    issuer = forms.CharField(label="実施・登録機関", required=False, max_length=100)
    ipa_level = forms.TypedChoiceField(
        label="IPAレベル", required=False, coerce=int, empty_value=None, choices=[("", "なし"), *LEVEL_CHOICES]
    )
    renewal_years = forms.IntegerField(label="更新周期(年)", required=False, min_value=1, max_value=20)
    renewal_note = forms.CharField(label="更新の要件", required=False, max_length=200)


class TalentSearchForm(forms.Form):
    q = forms.CharField(label="氏名・カナ・職員番号", required=False, max_length=100)
    area_1 = forms.TypedChoiceField(label="スキル領域(1)", required=False, coerce=int, empty_value=None)
    level_1 = forms.TypedChoiceField(
        label="レベル(1)", required=False, coerce=int, empty_value=None, choices=LEVEL_CHOICES
    )
    area_2 = forms.TypedChoiceField(label="スキル領域(2)", required=False, coerce=int, empty_value=None)
    level_2 = forms.TypedChoiceField(
        label="レベル(2)", required=False, coerce=int, empty_value=None, choices=LEVEL_CHOICES
    )
    qualification = forms.TypedChoiceField(label="保有資格", required=False, coerce=int, empty_value=None)
    min_ipa_level = forms.TypedChoiceField(
        label="IPA資格のレベル",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "(指定なし)"), *LEVEL_CHOICES],
    )
    course = forms.TypedChoiceField(label="修了した研修", required=False, coerce=int, empty_value=None)
    past_unit = forms.TypedChoiceField(
        label="経験した所属(現在を含む)", required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    role_tag = forms.TypedChoiceField(label="役割", required=False, coerce=int, empty_value=None)
    transfer_wish = forms.ChoiceField(
        label="異動の希望(今年度)", required=False, choices=[("", "(指定なし)"), *TransferWish.choices]
    )
    wished_unit = forms.TypedChoiceField(
        label="希望する所属", required=False, coerce=int, empty_value=None, widget=PlainSelect
    )
    dx_interest = forms.BooleanField(label="DX関連業務に関心あり", required=False)
    on = forms.DateField(label="基準日", required=False, widget=DateInput())

    def __init__(
        self, *args: Any, options: dict[str, list[tuple[str, str]]], units: list[UnitNode], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("area_1", "area_2"):
            _choices(self, name, [("", "(指定なし)"), *options["areas"]])
        _choices(self, "qualification", [("", "(指定なし)"), *options["qualifications"]])
        _choices(self, "course", [("", "(指定なし)"), *options["courses"]])
        _choices(self, "role_tag", [("", "(指定なし)"), *options["role_tags"]])
        _choices(self, "past_unit", unit_choices(units))
        _choices(self, "wished_unit", unit_choices(units))


class SkillMapForm(forms.Form):
    on = forms.DateField(label="基準日", required=False, widget=DateInput())
    min_level = forms.TypedChoiceField(label="数えるレベル", coerce=int, choices=LEVEL_CHOICES, initial="2")
    depth = forms.TypedChoiceField(
        label="組織の単位", coerce=int, choices=[("0", "部単位"), ("1", "課単位"), ("2", "係単位")], initial="0"
    )


class CourseForm(forms.Form):
    code = forms.CharField(label="コースコード", max_length=30)
    name = forms.CharField(label="研修名", max_length=100)
    kind = forms.ChoiceField(label="種類", choices=CourseKind.choices)
    hours = forms.IntegerField(label="時間数", min_value=1, max_value=1000, initial=1)
    skill_area = forms.TypedChoiceField(label="関連スキル領域", required=False, coerce=int, empty_value=None)
    description = forms.CharField(label="内容", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, areas: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "skill_area", [("", "(なし)"), *areas])


class RequirementForm(forms.Form):
    basis = forms.ChoiceField(
        label="受講必須の対象",
        choices=[("rank", "職位の序列で指定"), ("tag", "役割で指定"), ("all", "全職員")],
        widget=forms.RadioSelect,
    )
    position_rank = forms.TypedChoiceField(label="職位", required=False, coerce=int, empty_value=None)
    role_tag = forms.TypedChoiceField(label="役割", required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, ranks: list[tuple[str, str]], tags: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "position_rank", [("", "(選んでください)"), *ranks])
        _choices(self, "role_tag", [("", "(選んでください)"), *tags])


class SessionForm(forms.Form):
    name = forms.CharField(label="回の名称", max_length=100, help_text="例: 2026年度 第1回")
    starts_on = forms.DateField(label="開始日", widget=DateInput())
    ends_on = forms.DateField(label="終了日", widget=DateInput())
    capacity = forms.IntegerField(label="定員", min_value=1, max_value=100_000)
    location = forms.CharField(label="会場・方法", required=False, max_length=100)
    enrol_mandatory = forms.BooleanField(label="受講必須者を自動で登録する", required=False)


class NominateForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)


class ResultsForm(forms.Form):
    completed_on = forms.DateField(label="修了日", required=False, widget=DateInput())


class DesignateForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    tag = forms.TypedChoiceField(label="役割", coerce=int)
    valid_from = forms.DateField(label="任期の開始日", widget=DateInput())
    valid_to = forms.DateField(label="任期の終了日", required=False, widget=DateInput())
    org_unit = forms.TypedChoiceField(
        label="担当所属",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="DX推進員は空欄なら本務の所属",
        widget=PlainSelect,
    )
    note = forms.CharField(label="備考", required=False, max_length=200)

    def __init__(self, *args: Any, tags: list[tuple[str, str]], units: list[UnitNode], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "tag", [("", "選んでください"), *tags])
        _choices(self, "org_unit", unit_choices(units))


class CategoryForm(forms.Form):
    code = forms.CharField(label="区分コード", max_length=30)
    name = forms.CharField(label="区分名", max_length=100)
    appointment_type = forms.ChoiceField(label="採用時の任用区分", choices=AppointmentType.choices)
    description = forms.CharField(label="説明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RuleForm(forms.Form):
    kind = forms.ChoiceField(label="条件の種類", choices=RuleKind.choices)
    qualifications = forms.TypedMultipleChoiceField(
        label="指定資格", required=False, coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    min_count = forms.IntegerField(label="必要な資格の数", min_value=1, max_value=20, initial=1)
    ipa_level = forms.IntegerField(label="IPAレベル", required=False, min_value=1, max_value=4)
    age_limit = forms.IntegerField(label="年齢上限", required=False, min_value=15, max_value=80)
    age_reference_date = forms.DateField(label="年齢の基準日", required=False, widget=DateInput())
    years = forms.IntegerField(label="職務経験年数", required=False, min_value=1, max_value=50)

    def __init__(self, *args: Any, qualifications: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "qualifications", qualifications)


class ApplicantForm(forms.Form):
    category = forms.TypedChoiceField(label="採用区分", coerce=int)
    family_name = forms.CharField(label="氏", max_length=50)
    given_name = forms.CharField(label="名", max_length=50)
    family_name_kana = forms.CharField(label="氏(フリガナ)", max_length=100)
    given_name_kana = forms.CharField(label="名(フリガナ)", max_length=100)
    birth_date = forms.DateField(label="生年月日", widget=DateInput())
    email = forms.EmailField(label="メールアドレス", required=False)
    phone = forms.CharField(label="電話番号", required=False, max_length=20)
    experience_years = forms.IntegerField(label="職務経験年数", min_value=0, max_value=60, initial=0)
    qualifications = forms.TypedMultipleChoiceField(
        label="保有資格", required=False, coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    note = forms.CharField(label="備考", required=False, max_length=300)

    def __init__(
        self, *args: Any, categories: list[tuple[str, str]], qualifications: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "category", [("", "選んでください"), *categories])
        _choices(self, "qualifications", qualifications)


class HireForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    hired_on = forms.DateField(label="採用日", widget=DateInput())
    org_unit = forms.TypedChoiceField(label="配属先", coerce=int, widget=PlainSelect)
    position = forms.TypedChoiceField(label="職", required=False, coerce=int, empty_value=None)
    grade = forms.IntegerField(label="級", required=False, min_value=1, max_value=20)
    step = forms.IntegerField(label="号給", required=False, min_value=1, max_value=200)
    term_end = forms.DateField(
        label="任期の終期", required=False, widget=DateInput(), help_text="任期付・会計年度任用・再任用のとき"
    )

    def __init__(self, *args: Any, units: list[UnitNode], positions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "org_unit", unit_choices(units, blank="選んでください"))
        _choices(self, "position", [("", "(なし)"), *positions])


class TermForm(forms.Form):
    staff_number = forms.CharField(label="職員番号", max_length=20)
    kind = forms.ChoiceField(label="種類", choices=TermKind.choices)
    term_start = forms.DateField(label="任期の始期", widget=DateInput())
    term_end = forms.DateField(label="任期の終期", widget=DateInput())
    note = forms.CharField(label="備考", required=False, max_length=200)


class ReappointForm(forms.Form):
    term_end = forms.DateField(label="次の任期の終期", widget=DateInput())


class AllowanceRuleForm(forms.Form):
    code = forms.CharField(label="手当コード", max_length=30)
    name = forms.CharField(label="手当名", max_length=100)
    monthly_amount = forms.IntegerField(label="月額(円)", min_value=1, max_value=1_000_000)
    qualifications = forms.TypedMultipleChoiceField(
        label="対象資格", coerce=int, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    valid_from = forms.DateField(label="適用開始日", widget=DateInput())
    valid_to = forms.DateField(label="適用終了日", required=False, widget=DateInput())
    note = forms.CharField(label="根拠・備考", required=False, max_length=200)

    def __init__(self, *args: Any, qualifications: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "qualifications", qualifications)
