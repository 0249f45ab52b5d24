"""Users, roles and org-unit-scoped role grants."""

from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models

from jinji.core.models import EffectiveDated, Organization, TenantModel


class Role(models.TextChoices):
    STAFF = "staff", "職員"
    UNIT_HEAD = "unit_head", "所属長"
    CLERK = "clerk", "庶務担当"
    HR = "hr", "人事担当"
    PAYROLL = "payroll", "給与担当"
    MYNUMBER_OFFICER = "mynumber_officer", "番号事務取扱担当者"
    SYSADMIN = "sysadmin", "システム管理者"
    AUDITOR = "auditor", "監査"


PRIVILEGED_ROLES = frozenset({Role.HR, Role.PAYROLL, Role.MYNUMBER_OFFICER, Role.SYSADMIN, Role.AUDITOR})
"""Roles that must use TOTP when JINJI_REQUIRE_TOTP is on."""


class User(AbstractUser):
    """A login of one organization, usually linked to the employee it belongs to."""

    organization = models.ForeignKey(Organization, verbose_name="団体", on_delete=models.PROTECT, related_name="+")
    employee = models.OneToOneField(
        "personnel.Employee",
        verbose_name="職員",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
    )
    display_name = models.CharField("表示名", max_length=100, blank=True)
    failed_login_count = models.PositiveIntegerField("連続ログイン失敗回数", default=0)
    locked_until = models.DateTimeField("ロック解除日時", null=True, blank=True)
    password_changed_at = models.DateTimeField("パスワード変更日時", null=True, blank=True)

    objects: ClassVar[UserManager[User]] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = verbose_name_plural = "利用者"

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleGrant(TenantModel, EffectiveDated):
    """A role given to a user, for the whole organization or for an org unit (and its sub-units)."""

    user = models.ForeignKey(User, verbose_name="利用者", on_delete=models.CASCADE, related_name="grants")
    role = models.CharField("役割", max_length=30, choices=Role.choices)
    org_unit = models.ForeignKey(
        "org.OrgUnit",
        verbose_name="対象所属",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空欄は団体全体",
    )
    include_descendants = models.BooleanField("下位組織を含む", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "権限付与"
        indexes: ClassVar[list[models.Index]] = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} {self.get_role_display()}"


class ApiToken(TenantModel):
    """A token for the REST API; only its SHA-256 is stored."""

    user = models.ForeignKey(User, verbose_name="利用者", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名称", max_length=100)
    key_hash = models.CharField("トークンのハッシュ", max_length=64, unique=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)
    expires_at = models.DateTimeField("有効期限", null=True, blank=True)
    last_used_at = models.DateTimeField("最終利用日時", null=True, blank=True)
    revoked_at = models.DateTimeField("失効日時", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "APIトークン"

    def __str__(self) -> str:
        return self.name
