"""Catalogues shared by every organization (national rows) plus each organization's own rows.

The IPA exams, the DX skill areas and the standard role tags are the same everywhere, so they
are seeded once with ``organization`` empty; a municipality adds its own licences, areas or
roles with its organization set. The default manager returns the national rows plus the rows
of the organization in context, and fails closed (TenantNotSet) with no organization in context.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from django.db import models
from django.db.models import Q

from jinji.core.models import Organization
from jinji.core.tenancy import CrossTenantAccess, current_organization_id, current_organization_id_or_none

M = TypeVar("M", bound=models.Model)


def visible_to_q(organization_id: int) -> Q:
    """National rows and the rows of ``organization_id``."""
    return Q(organization__isnull=True) | Q(organization_id=organization_id)


class CatalogueManager(models.Manager[M]):
    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(visible_to_q(current_organization_id()))

    def for_organization(self, organization: Organization | int) -> models.QuerySet[M]:
        """National rows plus those of ``organization``; refuses another organization than the one in context."""
        org_id = organization if isinstance(organization, int) else organization.pk
        in_context = current_organization_id_or_none()
        if in_context is not None and in_context != org_id:
            raise CrossTenantAccess("現在の団体と異なる団体のデータにはアクセスできません")
        return super().get_queryset().filter(visible_to_q(org_id))


class CatalogueModel(models.Model):
    """A catalogue row: national when ``organization`` is empty, otherwise one organization's own."""

    organization = models.ForeignKey(
        Organization,
        verbose_name="団体",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="空欄は全国共通",
    )
    code = models.CharField("コード", max_length=40)
    name = models.CharField("名称", max_length=100)
    description = models.TextField("説明", blank=True)
    sort_order = models.PositiveIntegerField("表示順", default=0)
    is_active = models.BooleanField("有効", default=True)

    objects: ClassVar[CatalogueManager[Any]] = CatalogueManager()
    unscoped: ClassVar[models.Manager[Any]] = models.Manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.organization_id is None


def catalogue_constraints(prefix: str) -> list[models.BaseConstraint]:
    """Codes are unique among national rows and within each organization."""
    return [
        models.UniqueConstraint(
            fields=["code"], condition=Q(organization__isnull=True), name=f"{prefix}_national_code_unique"
        ),
        models.UniqueConstraint(fields=["organization", "code"], name=f"{prefix}_org_code_unique"),
    ]
