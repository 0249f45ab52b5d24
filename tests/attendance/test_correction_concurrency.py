"""Corrections after the close go through the workflow; concurrent leave approvals (PostgreSQL)."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from jinji.attendance.models import ClockEvent, ClockSource, EntryKind, LeaveAccount, LeaveEntry, LeaveKind, MonthClose
from jinji.attendance.selectors.leave import leave_balances
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.workflow.models import InstanceStatus, WorkflowInstance
from jinji.workflow.services import instance_approve, instance_create
from tests.attendance.conftest import World, build_world, jst


@pytest.mark.django_db
def test_after_close_a_correction_application_records_the_punch(world: World) -> None:
    attendance_definitions_seed(acting_user=world.hr)
    MonthClose.objects.create(
        org_unit=world.kakari, year=2026, month=6, closed_at=timezone.now(), closed_by=world.clerk
    )
    payload = {"date": "2026-06-10", "kind": "in", "time": "08:30", "location_kind": "home", "reason": "打刻忘れ"}
    with pytest.raises(DomainError, match="理由"):
        instance_create(acting_user=world.staff, application_type="attendance_correction", subject="修正",
                        payload={**payload, "reason": ""})  # fmt: skip
    instance = instance_create(acting_user=world.staff, application_type="attendance_correction", subject="修正",
                               payload=payload)  # fmt: skip
    assert not ClockEvent.objects.exists()
    done = instance_approve(instance=instance, acting_user=world.head)
    assert done.status == InstanceStatus.APPROVED
    event = ClockEvent.objects.get()
    assert event.source == ClockSource.CORRECTION
    assert event.occurred_at == jst(2026, 6, 10, 8, 30)
    assert AuditEvent.objects.filter(action="attendance.corrected").count() == 1


def _approve_in_thread(instance_id: int, user_id: int, org_id: int, errors: list[str]) -> None:
    from jinji.accounts.models import User

    try:
        with tenant_context(org_id):
            user = User.objects.get(pk=user_id)
            instance = WorkflowInstance.objects.get(pk=instance_id)
            result = instance_approve(instance=instance, acting_user=user)
            if result.status != InstanceStatus.APPROVED:
                errors.append(result.effect_error or result.status)
    except DomainError as exc:
        errors.append(str(exc))
    finally:
        connection.close()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_leave_approvals_never_overdraw_the_balance() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("行ロックの同時実行は PostgreSQL でのみ検証します")
    world = build_world()
    with tenant_context(world.org):
        attendance_definitions_seed(acting_user=world.hr)
        eid = world.staff.employee_id
        assert eid is not None
        account = LeaveAccount.objects.create(employee_id=eid, kind=LeaveKind.ANNUAL, daily_minutes=465)
        LeaveEntry.objects.create(
            account=account, employee_id=eid, entry_kind=EntryKind.GRANT, on=datetime.date(2026, 1, 1), days=1,
            expires_on=datetime.date(2027, 12, 31),
        )  # fmt: skip
        ids = []
        for n in range(
            4
        ):  # four 4-hour requests on different days: only one fits into 7h45m... twice? no: 240+240 > 465
            day = datetime.date(2026, 6, 1) + datetime.timedelta(days=n)
            payload = {"kind": "annual", "unit": "hour", "date": day.isoformat(), "start": "09:00", "hours": "4"}
            ids.append(instance_create(acting_user=world.staff, application_type="leave_request", subject="休暇",
                                       payload=payload, attributes={"days": 0}).pk)  # fmt: skip
    errors: list[str] = []
    threads = [threading.Thread(target=_approve_in_thread, args=(i, world.head.pk, world.org.pk, errors)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with tenant_context(world.org):
        uses = LeaveEntry.objects.filter(entry_kind=EntryKind.USE).count()
        balance = leave_balances(organization_id=world.org.pk, employee_ids=[eid], on=datetime.date(2026, 12, 31))
    assert uses == 1
    assert balance[eid].balance.total_minutes == 465 - 240
    assert len(errors) == 3
