"""評価シート (one employee in one cycle), its ratings, goals, 面談, stage history and 苦情."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jinji.core.models import TenantModel
from jinji.evaluation.models.cycles import Cycle, Stage
from jinji.evaluation.models.templates import SheetTemplate, TemplateItem

RATED_STAGES = (Stage.SELF, Stage.FIRST, Stage.SECOND)
"""Stages that rate the items one by one (the 調整 stage decides the final 評語 only)."""


class Difficulty(models.TextChoices):
    HIGH = "high", "高"
    STANDARD = "standard", "中"
    LOW = "low", "低"


class Sheet(TenantModel):
    """評価シート. Post, unit and evaluators are fixed as of the cycle's 評価基準日 (HR may override).

    ``vacancies`` lists the stages whose evaluator could not be resolved (空席): those sheets are
    flagged until HR sets someone. ``current_rating`` is the latest 全体評語 given (for the
    distribution); ``final_rating`` is set at 確定.
    """

    cycle = models.ForeignKey(Cycle, verbose_name="評価サイクル", on_delete=models.PROTECT, related_name="sheets")
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(SheetTemplate, verbose_name="様式", on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="所属", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    department = models.ForeignKey(
        "org.OrgUnit", verbose_name="部局", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position_name = models.CharField("職", max_length=50, blank=True)
    rank = models.PositiveSmallIntegerField("職の序列", null=True, blank=True)
    is_fiscal_year_appointee = models.BooleanField("会計年度任用職員", default=False)
    first_evaluator = models.ForeignKey(
        "personnel.Employee",
        verbose_name="一次評価者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    second_evaluator = models.ForeignKey(
        "personnel.Employee",
        verbose_name="二次評価者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adjuster = models.ForeignKey(
        "personnel.Employee", verbose_name="調整者", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evaluators_overridden = models.BooleanField("評価者を個別に指定", default=False)
    vacancies = models.JSONField("空席の評価者", default=list, blank=True, help_text="評価者を決められなかった段階")
    has_vacancy = models.BooleanField("評価者の空席あり", default=False)
    stage = models.CharField("段階", max_length=20, choices=Stage.choices, default=Stage.SELF)
    stage_entered_at = models.DateTimeField("段階の開始日時", null=True, blank=True)
    self_comment = models.TextField("自己評価のコメント", blank=True)
    first_comment = models.TextField("一次評価者のコメント", blank=True)
    second_comment = models.TextField("二次評価者のコメント", blank=True)
    adjust_comment = models.TextField("調整の理由", blank=True)
    self_score = models.DecimalField("自己評価の点数", max_digits=6, decimal_places=3, null=True, blank=True)
    first_score = models.DecimalField("一次評価の点数", max_digits=6, decimal_places=3, null=True, blank=True)
    second_score = models.DecimalField("二次評価の点数", max_digits=6, decimal_places=3, null=True, blank=True)
    self_rating = models.CharField("自己評価の全体評語", max_length=2, blank=True)
    first_rating = models.CharField("一次評価の全体評語", max_length=2, blank=True)
    second_rating = models.CharField("二次評価の全体評語", max_length=2, blank=True)
    final_rating = models.CharField("確定した全体評語", max_length=2, blank=True)
    current_rating = models.CharField("直近の全体評語", max_length=2, blank=True)
    goals_agreed_at = models.DateTimeField("目標の合意日時", null=True, blank=True)
    confirmed_at = models.DateTimeField("確定日時", null=True, blank=True)
    disclosed_at = models.DateTimeField("開示日時", null=True, blank=True)
    version = models.PositiveIntegerField("版", default=1, help_text="同時更新の検出に使う")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "評価シート"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["cycle", "employee"], name="evaluation_sheet_one_per_cycle")
        ]
        indexes: ClassVar[list[models.Index]] = [
            # covers the dashboard's one GROUP BY scan (and the stage filters)
            # cover the dashboard's GROUP BY scans (organization last: the tenant filter is on every query)
            models.Index(
                fields=["cycle", "stage", "department", "template", "current_rating", "has_vacancy", "organization"],
                name="evaluation_sheet_dashboard",
            ),
            models.Index(
                fields=[
                    "cycle",
                    "department",
                    "unit",
                    "stage",
                    "template",
                    "current_rating",
                    "has_vacancy",
                    "organization",
                ],
                name="evaluation_sheet_by_unit",
            ),
            models.Index(fields=["organization", "employee"]),
            models.Index(fields=["organization", "first_evaluator", "stage"]),
            models.Index(fields=["organization", "second_evaluator", "stage"]),
            models.Index(fields=["organization", "adjuster", "stage"]),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.employee_id}"

    def evaluator_for(self, stage: str) -> int | None:
        """Employee id of who acts at ``stage`` (the employee themself for 自己評価)."""
        return {
            Stage.SELF: self.employee_id,
            Stage.FIRST: self.first_evaluator_id,
            Stage.SECOND: self.second_evaluator_id,
            Stage.ADJUST: self.adjuster_id,
        }.get(Stage(stage))


class Goal(TenantModel):
    """業績評価の目標: agreed at the start (期首面談), reviewed mid-term, with results at the end."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField("順序")
    title = models.CharField("目標(何を)", max_length=200)
    target = models.TextField("達成基準(いつまでに・どの水準まで)")
    difficulty = models.CharField("困難度", max_length=10, choices=Difficulty.choices, default=Difficulty.STANDARD)
    weight = models.PositiveSmallIntegerField("ウェイト(%)")
    midterm_note = models.TextField("中間の振り返り", blank=True)
    result_note = models.TextField("実績(期末)", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "目標"
        ordering: ClassVar[list[str]] = ["sheet", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ItemRating(TenantModel):
    """A rating of one item (or goal) at one stage (自己・一次・二次), with its comment."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.CASCADE, related_name="ratings")
    stage = models.CharField("段階", max_length=20, choices=Stage.choices)
    item = models.ForeignKey(
        TemplateItem, verbose_name="評価項目", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        Goal, verbose_name="目標", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rating = models.CharField("評価", max_length=2)
    comment = models.TextField("所見", blank=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "項目別の評価"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["sheet", "stage", "item"], condition=Q(item__isnull=False), name="evaluation_rating_item_unique"
            ),
            models.UniqueConstraint(
                fields=["sheet", "stage", "goal"], condition=Q(goal__isnull=False), name="evaluation_rating_goal_unique"
            ),
            models.CheckConstraint(
                condition=Q(item__isnull=False, goal__isnull=True) | Q(item__isnull=True, goal__isnull=False),
                name="evaluation_rating_item_or_goal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}:{self.stage}:{self.rating}"


class InterviewKind(models.TextChoices):
    START = "start", "期首面談(目標設定)"
    MIDTERM = "midterm", "中間面談"
    FINAL = "final", "期末面談(評価結果の開示・指導助言)"


class Interview(TenantModel):
    """面談の記録."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.CASCADE, related_name="interviews")
    kind = models.CharField("面談の種類", max_length=20, choices=InterviewKind.choices)
    held_on = models.DateField("実施日")
    interviewer = models.ForeignKey(
        "personnel.Employee", verbose_name="面談者", on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("記録")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="記録者", on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("記録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "面談の記録"
        ordering: ClassVar[list[str]] = ["sheet", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on}"


class TransitionAction(models.TextChoices):
    SUBMIT = "submit", "提出"
    SEND_BACK = "send_back", "差戻し"
    CONFIRM = "confirm", "確定"
    DISCLOSE = "disclose", "開示"
    REOPEN = "reopen", "確定の取消し(再開)"
    OVERRIDE = "override", "評価者の変更"
    AGREE_GOALS = "agree_goals", "目標の合意"
    REVOKE_GOALS = "revoke_goals", "目標の合意の取消し"


class StageTransition(TenantModel):
    """段階の履歴: every transition of a sheet, append-only (the audit log has the same event)."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField("操作", max_length=20, choices=TransitionAction.choices)
    from_stage = models.CharField("変更前の段階", max_length=20, choices=Stage.choices)
    to_stage = models.CharField("変更後の段階", max_length=20, choices=Stage.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作者", on_delete=models.PROTECT, related_name="+"
    )
    comment = models.TextField("理由・コメント", blank=True)
    acted_at = models.DateTimeField("日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "評価シートの段階の履歴"
        ordering: ClassVar[list[str]] = ["sheet", "acted_at", "id"]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.action} {self.from_stage}→{self.to_stage}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("段階の履歴は追記のみで、変更できません")
        super().save(*args, **kwargs)


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "受付"
    IN_PROGRESS = "in_progress", "対応中"
    CLOSED = "closed", "処理済"


class Complaint(TenantModel):
    """苦情: filed by the employee about a disclosed result, and how HR handled it."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.PROTECT, related_name="complaints")
    content = models.TextField("苦情の内容")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="申出者", on_delete=models.PROTECT, related_name="+"
    )
    filed_at = models.DateTimeField("申出日時", auto_now_add=True)
    status = models.CharField("状態", max_length=20, choices=ComplaintStatus.choices, default=ComplaintStatus.RECEIVED)
    response = models.TextField("対応の内容", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="対応者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField("対応日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "苦情"
        ordering: ClassVar[list[str]] = ["-filed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.get_status_display()}"


class Reminder(TenantModel):
    """督促の記録: one per sheet, stage, recipient and day (so reminders are idempotent per day)."""

    sheet = models.ForeignKey(Sheet, verbose_name="評価シート", on_delete=models.CASCADE, related_name="+")
    stage = models.CharField("段階", max_length=20, choices=Stage.choices)
    recipient = models.ForeignKey("personnel.Employee", verbose_name="宛先", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField("督促日")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "評価の督促"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["sheet", "stage", "recipient", "sent_on"], name="evaluation_reminder_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id} {self.stage} {self.sent_on}"
