"""自己申告 / 異動希望: once per fiscal year, what the employee wishes for their next placement."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class TransferWish(models.TextChoices):
    STAY = "stay", "現所属での継続を希望"
    TRANSFER = "transfer", "異動を希望"
    EITHER = "either", "どちらでもよい"


class CareerIntention(models.TextChoices):
    SPECIALIST = "specialist", "専門性を深めたい(スペシャリスト)"
    GENERALIST = "generalist", "幅広い分野を経験したい(ジェネラリスト)"
    MANAGEMENT = "management", "管理職を目指したい"
    UNDECIDED = "undecided", "未定"


class CareerWish(TenantModel):
    """自己申告書 of one employee for one 年度 (4月〜翌3月)."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_wishes"
    )
    fiscal_year = models.PositiveSmallIntegerField("年度")
    transfer_wish = models.CharField("異動の希望", max_length=20, choices=TransferWish.choices)
    wished_units = models.ManyToManyField("org.OrgUnit", verbose_name="希望する所属", blank=True, related_name="+")
    wished_work = models.CharField("希望する業務", max_length=500, blank=True)
    career_intention = models.CharField("キャリアの志向", max_length=20, choices=CareerIntention.choices)
    dx_interest = models.BooleanField("DX関連業務への関心", default=False)
    free_text = models.TextField("自由記述(家庭の事情・健康・その他伝えたいこと)", max_length=2000, blank=True)
    submitted_at = models.DateTimeField("提出日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "自己申告(異動希望)"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["employee", "fiscal_year"], name="careerwish_one_per_year")
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "fiscal_year", "transfer_wish"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.fiscal_year}年度"
