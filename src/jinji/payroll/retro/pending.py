"""The 差額 and 追給・戻入 a monthly run pays: pulled into its profiles when it computes, linked to it
when its payslips are saved.

Positive amounts become earnings of the month (taxed with it: 所基通36-9(3), 183〜193共-5, NTA
タックスアンサー No.2529 method 1 — the difference is added to that month's pay and the 月額表
applies ❓ not in payroll-rules.md); negative ones (戻入) are deducted after tax, leaving the month's
taxable pay as paid (the withholding is settled at 年末調整).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from jinji.core.errors import DomainError, FieldProblem
from jinji.payroll.models import PayrollRun, RunKind
from jinji.payroll.part_month import PartMonth
from jinji.payroll.profile import Profile
from jinji.payroll.retro.labels import CORRECTION_PREFIX, month_label, retro_code, retro_label
from jinji.payroll.retro_models import PayCorrection, RetroCalculation, RetroDifference, RetroStatus
from jinji.rules.payslip import OtherDeduction, OtherEarning, PayInput


@dataclass(slots=True)
class Pending:
    """Lines per employee and how many rows they came from (checked again when linking)."""

    earnings: defaultdict[int, list[OtherEarning]] = field(default_factory=lambda: defaultdict(list))
    deductions: defaultdict[int, list[OtherDeduction]] = field(default_factory=lambda: defaultdict(list))
    differences: int = 0
    corrections: int = 0


def _differences(run: PayrollRun) -> QuerySet[RetroDifference]:
    computed = RetroCalculation.objects.filter(
        payer_id=run.payer_id, pay_month=run.month, status=RetroStatus.COMPUTED
    ).values("id")
    return RetroDifference.objects.filter(calculation_id__in=computed).filter(
        Q(paid_in_run__isnull=True) | Q(paid_in_run_id=run.pk)
    )


def _corrections(run: PayrollRun) -> QuerySet[PayCorrection]:
    return PayCorrection.objects.filter(payer_id=run.payer_id, pay_month=run.month).filter(
        Q(paid_in_run__isnull=True) | Q(paid_in_run_id=run.pk)
    )


def pending_for_run(run: PayrollRun) -> Pending:
    """The unpaid 差額 (summed per employee, month and item) and 追給・戻入 of ``run`` (two queries)."""
    pending = Pending()
    if run.kind != RunKind.MONTHLY:
        return pending
    sums: dict[tuple[int, datetime.date, str], tuple[str, bool, int]] = {}
    rows = _differences(run).order_by("employee_id", "source_month", "item_code")
    fields = ("employee_id", "source_month", "item_code", "item_label", "taxable", "diff")
    for eid, month, code, label, taxable, diff in rows.values_list(*fields).iterator(chunk_size=5000):
        pending.differences += 1
        before = sums.get((eid, month, code))
        sums[(eid, month, code)] = (label, taxable, diff + (before[2] if before else 0))
    for (eid, month, code), (label, taxable, amount) in sums.items():
        line_code = retro_code(month, code)
        if amount > 0:
            pending.earnings[eid].append(OtherEarning(line_code, retro_label(month, label), amount, taxable))
        elif amount < 0:
            recovery = retro_label(month, label, recovery=True)
            pending.deductions[eid].append(OtherDeduction(line_code, recovery, -amount))
    for c in _corrections(run).order_by("employee_id", "id"):
        pending.corrections += 1
        code = f"{CORRECTION_PREFIX}{c.pk}"
        kind = "追給" if c.amount > 0 else "戻入"
        label = f"{month_label(c.source_month)} {c.item_label}{kind}"[:60]
        if c.amount > 0:
            pending.earnings[c.employee_id].append(OtherEarning(code, label, c.amount, c.taxable))
        elif c.amount < 0:
            pending.deductions[c.employee_id].append(OtherDeduction(code, label, -c.amount))
    return pending


def _with_lines(inp: PayInput, earnings: list[OtherEarning], deductions: list[OtherDeduction]) -> PayInput:
    return dataclasses.replace(
        inp,
        other_earnings=(*inp.other_earnings, *earnings),
        other_deductions=(*inp.other_deductions, *deductions),
    )


def with_pending(profiles: list[Profile], pending: Pending) -> list[Profile]:
    """``profiles`` with the pending lines added to their inputs (all periods of a part month)."""
    if not (pending.earnings or pending.deductions):
        return profiles
    out: list[Profile] = []
    for p in profiles:
        earn, ded = pending.earnings.get(p.employee_id, []), pending.deductions.get(p.employee_id, [])
        if p.pay_input is None or not (earn or ded):
            out.append(p)
            continue
        pm = p.part_month
        if pm is not None:
            periods = tuple(dataclasses.replace(x, pay_input=_with_lines(x.pay_input, earn, ded)) for x in pm.periods)
            pm = PartMonth(periods=periods, required=pm.required)
        out.append(dataclasses.replace(p, pay_input=_with_lines(p.pay_input, earn, ded), part_month=pm))
    return out


def link_pending(run: PayrollRun, pending: Pending | None) -> None:
    """Mark what ``run`` pays as paid in it (inside the transaction that saves its payslips).

    Raises :class:`DomainError` when the pending rows changed since they were read (a 差額計算
    recomputed meanwhile): the run fails and is computed again.
    """
    RetroDifference.objects.filter(paid_in_run_id=run.pk).update(paid_in_run=None)
    PayCorrection.objects.filter(paid_in_run_id=run.pk).update(paid_in_run=None)
    if run.kind != RunKind.MONTHLY or pending is None:
        return
    linked = _differences(run).update(paid_in_run=run)
    corrected = _corrections(run).update(paid_in_run=run)
    if (linked, corrected) != (pending.differences, pending.corrections):
        message = "計算中に差額・追給・戻入が変更されました。もう一度計算してください"
        raise DomainError([FieldProblem(field="run", message=message)])
