"""差額 (retroactive differences) and 追給・戻入 (individual corrections).

A difference or correction is *settled* once the monthly run that paid it (``paid_in_run``) is
finalized; until then the run it was pulled into may be recomputed and pulls it again. Money is
int yen; a negative amount is a recovery (戻入).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class RetroStatus(models.TextChoices):
    DRAFT = "draft", "作成済み"
    COMPUTING = "computing", "計算中"
    COMPUTED = "computed", "計算済み"
    FAILED = "failed", "計算エラー"


class RetroCalculation(TenantModel):
    """差額計算: a 給与支払者's finalized months ``first_month``〜``last_month`` recomputed with the
    tables and master as known now; the differences are paid in the monthly run of ``pay_month``."""

    payer = models.ForeignKey("org.Payer", verbose_name="給与支払者", on_delete=models.PROTECT, related_name="+")
    first_month = models.DateField("対象の最初の月", help_text="月の1日")
    last_month = models.DateField("対象の最後の月", help_text="月の1日")
    pay_month = models.DateField("支給する月", help_text="月の1日")
    reason = models.CharField("理由", max_length=200)
    status = models.CharField("状態", max_length=12, choices=RetroStatus.choices, default=RetroStatus.DRAFT)
    error = models.TextField("エラー", blank=True)
    anomalies = models.JSONField("確認事項", default=list, blank=True)
    months = models.JSONField("計算した月", default=list, blank=True)
    progress_done = models.PositiveIntegerField("進捗(月)", default=0)
    progress_total = models.PositiveIntegerField("対象(月)", default=0)
    employees = models.PositiveIntegerField("差額のある職員数", default=0)
    total_diff = models.BigIntegerField("差額合計", default=0)
    created_by = models.ForeignKey(
        "accounts.User", verbose_name="作成者", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    computed_at = models.DateTimeField("計算日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "差額計算"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.first_month:%Y年%m月}〜{self.last_month:%Y年%m月} 差額 ({self.pay_month:%Y年%m月}支給)"


class RetroDifference(TenantModel):
    """One employee's difference on one item of one finalized month (支給すべき額 − 支給済額)."""

    calculation = models.ForeignKey(
        RetroCalculation, verbose_name="差額計算", on_delete=models.CASCADE, related_name="differences"
    )
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    source_month = models.DateField("差額の対象月")
    item_code = models.CharField("項目コード", max_length=60)
    item_label = models.CharField("項目", max_length=60)
    taxable = models.BooleanField("課税", default=True)
    amount_paid = models.IntegerField("支給済額")
    amount_due = models.IntegerField("支給すべき額")
    diff = models.IntegerField("差額")
    paid_in_run = models.ForeignKey(
        "payroll.PayrollRun", verbose_name="支給した給与計算", on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "差額"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["calculation", "employee"]),
            models.Index(fields=["employee", "source_month", "item_code"]),
            models.Index(fields=["paid_in_run"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.source_month:%Y-%m} {self.item_code} {self.diff}"


class PayCorrection(TenantModel):
    """追給・戻入: an amount entered by the 給与担当 for one employee, paid (+) or recovered (−)
    in the monthly run of ``pay_month``."""

    payer = models.ForeignKey("org.Payer", verbose_name="給与支払者", on_delete=models.PROTECT, related_name="+")
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    source_month = models.DateField("対象月", help_text="月の1日")
    pay_month = models.DateField("支給・戻入する月", help_text="月の1日")
    item_label = models.CharField("項目", max_length=40)
    amount = models.IntegerField("金額(円, 戻入は負)")
    taxable = models.BooleanField("課税", default=True)
    reason = models.CharField("理由", max_length=200)
    paid_in_run = models.ForeignKey(
        "payroll.PayrollRun", verbose_name="支給した給与計算", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_by = models.ForeignKey(
        "accounts.User", verbose_name="入力者", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("入力日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "追給・戻入"
        ordering: ClassVar[list[str]] = ["-pay_month", "-id"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["payer", "pay_month"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.source_month:%Y-%m} {self.item_label} {self.amount}"
