"""Save a run's payslips: delete the old ones and bulk-create the new ones in chunks (one transaction)."""

from __future__ import annotations

import datetime
import json
from collections.abc import Collection

from django.db.models import Count, Sum

from jinji.core.bulk import RowInserter
from jinji.payroll.engine import Outcome, lines
from jinji.payroll.models import PayrollRun, Payslip, RunKind

OVERTIME_CODES = frozenset({"overtime_pay", "holiday_work_pay", "night_work_pay"})


PAYSLIP_COLUMNS = (
    "organization_id", "run_id", "employee_id", "org_unit_id", "gross", "taxable", "social_insurance",
    "income_tax", "total_deductions", "net", "overtime_pay", "earnings", "deductions", "tables",
)  # fmt: skip


JSON_COLUMNS = ("earnings", "deductions", "tables")


def _inserter() -> RowInserter:
    """The payslip INSERT (COPY on PostgreSQL). The three JSON columns arrive already serialised
    (``json.dumps``, what JSONField's adapter does on both backends), so they pass unchanged and the
    run's few distinct ``tables`` lists are serialised once each rather than once per payslip."""
    inserter = RowInserter(Payslip, PAYSLIP_COLUMNS)
    inserter.adapters = [
        None if name in JSON_COLUMNS else adapter
        for name, adapter in zip(PAYSLIP_COLUMNS, inserter.adapters, strict=True)
    ]
    return inserter


def replace_payslips(run: PayrollRun, out: Outcome) -> None:
    """Replace ``run``'s payslips by ``out`` and set its totals (caller holds the run lock).

    One DELETE and one prepared INSERT sent with ``executemany`` (:class:`jinji.core.bulk.RowInserter`),
    so the number of statements does not grow with the number of employees.
    """
    Payslip.unscoped.filter(run_id=run.pk).delete()
    org, run_id = run.organization_id, run.pk
    gross = deductions = net = 0
    rows: list[tuple[object, ...]] = []
    refs: dict[tuple[object, ...], str] = {}
    for profile, r in out.results:
        tables = refs.get(r.tables)
        if tables is None:
            tables = refs[r.tables] = json.dumps([str(t) for t in r.tables])
        gross += r.gross
        deductions += r.total_deductions
        net += r.net
        rows.append(
            (
                org, run_id, profile.employee_id, profile.org_unit_id, r.gross, r.taxable_amount,
                r.social_insurance, r.income_tax, r.total_deductions, r.net,
                sum(i.amount for i in r.earnings if i.code in OVERTIME_CODES),
                json.dumps(lines(r.earnings)), json.dumps(lines(r.deductions)), tables,
            )
        )  # fmt: skip
    _inserter().insert(rows)
    run.headcount = len(out.results)
    run.progress_done = run.progress_total
    run.total_gross, run.total_deductions, run.total_net = gross, deductions, net


def drop_payslips(run: PayrollRun, employee_ids: Collection[int]) -> None:
    """Remove payslips of excluded employees and recompute the totals (caller holds the lock)."""
    if employee_ids:
        Payslip.unscoped.filter(run_id=run.pk, employee_id__in=list(employee_ids)).delete()
    totals = Payslip.unscoped.filter(run_id=run.pk).aggregate(
        n=Count("id"), gross=Sum("gross"), deductions=Sum("total_deductions"), net=Sum("net")
    )
    run.headcount = totals["n"] or 0
    run.total_gross = totals["gross"] or 0
    run.total_deductions = totals["deductions"] or 0
    run.total_net = totals["net"] or 0


def previous_nets(run: PayrollRun, month: datetime.date) -> dict[int, int]:
    """Employee id → net pay of the payer's monthly run of ``month`` (one query)."""
    rows = Payslip.unscoped.filter(
        run__organization_id=run.organization_id,
        run__payer_id=run.payer_id,
        run__month=month,
        run__kind=RunKind.MONTHLY,
    ).values_list("employee_id", "net")
    return dict(rows.iterator(chunk_size=5000))
