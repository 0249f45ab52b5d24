"""Tenancy: the organization (団体) in force for the current request or job.

Tenant-owned models use :class:`TenantManager` as their default manager. Its querysets
are filtered to the current organization; with no organization in context they raise
:class:`TenantNotSet` instead of returning every tenant's rows (fail closed).
Code that knows its organization explicitly calls ``Model.objects.for_organization(org)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

if TYPE_CHECKING:
    from jinji.core.models import Organization

_current: ContextVar[int | None] = ContextVar("jinji_current_organization", default=None)

M = TypeVar("M", bound=models.Model)


class TenantNotSet(RuntimeError):
    """A tenant-owned table was queried with no organization in context."""


class CrossTenantAccess(RuntimeError):
    """Code asked for another organization's rows than the one in context."""


def current_organization_id() -> int:
    org_id = _current.get()
    if org_id is None:
        raise TenantNotSet("団体(テナント)が設定されていません: tenant_context() の内側で実行してください")
    return org_id


def current_organization_id_or_none() -> int | None:
    return _current.get()


@contextmanager
def tenant_context(organization: Organization | int) -> Iterator[None]:
    """Run the block with ``organization`` as the current tenant."""
    org_id = organization if isinstance(organization, int) else organization.pk
    token = _current.set(org_id)
    try:
        yield
    finally:
        _current.reset(token)


class TenantQuerySet(models.QuerySet[M]):
    pass


class TenantManager(models.Manager[M]):
    """Default manager of tenant-owned models: scoped to the current organization."""

    _queryset_class = TenantQuerySet

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(organization_id=current_organization_id())

    def for_organization(self, organization: Organization | int) -> models.QuerySet[M]:
        """Rows of ``organization``; refuses if another organization is in context."""
        org_id = organization if isinstance(organization, int) else organization.pk
        in_context = _current.get()
        if in_context is not None and in_context != org_id:
            raise CrossTenantAccess("現在の団体と異なる団体のデータにはアクセスできません")
        return super().get_queryset().filter(organization_id=org_id)

    def create(self, **kwargs: Any) -> M:
        if "organization" not in kwargs and "organization_id" not in kwargs:
            kwargs["organization_id"] = current_organization_id()
        return super().create(**kwargs)
