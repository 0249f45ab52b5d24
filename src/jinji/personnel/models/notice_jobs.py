"""辞令の一括作成 (PDF) of an 一括異動 (異動一覧 / 内示表), made by a background task."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import TenantModel


class NoticeJobStatus(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "作成中"
    DONE = "done", "完了"
    FAILED = "failed", "エラー"


class NoticePrintJob(TenantModel):
    """One request for a batch's 辞令 as PDF: progress in people (one page each), then the file."""

    batch = models.ForeignKey(
        "personnel.ActionBatch", verbose_name="一括異動", on_delete=models.CASCADE, related_name="notice_jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="依頼者", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    is_draft = models.BooleanField("内示用(確定前)", default=False)
    status = models.CharField("状態", max_length=10, choices=NoticeJobStatus.choices, default=NoticeJobStatus.QUEUED)
    progress_done = models.PositiveIntegerField("進捗(枚)", default=0)
    progress_total = models.PositiveIntegerField("対象(枚)", default=0)
    file_path = models.CharField("ファイル", max_length=200, blank=True)
    error = models.TextField("エラー", blank=True)
    created_at = models.DateTimeField("依頼日時", auto_now_add=True)
    finished_at = models.DateTimeField("完了日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "辞令の一括作成"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.get_status_display()}"
