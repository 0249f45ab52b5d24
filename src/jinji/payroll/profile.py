"""Pay profile: every employee of a 給与支払者 as of a pay date, gathered set-based into PayInput.

A fixed number of queries whatever the number of employees (assignments, dependants, commute,
insurance, 住民税, deductions, pay settings, bank accounts, plus the optional sources). Facts
that block a payslip (no 号給, no 報酬額) become named problems instead of an input.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q

from jinji.payroll import sources
from jinji.payroll.calendar import appointee_work_month, month_end, regular_work_month
from jinji.payroll.facts import Facts, allowance_input, gather_facts, insurance_input
from jinji.payroll.part_month import PartMonth
from jinji.payroll.periods import Span, part_month, settings_on
from jinji.payroll.salary_input import post_salary
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind
from jinji.rules.errors import RulesError
from jinji.rules.payslip import AppointeePay, MonthAttendance, PayInput, SalaryGrade, TaxInput

if TYPE_CHECKING:
    from jinji.payroll.models import PayrollCalendar, PayrollRun

APPOINTEE_TYPES = frozenset({AppointmentType.FISCAL_YEAR_FULL, AppointmentType.FISCAL_YEAR_PART})


@dataclass(frozen=True, slots=True)
class Problem:
    """A named problem with one employee (shown in the review step)."""

    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Profile:
    employee_id: int
    staff_number: str
    name: str
    org_unit_id: int
    is_appointee: bool
    pay_input: PayInput | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    part_month: PartMonth | None = None  # 日割: computed by jinji.payroll.part_month


@dataclass(frozen=True, slots=True)
class _Post:
    employee_id: int
    staff_number: str
    name: str
    birth_date: datetime.date
    org_unit_id: int
    appointment_type: str
    schedule_code: str | None
    grade: int | None
    step: int | None
    weekly_minutes: int
    part_month: bool  # hired, separated or moved (another post or 号給) inside the month
    hired_on: datetime.date
    separated_on: datetime.date | None
    spans: tuple[Span, ...]  # every 本務 period of the month, in date order


def _posts(
    organization_id: int, payer_id: int, first: datetime.date, employee_ids: Collection[int] | None
) -> list[_Post]:
    """The latest 本務 of each employee of the payer in the month, with all its periods (one query)."""
    last = month_end(first)
    qs = (
        Assignment.objects.for_organization(organization_id)
        .filter(payer_id=payer_id, kind=AssignmentKind.PRIMARY, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .filter(Q(employee__separated_on__isnull=True) | Q(employee__separated_on__gte=first))
    )
    if employee_ids is not None:
        qs = qs.filter(employee_id__in=list(employee_ids))
    rows = qs.order_by("employee_id", "valid_from")
    latest: dict[int, _Post] = {}
    for row in rows.values_list(*_POST_FIELDS).iterator(chunk_size=5000):
        eid, number, family, given, birth, unit, kind, code, grade, step, weekly, hired, left, start, end = row
        until = min(end or last, last, left or last)
        span = Span(max(start, first, hired), until, unit, kind, code, grade, step, weekly)
        before = latest.get(eid)
        spans = (*before.spans, span) if before is not None else (span,)
        part = first < hired <= last or (left is not None and left < last) or len(spans) > 1
        latest[eid] = _Post(
            eid, number, f"{family} {given}", birth, unit, kind, code, grade, step, weekly, part, hired, left, spans
        )
    return sorted(latest.values(), key=lambda p: p.staff_number)


_POST_FIELDS = (
    "employee_id", "employee__staff_number", "employee__family_name", "employee__given_name",
    "employee__birth_date", "org_unit_id", "appointment_type", "salary_schedule__code", "grade", "step",
    "weekly_minutes", "employee__hired_on", "employee__separated_on", "valid_from", "valid_to",
)  # fmt: skip


@functools.lru_cache(maxsize=64)
def tax_input(column: str, dependents: int) -> TaxInput:
    return TaxInput(column=column, dependents=dependents)


def _pay_basis(post: _Post, facts: Facts) -> tuple[SalaryGrade | None, AppointeePay | None, Problem | None]:
    setting = facts.settings.get(post.employee_id)
    if post.appointment_type in APPOINTEE_TYPES:
        if setting is None or not setting.appointee_basis or not setting.appointee_rate:
            return None, None, Problem("missing_appointee_rate", "会計年度任用職員の報酬額(給与の個人設定)がありません")
        weekly = min(post.weekly_minutes, 2325) or 2325
        return (
            None,
            AppointeePay(basis=setting.appointee_basis, rate=setting.appointee_rate, weekly_minutes=weekly),
            None,
        )
    salary = post_salary(post.appointment_type, post.schedule_code, post.grade, post.step, post.weekly_minutes)
    if salary is None:
        return None, None, Problem("missing_salary_step", "給料表・級・号給が設定されていません")
    return salary, None, None


def _build(
    post: _Post,
    facts: Facts,
    paid_on: datetime.date,
    attendance: sources.AttendanceMonth | None,
    checked: bool,
    *,
    earlier: Mapping[datetime.date, Facts],
) -> Profile:
    problems: list[Problem] = []
    warnings: list[Problem] = []
    salary, appointee, problem = _pay_basis(post, facts)
    if problem is not None:
        problems.append(problem)
    if post.employee_id not in facts.banked:
        problems.append(Problem("missing_bank_account", "振込口座が登録されていません"))
    if checked and (attendance is None or not attendance.closed):
        problems.append(Problem("attendance_not_closed", "勤怠の月次締めが済んでいません"))
    inp: PayInput | None = None
    eid = post.employee_id
    if salary is not None or appointee is not None:
        try:
            inp = PayInput(
                employee_id=str(post.employee_id),
                paid_on=paid_on,
                salary=salary,
                appointee=appointee,
                allowances=allowance_input(post.employee_id, facts, regular=salary is not None),
                attendance=attendance.attendance if attendance is not None else MonthAttendance(),
                insurance=insurance_input(post.employee_id, post.birth_date, facts),
                tax=tax_input(facts.tax_column(eid), facts.tax_dependents[eid]),
                resident_tax=facts.resident_tax.get(post.employee_id, 0),
                other_deductions=tuple(facts.deductions.get(post.employee_id, ())),
                other_earnings=facts.other_earnings.get(eid, ()),
            )
        except RulesError as exc:
            problems.append(Problem("invalid_input", str(exc)))
    pm: PartMonth | None = None
    if inp is not None and post.part_month:
        try:
            pm = part_month(inp, post.spans, facts, earlier, hired_on=post.hired_on, separated_on=post.separated_on)
        except RulesError as exc:
            problems.append(Problem("invalid_input", str(exc)))
        if pm is not None:
            warnings.append(Problem("part_month", f"日割計算: {pm.describe()}"))
    return Profile(
        employee_id=post.employee_id,
        staff_number=post.staff_number,
        name=post.name,
        org_unit_id=post.org_unit_id,
        is_appointee=appointee is not None or post.appointment_type in APPOINTEE_TYPES,
        pay_input=inp,
        problems=tuple(problems),
        warnings=tuple(warnings),
        part_month=pm,
    )


def pay_profiles(
    *,
    organization_id: int,
    payer_id: int,
    month: datetime.date,
    paid_on: datetime.date,
    attendance_month: datetime.date,
    appointee_attendance_month: datetime.date | None = None,
    employee_ids: Collection[int] | None = None,
) -> list[Profile]:
    """Profiles of the payer's staff for the month ``month`` (the 1st), paid on ``paid_on``.

    Attendance of the regular staff is of ``attendance_month``; 会計年度任用職員 paid in arrears
    use ``appointee_attendance_month``.
    """
    posts = _posts(organization_id, payer_id, month, employee_ids)
    ids = {p.employee_id for p in posts}
    units = {p.employee_id: p.org_unit_id for p in posts}
    facts = gather_facts(organization_id=organization_id, employee_ids=ids, on=paid_on, month=month)
    source = sources.attendance_source()
    att: dict[datetime.date, dict[int, sources.AttendanceMonth]] = defaultdict(dict)
    if source is not None:
        for m in {attendance_month, appointee_attendance_month or attendance_month}:
            att[m] = dict(source(organization_id=organization_id, units=units, year=m.year, month=m.month))
    earlier = _earlier_facts(organization_id, posts, facts)
    out: list[Profile] = []
    for post in posts:
        m = attendance_month
        if post.appointment_type in APPOINTEE_TYPES and appointee_attendance_month is not None:
            m = appointee_attendance_month
        out.append(_build(post, facts, paid_on, att[m].get(post.employee_id), source is not None, earlier=earlier))
    return out


def _earlier_facts(organization_id: int, posts: list[_Post], facts: Facts) -> dict[datetime.date, Facts]:
    """For staff who moved inside the month: the pay settings (管理職手当の種, 地域手当の級地 …) in force
    on the last day of each earlier period, one query per distinct date (at most the days of a month)."""
    by_date: defaultdict[datetime.date, set[int]] = defaultdict(set)
    for post in posts:
        for span in post.spans[:-1]:
            by_date[span.end].add(post.employee_id)
    return {
        on: dataclasses.replace(facts, settings=settings_on(organization_id, ids, on)) for on, ids in by_date.items()
    }


__all__ = ["Problem", "Profile", "pay_profiles"]


def run_profiles(run: PayrollRun, calendar: PayrollCalendar | None) -> list[Profile]:
    """The pay profiles of a monthly run: its staff as of its month, with the 勤怠 months its payer's
    ``calendar`` pays (regular staff's variable items and 会計年度任用職員's 報酬, each possibly in arrears)."""
    return pay_profiles(
        organization_id=run.organization_id,
        payer_id=run.payer_id,
        month=run.month,
        paid_on=run.paid_on,
        attendance_month=regular_work_month(calendar, run.month),
        appointee_attendance_month=appointee_work_month(calendar, run.month),
        employee_ids=run.employee_ids or None,
    )
