"""添付書類 (evidence files of an application) and the 認定簿 (allowance determinations)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import EffectiveDated, TenantModel
from jinji.core.tenancy import TenantManager


class Attachment(TenantModel):
    """A file filed with an application as evidence (PDF/PNG/JPEG), stored outside the web root.

    ``stored_path`` is relative to ``<JINJI_VAR_DIR>/uploads/applications``; the original name
    is kept for display only. Served only through the view that checks who may read it.
    """

    objects: ClassVar[TenantManager[Attachment]] = TenantManager()  # type: ignore[assignment]

    instance = models.ForeignKey(
        "workflow.WorkflowInstance", verbose_name="申請", on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField("ファイル名", max_length=200)
    content_type = models.CharField("形式", max_length=50)
    size = models.PositiveIntegerField("サイズ(バイト)")
    sha256 = models.CharField("SHA-256", max_length=64)
    stored_path = models.CharField("保存場所", max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "添付書類"
        ordering: ClassVar[list[str]] = ["instance", "id"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "instance"])]

    def __str__(self) -> str:
        return self.original_name


class AllowanceKind(models.TextChoices):
    COMMUTING = "commuting", "通勤手当"
    HOUSING = "housing", "住居手当"
    DEPENDENTS = "dependents", "扶養手当"


class AllowanceDetermination(TenantModel, EffectiveDated):
    """認定簿の1行: an allowance determined for an employee from a date, with the inputs it rests on.

    ``monthly_amount`` (int yen) is computed by :mod:`jinji.rules.pay` from ``basis``; for 通勤手当
    it is split into the income-tax non-taxable part and the taxable rest (所得税法施行令 第20条の2).
    ``retro`` marks a determination whose first month's pay was already finalized (差額 to settle).
    A newer determination of the same allowance ends the current one the day before it starts.
    """

    objects: ClassVar[TenantManager[AllowanceDetermination]] = TenantManager()  # type: ignore[assignment]

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("手当", max_length=20, choices=AllowanceKind.choices)
    basis = models.JSONField("認定の基礎", default=dict, blank=True)
    monthly_amount = models.PositiveIntegerField("月額(円)")
    nontaxable_amount = models.PositiveIntegerField("うち非課税(円)", default=0)
    taxable_amount = models.PositiveIntegerField("うち課税(円)", default=0)
    table_refs = models.JSONField("使用した法令表", default=list, blank=True)
    retro = models.BooleanField("遡及(給与確定済の月から)", default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="認定者", on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("認定日時")
    source_application = models.ForeignKey(
        "workflow.WorkflowInstance",
        verbose_name="根拠の申請",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "手当の認定(認定簿)"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["organization", "employee", "kind", "valid_from"], name="determination_start_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(monthly_amount=models.F("taxable_amount") + models.F("nontaxable_amount")),
                name="determination_split_sums",
            ),
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "kind", "valid_from"]),
            models.Index(fields=["organization", "employee", "kind"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.monthly_amount}円"
