"""職員 (the person; everything that changes over time hangs off it)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import TenantModel


class Employee(TenantModel):
    staff_number = models.CharField("職員番号", max_length=20)
    family_name = models.CharField("氏", max_length=50)
    given_name = models.CharField("名", max_length=50)
    family_name_kana = models.CharField("氏(フリガナ)", max_length=100)
    given_name_kana = models.CharField("名(フリガナ)", max_length=100)
    former_family_name = models.CharField("旧姓", max_length=50, blank=True)
    former_family_name_kana = models.CharField("旧姓(フリガナ)", max_length=100, blank=True)
    uses_former_name = models.BooleanField("旧姓を使用", default=False)
    birth_date = models.DateField("生年月日")
    gender = models.CharField(
        "性別", max_length=1, choices=[("M", "男"), ("F", "女"), ("X", "その他・回答しない")], blank=True
    )
    hired_on = models.DateField("入庁日")
    separated_on = models.DateField("退職日", null=True, blank=True)
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    search_text = models.CharField(
        "検索用文字列",
        max_length=400,
        editable=False,
        default="",
        help_text="氏名・フリガナ・旧姓・職員番号を正規化して連結したもの(検索用)",
    )
    version = models.PositiveIntegerField("版", default=1, help_text="同時更新の検出に使う")
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "職員"
        ordering: ClassVar[list[str]] = ["staff_number"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "staff_number"], name="employee_staff_number_unique")
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "family_name_kana", "given_name_kana"]),
            models.Index(fields=["organization", "search_text"]),
        ]

    def __str__(self) -> str:
        return f"{self.staff_number} {self.full_name}"

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}"

    @property
    def full_name_kana(self) -> str:
        return f"{self.family_name_kana} {self.given_name_kana}"

    @property
    def working_name(self) -> str:
        """The name used at work: 旧姓 when the employee chose to use it."""
        if self.uses_former_name and self.former_family_name:
            return f"{self.former_family_name} {self.given_name}"
        return self.full_name
