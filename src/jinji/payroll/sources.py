"""Optional inputs from apps above payroll (勤怠, 認定簿, 人事評価), behind a small registry.

Payroll sits below attendance, applications and evaluation in the layers, so it never imports
them statically. Each source is a plain callable; :func:`attendance_source` and friends return
the registered one, else the sibling app's selector found by name (``importlib``), else None.
Tests inject data with ``register_*_source``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from jinji.rules.payslip import MonthAttendance


@dataclass(frozen=True, slots=True)
class AttendanceMonth:
    """What payroll needs from 勤怠 for one employee's month."""

    attendance: MonthAttendance
    closed: bool


class AttendanceSource(Protocol):
    """``units``: employee id → 所属 (the unit whose 勤怠締め counts for the employee)."""

    def __call__(
        self, *, organization_id: int, units: Mapping[int, int], year: int, month: int
    ) -> Mapping[int, AttendanceMonth]: ...


AllowanceFactsSource = Callable[..., Mapping[int, list[Any]]]
"""``(organization=, on=) -> {employee_id: [Determination with .kind and .basis]}`` (認定簿)."""

PerformanceSource = Callable[..., Mapping[int, str]]
"""``(organization=, bonus_date=) -> {employee_id: 成績率の区分}``."""

_registry: dict[str, Any] = {}


def register_attendance_source(source: AttendanceSource | None) -> None:
    """Use ``source`` for 勤怠 (None: back to the default lookup)."""
    _set("attendance", source)


def register_allowance_source(source: AllowanceFactsSource | None) -> None:
    _set("allowances", source)


def register_performance_source(source: PerformanceSource | None) -> None:
    _set("performance", source)


def _set(key: str, value: Any) -> None:
    if value is None:
        _registry.pop(key, None)
    else:
        _registry[key] = value


def _lookup(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _attendance_from_app() -> AttendanceSource | None:
    summary = _lookup("jinji.attendance.selectors", "monthly_summary")
    closed_units = _lookup("jinji.attendance.selectors.closes", "closed_unit_ids")
    if summary is None or closed_units is None:
        return None
    from jinji.rules.attendance import to_pay_attendance

    def source(
        *, organization_id: int, units: Mapping[int, int], year: int, month: int
    ) -> Mapping[int, AttendanceMonth]:
        rows = summary(organization=organization_id, employee_ids=list(units), year=year, month=month)
        closed = set(closed_units(organization=organization_id, year=year, month=month))
        out: dict[int, AttendanceMonth] = {}
        for employee_id, unit in units.items():
            s = rows.get(employee_id)
            att = to_pay_attendance(s) if s is not None else MonthAttendance()
            out[employee_id] = AttendanceMonth(attendance=att, closed=unit in closed)
        return out

    return source


def attendance_source() -> AttendanceSource | None:
    registered: AttendanceSource | None = _registry.get("attendance")
    return registered if registered is not None else _attendance_from_app()


def allowance_source() -> AllowanceFactsSource | None:
    registered: AllowanceFactsSource | None = _registry.get("allowances")
    if registered is not None:
        return registered
    found: AllowanceFactsSource | None = _lookup(
        "jinji.applications.selectors.determinations", "allowance_determinations"
    )
    return found


def performance_source() -> PerformanceSource | None:
    registered: PerformanceSource | None = _registry.get("performance")
    if registered is not None:
        return registered
    found: PerformanceSource | None = _lookup("jinji.evaluation.selectors.pay", "performance_ratios")
    return found
