"""Background task: compute a 差額計算 (django-tasks; the database backend runs it in a worker)."""

from __future__ import annotations

import contextlib

from django_tasks import task

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.tenancy import tenant_context
from jinji.payroll.retro_models import RetroCalculation


@task()
def compute_retro_task(calculation_id: int, user_id: int) -> None:
    """Compute ``calculation_id`` as ``user_id``; errors stay on the calculation (状態 計算エラー)."""
    from jinji.payroll.retro.services import retro_compute

    calc = RetroCalculation.unscoped.get(pk=calculation_id)
    user = User.objects.get(pk=user_id)
    with tenant_context(calc.organization_id), contextlib.suppress(DomainError):
        retro_compute(acting_user=user, calculation=calc)
