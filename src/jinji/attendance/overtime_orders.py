"""時間外勤務命令 (``overtime_order``): requested by staff or entered by the 庶務担当, approved by the
所属長 through the workflow. Payload: ``date``, ``start`` / ``end`` (HH:MM; an end not after the
start is the next morning), ``reason`` (業務内容), ``exceptional_reason`` (特例業務, required when
the order would break a cap). Checked against the caps on submission and again on 決裁."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.attendance import JST
from jinji.workflow.registry import ApplicationDraft, register_application_type

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance

CODE = "overtime_order"
LABEL = "時間外勤務命令(申請)"


@dataclass(frozen=True, slots=True)
class OvertimeAsk:
    day: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    reason: str
    exceptional_reason: str

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds()) // 60


def parse_overtime(payload: Mapping[str, Any]) -> OvertimeAsk:
    problems: list[FieldProblem] = []
    try:
        day = datetime.date.fromisoformat(str(payload.get("date", "")))
    except ValueError:
        raise DomainError([FieldProblem("payload.date", "勤務日を入力してください(例: 2026-06-10)")]) from None
    times: list[datetime.datetime] = []
    for name, label in (("start", "開始時刻"), ("end", "終了時刻")):
        try:
            times.append(datetime.datetime.combine(day, datetime.time.fromisoformat(str(payload.get(name, ""))), JST))
        except ValueError:
            problems.append(FieldProblem(f"payload.{name}", f"{label}を HH:MM で入力してください"))
    reason = str(payload.get("reason", "")).strip()
    if not reason:
        problems.append(FieldProblem("payload.reason", "業務の内容を入力してください"))
    if problems:
        raise DomainError(problems)
    start, end = times
    if end <= start:
        end += datetime.timedelta(days=1)
    return OvertimeAsk(day, start, end, reason[:200], str(payload.get("exceptional_reason", "")).strip()[:200])


def validate(draft: ApplicationDraft) -> Sequence[FieldProblem]:
    from jinji.attendance.services.overtime import overtime_cap_check

    try:
        ask = parse_overtime(draft.payload)
        overtime_cap_check(organization_id=draft.organization_id, employee_id=draft.applicant_employee_id, ask=ask)
    except DomainError as exc:
        return exc.problems
    return []


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    rows = [("勤務日", str(payload.get("date", ""))), ("時間", f"{payload.get('start', '')}〜{payload.get('end', '')}"),
            ("業務内容", str(payload.get("reason", "")))]  # fmt: skip
    if payload.get("exceptional_reason"):
        rows.append(("特例業務の理由", str(payload["exceptional_reason"])))
    return rows


def effect(instance: WorkflowInstance, actor: User) -> None:
    from jinji.attendance.services.overtime import overtime_order_record

    overtime_order_record(acting_user=actor, instance=instance, ask=parse_overtime(instance.payload))


def register() -> None:
    register_application_type(CODE, LABEL, effect=effect, validate=validate, summarize=summarize,
                              attributes={"minutes": "時間外勤務の分"})  # fmt: skip
