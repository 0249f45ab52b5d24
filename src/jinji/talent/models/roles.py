"""役割 (role tags): DX推進員, スマート改革スペシャリスト, CDO …, designated for a term."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jinji.core.models import EffectiveDated, TenantModel
from jinji.talent.models.catalogue import CatalogueModel, catalogue_constraints

DX_PROMOTER = "dx_promoter"
SMART_REFORM_SPECIALIST = "smart_reform_specialist"
CDO = "cdo"


class RoleTag(CatalogueModel):
    """役割. ``one_per_unit``: every 所属 should have one (DX推進員), reported when missing."""

    one_per_unit = models.BooleanField("各所属に配置", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "役割"
        ordering: ClassVar[list[str]] = ["sort_order", "code"]
        constraints: ClassVar[list[models.BaseConstraint]] = catalogue_constraints("roletag")


class RoleTagAssignment(TenantModel, EffectiveDated):
    """役割の指定: who holds a role, for which unit, from when to when (任期)."""

    employee = models.ForeignKey(
        "personnel.Employee", verbose_name="職員", on_delete=models.CASCADE, related_name="talent_role_tags"
    )
    tag = models.ForeignKey(RoleTag, verbose_name="役割", on_delete=models.PROTECT, related_name="assignments")
    org_unit = models.ForeignKey(
        "org.OrgUnit", verbose_name="担当所属", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    note = models.CharField("備考", max_length=200, blank=True)
    designated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="指定者", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField("登録日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "役割の指定"
        indexes: ClassVar[list[models.Index]] = [
            models.Index(fields=["organization", "tag", "valid_from"]),
            models.Index(fields=["employee", "tag"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.tag_id} {self.valid_from}〜{self.valid_to or ''}"
