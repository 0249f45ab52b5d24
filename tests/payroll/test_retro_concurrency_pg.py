"""差額 with real threads (PostgreSQL): a second compute of the same calculation is refused while the
first runs, and a correction cannot be slipped into a pay-month run while it computes."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable, Iterator

import pytest
from django.db import connection

from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.models import PayrollRun, RunStatus
from jinji.payroll.retro.services import correction_create, retro_compute, retro_create
from jinji.payroll.retro_models import PayCorrection, RetroDifference, RetroStatus
from jinji.payroll.services.runs import run_compute, run_create
from jinji.payroll.sources import register_allowance_source, register_attendance_source
from jinji.personnel.models import Dependent
from tests.payroll.builders import MAY, Payroll, build_payroll, closed_attendance

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
D = datetime.date


@pytest.fixture(autouse=True)
def _postgres_only() -> Iterator[None]:
    if connection.vendor != "postgresql":
        pytest.skip("行ロックの同時実行は PostgreSQL で確認する")
    yield
    register_attendance_source(None)
    register_allowance_source(None)


def _world() -> Payroll:
    world = build_payroll()
    closed_attendance(world)
    register_allowance_source(lambda **_: {})
    return world


def _hold_in_thread(
    world: Payroll, work: Callable[[Callable[[int, int], None]], object]
) -> tuple[threading.Thread, threading.Event, threading.Event, list[BaseException]]:
    inside, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold(done: int, total: int) -> None:
        inside.set()
        release.wait(10)

    def run() -> None:
        try:
            with tenant_context(world.org):
                work(hold)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, inside, release, errors


def test_second_retro_compute_is_refused_while_the_first_runs() -> None:
    world = _world()
    with tenant_context(world.org):
        parent = world.employee()
        august = run_compute(
            acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=D(2026, 8, 1))
        )
        PayrollRun.objects.filter(pk=august.pk).update(status=RunStatus.FINALIZED)
        Dependent.objects.create(
            organization=world.org, employee=parent, name="子", name_kana="コ", relationship="child",
            birth_date=D(2026, 7, 20), for_tax=False, valid_from=D(2026, 8, 1),
        )  # fmt: skip
        calc = retro_create(
            acting_user=world.clerk, payer=world.payer, first_month=D(2026, 8, 1), last_month=D(2026, 8, 1),
            pay_month=D(2026, 12, 1), reason="扶養親族届の遅れ",
        )  # fmt: skip
    thread, inside, release, errors = _hold_in_thread(
        world, lambda hold: retro_compute(acting_user=world.clerk, calculation=calc, progress=hold)
    )
    try:
        assert inside.wait(10)
        with tenant_context(world.org), pytest.raises(DomainError, match="計算中"):
            retro_compute(acting_user=world.clerk, calculation=calc)
    finally:
        release.set()
        thread.join(10)
    assert not errors
    with tenant_context(world.org):
        assert RetroDifference.objects.filter(calculation=calc).count() == 1
        calc.refresh_from_db()
        assert calc.status == RetroStatus.COMPUTED


def test_a_correction_is_refused_while_the_pay_month_run_computes() -> None:
    world = _world()
    with tenant_context(world.org):
        employee = world.employee()
        run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    thread, inside, release, errors = _hold_in_thread(
        world, lambda hold: run_compute(acting_user=world.clerk, run=run, progress=hold)
    )
    try:
        assert inside.wait(10)
        with tenant_context(world.org), pytest.raises(DomainError, match="計算中"):
            correction_create(
                acting_user=world.clerk, payer=world.payer, employee=employee, source_month=D(2026, 4, 1),
                pay_month=MAY, item_label="通勤手当", amount=1_000, taxable=False, reason="届出漏れ",
            )  # fmt: skip
    finally:
        release.set()
        thread.join(10)
    assert not errors
    with tenant_context(world.org):
        assert not PayCorrection.objects.exists()
        assert PayrollRun.objects.get(pk=run.pk).status == RunStatus.COMPUTED
