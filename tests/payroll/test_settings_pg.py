"""Two clerks adding overlapping 職員別控除 periods at once, or a clerk saving while an import of the same
控除項目 runs (PostgreSQL, real threads): the row locks make the second see the first's period and refuse,
so the periods never overlap."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any

import pytest
from django.db import connection

from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.models import DeductionItem, EmployeeDeduction
from jinji.payroll.services import settings as settings_service
from jinji.payroll.services import settings_import
from jinji.payroll.services.settings import KINDS, setting_save
from tests.payroll.builders import build_payroll

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("行ロックの同時実行は PostgreSQL で確認する")


def test_concurrent_overlapping_periods_are_serialised(monkeypatch: pytest.MonkeyPatch) -> None:
    world = build_payroll()
    with tenant_context(world.org):
        employee = world.employee()
        item = DeductionItem.objects.create(organization=world.org, code="gojo", name="互助会費")
    inside = threading.Event()
    real_fit = settings_service.fit_period

    def slow_fit(*args: Any, **kwargs: Any) -> Any:
        ended = real_fit(*args, **kwargs)
        if threading.current_thread().name == "first":
            inside.set()
            time.sleep(1.0)  # still inside the transaction: the other clerk tries now
        return ended

    monkeypatch.setattr(settings_service, "fit_period", slow_fit)

    def save(start: datetime.date, end: datetime.date | None) -> None:
        values = {"item": item, "amount": 1_000, "valid_from": start, "valid_to": end}
        with tenant_context(world.org):
            setting_save(
                acting_user=world.clerk, kind=KINDS["deductions"], organization_id=world.org.pk, values=values,
                staff_number=employee.staff_number,
            )  # fmt: skip

    errors: list[BaseException] = []

    def first() -> None:
        try:
            save(datetime.date(2026, 4, 1), datetime.date(2026, 12, 31))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=first, name="first")
    thread.start()
    try:
        assert inside.wait(10)
        with pytest.raises(DomainError, match="重なっています"):
            save(datetime.date(2026, 6, 1), datetime.date(2026, 9, 30))
    finally:
        thread.join(10)
    assert not errors
    assert EmployeeDeduction.unscoped.filter(employee_id=employee.pk).count() == 1


def test_screen_save_waits_for_a_running_import_of_the_same_item(monkeypatch: pytest.MonkeyPatch) -> None:
    world = build_payroll()
    with tenant_context(world.org):
        employee = world.employee()
        item = DeductionItem.objects.create(organization=world.org, code="gojo", name="互助会費")
    inside = threading.Event()
    real_fit = settings_import.fit_period

    def slow_fit(*args: Any, **kwargs: Any) -> Any:
        ended = real_fit(*args, **kwargs)
        inside.set()
        time.sleep(1.0)  # the import is still inside its transaction
        return ended

    monkeypatch.setattr(settings_import, "fit_period", slow_fit)
    errors: list[BaseException] = []

    def run_import() -> None:
        data = f"職員番号,控除項目コード,月額,適用開始日,適用終了日\n{employee.staff_number},gojo,1000,2026-04-01,\n"
        try:
            with tenant_context(world.org):
                settings_import.deduction_import(
                    acting_user=world.clerk, organization_id=world.org.pk, data=data.encode()
                )
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    thread = threading.Thread(target=run_import)
    thread.start()
    try:
        assert inside.wait(10)
        values = {"item": item, "amount": 900, "valid_from": datetime.date(2026, 4, 1), "valid_to": None}
        with tenant_context(world.org), pytest.raises(DomainError, match="重なっています"):
            setting_save(
                acting_user=world.clerk, kind=KINDS["deductions"], organization_id=world.org.pk, values=values,
                staff_number=employee.staff_number,
            )  # fmt: skip
    finally:
        thread.join(10)
    assert not errors
    assert EmployeeDeduction.unscoped.filter(employee_id=employee.pk).count() == 1
