"""評価期間の設定と評価サイクル (能力評価は年1回、業績評価は年2回が標準)."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel


class CycleKind(models.TextChoices):
    COMPETENCY = "competency", "能力評価"
    PERFORMANCE = "performance", "業績評価"


class Stage(models.TextChoices):
    """The stages of a sheet, in order; 確定 is final (changed only by a recorded reopening)."""

    SELF = "self", "自己評価"
    FIRST = "first", "一次評価"
    SECOND = "second", "二次評価"
    ADJUST = "adjust", "調整"
    CONFIRMED = "confirmed", "確定"


class CycleStatus(models.TextChoices):
    PREPARING = "preparing", "準備中"
    OPEN = "open", "実施中"
    CLOSED = "closed", "終了"


class PeriodSetting(TenantModel):
    """評価期間の設定 of one organization for one kind: the first period's start and its length.

    Defaults (no row): 能力評価 10月1日から12箇月, 業績評価 4月1日から6箇月 (年2回), as in the
    national 人事評価の基準 mirrored by the 総務省 sample 実施規程 (❓ each 任命権者 may differ).
    """

    kind = models.CharField("評価の種類", max_length=20, choices=CycleKind.choices)
    start_month = models.PositiveSmallIntegerField("期間の開始月")
    start_day = models.PositiveSmallIntegerField("期間の開始日", default=1)
    months = models.PositiveSmallIntegerField("期間の長さ(月)", help_text="12 = 年1回、6 = 年2回")

    class Meta:
        verbose_name = verbose_name_plural = "評価期間の設定"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "kind"], name="evaluation_period_setting_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.start_month}月{self.start_day}日から{self.months}箇月"


class Cycle(TenantModel):
    """評価サイクル: one 能力評価 year or one 業績評価 half-year, with its deadlines per stage.

    Evaluators are resolved from the org tree as of ``reference_date`` (評価基準日).
    """

    name = models.CharField("名称", max_length=100)
    kind = models.CharField("評価の種類", max_length=20, choices=CycleKind.choices)
    period_start = models.DateField("評価期間の開始日")
    period_end = models.DateField("評価期間の終了日")
    reference_date = models.DateField("評価基準日", help_text="評価者をこの日の組織・職で決めます")
    status = models.CharField("状態", max_length=20, choices=CycleStatus.choices, default=CycleStatus.PREPARING)
    self_due = models.DateField("自己評価の期限")
    first_due = models.DateField("一次評価の期限")
    second_due = models.DateField("二次評価の期限")
    adjust_due = models.DateField("調整・確定の期限")
    adjuster = models.ForeignKey(
        "personnel.Employee",
        verbose_name="調整者(既定)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="組織の上位に所属長がいないときの調整者",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    version = models.PositiveIntegerField("版", default=1, help_text="同時更新の検出に使う")

    class Meta:
        verbose_name = verbose_name_plural = "評価サイクル"
        ordering: ClassVar[list[str]] = ["-period_start", "kind", "id"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "kind", "period_end"])]

    def __str__(self) -> str:
        return self.name

    def due_for(self, stage: str) -> datetime.date | None:
        """The deadline of ``stage`` (None for 確定)."""
        dues: dict[str, datetime.date] = {
            Stage.SELF: self.self_due,
            Stage.FIRST: self.first_due,
            Stage.SECOND: self.second_due,
            Stage.ADJUST: self.adjust_due,
        }
        return dues.get(stage)


class CycleTemplate(TenantModel):
    """A template version used by a cycle (the cycle pins the versions its sheets use)."""

    cycle = models.ForeignKey(
        Cycle, verbose_name="評価サイクル", on_delete=models.CASCADE, related_name="cycle_templates"
    )
    template = models.ForeignKey(
        "evaluation.SheetTemplate", verbose_name="評価シート様式", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "サイクルの評価シート様式"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["cycle", "template"], name="evaluation_cycle_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}:{self.template_id}"
