"""Background task: compute a run (django-tasks; the database backend runs it in a worker)."""

from __future__ import annotations

import contextlib

from django_tasks import task

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.models import PayrollRun


@task()
def compute_run_task(run_id: int, user_id: int) -> None:
    """Compute ``run_id`` as ``user_id``; errors are kept on the run (status 計算エラー) for the page."""
    from jinji.payroll.services.runs import run_compute

    run = PayrollRun.unscoped.get(pk=run_id)
    user = User.objects.get(pk=user_id)
    with tenant_context(run.organization_id), contextlib.suppress(DomainError):
        run_compute(acting_user=user, run=run)
