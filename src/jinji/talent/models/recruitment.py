"""採用と再任用: recruitment categories with eligibility rules as data, applicants, and term tracking."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from jinji.core.models import TenantModel


class RecruitmentCategory(TenantModel):
    """採用区分 (デジタル職, 任期付ICT専門職, 会計年度任用 事務補助 …)."""

    code = models.CharField("区分コード", max_length=30)
    name = models.CharField("区分名", max_length=100)
    description = models.TextField("説明", blank=True)
    appointment_type = models.CharField("採用時の任用区分", max_length=30)
    is_active = models.BooleanField("募集中", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "採用区分"
        ordering: ClassVar[list[str]] = ["code"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="recruitmentcategory_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class RuleKind(models.TextChoices):
    QUALIFICATION_ANY = "qualification_any", "指定資格のうち一定数以上を保有"
    MIN_IPA_LEVEL = "min_ipa_level", "IPAレベル以上の資格を保有"
    MAX_AGE = "max_age", "基準日の年齢が上限以下"
    MIN_EXPERIENCE = "min_experience", "職務経験年数が一定以上"


class EligibilityRule(TenantModel):
    """応募資格の1条件. Parameters are typed columns (no formulas, nothing evaluated)."""

    category = models.ForeignKey(
        RecruitmentCategory, verbose_name="採用区分", on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField("条件の種類", max_length=30, choices=RuleKind.choices)
    min_count = models.PositiveSmallIntegerField("必要な資格の数", default=1)
    qualifications = models.ManyToManyField(
        "talent.Qualification", verbose_name="指定資格", blank=True, related_name="+"
    )
    ipa_level = models.PositiveSmallIntegerField("IPAレベル", null=True, blank=True)
    age_limit = models.PositiveSmallIntegerField("年齢上限", null=True, blank=True)
    age_reference_date = models.DateField("年齢の基準日", null=True, blank=True)
    years = models.PositiveSmallIntegerField("職務経験年数", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "応募資格"

    def __str__(self) -> str:
        return self.get_kind_display()


class ApplicantStatus(models.TextChoices):
    APPLIED = "applied", "応募受付"
    SCREENING = "screening", "書類選考中"
    INTERVIEW = "interview", "面接"
    OFFERED = "offered", "内定"
    HIRED = "hired", "採用済"
    REJECTED = "rejected", "不合格"
    WITHDRAWN = "withdrawn", "辞退"


class Applicant(TenantModel):
    """応募者."""

    category = models.ForeignKey(
        RecruitmentCategory, verbose_name="採用区分", on_delete=models.PROTECT, related_name="applicants"
    )
    family_name = models.CharField("氏", max_length=50)
    given_name = models.CharField("名", max_length=50)
    family_name_kana = models.CharField("氏(フリガナ)", max_length=100)
    given_name_kana = models.CharField("名(フリガナ)", max_length=100)
    birth_date = models.DateField("生年月日")
    email = models.EmailField("メールアドレス", blank=True)
    phone = models.CharField("電話番号", max_length=20, blank=True)
    experience_years = models.PositiveSmallIntegerField("職務経験年数", default=0)
    qualifications = models.ManyToManyField(
        "talent.Qualification", verbose_name="保有資格(申告)", blank=True, related_name="+"
    )
    status = models.CharField(
        "選考状況", max_length=20, choices=ApplicantStatus.choices, default=ApplicantStatus.APPLIED
    )
    note = models.CharField("備考", max_length=300, blank=True)
    hired_employee = models.ForeignKey(
        "personnel.Employee",
        verbose_name="採用後の職員",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "応募者"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "category", "status"])]

    def __str__(self) -> str:
        return f"{self.family_name} {self.given_name}"


class TermKind(models.TextChoices):
    FIXED_TERM = "fixed_term", "任期付職員"
    RETIREE_REHIRE = "retiree_rehire", "退職者の再任用・再雇用"
    FISCAL_YEAR = "fiscal_year", "会計年度任用職員"


class TermStatus(models.TextChoices):
    ACTIVE = "active", "任期中"
    REAPPOINTED = "reappointed", "再度の任用済"
    ENDED = "ended", "任期満了・終了"


class TermAppointment(TenantModel):
    """任期: one term of a fixed-term, rehired or 会計年度任用 employee; a 再度の任用 starts the next."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_terms"
    )
    kind = models.CharField("種類", max_length=20, choices=TermKind.choices)
    term_start = models.DateField("任期の始期")
    term_end = models.DateField("任期の終期")
    sequence = models.PositiveSmallIntegerField("任用の回数", default=1, help_text="1 = 最初の任用")
    previous = models.ForeignKey(
        "self", verbose_name="前の任期", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField("状態", max_length=20, choices=TermStatus.choices, default=TermStatus.ACTIVE)
    note = models.CharField("備考", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="登録者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "任期"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.CheckConstraint(condition=Q(term_end__gte=F("term_start")), name="term_dates_ordered")
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["organization", "status", "term_end"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.term_start}〜{self.term_end}"
