"""資格・免許: the master (IPA exams and any other licence) and each employee's records."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q

from jinji.core.models import TenantModel
from jinji.talent.models.catalogue import CatalogueModel, catalogue_constraints


class QualificationCategory(models.TextChoices):
    IPA = "ipa", "情報処理技術者試験等(IPA)"
    NATIONAL = "national", "国家資格・免許"
    PUBLIC = "public", "公的資格"
    PRIVATE = "private", "民間資格・ベンダー資格"


class Qualification(CatalogueModel):
    """資格マスタ. ``renewal_years`` set = the qualification lapses unless renewed (登録セキスペ: 3年)."""

    issuer = models.CharField("実施・登録機関", max_length=100, blank=True)
    category = models.CharField("区分", max_length=20, choices=QualificationCategory.choices)
    ipa_level = models.PositiveSmallIntegerField(
        "IPAレベル", null=True, blank=True, help_text="共通キャリア・スキルフレームワークのレベル(1〜4)"
    )
    renewal_years = models.PositiveSmallIntegerField(
        "更新周期(年)", null=True, blank=True, help_text="空欄は更新不要(合格・取得で生涯有効)"
    )
    renewal_note = models.CharField("更新の要件", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "資格マスタ"
        ordering: ClassVar[list[str]] = ["sort_order", "code"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            *catalogue_constraints("qualification"),
            models.CheckConstraint(
                condition=Q(ipa_level__isnull=True) | Q(ipa_level__gte=1, ipa_level__lte=4),
                name="qualification_ipa_level_1_4",
            ),
        ]


class QualificationStatus(models.TextChoices):
    PENDING = "pending", "確認待ち"
    VERIFIED = "verified", "確認済"
    REJECTED = "rejected", "差戻し"


class EmployeeQualification(TenantModel):
    """職員の資格: what was obtained when, valid until when, with its evidence and HR's check.

    One live record per employee and qualification (a rejected one may be registered again).
    """

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_qualifications"
    )
    qualification = models.ForeignKey(
        Qualification, verbose_name="資格", on_delete=models.PROTECT, related_name="holders"
    )
    acquired_on = models.DateField("取得日", help_text="合格日・登録日")
    certificate_number = models.CharField("登録番号・証書番号", max_length=50, blank=True)
    expires_on = models.DateField("有効期限", null=True, blank=True)
    renewed_on = models.DateField("最終更新日", null=True, blank=True)
    status = models.CharField(
        "状態", max_length=20, choices=QualificationStatus.choices, default=QualificationStatus.PENDING
    )
    evidence_file = models.CharField("証明書類の保存名", max_length=200, blank=True, editable=False)
    evidence_name = models.CharField("証明書類のファイル名", max_length=200, blank=True)
    evidence_type = models.CharField("証明書類の形式", max_length=40, blank=True)
    evidence_size = models.PositiveIntegerField("証明書類のサイズ(バイト)", default=0)
    evidence_sha256 = models.CharField("証明書類のSHA-256", max_length=64, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField("登録日時", auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="確認者",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("確認日時", null=True, blank=True)
    review_note = models.CharField("確認時のコメント", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "職員の資格"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(
                fields=["employee", "qualification"],
                condition=~Q(status="rejected"),
                name="employee_qualification_live_unique",
            )
        ]
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "status", "submitted_at"]),
            models.Index(fields=["organization", "qualification", "status"]),
            models.Index(fields=["organization", "expires_on"]),
            models.Index(fields=["employee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.qualification_id}"

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence_file)
