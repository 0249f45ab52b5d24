"""資格手当 (issue 8 §8) in the monthly run: the talent rule in force pays holders of a listed, verified
qualification; the item is taxable, shown on the payslip and adds exactly its amount to gross."""

from __future__ import annotations

import datetime

import pytest

from jinji.accounts.models import Role
from jinji.payroll.models import Payslip
from jinji.payroll.services.runs import run_compute, run_create
from jinji.talent.services import allowance_rule_create
from tests.factories import EmployeeQualificationFactory, RoleGrantFactory, UserFactory, national
from tests.payroll.builders import MAY, Payroll

pytestmark = pytest.mark.django_db


def test_holder_is_paid_the_rule_amount(world: Payroll) -> None:
    holder, other = world.employee(), world.employee()
    hr = UserFactory(organization=world.org)
    RoleGrantFactory(user=hr, role=Role.HR)
    allowance_rule_create(
        acting_user=hr, organization=world.org, code="ipa", name="情報処理資格手当", monthly_amount=5_000,
        qualifications=[national("Qualification", "ipa_ap")], valid_from=datetime.date(2026, 4, 1),
    )  # type: ignore[list-item]  # fmt: skip
    EmployeeQualificationFactory(employee=holder, qualification=national("Qualification", "ipa_ap"))
    EmployeeQualificationFactory(employee=other, qualification=national("Qualification", "ipa_ap"), status="pending")
    run = run_create(acting_user=world.clerk, payer=world.payer, month=MAY)
    run_compute(acting_user=world.clerk, run=run)
    paid = Payslip.objects.get(run=run, employee=holder)
    unpaid = Payslip.objects.get(run=run, employee=other)
    assert ["qualification:ipa", "情報処理資格手当", 5_000] in paid.earnings
    assert all(code != "qualification:ipa" for code, _, _ in unpaid.earnings)
    assert paid.gross - unpaid.gross == 5_000  # same 級号給, nothing else differs
