"""Append-only audit events: who changed or saw what, when."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import Organization


class AuditKind(models.TextChoices):
    CHANGE = "change", "変更"
    READ = "read", "参照"
    AUTH = "auth", "認証"


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("監査ログは追記のみで、更新できません")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("監査ログは追記のみで、削除できません")


class AuditEvent(models.Model):
    """One audited action. Rows are never updated or deleted (PostgreSQL also forbids it by trigger)."""

    organization = models.ForeignKey(
        Organization, verbose_name="団体", on_delete=models.PROTECT, null=True, related_name="+"
    )
    occurred_at = models.DateTimeField("日時", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="実行者",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor_label = models.CharField("実行者名", max_length=150, blank=True)
    kind = models.CharField("種別", max_length=10, choices=AuditKind.choices, default=AuditKind.CHANGE)
    action = models.CharField("操作", max_length=80, db_index=True)
    target_type = models.CharField("対象種別", max_length=80, blank=True, db_index=True)
    target_id = models.CharField("対象ID", max_length=64, blank=True)
    target_label = models.CharField("対象", max_length=200, blank=True)
    before = models.JSONField("変更前", null=True, blank=True)
    after = models.JSONField("変更後", null=True, blank=True)
    ip_address = models.GenericIPAddressField("IPアドレス", null=True, blank=True)

    objects: ClassVar[AuditEventQuerySet] = AuditEventQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = verbose_name_plural = "監査イベント"
        ordering: ClassVar[list[str]] = ["-occurred_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "occurred_at"]),
            models.Index(fields=["organization", "target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("監査ログは追記のみで、更新できません")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("監査ログは追記のみで、削除できません")
