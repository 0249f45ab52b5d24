"""Forms of the evaluation pages (labels and messages in Japanese, naming the field)."""

from __future__ import annotations

from typing import Any

from django import forms

from jinji.evaluation.models import ComplaintStatus, CycleKind, Difficulty, InterviewKind, Scale, Stage
from jinji.evaluation.selectors.detail import LineView
from jinji.evaluation.views._common import DateInput
from jinji.rules.evaluation import RATINGS

COMMENT = forms.Textarea(attrs={"rows": 3})


def field_key(key: str) -> str:
    """``item:12`` → ``item-12`` (form field names)."""
    return key.replace(":", "-")


class RatingForm(forms.Form):
    """One stage's ratings: a radio group and a comment per line, and the overall comment."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, lines: list[LineView], allowed: tuple[str, ...], stage: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.lines = lines
        choices = [(r, r) for r in allowed]
        for line in lines:
            key = field_key(line.key)
            current = line.ratings.get(stage)
            self.fields[f"r_{key}"] = forms.ChoiceField(
                label=line.name,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
                initial=current.rating if current else None,
            )
            self.fields[f"c_{key}"] = forms.CharField(
                label=f"{line.name}の所見",
                required=False,
                widget=COMMENT,
                max_length=4000,
                initial=current.comment if current else "",
            )
        self.fields["comment"] = forms.CharField(
            label="全体のコメント", required=False, widget=COMMENT, max_length=4000
        )

    def rows(self) -> list[tuple[LineView, forms.BoundField, forms.BoundField]]:
        return [(line, self[f"r_{field_key(line.key)}"], self[f"c_{field_key(line.key)}"]) for line in self.lines]


class ConfirmForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    final_rating = forms.ChoiceField(
        label="確定する全体評語", choices=[(r, r) for r in RATINGS], widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="調整の理由",
        required=False,
        widget=COMMENT,
        max_length=4000,
        help_text="二次評価と異なる評語にする場合は必須です",
    )


class SendBackForm(forms.Form):
    reason = forms.CharField(label="差戻しの理由", widget=COMMENT, max_length=2000)


class GoalForm(forms.Form):
    title = forms.CharField(label="目標(何を)", max_length=200, required=False)
    target = forms.CharField(
        label="達成基準(いつまでに・どの水準まで)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
    difficulty = forms.ChoiceField(label="困難度", choices=Difficulty.choices, initial=Difficulty.STANDARD)
    weight = forms.IntegerField(label="ウェイト(%)", min_value=0, max_value=100, required=False)


GoalFormSet = forms.formset_factory(GoalForm, extra=0, max_num=10)


class InterviewForm(forms.Form):
    kind = forms.ChoiceField(label="面談の種類", choices=InterviewKind.choices)
    held_on = forms.DateField(label="実施日", widget=DateInput())
    note = forms.CharField(label="記録", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class ComplaintForm(forms.Form):
    content = forms.CharField(label="苦情の内容", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)


class ComplaintHandleForm(forms.Form):
    status = forms.ChoiceField(
        label="状態", choices=[(ComplaintStatus.IN_PROGRESS, "対応中"), (ComplaintStatus.CLOSED, "処理済")]
    )
    response = forms.CharField(label="対応の内容", widget=COMMENT, required=False, max_length=4000)


class ReopenForm(forms.Form):
    to_stage = forms.ChoiceField(
        label="再開する段階",
        choices=[(s.value, s.label) for s in (Stage.SELF, Stage.FIRST, Stage.SECOND, Stage.ADJUST)],
        initial=Stage.ADJUST,
    )
    reason = forms.CharField(label="確定を取り消す理由", widget=COMMENT, max_length=2000)


class EvaluatorsForm(forms.Form):
    first_evaluator = forms.CharField(label="一次評価者(職員番号)", max_length=20, required=False)
    second_evaluator = forms.CharField(label="二次評価者(職員番号)", max_length=20, required=False)
    adjuster = forms.CharField(label="調整者(職員番号)", max_length=20, required=False)
    reason = forms.CharField(label="変更の理由", widget=COMMENT, max_length=2000)


class CycleForm(forms.Form):
    name = forms.CharField(label="名称", max_length=100, help_text="例: 令和8年度 能力評価")
    kind = forms.ChoiceField(label="評価の種類", choices=CycleKind.choices)
    period_start = forms.DateField(label="評価期間の開始日", widget=DateInput())
    period_end = forms.DateField(label="評価期間の終了日", widget=DateInput())
    reference_date = forms.DateField(
        label="評価基準日", widget=DateInput(), help_text="この日の組織・職で評価者を決めます"
    )
    self_due = forms.DateField(label="自己評価の期限", widget=DateInput())
    first_due = forms.DateField(label="一次評価の期限", widget=DateInput())
    second_due = forms.DateField(label="二次評価の期限", widget=DateInput())
    adjust_due = forms.DateField(label="調整・確定の期限", widget=DateInput())
    adjuster = forms.CharField(
        label="調整者(既定・職員番号)",
        max_length=20,
        required=False,
        help_text="組織の上位に所属長がいない職員の調整者",
    )
    templates = forms.MultipleChoiceField(label="使う様式", widget=forms.CheckboxSelectMultiple, choices=[])


class DeadlinesForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    self_due = forms.DateField(label="自己評価の期限", widget=DateInput())
    first_due = forms.DateField(label="一次評価の期限", widget=DateInput())
    second_due = forms.DateField(label="二次評価の期限", widget=DateInput())
    adjust_due = forms.DateField(label="調整・確定の期限", widget=DateInput())


class StepIncreaseForm(forms.Form):
    effective_on = forms.DateField(label="昇給日", widget=DateInput(), help_text="国の例では1月1日")
    name = forms.CharField(label="発令バッチの名称", max_length=100, required=False)


class PeriodSettingForm(forms.Form):
    kind = forms.ChoiceField(label="評価の種類", choices=CycleKind.choices)
    start_month = forms.IntegerField(label="開始月", min_value=1, max_value=12)
    start_day = forms.IntegerField(label="開始日", min_value=1, max_value=28, initial=1)
    months = forms.TypedChoiceField(
        label="期間の長さ",
        coerce=int,
        choices=[(12, "12箇月(年1回)"), (6, "6箇月(年2回)"), (4, "4箇月(年3回)"), (3, "3箇月(年4回)")],
    )


class TemplateVersionForm(forms.Form):
    name = forms.CharField(label="様式名", max_length=100)
    scale = forms.ChoiceField(label="評価の尺度", choices=Scale.choices)
    min_rank = forms.IntegerField(label="対象の職の序列(以上)", required=False, min_value=0)
    max_rank = forms.IntegerField(label="対象の職の序列(以下)", required=False, min_value=0)
    max_goals = forms.IntegerField(label="目標の最大数", min_value=1, max_value=10, initial=5)
    items = forms.CharField(
        label="評価項目",
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="1行に1項目:「項目名|求められる行動|ウェイト」(ウェイトの合計は100%)",
    )
