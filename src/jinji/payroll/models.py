"""給与: pay settings per 給与支払者, per-employee deduction items, insurance enrolment, 住民税,
payroll runs and payslips. Money is int yen; payslip lines are JSON lists of [code, label, amount]."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from jinji.core.models import EffectiveDated, TenantModel
from jinji.payroll.bonus_models import BonusRating  # noqa: F401  (期末・勤勉手当の成績率: registers the model)
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroDifference  # noqa: F401  (差額・追給・戻入)


class PayrollCalendar(TenantModel):
    """給与支払者ごとの支給日: the nominal day, moved to the previous business day when closed."""

    payer = models.OneToOneField("org.Payer", verbose_name="給与支払者", on_delete=models.CASCADE, related_name="+")
    pay_day = models.PositiveSmallIntegerField("支給日(日)", default=21)
    appointee_pay_day = models.PositiveSmallIntegerField("会計年度任用職員の支給日(日)", default=21)
    appointee_following_month = models.BooleanField(
        "会計年度任用職員は翌月払", default=True, help_text="当月の勤務実績を翌月の支給日に支払う"
    )
    variable_following_month = models.BooleanField(
        "時間外勤務手当等は翌月払",
        default=True,
        help_text="時間外勤務手当・特殊勤務手当・欠勤減額などを前月の勤務実績で計算する(その月の分を翌月の給料の支給日に支給)",
    )
    change_threshold_percent = models.PositiveSmallIntegerField("前月比の確認しきい値(%)", default=20)

    class Meta:
        verbose_name = verbose_name_plural = "給与カレンダー"

    def __str__(self) -> str:
        return f"{self.payer_id} 毎月{self.pay_day}日"


class RemittingAccount(TenantModel):
    """給与支払者の振込元口座 (全銀ファイルのヘッダー). Staff banking with ``bank_code`` go in its file;
    the rest go in the file of the payer's default account."""

    payer = models.ForeignKey("org.Payer", verbose_name="給与支払者", on_delete=models.CASCADE, related_name="+")
    bank_code = models.CharField("金融機関コード", max_length=4)
    bank_name = models.CharField("金融機関名(カナ)", max_length=15)
    branch_code = models.CharField("支店コード", max_length=3)
    branch_name = models.CharField("支店名(カナ)", max_length=15)
    account_type = models.CharField("預金種目", max_length=1, choices=[("1", "普通"), ("2", "当座")], default="1")
    account_number = models.CharField("口座番号", max_length=7)
    is_default = models.BooleanField("既定の振込元", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "振込元口座"

    def __str__(self) -> str:
        return f"{self.bank_name} {self.branch_name}"


class BudgetAccount(TenantModel):
    """予算科目 of a 所属's 人件費 (財務会計への仕訳)."""

    org_unit = models.ForeignKey("org.OrgUnit", verbose_name="所属", on_delete=models.CASCADE, related_name="+")
    code = models.CharField("予算科目コード", max_length=30)
    name = models.CharField("予算科目名", max_length=60)

    class Meta:
        verbose_name = verbose_name_plural = "人件費の予算科目"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "org_unit"], name="payroll_budget_account_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DeductionItem(TenantModel):
    """控除項目 (共済貸付, 互助会, 組合費, 財形, 団体保険 …)."""

    code = models.CharField("コード", max_length=30)
    name = models.CharField("名称", max_length=50)
    sort_order = models.PositiveSmallIntegerField("表示順", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "控除項目"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "code"], name="payroll_deduction_item_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class EmployeeDeduction(TenantModel, EffectiveDated):
    """職員ごとの控除額 (月額)."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(DeductionItem, verbose_name="控除項目", on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveIntegerField("月額(円)")

    class Meta:
        verbose_name = verbose_name_plural = "職員別控除"

    def __str__(self) -> str:
        return f"{self.employee_id} {self.item_id} {self.amount}"


class InsuranceScheme(models.TextChoices):
    MUTUAL_AID = "mutual_aid", "共済組合"
    EMPLOYEE_PLANS = "employee_plans", "協会けんぽ・厚生年金"
    NONE = "none", "加入なし"


class InsuranceEnrolment(TenantModel, EffectiveDated):
    """社会保険の加入: 区分, 組合, 標準報酬の等級 (定時決定・随時改定ごとに新しい期間)."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="+")
    scheme = models.CharField("区分", max_length=20, choices=InsuranceScheme.choices)
    union = models.CharField("共済組合(掛金率の表)", max_length=50, blank=True)
    short_term_grade = models.PositiveSmallIntegerField("短期(健康保険)の等級", default=0)
    long_term_grade = models.PositiveSmallIntegerField("長期(厚生年金)の等級", default=0)
    short_term_member = models.BooleanField("短期組合員", default=True)
    long_term_member = models.BooleanField("長期組合員", default=True)
    welfare_pension = models.BooleanField("厚生年金(日本年金機構)", default=False)
    prefecture = models.CharField("都道府県コード", max_length=2, blank=True)
    employment_insurance = models.BooleanField("雇用保険", default=False)
    contribution_waived = models.BooleanField("掛金免除(育児休業等)", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "社会保険加入"

    def __str__(self) -> str:
        return f"{self.employee_id} {self.scheme}"


class ResidentTax(TenantModel):
    """住民税 特別徴収税額 (年度ごと: 6月分と7月〜翌5月分)."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.PositiveSmallIntegerField("年度")
    municipality_code = models.CharField("市区町村コード", max_length=6)
    june_amount = models.PositiveIntegerField("6月分(円)")
    monthly_amount = models.PositiveIntegerField("7月〜翌5月分(円)")

    class Meta:
        verbose_name = verbose_name_plural = "住民税特別徴収税額"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["employee", "fiscal_year"], name="payroll_resident_tax_unique")
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.fiscal_year}"


TAX_COLUMNS = [("kou", "甲欄"), ("otsu", "乙欄")]


class AppointeeBasis(models.TextChoices):
    MONTHLY = "monthly", "月額"
    DAILY = "daily", "日額"
    HOURLY = "hourly", "時間額"


class EmployeePaySetting(TenantModel, EffectiveDated):
    """給与の個人設定: 管理職手当の種, 地域手当の級地, 税額表の欄, 会計年度任用職員の報酬."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="+")
    management_class = models.PositiveSmallIntegerField("管理職手当の種(0=なし)", default=0)
    regional_grade = models.PositiveSmallIntegerField("地域手当の級地(0=支給地域外)", default=0)
    starting_pay_kind = models.CharField("初任給調整手当の区分", max_length=30, blank=True)
    starting_pay_years = models.PositiveSmallIntegerField("初任給調整手当の年数", default=0)
    tax_column = models.CharField(
        "税額表の欄", max_length=4, choices=[("kou", "甲欄"), ("otsu", "乙欄")], default="kou"
    )
    appointee_basis = models.CharField("報酬の区分", max_length=10, choices=AppointeeBasis.choices, blank=True)
    appointee_rate = models.PositiveIntegerField("報酬額(月額・日額・時間額)", default=0)
    paper_payslip = models.BooleanField("紙の明細書が必要", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "給与の個人設定"

    def __str__(self) -> str:
        return f"{self.employee_id} {self.valid_from}"


class RunKind(models.TextChoices):
    MONTHLY = "monthly", "月例給与"
    BONUS = "bonus", "期末・勤勉手当"


class RunStatus(models.TextChoices):
    DRAFT = "draft", "作成済み"
    COMPUTING = "computing", "計算中"
    COMPUTED = "computed", "計算済み"
    SUBMITTED = "submitted", "決裁中"
    APPROVED = "approved", "承認済み"
    FINALIZED = "finalized", "確定"
    FAILED = "failed", "計算エラー"


class PayrollRun(TenantModel):
    """One run of a 給与支払者 for a month (月例 or 期末・勤勉)."""

    payer = models.ForeignKey("org.Payer", verbose_name="給与支払者", on_delete=models.PROTECT, related_name="+")
    month = models.DateField("支給月", help_text="月の1日")
    kind = models.CharField("種類", max_length=10, choices=RunKind.choices, default=RunKind.MONTHLY)
    paid_on = models.DateField("支給日")
    status = models.CharField("状態", max_length=12, choices=RunStatus.choices, default=RunStatus.DRAFT)
    employee_ids = models.JSONField("対象職員(空=全員)", default=list, blank=True)
    excluded_ids = models.JSONField("除外した職員", default=list, blank=True)
    anomalies = models.JSONField("確認事項", default=list, blank=True)
    error = models.TextField("エラー", blank=True)
    progress_done = models.PositiveIntegerField("進捗(件)", default=0)
    progress_total = models.PositiveIntegerField("対象(件)", default=0)
    headcount = models.PositiveIntegerField("人数", default=0)
    total_gross = models.BigIntegerField("支給額合計", default=0)
    total_deductions = models.BigIntegerField("控除額合計", default=0)
    total_net = models.BigIntegerField("差引支給額合計", default=0)
    workflow_instance_id = models.BigIntegerField("決裁(ワークフロー)", null=True, blank=True)
    computed_at = models.DateTimeField("計算日時", null=True, blank=True)
    finalized_at = models.DateTimeField("確定日時", null=True, blank=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "給与計算"
        ordering: ClassVar[list[str]] = ["-month", "payer_id", "kind"]
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["organization", "payer", "month", "kind"], name="payroll_run_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y年%m月} {self.get_kind_display()}"

    @property
    def is_locked(self) -> bool:
        return self.status == RunStatus.FINALIZED


class Payslip(TenantModel):
    """給与明細 of one employee in one run. ``earnings``/``deductions``: [[code, label, amount], …]."""

    run = models.ForeignKey(PayrollRun, verbose_name="給与計算", on_delete=models.CASCADE, related_name="payslips")
    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    org_unit_id = models.BigIntegerField("所属", null=True)
    gross = models.IntegerField("支給額")
    taxable = models.IntegerField("課税対象額")
    social_insurance = models.IntegerField("社会保険料")
    income_tax = models.IntegerField("所得税")
    total_deductions = models.IntegerField("控除額")
    net = models.IntegerField("差引支給額")
    overtime_pay = models.IntegerField("時間外・休日勤務手当", default=0)
    earnings = models.JSONField("支給項目", default=list)
    deductions = models.JSONField("控除項目", default=list)
    tables = models.JSONField("使用した表", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "給与明細"
        constraints: ClassVar[list[models.BaseConstraint]] = [
            models.UniqueConstraint(fields=["run", "employee"], name="payroll_payslip_unique")
        ]
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["employee", "run"])]

    def __str__(self) -> str:
        return f"{self.run_id} {self.employee_id}"


class PrintStatus(models.TextChoices):
    QUEUED = "queued", "待機中"
    RUNNING = "running", "作成中"
    DONE = "done", "完了"
    FAILED = "failed", "エラー"


class PayslipPrintJob(TenantModel):
    """給与明細書の一括印刷 (PDF) of a finalized run, made by a background task."""

    run = models.ForeignKey(PayrollRun, verbose_name="給与計算", on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        "accounts.User", verbose_name="依頼者", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    org_unit_id = models.BigIntegerField("所属で絞込み", null=True, blank=True)
    paper_only = models.BooleanField("紙の明細書が必要な職員だけ", default=False)
    status = models.CharField("状態", max_length=10, choices=PrintStatus.choices, default=PrintStatus.QUEUED)
    progress_done = models.PositiveIntegerField("進捗(件)", default=0)
    progress_total = models.PositiveIntegerField("対象(件)", default=0)
    file_path = models.CharField("ファイル", max_length=200, blank=True)
    error = models.TextField("エラー", blank=True)
    created_at = models.DateTimeField("依頼日時", auto_now_add=True)
    finished_at = models.DateTimeField("完了日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "給与明細書の一括印刷"
        ordering: ClassVar[list[str]] = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.run_id} {self.get_status_display()}"
