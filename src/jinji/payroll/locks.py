"""Row locks of the payroll app, in one place (select_for_update on the run row)."""

from __future__ import annotations

from jinji.payroll.models import PayrollRun


def lock_run(run: PayrollRun) -> PayrollRun:
    """The run row, locked for the rest of the transaction (PostgreSQL; SQLite locks the file)."""
    locked: PayrollRun = PayrollRun.unscoped.select_for_update().get(pk=run.pk)
    return locked
