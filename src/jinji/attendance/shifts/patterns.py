"""Parsing a duty pattern from the admin form: one line per day of the cycle,

``表示名,区分,始業,終業,休憩`` — 区分 is 勤務 / 非番 / 週休日; times HH:MM, an end (or a break) not
after the start is on the next day; 休憩 ``12:00-13:00 22:00-06:30`` (space separated). Example
of a 消防 2部制 cycle::

    当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-06:30
    非番,非番
    週休,週休日
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.attendance.models import ShiftDayKind
from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.attendance import ShiftDay, WorkSchedule
from jinji.rules.errors import InvalidArgument

MAX_CYCLE_DAYS = 28
KINDS = {"勤務": ShiftDayKind.DUTY, "非番": ShiftDayKind.OFF, "週休日": ShiftDayKind.REST, "週休": ShiftDayKind.REST}


@dataclass(frozen=True, slots=True)
class PatternDayInput:
    label: str
    kind: str
    schedule: WorkSchedule | None

    @property
    def shift_day(self) -> ShiftDay:
        return ShiftDay(self.schedule, weekly_rest=self.kind == ShiftDayKind.REST)


def _time(text: str, what: str) -> datetime.time:
    try:
        return datetime.time.fromisoformat(text.strip().zfill(5))
    except ValueError:
        raise InvalidArgument(f"{what}を HH:MM で入力してください: {text!r}") from None


def _breaks(text: str) -> list[tuple[datetime.time, datetime.time]]:
    result = []
    for item in text.split():
        start, sep, end = item.partition("-")
        if not sep:
            raise InvalidArgument(f"休憩は 12:00-13:00 の形で入力してください: {item!r}")
        result.append((_time(start, "休憩の開始"), _time(end, "休憩の終了")))
    return result


def _line(text: str) -> PatternDayInput:
    parts = [p.strip() for p in text.split(",")]
    label, kind_text = parts[0], parts[1] if len(parts) > 1 else ""
    if not label or len(label) > 10:
        raise InvalidArgument("表示名を10文字以内で入力してください")
    kind = KINDS.get(kind_text)
    if kind is None:
        raise InvalidArgument(f"区分は 勤務・非番・週休日 のいずれかです: {kind_text!r}")
    if kind != ShiftDayKind.DUTY:
        if any(parts[2:]):
            raise InvalidArgument(f"{kind_text}の日には時刻を入力できません")
        return PatternDayInput(label, kind, None)
    if len(parts) < 4:
        raise InvalidArgument("勤務の日は 始業,終業 を入力してください")
    schedule = WorkSchedule.from_times(
        _time(parts[2], "始業"), _time(parts[3], "終業"), breaks=_breaks(parts[4] if len(parts) > 4 else ""),
        code=label,
    )  # fmt: skip
    return PatternDayInput(label, kind, schedule)


def parse_pattern_days(text: str) -> list[PatternDayInput]:
    """The cycle from the form's text; every bad line is reported with its line number."""
    lines = [line for line in text.replace("\r", "").split("\n") if line.strip()]
    if not 1 <= len(lines) <= MAX_CYCLE_DAYS:
        raise DomainError([FieldProblem("パターンの日", f"周期は1日から{MAX_CYCLE_DAYS}日までの行で入力してください")])
    problems: list[FieldProblem] = []
    days: list[PatternDayInput] = []
    for number, line in enumerate(lines, start=1):
        try:
            days.append(_line(line))
        except InvalidArgument as exc:
            problems.append(FieldProblem("パターンの日", str(exc), row=number))
    if problems:
        raise DomainError(problems)
    return days


def format_pattern_days(rows: list[tuple[str, str, int | None, int | None, list[list[int]]]]) -> str:
    """The form text of stored days (label, kind, start, end, breaks in minutes)."""

    def hm(minutes: int) -> str:
        return f"{minutes // 60 % 24:02d}:{minutes % 60:02d}"

    out = []
    for label, kind, start, end, breaks in rows:
        name = {ShiftDayKind.DUTY: "勤務", ShiftDayKind.OFF: "非番", ShiftDayKind.REST: "週休日"}[ShiftDayKind(kind)]
        if kind == ShiftDayKind.DUTY and start is not None and end is not None:
            spans = " ".join(f"{hm(a)}-{hm(b)}" for a, b in breaks)
            out.append(f"{label},{name},{hm(start)},{hm(end)},{spans}".rstrip(","))
        else:
            out.append(f"{label},{name}")
    return "\n".join(out)
