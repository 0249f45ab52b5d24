"""Tenant (団体) and the abstract bases that tenant-owned and effective-dated rows share."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django.db import models
from django.db.models import Q

from jinji.core.tenancy import TenantManager


class Organization(models.Model):
    """団体 (地方公共団体・一部事務組合 …): the tenant."""

    code = models.CharField("団体コード", max_length=6, unique=True, help_text="全国地方公共団体コード(6桁)")
    name = models.CharField("団体名", max_length=100)
    name_kana = models.CharField("団体名(カナ)", max_length=200, blank=True)
    is_active = models.BooleanField("有効", default=True)
    created_at = models.DateTimeField("作成日時", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "団体"
        ordering: ClassVar[list[str]] = ["code"]

    def __str__(self) -> str:
        return self.name


class TenantModel(models.Model):
    """A row owned by one organization; the default manager fails closed."""

    organization = models.ForeignKey(Organization, verbose_name="団体", on_delete=models.PROTECT, related_name="+")

    objects: ClassVar[TenantManager[Any]] = TenantManager()
    unscoped: ClassVar[models.Manager[Any]] = models.Manager()

    class Meta:
        abstract = True


class EffectiveDated(models.Model):
    """A fact valid from ``valid_from`` through ``valid_to`` (both inclusive; open end = null)."""

    valid_from = models.DateField("適用開始日")
    valid_to = models.DateField("適用終了日", null=True, blank=True)

    class Meta:
        abstract = True

    def is_valid_on(self, on: datetime.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


def as_of_q(on: datetime.date, prefix: str = "") -> Q:
    """Q object selecting rows valid on ``on`` (for joins: ``prefix='assignments__'``)."""
    return Q(**{f"{prefix}valid_from__lte": on}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )
