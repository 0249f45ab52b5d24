"""発令 (personnel actions) and the batches that group them (e.g. the 4/1 mass transfer)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel


class ActionType(models.TextChoices):
    HIRE = "hire", "採用"
    PROMOTION = "promotion", "昇任"
    GRADE_PROMOTION = "grade_promotion", "昇格"
    TRANSFER = "transfer", "異動"
    STEP_INCREASE = "step_increase", "昇給"
    LEAVE_OF_ABSENCE = "leave_of_absence", "休職"
    REINSTATEMENT = "reinstatement", "復職"
    SEPARATION = "separation", "退職"
    TERM_EXPIRY = "term_expiry", "任期満了"
    CONCURRENT_POST = "concurrent_post", "兼務・併任"
    CONCURRENT_END = "concurrent_end", "兼務・併任の解除"


class ActionStatus(models.TextChoices):
    DRAFT = "draft", "作成中"
    APPLIED = "applied", "発令済"
    CANCELLED = "cancelled", "取消"
    SUPERSEDED = "superseded", "訂正済"


class ActionBatch(TenantModel):
    """A set of 発令 prepared together (異動一覧 / 内示表) and confirmed in one step."""

    name = models.CharField("名称", max_length=100)
    effective_on = models.DateField("発令日")
    status = models.CharField("状態", max_length=20, choices=ActionStatus.choices, default=ActionStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    applied_at = models.DateTimeField("確定日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "発令バッチ"

    def __str__(self) -> str:
        return self.name


class PersonnelAction(TenantModel):
    """One 発令: what changes for one employee from ``effective_on``.

    The target fields hold the state after the action (blank = unchanged). Applying it ends
    the current primary assignment the day before and opens a new one. A wrong 発令 is never
    edited in place once applied: a correcting action (``corrects``) supersedes it and both
    stay in the history.
    """

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="actions"
    )
    batch = models.ForeignKey(
        ActionBatch,
        verbose_name="発令バッチ",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="actions",
    )
    action_type = models.CharField("発令種別", max_length=30, choices=ActionType.choices)
    effective_on = models.DateField("発令日")
    status = models.CharField("状態", max_length=20, choices=ActionStatus.choices, default=ActionStatus.DRAFT)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="新所属",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.ForeignKey(
        "org.Position", verbose_name="新職", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    job_category = models.ForeignKey(
        "org.JobCategory",
        verbose_name="職種",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointing_authority = models.ForeignKey(
        "org.AppointingAuthority",
        verbose_name="任命権者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    payer = models.ForeignKey(
        "org.Payer",
        verbose_name="給与支払者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    appointment_type = models.CharField("任用区分", max_length=30, blank=True)
    salary_schedule = models.ForeignKey(
        "org.SalarySchedule",
        verbose_name="給料表",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grade = models.PositiveSmallIntegerField("級", null=True, blank=True)
    step = models.PositiveSmallIntegerField("号給", null=True, blank=True)
    work_pattern = models.CharField("勤務形態", max_length=20, blank=True)
    weekly_minutes = models.PositiveIntegerField("週勤務時間(分)", null=True, blank=True)
    end_on = models.DateField("終了日", null=True, blank=True, help_text="休職・兼務の期間の末日")
    post_kind = models.CharField(
        "兼務・併任の区分",
        max_length=20,
        blank=True,
        help_text="兼務・併任の発令で作る任用の区分(concurrent/secondment)",
    )
    undo = models.JSONField(
        "取消用の記録",
        default=dict,
        blank=True,
        help_text="確定時に終了させた任用と元の終了日、元の退職日(訂正時の再構成に使う)",
    )
    row_number = models.PositiveIntegerField("行番号", null=True, blank=True, help_text="取込ファイル・入力画面の行")
    notice_text = models.TextField("辞令文", blank=True)
    reason = models.CharField("事由・備考", max_length=200, blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name="訂正対象の発令",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="確定者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField("確定日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "発令"
        ordering: ClassVar[list[str]] = ["effective_on", "id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "effective_on", "status"]),
            models.Index(fields=["employee", "effective_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.effective_on} {self.get_action_type_display()}"
