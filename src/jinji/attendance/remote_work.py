"""在宅勤務・ワーケーションの申請 (``remote_work``), approved by the 所属長 through the workflow.

Payload: ``kind`` (``home`` 在宅 / ``workation`` ワーケーション); the days either as ``dates``
(individual days, ISO, separated by commas or spaces) or as a range ``start``–``end`` (inclusive;
週休日・休日 of the standard calendar are skipped in a range of several days; a single day is taken as
chosen, e.g. for staff on a rotation); ``place`` (勤務地; required for ワーケーション),
``contact`` (連絡先; required for ワーケーション), ``reason``. Checked on submission (overlaps,
the organization's caps counting approved and pending days) and again on 決裁 under the
employee's row lock (:func:`jinji.attendance.services.remote_work.remote_work_record`).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinji.attendance.models import LocationKind
from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.attendance import DayType, day_type_of
from jinji.workflow.registry import ApplicationDraft, register_application_type

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance

CODE = "remote_work"
LABEL = "在宅勤務・ワーケーションの申請"
MAX_DAYS = 31
REMOTE_KINDS = (LocationKind.HOME, LocationKind.WORKATION)
KIND_NAMES = {LocationKind.HOME.value: "在宅勤務", LocationKind.WORKATION.value: "ワーケーション"}
_SEPARATORS = re.compile(r"[\s,、]+")


@dataclass(frozen=True, slots=True)
class RemoteAsk:
    """A parsed request: the kind, the (sorted, distinct) days and where."""

    kind: str
    days: tuple[datetime.date, ...]
    place: str
    contact: str
    reason: str

    @property
    def label(self) -> str:
        first, last = self.days[0], self.days[-1]
        span = first.isoformat() if first == last else f"{first.isoformat()}〜{last.isoformat()}"
        return f"{KIND_NAMES[self.kind]} {span}({len(self.days)}日)"


def _date(raw: object, field: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(str(raw).strip())
    except ValueError:
        raise DomainError([FieldProblem(field, f"「{raw}」は日付ではありません(例: 2026-06-10)")]) from None


def _range_days(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    if end < start:
        raise DomainError([FieldProblem("終了日", "終了日は開始日以降の日付にしてください")])
    if (end - start).days >= 2 * MAX_DAYS:
        raise DomainError([FieldProblem("終了日", f"期間が長すぎます(1回の申請は{MAX_DAYS}日まで)")])
    days = [start + datetime.timedelta(days=n) for n in range((end - start).days + 1)]
    workdays = [d for d in days if day_type_of(d) is DayType.WORKDAY]
    if not workdays:
        raise DomainError([FieldProblem("開始日", "期間に勤務日がありません(週休日・休日は除かれます)")])
    return workdays


def _days(payload: Mapping[str, Any]) -> tuple[datetime.date, ...]:
    listed = [part for part in _SEPARATORS.split(str(payload.get("dates", "") or "")) if part]
    if listed:
        days = [_date(part, "日付") for part in listed]
    else:
        if not str(payload.get("start", "") or "").strip():
            raise DomainError([FieldProblem("開始日", "勤務する日(開始日)を入力してください")])
        start = _date(payload.get("start"), "開始日")
        raw_end = str(payload.get("end", "") or "").strip()
        end = _date(raw_end, "終了日") if raw_end else start
        days = [start] if end == start else _range_days(start, end)  # one day is taken as chosen
    distinct = tuple(sorted(set(days)))
    if len(distinct) > MAX_DAYS:
        raise DomainError([FieldProblem("日付", f"1回の申請は{MAX_DAYS}日までです({len(distinct)}日あります)")])
    return distinct


def parse_remote(payload: Mapping[str, Any]) -> RemoteAsk:
    """The request in ``payload``; DomainError naming each wrong field."""
    kind = str(payload.get("kind", ""))
    if kind not in REMOTE_KINDS:
        raise DomainError([FieldProblem("区分", "在宅勤務 (home) かワーケーション (workation) を選んでください")])
    days = _days(payload)
    place = str(payload.get("place", "") or "").strip()
    contact = str(payload.get("contact", "") or "").strip()
    reason = str(payload.get("reason", "") or "").strip()
    problems: list[FieldProblem] = []
    if kind == LocationKind.WORKATION:
        if not place:
            problems.append(FieldProblem("勤務地", "ワーケーションの勤務地(市町村・施設名)を入力してください"))
        if not contact:
            problems.append(FieldProblem("連絡先", "ワーケーション中の連絡先(電話番号など)を入力してください"))
    if not reason:
        problems.append(FieldProblem("理由", "理由(業務の内容)を入力してください"))
    for value, label in ((place, "勤務地"), (contact, "連絡先")):
        if len(value) > 100:
            problems.append(FieldProblem(label, "100文字以内で入力してください"))
    if problems:
        raise DomainError(problems)
    return RemoteAsk(kind, days, place or ("自宅" if kind == LocationKind.HOME else ""), contact, reason[:200])


def validate(draft: ApplicationDraft) -> Sequence[FieldProblem]:
    from jinji.attendance.services.remote_work import remote_work_check

    try:
        ask = parse_remote(draft.payload)
        remote_work_check(
            organization_id=draft.organization_id, employee_id=draft.applicant_employee_id, ask=ask, with_pending=True
        )
    except DomainError as exc:
        return exc.problems
    return []


def summarize(payload: Mapping[str, Any]) -> Sequence[tuple[str, str]]:
    kind = KIND_NAMES.get(str(payload.get("kind")), "")
    if payload.get("dates"):
        when = str(payload["dates"])
    else:
        start, end = str(payload.get("start", "")), str(payload.get("end", "") or "")
        when = f"{start}〜{end}(週休日・休日を除く)" if end and end != start else start
    rows = [("区分", kind), ("日付", when), ("勤務地", str(payload.get("place", "")))]
    if payload.get("contact"):
        rows.append(("連絡先", str(payload["contact"])))
    rows.append(("理由", str(payload.get("reason", ""))))
    return rows


def effect(instance: WorkflowInstance, actor: User) -> None:
    """Record the approved days (under the employee's row lock, re-checking overlaps and caps)."""
    from jinji.attendance.services.remote_work import remote_work_record

    remote_work_record(
        acting_user=actor,
        employee_id=instance.applicant_employee_id,
        ask=parse_remote(instance.payload),
        application_id=instance.pk,
    )


def register() -> None:
    register_application_type(
        CODE, LABEL, effect=effect, validate=validate, summarize=summarize, attributes={"days": "日数"}
    )
