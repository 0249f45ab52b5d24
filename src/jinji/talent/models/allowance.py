"""資格手当: a monthly amount paid to holders of listed qualifications (read by payroll)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jinji.core.models import EffectiveDated, TenantModel


class QualificationAllowanceRule(TenantModel, EffectiveDated):
    """支給基準: holders (HR-verified, valid on the 1st of the month) of any listed qualification get
    ``monthly_amount`` yen a month while the rule is in force on that day. One line per rule."""

    code = models.CharField("手当コード", max_length=30)
    name = models.CharField("手当名", max_length=100)
    monthly_amount = models.PositiveIntegerField("月額(円)")
    qualifications = models.ManyToManyField("talent.Qualification", verbose_name="対象資格", related_name="+")
    note = models.CharField(
        "根拠・備考", max_length=200, blank=True, help_text="例: 〇〇市職員の特殊勤務手当に関する条例 第5条"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "資格手当の支給基準"
        ordering: ClassVar[list[str]] = ["code", "valid_from"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(monthly_amount__gte=1), name="allowance_amount_positive")
        ]

    def __str__(self) -> str:
        return self.name
