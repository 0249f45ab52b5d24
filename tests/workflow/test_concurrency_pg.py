"""Two sessions at once on PostgreSQL (real row locks): exactly one approval wins; one double submit.

Each thread has its own database connection. The first approver is held inside the effect (so
inside its transaction, holding the instance lock) until the second session is seen waiting on
that lock in ``pg_stat_activity``; only then is the first released.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection, connections

from jinji.accounts.models import Role, User
from jinji.core.errors import ConcurrentUpdate, DomainError
from jinji.core.tenancy import tenant_context
from jinji.workflow.models import InstanceStatus, WorkflowInstance
from jinji.workflow.registry import ApplicationDraft, register_application_type, unregister_application_type
from jinji.workflow.services import definition_publish, instance_approve, instance_create
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec
from tests.factories import RoleGrantFactory
from tests.workflow.conftest import World, build_world, staff

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

BLOCKING = "test_blocking"
TIMEOUT = 20.0


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL の行ロックを使う試験のため SQLite では省略")


class Gate:
    """The effect of the test type: records applications; can hold the first caller inside."""

    def __init__(self) -> None:
        self.applied: list[int] = []
        self.inside = threading.Event()
        self.release = threading.Event()
        self.barrier: threading.Barrier | None = None

    def effect(self, instance: WorkflowInstance, acting_user: User) -> None:
        self.inside.set()
        assert self.release.wait(TIMEOUT), "the test never released the first approver"
        self.applied.append(instance.pk)

    def validate(self, draft: ApplicationDraft) -> list[Any]:
        if self.barrier is not None:
            self.barrier.wait(TIMEOUT)
        return []


@pytest.fixture
def gate() -> Iterator[Gate]:
    g = Gate()
    register_application_type(BLOCKING, "同時実行テスト届", effect=g.effect, validate=g.validate)
    yield g
    unregister_application_type(BLOCKING)


def pool_world() -> tuple[World, User]:
    """A route with one 決裁 step any 人事担当 may decide; two 人事担当."""
    world = build_world()
    second = staff(world.org, world.ka, None, "hr2", "人事担当2")
    RoleGrantFactory(user=second, role=Role.HR, org_unit=None)
    spec = DefinitionSpec(
        name="同時実行",
        steps=(StepSpec(name="人事決裁", kind="final_approval", approvers=(ApproverSpec(kind="role", role=Role.HR),)),),
    )
    with tenant_context(world.org):
        definition_publish(acting_user=world.hr, application_type=BLOCKING, spec=spec)
    return world, second


def in_thread(org_id: int, results: dict[str, Any], name: str, call: Callable[[], Any]) -> threading.Thread:
    def run() -> None:
        try:
            with tenant_context(org_id):
                results[name] = call()
        except DomainError as exc:
            results[name] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=name)
    thread.start()
    return thread


def wait_for_lock_waiter() -> bool:
    """Poll (bounded) until another session of this database waits on a lock."""
    done = threading.Event()
    for _ in range(int(TIMEOUT / 0.05)):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            row = cursor.fetchone()
        if row is not None and row[0] > 0:
            return True
        done.wait(0.05)
    return False


def test_two_approvers_on_the_same_task_exactly_one_succeeds(gate: Gate) -> None:
    world, second_hr = pool_world()
    with tenant_context(world.org):
        instance = instance_create(acting_user=world.staff, application_type=BLOCKING, subject="同時承認")
    results: dict[str, Any] = {}
    first = in_thread(world.org.pk, results, "first", lambda: instance_approve(instance=instance, acting_user=world.hr))
    assert gate.inside.wait(TIMEOUT), "the first approver did not reach the effect"
    second = in_thread(
        world.org.pk, results, "second", lambda: instance_approve(instance=instance, acting_user=second_hr)
    )
    assert wait_for_lock_waiter(), "the second session never waited for the row lock"
    gate.release.set()
    first.join(TIMEOUT)
    second.join(TIMEOUT)
    assert isinstance(results["first"], WorkflowInstance)
    assert results["first"].status == InstanceStatus.APPROVED
    assert isinstance(results["second"], ConcurrentUpdate)
    assert results["second"].problems[0].message == (
        "この申請は他の人が先に処理しました。画面を再読み込みして最新の状態を確認してください"
    )
    assert gate.applied == [instance.pk], "the effect ran exactly once"
    with tenant_context(world.org):
        assert WorkflowInstance.objects.get(pk=instance.pk).status == InstanceStatus.APPROVED


def test_concurrent_double_submit_creates_one_application(gate: Gate) -> None:
    world, _ = pool_world()
    gate.barrier = threading.Barrier(2)
    results: dict[str, Any] = {}

    def click() -> WorkflowInstance:
        return instance_create(
            acting_user=world.staff, application_type=BLOCKING, subject="二重送信", idempotency_key="form-1"
        )

    threads = [in_thread(world.org.pk, results, name, click) for name in ("a", "b")]
    for thread in threads:
        thread.join(TIMEOUT)
    assert isinstance(results["a"], WorkflowInstance)
    assert isinstance(results["b"], WorkflowInstance)
    assert results["a"].pk == results["b"].pk
    with tenant_context(world.org):
        assert WorkflowInstance.objects.count() == 1
