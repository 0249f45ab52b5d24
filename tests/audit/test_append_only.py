"""The audit table is append-only: the ORM refuses updates and deletes, and PostgreSQL refuses them by trigger."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from jinji.audit.models import AuditEvent
from jinji.audit.services import audit_record
from tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db


def test_saving_an_existing_event_is_refused() -> None:
    event = AuditEventFactory()
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    event.refresh_from_db()
    assert event.action == "test.changed"


def test_deleting_an_event_is_refused() -> None:
    event = AuditEventFactory()
    with pytest.raises(PermissionError):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_queryset_update_and_delete_are_refused() -> None:
    AuditEventFactory.create_batch(2)
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 2
    assert not AuditEvent.objects.filter(action="tampered").exists()


@pytest.mark.django_db(transaction=True)  # no test-wide transaction around this one
def test_change_events_must_be_written_inside_the_changes_transaction() -> None:
    with pytest.raises(RuntimeError):
        audit_record(actor=None, action="x.changed")
    with transaction.atomic():
        audit_record(actor=None, action="x.changed")
    assert AuditEvent.objects.filter(action="x.changed").count() == 1


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET action = 'tampered'", "DELETE FROM audit_auditevent"]
)
def test_postgres_trigger_refuses_raw_sql(statement: str) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL のトリガーの確認: SQLite では省略")
    event = AuditEventFactory()
    with pytest.raises(DatabaseError, match="監査ログは追記のみ"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    event.refresh_from_db()
    assert event.action == "test.changed"
