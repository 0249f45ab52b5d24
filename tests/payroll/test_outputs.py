"""全銀 file (種別 71), 給与台帳 and 人件費 journal: reconciliation with the payslips."""

from __future__ import annotations

import csv
import io

import pytest

from jinji.core.errors import DomainError
from jinji.payroll.models import BudgetAccount, Payslip, RemittingAccount
from jinji.payroll.outputs import bank_files, journal_csv, ledger_csv, split_transfers
from jinji.payroll.services.runs import run_compute, run_create
from jinji.rules.zengin import TransferKind, parse_transfer_file
from tests.payroll.builders import MAY, Payroll, bank_account, mutual_aid

pytestmark = pytest.mark.django_db


def _remitting(world: Payroll, bank_code: str, *, default: bool) -> RemittingAccount:
    return RemittingAccount.objects.create(
        organization=world.org,
        payer=world.payer,
        bank_code=bank_code,
        bank_name="ﾎｸﾘｸ" if bank_code == "0144" else "ﾐｽﾞﾎ",
        branch_code="100",
        branch_name="ﾎﾝﾃﾝ",
        account_number="1234567",
        is_default=default,
    )


def test_bank_files_total_equals_sum_of_net_pay(world: Payroll) -> None:
    a = world.employee(grade=1, step=1)
    b = world.employee(grade=1, step=2, bank=False)
    bank_account(b, bank_code="0144", account_number="7654321")
    bank_account(b, bank_code="0001", account_number="1111111", is_main=False, fixed_amount=30000)
    c = world.employee(grade=1, step=3)
    mutual_aid(c, short=15, long=15)
    _remitting(world, "0001", default=True)
    _remitting(world, "0144", default=False)
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    files = bank_files(run=run)
    assert len(files) == 2
    parsed = [parse_transfer_file(f.content) for f in files]
    assert all(p.header.kind is TransferKind.SALARY for p in parsed)
    net_sum = sum(Payslip.objects.filter(run=run).values_list("net", flat=True))
    assert sum(p.total_amount for p in parsed) == net_sum == run.total_net
    amounts_b = sorted(r.amount for p in parsed for r in p.records if r.customer_code1 == b.staff_number)
    net_b = Payslip.objects.get(run=run, employee=b).net
    assert amounts_b == sorted([30000, net_b - 30000])
    assert {a.staff_number, c.staff_number} <= {r.customer_code1 for p in parsed for r in p.records}


def test_split_transfers_never_exceeds_net() -> None:
    from jinji.personnel.models import BankAccount

    main = BankAccount(is_main=True)
    side = BankAccount(is_main=False, fixed_amount=50000)
    assert [amt for _, amt in split_transfers(30000, [main, side])] == [30000]
    assert [amt for _, amt in split_transfers(80000, [main, side])] == [50000, 30000]
    assert split_transfers(0, [main]) == []


def test_no_remitting_account_is_an_error(world: Payroll) -> None:
    world.employee()
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    with pytest.raises(DomainError, match="振込元口座"):
        bank_files(run=run)


def test_ledger_and_journal_add_up(world: Payroll) -> None:
    world.employee(grade=1, step=1)
    world.employee(grade=1, step=2)
    BudgetAccount.objects.create(
        organization=world.org, org_unit=world.unit, code="01-01-01-02", name="一般管理費 給料"
    )
    run = run_compute(acting_user=world.clerk, run=run_create(acting_user=world.clerk, payer=world.payer, month=MAY))
    ledger = list(csv.reader(io.StringIO(ledger_csv(run=run))))
    assert ledger[0][0:2] == ["職員番号", "氏名"]
    assert "給料" in ledger[0]
    assert sum(int(r[-1]) for r in ledger[1:]) == run.total_net
    journal = list(csv.reader(io.StringIO(journal_csv(run=run))))
    assert journal[1][1:3] == ["01-01-01-02", "一般管理費 給料"]
    assert journal[1][4] == "総務課"
    assert int(journal[1][-1]) == run.total_gross == 195800 + 196900
