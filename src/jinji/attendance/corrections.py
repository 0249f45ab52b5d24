"""打刻の修正申請 (``attendance_correction``): the only way to change a closed month.

Payload: ``date`` (勤務日, ISO), ``kind`` (in/out), ``time`` (HH:MM, past 24:00 for the next
morning is written as the next day's time with ``next_day``), ``location_kind``, ``reason``.
On 決裁 the effect records the punch (source 修正申請), closed month or not, and audits it.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from jinji.attendance import events
from jinji.attendance.models import ClockEvent, ClockKind, ClockSource, LocationKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.attendance import JST
from jinji.workflow.registry import ApplicationDraft, register_application_type

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance

CODE = "attendance_correction"
LABEL = "打刻の修正申請"


def _parse(payload: Mapping[str, Any]) -> tuple[datetime.date, str, datetime.datetime, str, str, list[FieldProblem]]:
    problems: list[FieldProblem] = []
    day = datetime.date(2000, 1, 1)
    at = datetime.datetime(2000, 1, 1, tzinfo=JST)
    try:
        day = datetime.date.fromisoformat(str(payload.get("date", "")))
    except ValueError:
        problems.append(FieldProblem("payload.date", "勤務日を日付で入力してください(例: 2026-06-10)"))
    kind = str(payload.get("kind", ""))
    if kind not in ClockKind.values:
        problems.append(FieldProblem("payload.kind", "出勤 (in) または退勤 (out) を選んでください"))
    try:
        clock = datetime.time.fromisoformat(str(payload.get("time", "")))
        extra = datetime.timedelta(days=1) if payload.get("next_day") else datetime.timedelta()
        at = datetime.datetime.combine(day + extra, clock, tzinfo=JST)
    except ValueError:
        problems.append(FieldProblem("payload.time", "時刻を HH:MM で入力してください(例: 08:30)"))
    location = str(payload.get("location_kind", LocationKind.MAIN_OFFICE))
    if location not in LocationKind.values:
        problems.append(FieldProblem("payload.location_kind", "勤務場所の区分が正しくありません"))
    reason = str(payload.get("reason", "")).strip()
    if not reason:
        problems.append(FieldProblem("payload.reason", "修正の理由を入力してください"))
    return day, kind, at, location, reason, problems


def validate(draft: ApplicationDraft) -> Sequence[FieldProblem]:
    return _parse(draft.payload)[5]


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    kind = "出勤" if payload.get("kind") == ClockKind.CLOCK_IN else "退勤"
    return [("勤務日", str(payload.get("date", ""))), ("打刻", f"{kind} {payload.get('time', '')}"),
            ("理由", str(payload.get("reason", "")))]  # fmt: skip


def effect(instance: WorkflowInstance, actor: User) -> None:
    """Record the corrected punch (runs inside the 決裁 transaction)."""
    day, kind, at, location, reason, problems = _parse(instance.payload)
    if problems:
        raise DomainError(problems)
    event: ClockEvent = ClockEvent.objects.create(
        organization_id=instance.organization_id, employee_id=instance.applicant_employee_id, kind=kind,
        occurred_at=at, received_at=at, business_date=day, source=ClockSource.CORRECTION, location_kind=location,
        idempotency_key=f"wf-{instance.pk}", entered_by_id=instance.applicant_id or actor.pk, reason=reason[:200],
    )  # fmt: skip
    if kind == ClockKind.CLOCK_IN:
        ClockEvent.objects.filter(
            employee_id=event.employee_id, kind=ClockKind.CLOCK_OUT, without_clock_in=True, business_date=day
        ).update(without_clock_in=False)
    audit_record(
        actor=actor, action=events.CORRECTED, target=event, target_label=f"修正申請 {day.isoformat()} {kind}",
        after={"employee": event.employee_id, "occurred_at": at, "application": instance.pk, "reason": reason},
    )  # fmt: skip


def register() -> None:
    register_application_type(CODE, LABEL, effect=effect, validate=validate, summarize=summarize)
