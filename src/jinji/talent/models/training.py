"""研修: courses, who must take them, sessions with capacity, and each person's enrolment."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from jinji.core.models import TenantModel


class CourseKind(models.TextChoices):
    RANK_BASED = "rank_based", "階層別研修"
    E_LEARNING = "e_learning", "全職員向けeラーニング"
    WORKSHOP = "workshop", "ワークショップ(DX推進員等)"
    FIELDWORK = "fieldwork", "現場実習(フィールドワーク)"
    OTHER = "other", "その他"


class Course(TenantModel):
    """研修コース."""

    code = models.CharField("コースコード", max_length=30)
    name = models.CharField("研修名", max_length=100)
    kind = models.CharField("種類", max_length=20, choices=CourseKind.choices)
    description = models.TextField("内容", blank=True)
    hours = models.PositiveSmallIntegerField("時間数", default=1)
    skill_area = models.ForeignKey(
        "talent.SkillArea",
        verbose_name="関連スキル領域",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField("有効", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "研修コース"
        ordering: ClassVar[list[str]] = ["code"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="course_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class CourseRequirement(TenantModel):
    """受講必須の条件: everyone of a 職位 rank, everyone holding a role tag, or all staff."""

    course = models.ForeignKey(Course, verbose_name="研修コース", on_delete=models.CASCADE, related_name="requirements")
    position_rank = models.PositiveSmallIntegerField("職位の序列", null=True, blank=True, help_text="例: 係長級=3")
    role_tag = models.ForeignKey(
        "talent.RoleTag", verbose_name="役割", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    all_staff = models.BooleanField("全職員", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "受講必須の条件"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(
                condition=(
                    Q(position_rank__isnull=False, role_tag__isnull=True, all_staff=False)
                    | Q(position_rank__isnull=True, role_tag__isnull=False, all_staff=False)
                    | Q(position_rank__isnull=True, role_tag__isnull=True, all_staff=True)
                ),
                name="courserequirement_exactly_one",
            )
        ]

    def __str__(self) -> str:
        return f"{self.course_id} rank={self.position_rank} tag={self.role_tag_id} all={self.all_staff}"


class TrainingSession(TenantModel):
    """研修の実施回 (日程・会場・定員)."""

    course = models.ForeignKey(Course, verbose_name="研修コース", on_delete=models.PROTECT, related_name="sessions")
    name = models.CharField("回の名称", max_length=100)
    starts_on = models.DateField("開始日")
    ends_on = models.DateField("終了日")
    location = models.CharField("会場・方法", max_length=100, blank=True)
    capacity = models.PositiveIntegerField("定員")
    is_open = models.BooleanField("申込受付中", default=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "研修の実施回"
        ordering: ClassVar[list[str]] = ["starts_on", "id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="session_dates_ordered"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class EnrolmentOrigin(models.TextChoices):
    SELF = "self", "本人申込"
    HR = "hr", "人事による指名"
    MANDATORY = "mandatory", "受講必須(自動登録)"


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", "受講予定"
    ATTENDED = "attended", "出席(未修了)"
    COMPLETED = "completed", "修了"
    ABSENT = "absent", "欠席"
    CANCELLED = "cancelled", "取消"


ACTIVE_ENROLMENT_STATUSES = (
    EnrolmentStatus.ENROLLED,
    EnrolmentStatus.ATTENDED,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.ABSENT,
)
"""Statuses that take a seat (everything but 取消)."""


class Enrolment(TenantModel):
    """受講: one employee in one session, from enrolment to attendance and completion."""

    session = models.ForeignKey(
        TrainingSession, verbose_name="実施回", on_delete=models.PROTECT, related_name="enrolments"
    )
    course = models.ForeignKey(Course, verbose_name="研修コース", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_enrolments"
    )
    origin = models.CharField("登録の経緯", max_length=20, choices=EnrolmentOrigin.choices)
    status = models.CharField("状態", max_length=20, choices=EnrolmentStatus.choices, default=EnrolmentStatus.ENROLLED)
    completed_on = models.DateField("修了日", null=True, blank=True)
    certificate_number = models.CharField("修了証番号", max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "受講"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["session", "employee"], condition=~Q(status="cancelled"), name="enrolment_live_unique"
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "course", "status"]),
            models.Index(fields=["employee", "status"]),
            models.Index(fields=["session", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} {self.employee_id}"
