"""差額・追給 pages and CLI: the 給与担当 starts a 差額計算 (task with progress), reviews totals by month,
item and employee, enters and withdraws a correction; other roles are refused; pages stay bounded."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from jinji.payroll.models import PayrollRun, RunStatus
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroStatus
from jinji.payroll.services.runs import run_compute, run_create
from jinji.personnel.models import Dependent
from tests.factories import UserFactory
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db
D = datetime.date


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _august_paid_then_child_added(world: Payroll) -> int:
    parent = world.employee()
    run = run_compute(
        acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=D(2026, 8, 1))
    )
    PayrollRun.objects.filter(pk=run.pk).update(status=RunStatus.FINALIZED)
    Dependent.objects.create(
        organization=world.org, employee=parent, name="子", name_kana="コ", relationship="child",
        birth_date=D(2026, 7, 20), for_tax=False, valid_from=D(2026, 8, 1),
    )  # fmt: skip
    return int(parent.pk)


def test_clerk_starts_a_calculation_and_reviews_totals(world: Payroll, django_assert_max_num_queries: Any) -> None:
    _august_paid_then_child_added(world)
    client = _client(world.clerk)
    form = {"payer": world.payer.pk, "first_month": "2026-08", "last_month": "2026-08", "pay_month": "2026-12",
            "reason": "扶養親族届の遅れ"}  # fmt: skip
    response = client.post("/payroll/retro/", form)
    calc = RetroCalculation.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/payroll/retro/{calc.pk}/")
    calc.refresh_from_db()
    assert calc.status == RetroStatus.COMPUTED  # immediate task backend in tests
    with django_assert_max_num_queries(12):
        page = client.get(f"/payroll/retro/{calc.pk}/").content.decode()
    assert "13,000円" in page
    assert "扶養手当" in page
    assert "2026年8月" in page
    progress = client.get(f"/payroll/retro/{calc.pk}/progress/").content.decode()
    assert "計算済み" in progress
    assert "hx-trigger" not in progress
    with django_assert_max_num_queries(10):
        listing = client.get("/payroll/retro/").content.decode()
    assert "扶養親族届の遅れ" in listing


def test_bad_months_are_named_and_nothing_is_created(world: Payroll) -> None:
    client = _client(world.clerk)
    form = {"payer": world.payer.pk, "first_month": "2026/08", "last_month": "2026-08", "pay_month": "2026-07",
            "reason": "x"}  # fmt: skip
    page = client.post("/payroll/retro/", form).content.decode()
    assert "対象の最初の月は YYYY-MM の形式" in page
    assert not RetroCalculation.objects.exists()


def test_clerk_enters_and_withdraws_a_correction(world: Payroll, django_assert_max_num_queries: Any) -> None:
    employee = world.employee()
    client = _client(world.clerk)
    form = {"payer": world.payer.pk, "staff_number": employee.staff_number, "source_month": "2026-04",
            "pay_month": "2026-05", "item_label": "通勤手当", "amount": "-3000", "taxable": "on",
            "reason": "返納"}  # fmt: skip
    assert client.post("/payroll/corrections/", form).status_code == 302
    correction = PayCorrection.objects.get()
    assert (correction.amount, correction.employee_id) == (-3000, employee.pk)
    with django_assert_max_num_queries(10):
        page = client.get("/payroll/corrections/").content.decode()
    assert "-3,000円" in page
    assert client.post(f"/payroll/corrections/{correction.pk}/delete/").status_code == 302
    assert not PayCorrection.objects.exists()
    unknown = dict(form, staff_number="NOPE")
    assert "職員番号 NOPE の職員が見つかりません" in client.post("/payroll/corrections/", unknown).content.decode()


def test_other_roles_cannot_open_or_post(world: Payroll) -> None:
    staff = UserFactory(organization=world.org)
    client = _client(staff)
    assert client.get("/payroll/retro/").status_code == 403
    assert client.post("/payroll/corrections/", {}).status_code == 403


def test_cli_computes_a_calculation(world: Payroll) -> None:
    _august_paid_then_child_added(world)
    out = io.StringIO()
    call_command(
        "payroll", "retro", "--payer", world.payer.code, "--from", "2026-08", "--to", "2026-08",
        "--pay-month", "2026-12", "--reason", "扶養親族届の遅れ", "--user", world.clerk.username, stdout=out,
    )  # fmt: skip
    assert "対象 1 人, 差額合計 13,000 円" in out.getvalue()
