"""Outputs of a run: 全銀 files (種別 71/72) per remitting bank, the 給与台帳 CSV and the 人件費 journal CSV.

Reads are set-based (one query each for payslips, bank accounts, names, budget accounts).
Bank transfers split each net pay over the employee's accounts: a ``fixed_amount`` account
gets that amount (at most what is left), the main account the rest.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from jinji.core.errors import DomainError, FieldProblem
from jinji.core.models import as_of_q
from jinji.org.models import Payer
from jinji.payroll.models import BudgetAccount, PayrollRun, Payslip, RemittingAccount, RunKind
from jinji.personnel.models import BankAccount, Employee
from jinji.personnel.selectors.assignments import unit_names_at
from jinji.rules.errors import RulesError
from jinji.rules.zengin import (
    AccountType,
    MonthDay,
    TransferHeader,
    TransferKind,
    TransferRecord,
    build_transfer_file,
)


@dataclass(frozen=True, slots=True)
class BankFile:
    remitting_bank: str
    filename: str
    content: bytes
    count: int
    total: int


def _nets(run: PayrollRun) -> list[tuple[int, int, str]]:
    rows = Payslip.unscoped.filter(run_id=run.pk).order_by("employee__staff_number")
    return list(rows.values_list("employee_id", "net", "employee__staff_number"))


def split_transfers(net: int, accounts: list[BankAccount]) -> list[tuple[BankAccount, int]]:
    """(account, amount) pairs whose amounts add up to ``net`` (fixed amounts first, main gets the rest)."""
    if net <= 0 or not accounts:
        return []
    main = next((a for a in accounts if a.is_main), accounts[-1])
    out: list[tuple[BankAccount, int]] = []
    left = net
    for account in accounts:
        if account is main or not account.fixed_amount:
            continue
        amount = min(account.fixed_amount, left)
        if amount:
            out.append((account, amount))
            left -= amount
    if left:
        out.append((main, left))
    return out


def _records(run: PayrollRun) -> list[tuple[str, TransferRecord]]:
    accounts: defaultdict[int, list[BankAccount]] = defaultdict(list)
    for account in (
        BankAccount.objects.for_organization(run.organization_id).filter(as_of_q(run.paid_on)).order_by("id")
    ):
        accounts[account.employee_id].append(account)
    records: list[tuple[str, TransferRecord]] = []
    for employee_id, net, staff_number in _nets(run):
        for account, amount in split_transfers(net, accounts.get(employee_id, [])):
            record = TransferRecord(
                bank_code=account.bank_code,
                bank_name="",
                branch_code=account.branch_code,
                branch_name="",
                account_type=AccountType(account.account_type),
                account_number=account.account_number,
                recipient_name=account.holder_kana,
                amount=amount,
                customer_code1=staff_number,
            )
            records.append((account.bank_code, record))
    return records


def bank_files(*, run: PayrollRun) -> list[BankFile]:
    """One 全銀 file per remitting account of the payer (種別 71 給与 / 72 賞与)."""
    remitting = list(RemittingAccount.objects.for_organization(run.organization_id).filter(payer_id=run.payer_id))
    if not remitting:
        raise DomainError([FieldProblem(field="payer", message="給与支払者の振込元口座が登録されていません")])
    default = next((r for r in remitting if r.is_default), remitting[0])
    by_bank = {r.bank_code: r for r in remitting}
    grouped: defaultdict[int, list[TransferRecord]] = defaultdict(list)
    for bank_code, record in _records(run):
        grouped[by_bank.get(bank_code, default).pk].append(record)
    payer = Payer.objects.for_organization(run.organization_id).get(pk=run.payer_id)
    if not payer.name_kana:
        raise DomainError([FieldProblem(field="payer", message=f"{payer.name} の名称(カナ)が登録されていません")])
    kind = TransferKind.BONUS if run.kind == RunKind.BONUS else TransferKind.SALARY
    files: list[BankFile] = []
    for account in remitting:
        recs = grouped.get(account.pk)
        if not recs:
            continue
        header = TransferHeader(
            kind=kind,
            consignor_code=payer.consignor_code or "0",
            consignor_name=payer.name_kana,
            transfer_date=MonthDay.of(run.paid_on),
            bank_code=account.bank_code,
            bank_name=account.bank_name,
            branch_code=account.branch_code,
            branch_name=account.branch_name,
            account_type=AccountType(account.account_type),
            account_number=account.account_number,
        )
        try:
            content = build_transfer_file(header, recs)
        except RulesError as exc:
            raise DomainError([FieldProblem(field="bank_file", message=str(exc))]) from exc
        name = f"zengin_{kind.value}_{run.month:%Y%m}_{payer.code}_{account.bank_code}.txt"
        files.append(BankFile(account.bank_name, name, content, len(recs), sum(r.amount for r in recs)))
    return files


def _employee_names(run: PayrollRun) -> dict[int, tuple[str, str]]:
    ids = Payslip.unscoped.filter(run_id=run.pk).values("employee_id")
    rows = Employee.objects.for_organization(run.organization_id).filter(pk__in=ids)
    return {
        pk: (num, f"{f} {g}") for pk, num, f, g in rows.values_list("pk", "staff_number", "family_name", "given_name")
    }


def ledger_csv(*, run: PayrollRun) -> str:
    """給与台帳: one line per payslip, every item as its own column (codes in the header)."""
    slips = list(Payslip.unscoped.filter(run_id=run.pk).order_by("employee__staff_number"))
    names = _employee_names(run)
    earning_codes: dict[str, str] = {}
    deduction_codes: dict[str, str] = {}
    for slip in slips:
        earning_codes.update({c: label for c, label, _ in slip.earnings})
        deduction_codes.update({c: label for c, label, _ in slip.deductions})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["職員番号", "氏名", *earning_codes.values(), "支給額計", *deduction_codes.values(), "控除額計", "差引支給額"]
    )
    for slip in slips:
        earned = {c: a for c, _, a in slip.earnings}
        deducted = {c: a for c, _, a in slip.deductions}
        number, name = names.get(slip.employee_id, ("", ""))
        writer.writerow(
            [
                number,
                name,
                *(earned.get(c, 0) for c in earning_codes),
                slip.gross,
                *(deducted.get(c, 0) for c in deduction_codes),
                slip.total_deductions,
                slip.net,
            ]
        )
    return out.getvalue()


def journal_csv(*, run: PayrollRun) -> str:
    """人件費の仕訳: 支給額 by 予算科目 and 所属 (所属 without a 予算科目 under 未設定)."""
    budget = {
        unit: (code, name)
        for unit, code, name in BudgetAccount.objects.for_organization(run.organization_id).values_list(
            "org_unit_id", "code", "name"
        )
    }
    totals: defaultdict[tuple[int | None, str, str], list[int]] = defaultdict(lambda: [0, 0])
    rows = Payslip.unscoped.filter(run_id=run.pk).values_list("org_unit_id", "gross")
    for unit, gross in rows.iterator(chunk_size=5000):
        code, name = budget.get(unit or 0, ("", "未設定"))
        entry = totals[(unit, code, name)]
        entry[0] += gross
        entry[1] += 1
    units = unit_names_at(run.organization_id, [(u, run.paid_on) for u, _, _ in totals if u is not None])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["支給日", "予算科目コード", "予算科目名", "所属コード", "所属名", "人数", "人件費(支給額)"])
    for (unit, code, name), (amount, count) in sorted(totals.items(), key=lambda kv: (kv[0][1], kv[0][0] or 0)):
        unit_code, unit_name = units.get((unit, run.paid_on), ("", "")) if unit is not None else ("", "")
        writer.writerow([run.paid_on.isoformat(), code, name, unit_code, unit_name, count, amount])
    return out.getvalue()
