"""jinji.core.fastsql writes and reads rows exactly as the ORM does, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from jinji.audit.models import AuditEvent, AuditKind
from jinji.core import fastsql
from jinji.core.tenancy import CrossTenantAccess, checked_organization_id, tenant_context
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=False)


def _select(pk: int) -> list[AuditEvent]:
    sql = f"SELECT {fastsql.select_list(AuditEvent, 'a')} FROM audit_auditevent a WHERE a.id = %s"
    return fastsql.instances(AuditEvent, sql, [pk])


def test_insert_then_read_back_equals_the_orm() -> None:
    org = OrganizationFactory()
    before = datetime.datetime.now(datetime.UTC)
    with transaction.atomic():
        made = fastsql.insert(
            AuditEvent(
                organization_id=org.pk,
                actor_label="職員 太郎",
                kind=AuditKind.CHANGE,
                action="test.saved",
                target_type="x.y",
                target_id="42",
                target_label="打刻 2026-06-01 08:30",
                before=None,
                after={"kind": "in", "n": 3, "ok": True, "list": [1, "二"]},
                ip_address="192.0.2.10",
            )
        )
    assert made.pk is not None
    assert not made._state.adding
    assert before <= made.occurred_at  # auto_now_add applied by the field's pre_save
    via_orm = AuditEvent.objects.get(pk=made.pk)
    (via_fast,) = _select(made.pk)
    for field in AuditEvent._meta.concrete_fields:
        name = field.attname
        assert getattr(via_fast, name) == getattr(via_orm, name) == getattr(made, name), name
    assert via_fast.after == {"kind": "in", "n": 3, "ok": True, "list": [1, "二"]}
    assert via_fast.occurred_at.tzinfo is not None


def test_no_row_reads_as_an_empty_list() -> None:
    assert _select(987_654_321) == []


def test_a_constraint_violation_raises_djangos_integrity_error_and_rolls_back() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        fastsql.execute("INSERT INTO audit_auditevent (occurred_at, actor_label, kind, action, target_type,"
                        " target_id, target_label) VALUES (%s, '', 'change', %s, '', '', '')",
                        [datetime.datetime.now(datetime.UTC), None])  # fmt: skip  # action is NOT NULL
    assert not AuditEvent.objects.exists()


def test_statements_are_counted_when_queries_are_logged() -> None:
    with CaptureQueriesContext(connection) as captured:
        _select(1)
        fastsql.execute("UPDATE accounts_apitoken SET name = name WHERE id = %s", [0])
    assert len(captured.captured_queries) == 2
    assert "FROM audit_auditevent" in captured.captured_queries[0]["sql"]


def test_plain_sql_reads_refuse_another_tenant() -> None:
    mine, other = OrganizationFactory(), OrganizationFactory()
    assert checked_organization_id(other) == other.pk  # no tenant in context: any explicit one
    with tenant_context(mine):
        assert checked_organization_id(mine.pk) == mine.pk
        with pytest.raises(CrossTenantAccess):
            checked_organization_id(other.pk)
