"""Personal data kept with history: dependants, addresses, bank accounts, commute, contacts, My Number."""

from __future__ import annotations

from django.db import models

from jinji.core.models import EffectiveDated, TenantModel


class Relationship(models.TextChoices):
    SPOUSE = "spouse", "配偶者"
    CHILD = "child", "子"
    PARENT = "parent", "父母"
    GRANDCHILD = "grandchild", "孫"
    GRANDPARENT = "grandparent", "祖父母"
    SIBLING = "sibling", "兄弟姉妹"
    OTHER = "other", "その他"


class Dependent(TenantModel, EffectiveDated):
    """扶養親族; ``valid_from``/``valid_to`` is the period of dependency."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="dependents"
    )
    name = models.CharField("氏名", max_length=100)
    name_kana = models.CharField("フリガナ", max_length=200)
    relationship = models.CharField("続柄", max_length=20, choices=Relationship.choices)
    birth_date = models.DateField("生年月日")
    for_allowance = models.BooleanField("扶養手当の対象", default=True)
    for_tax = models.BooleanField("税法上の扶養", default=True)
    for_insurance = models.BooleanField("共済の被扶養者", default=True)
    has_disability = models.BooleanField("障害者", default=False)
    lives_together = models.BooleanField("同居", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "扶養親族"

    def __str__(self) -> str:
        return self.name


class Address(TenantModel, EffectiveDated):
    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="addresses"
    )
    postal_code = models.CharField("郵便番号", max_length=8)
    address = models.CharField("住所", max_length=200)
    address_kana = models.CharField("住所(フリガナ)", max_length=300, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "住所"

    def __str__(self) -> str:
        return self.address


class AccountType(models.TextChoices):
    ORDINARY = "1", "普通"
    CURRENT = "2", "当座"
    SAVINGS = "4", "貯蓄"


class BankAccount(TenantModel, EffectiveDated):
    """給与振込口座. ``fixed_amount`` splits pay: that amount here, the rest to the main account."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="bank_accounts"
    )
    bank_code = models.CharField("金融機関コード", max_length=4)
    bank_name = models.CharField("金融機関名", max_length=60)
    branch_code = models.CharField("支店コード", max_length=3)
    branch_name = models.CharField("支店名", max_length=60)
    account_type = models.CharField("預金種目", max_length=1, choices=AccountType.choices)
    account_number = models.CharField("口座番号", max_length=7)
    holder_kana = models.CharField("口座名義(カナ)", max_length=60)
    is_main = models.BooleanField("主口座", default=True)
    fixed_amount = models.PositiveIntegerField("指定額(円)", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "振込口座"

    def __str__(self) -> str:
        return f"{self.bank_name} {self.branch_name}"


class CommuteMethod(models.TextChoices):
    TRANSPORT = "transport", "交通機関"
    VEHICLE = "vehicle", "自動車等"
    MIXED = "mixed", "併用"
    WALK = "walk", "徒歩"


class CommuteRoute(TenantModel, EffectiveDated):
    """通勤経路 as determined (認定) for the commuting allowance."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="commute_routes"
    )
    method = models.CharField("通勤方法", max_length=20, choices=CommuteMethod.choices)
    route = models.CharField("経路", max_length=300, blank=True)
    distance_hm = models.PositiveIntegerField("片道距離(100m単位)", help_text="12.3km = 123")
    monthly_fare = models.PositiveIntegerField("運賃等相当額(月額・円)", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "通勤経路"

    def __str__(self) -> str:
        return self.route


class EmergencyContact(TenantModel):
    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="emergency_contacts"
    )
    name = models.CharField("氏名", max_length=100)
    relationship = models.CharField("続柄", max_length=20)
    phone = models.CharField("電話番号", max_length=20)

    class Meta:
        verbose_name = verbose_name_plural = "緊急連絡先"

    def __str__(self) -> str:
        return self.name


class MyNumberRecord(TenantModel):
    """個人番号 vault: only ciphertext is stored; a keyed hash finds duplicates without decrypting."""

    employee = models.ForeignKey("personnel.Employee", verbose_name="職員", on_delete=models.PROTECT, related_name="+")
    dependent = models.ForeignKey(
        Dependent, verbose_name="扶養親族", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ciphertext = models.BinaryField("暗号文")
    fingerprint = models.CharField("照合用ハッシュ", max_length=64)
    created_at = models.DateTimeField("登録日時", auto_now_add=True)
    updated_at = models.DateTimeField("更新日時", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "個人番号"
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(
                fields=["employee"],
                condition=models.Q(dependent__isnull=True),
                name="mynumber_one_per_employee",
            ),
            models.UniqueConstraint(
                fields=["employee", "dependent"],
                condition=models.Q(dependent__isnull=False),
                name="mynumber_one_per_dependent",
            ),
        ]

    def __str__(self) -> str:
        return "個人番号(秘匿)"
