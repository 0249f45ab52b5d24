"""期末・勤勉手当: the 成績率 entered by 給与担当 for one employee in one bonus run.

It overrides the 成績率の区分 from the 人事評価 (``payroll.sources.performance_source``);
``ratio_percent`` empty uses the default 成績率 of the 区分 (see
:func:`jinji.rules.payslip.bonus.default_performance_ratio`).
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class BonusRatingChoice(models.TextChoices):
    OUTSTANDING = "outstanding", "特に優秀"
    EXCELLENT = "excellent", "優秀"
    GOOD = "good", "良好(標準)"
    POOR = "poor", "良好でない"


class BonusRating(TenantModel):
    """成績率の個別入力 (one per bonus run and employee)."""

    run = models.ForeignKey("payroll.PayrollRun", verbose_name="給与計算", on_delete=models.CASCADE, related_name="+")
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="+")
    rating = models.CharField("成績率の区分", max_length=12, choices=BonusRatingChoice.choices)
    ratio_percent = models.DecimalField("成績率(/100)", max_digits=6, decimal_places=2, null=True, blank=True)
    reason = models.CharField("理由", max_length=200)
    updated_by = models.ForeignKey(
        "accounts.User", verbose_name="入力者", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("入力日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "成績率の個別入力"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["run", "employee"], name="payroll_bonus_rating_unique")
        ]

    def __str__(self) -> str:
        return f"{self.run_id} {self.employee_id} {self.rating}"
