"""Two computes of the same run at once (PostgreSQL, real threads): the second is refused by name."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.models import PayrollRun, Payslip, RunStatus
from jinji.payroll.services.runs import run_compute, run_create
from jinji.payroll.sources import register_allowance_source, register_attendance_source
from tests.payroll.builders import MAY, build_payroll, closed_attendance

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("行ロックの同時実行は PostgreSQL で確認する")


def test_second_compute_is_refused_while_the_first_runs() -> None:
    world = build_payroll()
    closed_attendance(world)
    register_allowance_source(lambda **_: {})
    with tenant_context(world.org):
        world.employee()
        run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    inside, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        def hold(done: int, total: int) -> None:
            inside.set()
            release.wait(10)

        try:
            with tenant_context(world.org):
                run_compute(acting_user=world.clerk, run=run, progress=hold)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    try:
        assert inside.wait(10)
        with tenant_context(world.org), pytest.raises(DomainError, match="計算中"):
            run_compute(acting_user=world.clerk, run=run)
    finally:
        release.set()
        thread.join(10)
        register_attendance_source(None)
        register_allowance_source(None)
    assert not errors
    assert PayrollRun.unscoped.get(pk=run.pk).status == RunStatus.COMPUTED
    assert Payslip.unscoped.filter(run_id=run.pk).count() == 1
