"""休暇の申請 (``leave_request``): days, half days or hours, approved through the workflow.

Payload: ``kind`` (LeaveKind), ``unit`` (day / half_day / hour), ``date`` (ISO); for days
``days`` (連続する日数); for half days ``half`` (am / pm); for hours ``start`` (HH:MM) and
``hours``; ``reason``. Checked on submission (overlap, balance) and again on 決裁 under the
row lock of the 休暇簿 (:func:`jinji.attendance.services.leave.leave_use_record`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinji.attendance.models import LeaveKind
from jinji.attendance.selectors.leave import default_schedule
from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.attendance import JST, WorkSchedule
from jinji.rules.attendance.clock import at_offset
from jinji.rules.leave import LeaveQuantity, LeaveUnit
from jinji.workflow.registry import ApplicationDraft, register_application_type

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance

CODE = "leave_request"
LABEL = "休暇の申請"
MAX_DAYS = 90


@dataclass(frozen=True, slots=True)
class LeaveAsk:
    """A parsed request: what is asked, as a ledger quantity and a time span."""

    kind: str
    unit: LeaveUnit
    on: datetime.date
    amount: LeaveQuantity
    starts_at: datetime.datetime
    ends_at: datetime.datetime

    @property
    def label(self) -> str:
        return f"{LeaveKind(self.kind).label} {self.amount}"


def _int(payload: Mapping[str, Any], name: str, label: str, low: int, high: int) -> tuple[int, list[FieldProblem]]:
    raw = payload.get(name)
    try:
        value = int(str(raw))
    except ValueError:
        return 0, [FieldProblem(f"payload.{name}", f"{label}を整数で入力してください")]
    if not low <= value <= high:
        return 0, [FieldProblem(f"payload.{name}", f"{label}は{low}〜{high}で入力してください")]
    return value, []


def _span(unit: LeaveUnit, day: datetime.date, payload: Mapping[str, Any], schedule: WorkSchedule) -> tuple[
    LeaveQuantity, datetime.datetime, datetime.datetime, list[FieldProblem]
]:  # fmt: skip
    midnight = at_offset(day, 0)
    if unit is LeaveUnit.DAY:
        days, problems = _int(payload, "days", "日数", 1, MAX_DAYS)
        return LeaveQuantity(days), midnight, midnight + datetime.timedelta(days=max(days, 1)), problems
    if unit is LeaveUnit.HALF_DAY:
        morning, afternoon = schedule.half_day_minutes()
        if payload.get("half") == "am":
            return LeaveQuantity(0, morning), at_offset(day, schedule.start), at_offset(day, schedule.breaks[0][0]), []
        if payload.get("half") == "pm":
            start = at_offset(day, schedule.breaks[0][1])
            return LeaveQuantity(0, afternoon), start, at_offset(day, schedule.end), []
        return (
            LeaveQuantity(),
            midnight,
            midnight,
            [FieldProblem("payload.half", "午前 (am) か午後 (pm) を選んでください")],
        )
    hours, problems = _int(payload, "hours", "時間数", 1, 7)
    try:
        clock = datetime.time.fromisoformat(str(payload.get("start", "")))
    except ValueError:
        return (
            LeaveQuantity(),
            midnight,
            midnight,
            [FieldProblem("payload.start", "開始時刻を HH:MM で入力してください")],
        )
    start = datetime.datetime.combine(day, clock, tzinfo=JST)
    return LeaveQuantity.of_hours(hours), start, start + datetime.timedelta(hours=hours), problems


def parse_leave(payload: Mapping[str, Any], *, organization_id: int) -> LeaveAsk:
    """The request in ``payload``; DomainError naming each wrong field."""
    problems: list[FieldProblem] = []
    kind = str(payload.get("kind", ""))
    if kind not in LeaveKind.values:
        problems.append(FieldProblem("payload.kind", "休暇の種類を選んでください"))
    try:
        unit = LeaveUnit(str(payload.get("unit", "")))
    except ValueError:
        raise DomainError(
            [*problems, FieldProblem("payload.unit", "単位は 日・半日・時間 から選んでください")]
        ) from None
    try:
        day = datetime.date.fromisoformat(str(payload.get("date", "")))
    except ValueError:
        raise DomainError([*problems, FieldProblem("payload.date", "日付を入力してください(例: 2026-06-10)")]) from None
    amount, start, end, more = _span(unit, day, payload, default_schedule(organization_id))
    problems.extend(more)
    if problems:
        raise DomainError(problems)
    return LeaveAsk(kind, unit, day, amount, start, end)


def validate(draft: ApplicationDraft) -> Sequence[FieldProblem]:
    from jinji.attendance.services.leave import leave_check

    try:
        ask = parse_leave(draft.payload, organization_id=draft.organization_id)
        leave_check(organization_id=draft.organization_id, employee_id=draft.applicant_employee_id, ask=ask)
    except DomainError as exc:
        return exc.problems
    return []


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    unit = {"day": f"{payload.get('days', '')}日", "half_day": "半日", "hour": f"{payload.get('hours', '')}時間"}
    kind = LeaveKind(payload["kind"]).label if payload.get("kind") in LeaveKind.values else ""
    when = str(payload.get("date", "")) + (f" {payload.get('start')}から" if payload.get("unit") == "hour" else "")
    return [("休暇の種類", kind), ("日時", when), ("期間", unit.get(str(payload.get("unit")), ""))]


def effect(instance: WorkflowInstance, actor: User) -> None:
    """Record the use in the 休暇簿 (under the account's row lock)."""
    from jinji.attendance.services.leave import leave_use_record

    ask = parse_leave(instance.payload, organization_id=instance.organization_id)
    leave_use_record(acting_user=actor, employee_id=instance.applicant_employee_id, ask=ask, application_id=instance.pk)


def register() -> None:
    register_application_type(
        CODE, LABEL, effect=effect, validate=validate, summarize=summarize, attributes={"days": "日数"}
    )
