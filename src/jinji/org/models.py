"""Organization master: 任命権者, 給与支払者, 組織 (effective-dated tree), 職, 職種, 給料表."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import EffectiveDated, TenantModel


class AuthorityKind(models.TextChoices):
    MAYOR = "mayor", "市長部局"
    BOARD_OF_EDUCATION = "education", "教育委員会"
    PUBLIC_ENTERPRISE = "enterprise", "公営企業"
    FIRE = "fire", "消防"
    ASSEMBLY = "assembly", "議会"
    OTHER = "other", "その他"


class AppointingAuthority(TenantModel):
    """任命権者."""

    code = models.CharField("コード", max_length=20)
    name = models.CharField("名称", max_length=100)
    kind = models.CharField("種類", max_length=20, choices=AuthorityKind.choices)
    notice_signatory = models.CharField(
        "辞令の発令者名", max_length=100, blank=True, help_text="辞令に記載する職氏名(例: 〇〇市長 山田 一郎)"
    )

    class Meta:
        verbose_name = verbose_name_plural = "任命権者"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="authority_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Payer(TenantModel):
    """給与支払者: the unit of payroll runs, bank files and tax filings."""

    code = models.CharField("コード", max_length=20)
    name = models.CharField("名称", max_length=100)
    name_kana = models.CharField("名称(カナ)", max_length=100, blank=True)
    consignor_code = models.CharField("振込依頼人コード", max_length=10, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "給与支払者"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="payer_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class UnitLevel(models.TextChoices):
    DEPARTMENT = "department", "部"
    DIVISION = "division", "課"
    SECTION = "section", "係"
    OFFICE = "office", "出先機関"
    OTHER = "other", "その他"


class Reorganization(TenantModel):
    """組織改正: a set of unit changes prepared in advance for one effective date (e.g. 4/1).

    Its changes are ordinary effective-dated versions tagged with this record, so they take
    effect simply by their date; until then the whole set can be cancelled.
    """

    name = models.CharField("名称", max_length=100)
    effective_on = models.DateField("施行日")
    abolished = models.JSONField(
        "廃止した組織", default=list, blank=True, help_text="[組織ID, 廃止前の適用終了日] の一覧(取消用)"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="作成者", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    cancelled_at = models.DateTimeField("取消日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "組織改正"

    def __str__(self) -> str:
        return self.name


class OrgUnit(TenantModel, EffectiveDated):
    """組織 (所属) identity: exists from ``valid_from`` to ``valid_to``.

    Name, parent and level change over time and live in :class:`OrgUnitVersion`, so a unit
    keeps its identity (and everyone's history) through renames and moves in the tree.
    """

    code = models.CharField("所属コード", max_length=20)
    appointing_authority = models.ForeignKey(
        AppointingAuthority, verbose_name="任命権者", on_delete=models.PROTECT, related_name="units"
    )
    reorganization = models.ForeignKey(
        Reorganization,
        verbose_name="新設した組織改正",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="new_units",
    )

    class Meta:
        verbose_name = verbose_name_plural = "組織"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="orgunit_code_unique")
        ]

    def __str__(self) -> str:
        return self.code


class OrgUnitVersion(TenantModel, EffectiveDated):
    """How a unit looks during a period: name, level, place in the tree."""

    unit = models.ForeignKey(OrgUnit, verbose_name="組織", on_delete=models.CASCADE, related_name="versions")
    name = models.CharField("名称", max_length=100)
    name_kana = models.CharField("名称(カナ)", max_length=200, blank=True)
    short_name = models.CharField("略称", max_length=50, blank=True)
    level = models.CharField("階層", max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        OrgUnit,
        verbose_name="上位組織",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="child_versions",
    )
    sort_order = models.PositiveIntegerField("表示順", default=0)
    reorganization = models.ForeignKey(
        Reorganization,
        verbose_name="組織改正",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="versions",
    )

    class Meta:
        verbose_name = verbose_name_plural = "組織の版"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "valid_from", "valid_to"]),
            models.Index(fields=["unit", "valid_from"]),
        ]

    def __str__(self) -> str:
        return self.name


class Position(TenantModel, EffectiveDated):
    """職 (部長・課長・係長・主査・主事 …); ``rank`` orders the approval chain."""

    code = models.CharField("職コード", max_length=20)
    name = models.CharField("職名", max_length=50)
    rank = models.PositiveSmallIntegerField("職位の序列", help_text="大きいほど上位(主事=1 … 部長=6)")
    is_unit_head = models.BooleanField("所属長の職", default=False)
    is_manager = models.BooleanField("管理職", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "職"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code", "valid_from"], name="position_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class JobCategory(TenantModel):
    """職種 (一般行政職, 技術職, 保育士, 消防職 …)."""

    code = models.CharField("職種コード", max_length=20)
    name = models.CharField("職種名", max_length=50)

    class Meta:
        verbose_name = verbose_name_plural = "職種"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="jobcategory_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SalarySchedule(TenantModel, EffectiveDated):
    """給料表 (name and shape only; amounts are dated rules tables keyed by ``code``)."""

    code = models.CharField("給料表コード", max_length=30, help_text="例: gyosei_1")
    name = models.CharField("給料表名", max_length=50)
    max_grade = models.PositiveSmallIntegerField("最高級")

    class Meta:
        verbose_name = verbose_name_plural = "給料表"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code", "valid_from"], name="schedule_code_unique")
        ]

    def __str__(self) -> str:
        return self.name
