"""任期の管理: fixed-term (任期付), rehired retirees and 会計年度任用職員; 再度の任用 and term ends."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction

from jinji.audit.services import audit_record
from jinji.core.errors import FieldProblem
from jinji.personnel.models import AppointmentType, Employee
from jinji.talent import events
from jinji.talent.dates import fiscal_year_end, fiscal_year_of
from jinji.talent.models import TermAppointment, TermKind, TermStatus
from jinji.talent.permissions import require_hr_for
from jinji.talent.services.common import lock_employee, raise_if

TERM_KIND_FOR_APPOINTMENT: dict[str, str] = {
    AppointmentType.FIXED_TERM: TermKind.FIXED_TERM,
    AppointmentType.TEMPORARY: TermKind.FIXED_TERM,
    AppointmentType.REAPPOINTED_FULL: TermKind.RETIREE_REHIRE,
    AppointmentType.REAPPOINTED_SHORT: TermKind.RETIREE_REHIRE,
    AppointmentType.FISCAL_YEAR_FULL: TermKind.FISCAL_YEAR,
    AppointmentType.FISCAL_YEAR_PART: TermKind.FISCAL_YEAR,
}
"""任用区分 with a term, and the kind of term tracked for it."""


def _facts(term: TermAppointment) -> dict[str, Any]:
    return {
        "employee": term.employee_id,
        "kind": term.kind,
        "term_start": term.term_start,
        "term_end": term.term_end,
        "sequence": term.sequence,
        "status": term.status,
    }


def term_problems(kind: str, term_start: datetime.date, term_end: datetime.date | None) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if kind not in TermKind.values:
        problems.append(FieldProblem("kind", "任期の種類を選んでください"))
    if term_end is None:
        problems.append(FieldProblem("term_end", "任期の終期を入力してください"))
    elif term_end < term_start:
        problems.append(FieldProblem("term_end", "任期の終期は始期以降の日付にしてください"))
    elif kind == TermKind.FISCAL_YEAR and term_end > fiscal_year_end(fiscal_year_of(term_start)):
        last = fiscal_year_end(fiscal_year_of(term_start))
        problems.append(FieldProblem("term_end", f"会計年度任用の任期は年度末({last:%Y年%m月%d日})までです"))
    return problems


def create_term(
    acting_user: Any,
    employee: Employee,
    *,
    kind: str,
    term_start: datetime.date,
    term_end: datetime.date,
    note: str = "",
) -> TermAppointment:
    """Insert a first term (inside the caller's transaction, employee locked) and audit it."""
    clash = (
        TermAppointment.objects.for_organization(employee.organization_id)
        .filter(employee=employee, status=TermStatus.ACTIVE, term_end__gte=term_start, term_start__lte=term_end)
        .exists()
    )
    if clash:
        raise_if([FieldProblem("term_start", "この職員には期間の重なる任期が既にあります")])
    term: TermAppointment = TermAppointment.objects.create(
        organization_id=employee.organization_id,
        employee=employee,
        kind=kind,
        term_start=term_start,
        term_end=term_end,
        note=note.strip()[:200],
        created_by=acting_user,
    )
    audit_record(actor=acting_user, action=events.TERM_REGISTER, target=term, after=_facts(term))
    return term


def term_appointment_register(
    *,
    acting_user: Any,
    employee: Employee,
    kind: str,
    term_start: datetime.date,
    term_end: datetime.date,
    note: str = "",
) -> TermAppointment:
    """任期の登録 for an employee already in post (e.g. when the tracking starts)."""
    require_hr_for(acting_user, employee, on=term_start)
    raise_if(term_problems(kind, term_start, term_end))
    with transaction.atomic():
        lock_employee(employee)
        return create_term(acting_user, employee, kind=kind, term_start=term_start, term_end=term_end, note=note)


def _locked(term: TermAppointment) -> TermAppointment:
    locked: TermAppointment = (
        TermAppointment.objects.for_organization(term.organization_id)
        .select_for_update()
        .select_related("employee")
        .get(pk=term.pk)
    )
    return locked


def term_appointment_reappoint(
    *, acting_user: Any, term: TermAppointment, term_end: datetime.date, term_start: datetime.date | None = None
) -> TermAppointment:
    """再度の任用: the next term (default start: the day after this one ends); this one becomes 再度の任用済."""
    with transaction.atomic():
        locked = _locked(term)
        require_hr_for(acting_user, locked.employee)
        start = term_start or locked.term_end + datetime.timedelta(days=1)
        problems = term_problems(locked.kind, start, term_end)
        if locked.status != TermStatus.ACTIVE:
            problems.append(FieldProblem("status", f"この任期は「{locked.get_status_display()}」です"))
        if start <= locked.term_end:
            problems.append(FieldProblem("term_start", "次の任期は現在の任期の終期より後に始めてください"))
        raise_if(problems)
        before = _facts(locked)
        locked.status = TermStatus.REAPPOINTED
        locked.save(update_fields=["status"])
        following: TermAppointment = TermAppointment.objects.create(
            organization_id=locked.organization_id,
            employee_id=locked.employee_id,
            kind=locked.kind,
            term_start=start,
            term_end=term_end,
            sequence=locked.sequence + 1,
            previous=locked,
            created_by=acting_user,
        )
        audit_record(
            actor=acting_user, action=events.TERM_REAPPOINT, target=following, before=before, after=_facts(following)
        )
    return following


def term_appointment_end(*, acting_user: Any, term: TermAppointment) -> TermAppointment:
    """任期満了・終了 (no further term; the 退職・任期満了 発令 itself is entered in personnel)."""
    with transaction.atomic():
        locked = _locked(term)
        require_hr_for(acting_user, locked.employee)
        if locked.status != TermStatus.ACTIVE:
            raise_if([FieldProblem("status", f"この任期は「{locked.get_status_display()}」です")])
        locked.status = TermStatus.ENDED
        locked.save(update_fields=["status"])
        audit_record(actor=acting_user, action=events.TERM_END, target=locked, after=_facts(locked))
    return locked
