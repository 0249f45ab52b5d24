"""The periods of a month an employee held each post, turned into a :class:`PartMonth` for 日割.

An employee hired or separated inside the month, or whose 本務 changed inside it (異動 to another
unit, 昇格, a new 管理職手当の種 …), is paid by days (:mod:`jinji.rules.pay.prorate`). Periods whose
pay is the same are merged, so a move that changes nothing in pay is not pro-rated.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from jinji.core.models import as_of_q
from jinji.payroll.facts import SETTING_FIELDS, Facts, allowance_input
from jinji.payroll.models import EmployeePaySetting
from jinji.payroll.part_month import PartMonth, Period
from jinji.payroll.salary_input import post_salary
from jinji.rules.pay.prorate import month_bounds, required_days, working_days
from jinji.rules.payslip import InsuranceInput, PayInput
from jinji.rules.payslip.inputs import NO_INSURANCE

CHUNK = 5000


class Span(NamedTuple):
    """One 本務 period inside the month (dates clipped to the month, the hire and the separation)."""

    start: datetime.date
    end: datetime.date
    org_unit_id: int
    appointment_type: str
    schedule_code: str | None
    grade: int | None
    step: int | None
    weekly_minutes: int


def settings_on(organization_id: int, employee_ids: Collection[int], on: datetime.date) -> dict[int, Any]:
    """給与の個人設定 of ``employee_ids`` in force on ``on`` (movers only; one query per 5,000 of them,
    keeping the ``IN`` list under SQLite's parameter limit)."""
    ids = sorted(employee_ids)
    out: dict[int, Any] = {}
    for start in range(0, len(ids), CHUNK):
        rows = (
            EmployeePaySetting.objects.for_organization(organization_id)
            .filter(as_of_q(on), employee_id__in=ids[start : start + CHUNK])
            .order_by("employee_id", "valid_from")
            .values_list("employee_id", *SETTING_FIELDS, named=True)
        )
        out.update((row.employee_id, row) for row in rows)
    return out


def _without_next_month_allowances(inp: PayInput) -> PayInput:
    """扶養・住居・通勤 start the month after a hire (給与法 第11条の3 etc. ❓, see prorate)."""
    a = dataclasses.replace(
        inp.allowances,
        spouse=False,
        children=0,
        special_period_children=0,
        other_dependents=0,
        rent=0,
        single_posting_family=False,
        transit_fare=0,
        vehicle_distance_m=0,
        parking_fee=0,
    )
    return dataclasses.replace(inp, allowances=a)


def _insurance_in_leaving_month(ins: InsuranceInput) -> InsuranceInput:
    """共済 掛金 stop with the month before membership is lost (the day after the separation),
    payroll-rules.md §B1 ✅; 雇用保険 is still due on the month's wages. 協会けんぽ・厚生年金 are
    deducted a month late, so that month's deduction (the previous month's premium) stays."""
    if ins.scheme != "mutual_aid" or ins.welfare_pension:
        return ins
    return InsuranceInput(scheme="none", employment_insurance=True) if ins.employment_insurance else NO_INSURANCE


def _period_input(inp: PayInput, span: Span, facts: Facts) -> PayInput:
    """``inp`` (the month's input on the latest post) with the pay of the post held in ``span``."""
    eid = int(inp.employee_id)
    salary = post_salary(span.appointment_type, span.schedule_code, span.grade, span.step, span.weekly_minutes)
    if inp.salary is not None and salary is not None:
        return dataclasses.replace(inp, salary=salary, allowances=allowance_input(eid, facts, regular=True))
    return inp


def _merge(periods: list[Period]) -> list[Period]:
    """Join consecutive periods whose pay is the same (only the days add up)."""
    merged: list[Period] = []
    for p in periods:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.pay_input.salary == p.pay_input.salary
            and prev.pay_input.appointee == p.pay_input.appointee
            and prev.pay_input.allowances == p.pay_input.allowances
        ):
            merged[-1] = Period(p.pay_input, prev.start, p.end, prev.days + p.days, p.org_unit_id)
        else:
            merged.append(p)
    return merged


def part_month(
    inp: PayInput,
    spans: tuple[Span, ...],
    facts: Facts,
    earlier: Mapping[datetime.date, Facts],
    *,
    hired_on: datetime.date,
    separated_on: datetime.date | None,
) -> PartMonth | None:
    """The 日割 of a month, or None when the month is paid in full after all (same pay throughout).

    ``earlier`` holds the facts in force at the end of each earlier period (pay settings by date).
    Only 給料 and 月額の報酬 are pro-rated; 日額・時間額の報酬 already follow the days worked.
    """
    if inp.appointee is not None and inp.appointee.basis != "monthly":
        return None
    first, last = month_bounds(spans[-1].start)
    hired_mid = first < hired_on <= last
    left_mid = separated_on is not None and first <= separated_on < last
    periods: list[Period] = []
    for span in spans:
        if span.end < span.start:
            continue
        own = facts if span is spans[-1] else earlier.get(span.end, facts)
        period_inp = _period_input(inp, span, own)
        if hired_mid:
            period_inp = _without_next_month_allowances(period_inp)
        if left_mid:
            period_inp = dataclasses.replace(period_inp, insurance=_insurance_in_leaving_month(inp.insurance))
        periods.append(Period(period_inp, span.start, span.end, working_days(span.start, span.end), span.org_unit_id))
    periods = _merge(periods)
    required = required_days(first)
    if not periods:
        return None
    if len(periods) == 1 and periods[0].days == required and not (hired_mid or left_mid):
        return None
    return PartMonth(periods=tuple(periods), required=required)
