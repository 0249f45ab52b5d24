"""DX スキル: skill areas with level descriptions, self-assessments and the confirmed levels."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jinji.core.models import TenantModel
from jinji.talent.models.catalogue import CatalogueModel, catalogue_constraints

MIN_LEVEL = 1
MAX_LEVEL = 4


class SkillArea(CatalogueModel):
    """スキル領域 (データ活用, デザイン, プロジェクト管理, セキュリティ, 業務改革(BPR), AI・RPA …)."""

    class Meta:
        verbose_name = verbose_name_plural = "スキル領域"
        ordering: ClassVar[list[str]] = ["sort_order", "code"]
        constraints: ClassVar[list[models.BaseConstraint]] = catalogue_constraints("skillarea")


class SkillLevel(models.Model):
    """What level 1–4 means in one area (shown next to the self-assessment choices)."""

    area = models.ForeignKey(SkillArea, verbose_name="スキル領域", on_delete=models.CASCADE, related_name="levels")
    level = models.PositiveSmallIntegerField("レベル")
    name = models.CharField("レベル名", max_length=50)
    description = models.CharField("目安", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "スキルレベルの目安"
        ordering: ClassVar[list[str]] = ["area", "level"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["area", "level"], name="skilllevel_area_level_unique"),
            models.CheckConstraint(condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="skilllevel_1_4"),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"


class AssessmentStatus(models.TextChoices):
    SUBMITTED = "submitted", "所属長確認待ち"
    CONFIRMED = "confirmed", "確認済"
    RETURNED = "returned", "差戻し"


class SkillAssessment(TenantModel):
    """スキル自己評価: the level an employee claims in one area, until the 所属長 confirms or returns it."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_assessments"
    )
    area = models.ForeignKey(SkillArea, verbose_name="スキル領域", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("自己評価レベル")
    comment = models.CharField("本人コメント", max_length=300, blank=True)
    status = models.CharField(
        "状態", max_length=20, choices=AssessmentStatus.choices, default=AssessmentStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField("提出日時", auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="確認者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("確認日時", null=True, blank=True)
    supervisor_comment = models.CharField("所属長コメント", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "スキル自己評価"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["employee", "area"], condition=Q(status="submitted"), name="skillassessment_one_pending"
            ),
            models.CheckConstraint(condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="assessment_1_4"),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "status"]),
            models.Index(fields=["employee", "area", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.area_id} L{self.level}"


class EmployeeSkill(TenantModel):
    """The confirmed level of one employee in one area (what search and the skill map read)."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_skills"
    )
    area = models.ForeignKey(SkillArea, verbose_name="スキル領域", on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField("確認済レベル")
    confirmed_on = models.DateField("確認日")
    assessment = models.ForeignKey(
        SkillAssessment, verbose_name="確認した自己評価", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "職員のスキル"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["employee", "area"], name="employeeskill_unique"),
            models.CheckConstraint(condition=Q(level__gte=MIN_LEVEL, level__lte=MAX_LEVEL), name="employeeskill_1_4"),
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "area", "level"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.area_id} L{self.level}"
