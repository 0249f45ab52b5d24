"""住民税 特別徴収税額 import: all-or-nothing, errors naming the row and column; amounts used by month."""

from __future__ import annotations

import datetime

import pytest

from jinji.core.errors import DomainError
from jinji.payroll.models import Payslip, ResidentTax
from jinji.payroll.services.resident_tax import resident_tax_import
from jinji.payroll.services.runs import run_compute, run_create
from tests.payroll.builders import Payroll

pytestmark = pytest.mark.django_db

HEADER = "職員番号,年度,市区町村コード,6月分,7月分以降\n"


def _import(world: Payroll, body: str, encoding: str = "utf-8") -> int:
    return resident_tax_import(
        acting_user=world.clerk, organization_id=world.org.pk, data=(HEADER + body).encode(encoding)
    )


def test_import_then_june_and_july_amounts_are_deducted(world: Payroll) -> None:
    employee = world.employee()
    assert _import(world, f"{employee.staff_number},2026,162019,5800,5000\n", "cp932") == 1
    for month, expected in ((6, 5800), (7, 5000)):
        run = run_create(acting_user=world.clerk, payer=world.payer, month=datetime.date(2026, month, 1))
        run_compute(acting_user=world.clerk, run=run)
        slip = Payslip.objects.get(run=run, employee=employee)
        assert ["resident_tax", "住民税", expected] in slip.deductions
    # re-import replaces the amounts rather than duplicating the year
    _import(world, f"{employee.staff_number},2026,162019,6100,6000\n")
    tax = ResidentTax.objects.get(employee=employee, fiscal_year=2026)
    assert (tax.june_amount, tax.monthly_amount) == (6100, 6000)


def test_bad_rows_are_named_and_nothing_is_saved(world: Payroll) -> None:
    employee = world.employee()
    body = (
        f"{employee.staff_number},2026,162019,5800,5000\n"
        "999999,2026,162019,100,100\n"
        f"{employee.staff_number},2026,16201,-1,abc\n"
    )
    with pytest.raises(DomainError) as caught:
        _import(world, body)
    text = str(caught.value)
    assert "3行目 職員番号: 職員番号 999999 の職員がいません" in text
    for column in ("市区町村コード", "6月分", "7月分以降"):
        assert f"4行目 {column}" in text
    assert not ResidentTax.objects.exists()


def test_wrong_header_is_refused(world: Payroll) -> None:
    with pytest.raises(DomainError, match="1行目"):
        resident_tax_import(acting_user=world.clerk, organization_id=world.org.pk, data=b"a,b\n1,2\n")
