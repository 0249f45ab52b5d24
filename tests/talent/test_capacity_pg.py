"""Session capacity under concurrent enrolment on PostgreSQL (real row locks): never overfilled.

Six sessions (threads, each with its own connection) try to take the last two seats at the same
moment; the session row lock serialises them, so exactly two succeed and four are refused.
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.personnel.models import Employee
from jinji.talent.models import Enrolment
from jinji.talent.services import course_create, enrolment_create, session_create
from tests.factories import AssignmentFactory, EmployeeFactory
from tests.talent.world import TODAY, build_town

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
TIMEOUT = 20.0


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の行ロックを使う試験のため SQLite では省略")


def test_concurrent_enrolments_never_exceed_capacity() -> None:
    town = build_town()
    with tenant_context(town.org):
        course = course_create(
            acting_user=town.user("hr"), organization=town.org, code="C", name="研修", kind="workshop"
        )
        start = TODAY + datetime.timedelta(days=10)
        session = session_create(
            acting_user=town.user("hr"), course=course, name="第1回", starts_on=start, ends_on=start, capacity=2
        )
        people: list[Employee] = []
        for _ in range(6):
            e = EmployeeFactory(organization=town.org)
            AssignmentFactory(employee=e, org_unit=town.somuka)
            people.append(e)
    barrier = threading.Barrier(len(people))
    outcomes: list[str] = []
    lock = threading.Lock()

    def enrol(employee: Employee) -> None:
        try:
            with tenant_context(town.org):
                barrier.wait(TIMEOUT)
                try:
                    enrolment_create(acting_user=town.user("hr"), session=session, employee=employee, on=TODAY)
                    result = "ok"
                except DomainError as exc:
                    result = exc.problems[0].message
            with lock:
                outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=enrol, args=(e,)) for e in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join(TIMEOUT)
    assert sorted(outcomes) == ["ok", "ok", *["定員(2人)に達しているため申し込めません"] * 4]
    with tenant_context(town.org):
        assert Enrolment.objects.filter(session=session).count() == 2
