"""勤務時間の割振り: patterns (標準・時差出勤 …) and their effective-dated assignment to an employee
(人事担当・システム管理者). Errors name the field; nothing is half-saved."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance import events
from jinji.attendance.models import Schedule, ScheduleAssignment
from jinji.attendance.services.admin_access import require_attendance_admin
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.models import Employee
from jinji.personnel.permissions import Purpose, employee_scope_q
from jinji.rules.attendance import WorkSchedule, duration_ja
from jinji.rules.errors import InvalidArgument

WEEKDAY_LABELS = ("月", "火", "水", "木", "金", "土", "日")


def hhmm(minutes: int | None) -> str:
    """510 → "08:30" (form value); empty for None."""
    return "" if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True, slots=True)
class ScheduleInput:
    code: str
    name: str
    start: int
    end: int
    break_start: int | None
    break_end: int | None
    is_default: bool

    @property
    def work_schedule(self) -> WorkSchedule:
        breaks = () if self.break_start is None or self.break_end is None else ((self.break_start, self.break_end),)
        return WorkSchedule(self.start, self.end, breaks, self.code)

    @property
    def daily_minutes(self) -> int:
        """正規の勤務時間 of the day (8:30–17:15, 休憩60分 → 465)."""
        return self.work_schedule.daily_minutes


def daily_minutes_of(row: Schedule) -> int | None:
    """正規の勤務時間 of a saved pattern (breaks removed); None if the stored times are inconsistent."""
    breaks: tuple[tuple[int, int], ...] = ()
    if row.break_start_minute is not None and row.break_end_minute is not None:
        breaks = ((row.break_start_minute, row.break_end_minute),)
    try:
        return WorkSchedule(row.start_minute, row.end_minute, breaks, row.code).daily_minutes
    except InvalidArgument:
        return None


def _minute(raw: Mapping[str, str], name: str, label: str, problems: list[FieldProblem]) -> int | None:
    text = raw.get(name, "").strip()
    if not text:
        return None
    try:
        value = datetime.time.fromisoformat(text)
    except ValueError:
        problems.append(FieldProblem(label, f"「{text}」を HH:MM で入力してください(例: 08:30)"))
        return None
    return value.hour * 60 + value.minute


def _check_times(start: int, end: int, b_start: int | None, b_end: int | None) -> list[FieldProblem]:
    if end <= start:
        return [FieldProblem("終業", f"終業 ({hhmm(end)}) は始業 ({hhmm(start)}) より後の時刻にしてください")]
    if (b_start is None) != (b_end is None):
        return [FieldProblem("休憩", "休憩の開始と終了は両方入力するか、両方空欄にしてください")]
    if b_start is None or b_end is None:
        return []
    if b_end <= b_start:
        return [FieldProblem("休憩終了", "休憩の終了は開始より後の時刻にしてください")]
    if b_start < start or b_end > end:
        return [FieldProblem("休憩開始", f"休憩は勤務時間 ({hhmm(start)}〜{hhmm(end)}) の中に入れてください")]
    return []


def parse_schedule(raw: Mapping[str, str]) -> ScheduleInput:
    """The form's fields → a checked pattern; DomainError naming each wrong field."""
    problems: list[FieldProblem] = []
    code, name = raw.get("code", "").strip(), raw.get("name", "").strip()
    if not code or len(code) > 20:
        problems.append(FieldProblem("コード", "コードを20文字以内で入力してください(例: standard, A)"))
    if not name or len(name) > 50:
        problems.append(FieldProblem("名称", "名称を50文字以内で入力してください(例: 時差出勤A)"))
    start = _minute(raw, "start", "始業", problems)
    end = _minute(raw, "end", "終業", problems)
    b_start = _minute(raw, "break_start", "休憩開始", problems)
    b_end = _minute(raw, "break_end", "休憩終了", problems)
    for value, label, key in ((start, "始業", "start"), (end, "終業", "end")):
        if value is None and not raw.get(key, "").strip():
            problems.append(FieldProblem(label, f"{label}の時刻を入力してください"))
    if problems:
        raise DomainError(problems)
    assert start is not None
    assert end is not None
    problems = _check_times(start, end, b_start, b_end)
    if problems:
        raise DomainError(problems)
    return ScheduleInput(code, name, start, end, b_start, b_end, raw.get("is_default", "") in {"1", "on", "true"})


def _snapshot(row: Schedule) -> dict[str, object]:
    return {"code": row.code, "name": row.name, "start": row.start_minute, "end": row.end_minute,
            "break_start": row.break_start_minute, "break_end": row.break_end_minute,
            "is_default": row.is_default}  # fmt: skip


def schedule_save(*, acting_user: User, schedule_id: int | None, data: ScheduleInput) -> Schedule:
    """Create or change a pattern; marking it 団体の標準 unmarks the previous one."""
    require_attendance_admin(acting_user)
    org_id = acting_user.organization_id
    with transaction.atomic():
        rows = Schedule.objects.for_organization(org_id).select_for_update()
        schedule = Schedule(organization_id=org_id)
        if schedule_id is not None:
            found = rows.filter(pk=schedule_id).first()
            if found is None:
                raise DomainError([FieldProblem("割振り", "指定した割振りはありません")])
            schedule = found
        if rows.filter(code=data.code).exclude(pk=schedule.pk).exists():
            raise DomainError([FieldProblem("コード", f"コード「{data.code}」は既に使われています")])
        before = _snapshot(schedule) if schedule.pk else None
        if data.is_default:
            rows.filter(is_default=True).exclude(pk=schedule.pk).update(is_default=False)
        schedule.code, schedule.name, schedule.is_default = data.code, data.name, data.is_default
        schedule.start_minute, schedule.end_minute = data.start, data.end
        schedule.break_start_minute, schedule.break_end_minute = data.break_start, data.break_end
        schedule.save()
        audit_record(actor=acting_user, action=events.SCHEDULE_SAVED, target=schedule,
                     target_label=f"{schedule.name}({duration_ja(data.daily_minutes)})",
                     before=before, after=_snapshot(schedule))  # fmt: skip
    return schedule


@dataclass(frozen=True, slots=True)
class AssignmentInput:
    staff_number: str
    schedule_id: int
    valid_from: datetime.date
    valid_to: datetime.date | None
    weekdays: str


def _day(raw: Mapping[str, str], name: str, label: str, problems: list[FieldProblem]) -> datetime.date | None:
    text = raw.get(name, "").strip()
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        problems.append(FieldProblem(label, f"「{text}」は日付ではありません(例: 2026-04-01)"))
        return None


def parse_assignment(raw: Mapping[str, str], weekdays: list[str]) -> AssignmentInput:
    problems: list[FieldProblem] = []
    staff_number = raw.get("staff_number", "").strip()
    if not staff_number:
        problems.append(FieldProblem("職員番号", "職員番号を入力してください"))
    schedule_raw = raw.get("schedule", "")
    if not schedule_raw.isdigit():
        problems.append(FieldProblem("割振り", "割振りのパターンを選んでください"))
    valid_from = _day(raw, "valid_from", "適用開始日", problems)
    if valid_from is None and not raw.get("valid_from", "").strip():
        problems.append(FieldProblem("適用開始日", "適用開始日を入力してください"))
    valid_to = _day(raw, "valid_to", "適用終了日", problems)
    days = "".join(sorted({d for d in weekdays if d in "0123456" and len(d) == 1}))
    if not days:
        problems.append(FieldProblem("勤務する曜日", "勤務する曜日を1つ以上選んでください"))
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        problems.append(FieldProblem("適用終了日", "適用終了日は適用開始日以降にしてください"))
    if problems:
        raise DomainError(problems)
    assert valid_from is not None
    return AssignmentInput(staff_number, int(schedule_raw), valid_from, valid_to, days)


def _period(a: ScheduleAssignment) -> str:
    return f"{a.valid_from.isoformat()}〜{a.valid_to.isoformat() if a.valid_to else ''}"


def schedule_assign(*, acting_user: User, data: AssignmentInput) -> ScheduleAssignment:
    """Assign a pattern from ``valid_from`` (人事担当, employees they may change). An earlier open-ended
    assignment is closed the day before; any other overlap is refused (naming the existing period).
    The employee's row is locked."""
    if not has_role(acting_user, (Role.HR,)):
        raise NotPermitted([FieldProblem("権限", "職員への割振りの適用は人事担当のみが行えます")])
    org_id = acting_user.organization_id
    with transaction.atomic():
        reachable = Employee.objects.for_organization(org_id).filter(
            employee_scope_q(acting_user, purpose=Purpose.CHANGE)
        )
        employee = reachable.select_for_update().filter(staff_number=data.staff_number).first()
        if employee is None:
            raise DomainError([FieldProblem("職員番号", f"職員番号「{data.staff_number}」の職員はいません")])
        schedule = Schedule.objects.for_organization(org_id).filter(pk=data.schedule_id).first()
        if schedule is None:
            raise DomainError([FieldProblem("割振り", "指定した割振りはありません")])
        existing = ScheduleAssignment.objects.for_organization(org_id).filter(employee=employee)
        if data.valid_to is not None:
            existing = existing.filter(valid_from__lte=data.valid_to)
        closed: list[str] = []
        for row in existing.exclude(valid_to__lt=data.valid_from).order_by("valid_from"):
            if row.valid_from < data.valid_from and row.valid_to is None:
                closed.append(_period(row))
                row.valid_to = data.valid_from - datetime.timedelta(days=1)
                row.save(update_fields=["valid_to"])
                continue
            raise DomainError([FieldProblem("適用開始日", f"既存の割振り ({_period(row)}) と期間が重なっています")])
        assignment: ScheduleAssignment = ScheduleAssignment.objects.create(
            organization_id=org_id, employee=employee, schedule=schedule, valid_from=data.valid_from,
            valid_to=data.valid_to, weekdays=data.weekdays,
        )  # fmt: skip
        days = "".join(WEEKDAY_LABELS[int(d)] for d in data.weekdays)
        audit_record(actor=acting_user, action=events.SCHEDULE_ASSIGNED, target=assignment,
                     target_label=f"{employee.staff_number} {schedule.name} {_period(assignment)} {days}",
                     after={"employee": employee.pk, "schedule": schedule.pk, "valid_from": data.valid_from,
                            "valid_to": data.valid_to, "weekdays": data.weekdays, "closed": closed})  # fmt: skip
    return assignment
