"""Tenancy: the organization (団体) in force for the current request or job.

Tenant-owned models use :class:`TenantManager` as their default manager. Its querysets
are filtered to the current organization; with no organization in context they raise
:class:`TenantNotSet` instead of returning every tenant's rows (fail closed).
Code that knows its organization explicitly calls ``Model.objects.for_organization(org)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


def checked_organization_id(organization: Organization | int) -> int:
    """``organization``'s id; refuses another organization than the one in context (for code that
    reads a tenant's rows in plain SQL, as ``for_organization`` does for querysets)."""
    org_id = organization if isinstance(organization, int) else organization.pk
    in_context = _current.get()
    if in_context is not None and in_context != org_id:
        raise CrossTenantAccess("現在の団体と異なる団体のデータにはアクセスできません")
    return org_id


@contextmanager
def tenant_context(organization: Organization | int) -> Iterator[None]:
    """Run the block with ``organization`` as the current tenant."""
    org_id = organization if isinstance(organization, int) else organization.pk
    token = _current.set(org_id)
    try:
        yield
    finally:
        _current.reset(token)


class TenantManager(models.Manager[M]):
    """Default manager of tenant-owned models: scoped to the current organization."""

    def get_queryset(self) -> models.QuerySet[M]:
        return super().get_queryset().filter(organization_id=current_organization_id())

    def for_organization(self, organization: Organization | int) -> models.QuerySet[M]:
        """Rows of ``organization``; refuses if another organization is in context."""
        return super().get_queryset().filter(organization_id=checked_organization_id(organization))

    def _unfiltered(self) -> models.QuerySet[M]:
        return super().get_queryset()

    def _check_target(self, org_id: int | None) -> int:
        in_context = _current.get()
        if org_id is None:
            return current_organization_id()
        if in_context is not None and in_context != org_id:
            raise CrossTenantAccess("現在の団体と異なる団体のデータは作成できません")
        return org_id

    def create(self, **kwargs: Any) -> M:
        """Create a row in the organization given, or the one in context (never another)."""
        org = kwargs.pop("organization", None)
        org_id = kwargs.pop("organization_id", None) or (org.pk if org is not None else None)
        kwargs["organization_id"] = self._check_target(org_id)
        return self._unfiltered().create(**kwargs)

    def bulk_create(self, objs: Iterable[M], *args: Any, **kwargs: Any) -> list[M]:
        """Bulk insert; every row must belong to the organization in context (if any)."""
        objs = list(objs)
        for obj in objs:
            obj.organization_id = self._check_target(getattr(obj, "organization_id", None))  # type: ignore[attr-defined]
        return self._unfiltered().bulk_create(objs, *args, **kwargs)
