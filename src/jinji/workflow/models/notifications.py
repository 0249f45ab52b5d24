"""In-app notifications (お知らせ) about applications and approval tasks."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel
from jinji.core.tenancy import TenantManager


class NotificationKind(models.TextChoices):
    TASK_ASSIGNED = "task_assigned", "承認依頼"
    REMINDER = "reminder", "承認の督促"
    SENT_BACK = "sent_back", "差戻し"
    DECIDED = "decided", "処理結果"
    POST_REVIEW = "post_review", "後閲依頼"


class Notification(TenantModel):
    """One message for one user. ``dedupe_key`` (when set) makes a notification happen once."""

    objects: ClassVar[TenantManager[Notification]] = TenantManager()  # type: ignore[assignment]

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="宛先", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField("種類", max_length=20, choices=NotificationKind.choices)
    instance = models.ForeignKey(
        "workflow.WorkflowInstance",
        verbose_name="申請",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
    )
    message = models.CharField("内容", max_length=300)
    dedupe_key = models.CharField("重複防止キー", max_length=100, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    read_at = models.DateTimeField("既読日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "お知らせ"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"],
                condition=~models.Q(dedupe_key=""),
                name="workflow_notification_dedupe_unique",
            )
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "recipient", "read_at"])]

    def __str__(self) -> str:
        return self.message
