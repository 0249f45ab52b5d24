"""Tenant-owned tables fail closed: no organization in context means an error, never all rows."""

from __future__ import annotations

import pytest

from jinji.core.tenancy import CrossTenantAccess, TenantNotSet, tenant_context
from jinji.personnel.models import Employee
from tests.factories import EmployeeFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_query_without_tenant_context_raises() -> None:
    EmployeeFactory()
    with pytest.raises(TenantNotSet):
        list(Employee.objects.all())


def test_context_sees_only_its_own_organization() -> None:
    mine, other = OrganizationFactory(), OrganizationFactory()
    own = EmployeeFactory(organization=mine)
    EmployeeFactory(organization=other)
    with tenant_context(mine):
        assert list(Employee.objects.all()) == [own]
        assert Employee.objects.filter(pk__gt=0).count() == 1


def test_explicit_other_organization_refused_inside_context() -> None:
    mine, other = OrganizationFactory(), OrganizationFactory()
    with tenant_context(mine), pytest.raises(CrossTenantAccess):
        Employee.objects.for_organization(other)


def test_create_takes_organization_from_context() -> None:
    org = OrganizationFactory()
    with tenant_context(org):
        from jinji.accounts.models import User

        user = User.objects.create(username="x", organization=org)
        batch_org = user.organization_id
    assert batch_org == org.pk
