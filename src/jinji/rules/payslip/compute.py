"""compute_payslip (one employee) and compute_payslips (a batch for one pay date).

Both run the same arithmetic on tables resolved by :func:`resolve_pay_tables`; the batch
resolves them once for all inputs, the single call once for its one input. Errors from a
rule are re-raised with the employee id in front so a batch failure names the record.
"""

from __future__ import annotations

import datetime
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from jinji.rules.errors import InvalidArgument, RulesError
from jinji.rules.payslip.context import PayTables, resolve_pay_tables
from jinji.rules.payslip.deductions import add_tax_and_others, social_insurance
from jinji.rules.payslip.earnings import compute_earnings
from jinji.rules.payslip.inputs import PayInput
from jinji.rules.payslip.result import PayResult
from jinji.rules.tables import TableStore


def payslip_with_tables(inp: PayInput, t: PayTables) -> PayResult:
    """One payslip from pre-resolved tables (the shared core of both entry points)."""
    e = compute_earnings(inp, t)
    gross = taxable = 0
    for item in e.items:
        gross += item.amount
        if item.taxable:
            taxable += item.amount
    d = social_insurance(inp, t, gross=gross)
    taxable_amount = max(taxable - d.social_insurance, 0)
    add_tax_and_others(inp, t, d, taxable_amount=taxable_amount)
    total_deductions = sum(item.amount for item in d.items)
    return PayResult(
        employee_id=inp.employee_id,
        paid_on=t.paid_on,
        earnings=tuple(e.items),
        deductions=tuple(d.items),
        gross=gross,
        taxable_earnings=taxable,
        social_insurance=d.social_insurance,
        taxable_amount=taxable_amount,
        income_tax=d.income_tax,
        total_deductions=total_deductions,
        net=gross - total_deductions,
        tables=(*t.common_refs, *e.refs, *d.refs),
    )


def _with_employee(inp: PayInput, exc: RulesError) -> RulesError:
    return type(exc)(f"職員 {inp.employee_id}: {exc}")


def compute_payslip(inp: PayInput, *, store: TableStore | None = None) -> PayResult:
    """The monthly payslip of one employee for pay due on ``inp.paid_on``.

    ``store`` adds the municipality's own tables (給料表, 地域手当, 特殊勤務手当 …) to the
    built-in ones. Raises :class:`InvalidArgument` / :class:`TableNotFound` with Japanese
    messages naming the employee.
    """
    try:
        tables = resolve_pay_tables(inp.paid_on, (inp,), store=store, batch=False)
        return payslip_with_tables(inp, tables)
    except RulesError as exc:
        raise _with_employee(inp, exc) from exc


@contextmanager
def _cyclic_gc_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector (reference counting still frees everything).

    A batch allocates ~20 objects per payslip and keeps them; with the collector on, its
    full passes re-scan every input and every result built so far, about a third of the
    run (docs/benchmarks.md). Inputs and results hold no reference cycles, so nothing is
    left for the collector; it is re-enabled (if it was on) when the batch ends.
    """
    was_enabled = pause and gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def compute_payslips(
    inputs: Sequence[PayInput],
    *,
    paid_on: datetime.date,
    store: TableStore | None = None,
    pause_gc: bool = True,
) -> list[PayResult]:
    """Payslips of a whole run for one pay date, every table resolved once for the batch.

    All inputs must carry ``paid_on``; the results are in input order and equal to what
    :func:`compute_payslip` gives for each input. ``pause_gc`` pauses Python's cyclic
    garbage collector for the duration of the batch (see :func:`_cyclic_gc_paused`).
    """
    for inp in inputs:
        if inp.paid_on != paid_on:
            raise InvalidArgument(
                f"職員 {inp.employee_id}: 支給日 {inp.paid_on.isoformat()} が"
                f"バッチの支給日 {paid_on.isoformat()} と異なります"
            )
    tables = resolve_pay_tables(paid_on, inputs, store=store)
    results: list[PayResult] = []
    append = results.append
    with _cyclic_gc_paused(pause_gc):
        for inp in inputs:
            try:
                append(payslip_with_tables(inp, tables))
            except RulesError as exc:
                raise _with_employee(inp, exc) from exc
    return results
