"""お知らせ of the talent app: qualification expiry for the holder, term ends for HR. Each happens once."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class NoticeAudience(models.TextChoices):
    EMPLOYEE = "employee", "本人"
    HR = "hr", "人事担当"


class NoticeKind(models.TextChoices):
    QUALIFICATION_EXPIRY = "qualification_expiry", "資格の有効期限"
    TERM_END = "term_end", "任期の満了"


class TalentNotice(TenantModel):
    """One message; ``dedupe_key`` makes each reminder happen once (the command is safe to re-run)."""

    audience = models.CharField("宛先", max_length=20, choices=NoticeAudience.choices)
    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="対象職員", on_delete=models.CASCADE, related_name="talent_notices"
    )
    kind = models.CharField("種類", max_length=30, choices=NoticeKind.choices)
    message = models.CharField("内容", max_length=300)
    due_on = models.DateField("期限")
    dedupe_key = models.CharField("重複防止キー", max_length=120)
    emailed = models.BooleanField("メール送信済", default=False)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "人材関係のお知らせ"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "dedupe_key"], name="talentnotice_dedupe_unique")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "audience", "created_at"]),
            models.Index(fields=["employee", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.message
