"""Writing the 認定簿: one determination per allowance and employee from a date.

Called by the effects of the allowance applications inside the final approval's transaction.
A new determination ends the one in force the day before it starts; one starting on or after
the new date is refused (correct that one first), so the register never overlaps.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from jinji.accounts.models import User
from jinji.applications import events
from jinji.applications.allowances import AllowanceResult
from jinji.applications.models import AllowanceDetermination, AllowanceKind
from jinji.applications.pay_status import is_pay_finalized
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow.models import WorkflowInstance

ONE_DAY = datetime.timedelta(days=1)


def _refuse_later(kind: AllowanceKind, current: list[AllowanceDetermination], valid_from: datetime.date) -> None:
    later = [d for d in current if d.valid_from >= valid_from]
    if later:
        message = (
            f"{later[0].valid_from.isoformat()}からの{kind.label}の認定が既にあります。"
            "それより前の日付からの届出は人事担当・給与担当に訂正を依頼してください"
        )
        raise DomainError([FieldProblem(field="effective_on", message=message)])


def _audit(acting_user: User, d: AllowanceDetermination, ended: list[dict[str, object]]) -> None:
    audit_record(
        actor=acting_user,
        action=events.DETERMINATION_RECORDED,
        target=d,
        before={"ended": ended, "new_valid_to": (d.valid_from - ONE_DAY) if ended else None},
        after={
            "employee": d.employee_id,
            "kind": d.kind,
            "valid_from": d.valid_from,
            "monthly_amount": d.monthly_amount,
            "nontaxable": d.nontaxable_amount,
            "taxable": d.taxable_amount,
            "retro": d.retro,
            "application": d.source_application_id,
        },
    )


def determination_record(
    *,
    acting_user: User,
    organization_id: int,
    employee_id: int,
    result: AllowanceResult,
    valid_from: datetime.date,
    source_application: WorkflowInstance | None = None,
) -> AllowanceDetermination:
    """Record ``result`` for the employee from ``valid_from``; ``retro`` when that month's pay is finalized."""
    kind = AllowanceKind(result.kind)
    with transaction.atomic():
        current = list(
            AllowanceDetermination.objects.for_organization(organization_id)
            .select_for_update()
            .filter(employee_id=employee_id, kind=kind)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
            .order_by("valid_from")
        )
        _refuse_later(kind, current, valid_from)
        ended: list[dict[str, object]] = [{"id": d.pk, "valid_to": d.valid_to} for d in current]
        for row in current:
            row.valid_to = valid_from - ONE_DAY
            row.save(update_fields=["valid_to"])
        determination = AllowanceDetermination.objects.create(
            organization_id=organization_id,
            employee_id=employee_id,
            kind=kind,
            basis=result.basis,
            monthly_amount=result.monthly_amount,
            nontaxable_amount=result.nontaxable,
            taxable_amount=result.taxable,
            table_refs=list(result.table_refs),
            retro=is_pay_finalized(organization_id, valid_from),
            decided_by=acting_user,
            decided_at=timezone.now(),
            valid_from=valid_from,
            source_application=source_application,
        )
        _audit(acting_user, determination, ended)
    return determination
