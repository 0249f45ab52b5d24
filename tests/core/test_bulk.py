"""RowInserter writes what the ORM would (COPY on PostgreSQL, executemany on SQLite)."""

from __future__ import annotations

import datetime

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.bulk import RowInserter
from jinji.core.tenancy import CrossTenantAccess, tenant_context
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

AWKWARD = "タブ\tと改行\nと\\バックスラッシュ, \"引用\" 'と' \\N"
FIELDS = ("organization_id", "occurred_at", "action", "target_label", "before", "after", "ip_address")


def test_values_round_trip_through_the_bulk_insert() -> None:
    org = OrganizationFactory()
    at = datetime.datetime(2026, 6, 1, 8, 25, 30, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=9)))
    nested = {"金額": 12345, "明細": [["basic", "給料", 250000], None, True], "空": ""}
    rows = [
        (org.pk, at, "bench.one", AWKWARD, nested, None, "192.0.2.10"),
        (org.pk, at + datetime.timedelta(days=1), "bench.two", "", [], {"a": None}, None),
    ]
    assert RowInserter(AuditEvent, FIELDS).insert(rows) == 2
    one, two = AuditEvent.objects.filter(action__startswith="bench.").order_by("action")
    assert (one.organization_id, one.occurred_at, one.target_label) == (org.pk, at, AWKWARD)
    assert (one.before, one.after, one.ip_address) == (nested, None, "192.0.2.10")
    assert (two.target_label, two.before, two.after, two.ip_address) == ("", [], {"a": None}, None)
    assert one.kind == "change"  # a column left out gets the model default


def test_no_rows_is_no_statement() -> None:
    assert RowInserter(AuditEvent, FIELDS).insert([]) == 0


def test_a_row_of_another_organization_is_refused_in_a_tenant_context() -> None:
    mine, other = OrganizationFactory(), OrganizationFactory()
    with tenant_context(mine.pk), pytest.raises(CrossTenantAccess):
        RowInserter(AuditEvent, ("organization_id", "action")).insert([(other.pk, "bench.x")])
    assert not AuditEvent.objects.filter(action="bench.x").exists()


def test_a_violated_constraint_is_django_integrity_error() -> None:
    from django.db import IntegrityError, transaction

    from jinji.payroll.models import Payslip

    with pytest.raises(IntegrityError), transaction.atomic():
        RowInserter(Payslip, ("organization_id", "run_id", "employee_id")).insert([(None, None, None)])
