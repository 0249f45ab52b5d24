"""Export for the national 地方公務員給与実態調査: every employee in post on 4月1日 (調査基準日) with
職種・給料表・級・号給, 年齢 and 在職年数 on that day, and the 給料月額 and each 手当 of the April monthly
payslip (finalized). Layout documented in docs/payroll-survey-export.md.

Two queries (posts, April payslips); the 手当 columns are every
earning item found in April, in payslip order.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from jinji.core.models import as_of_q
from jinji.payroll.models import Payslip, RunKind, RunStatus
from jinji.personnel.models import Assignment, AssignmentKind, Employee
from jinji.rules.payslip.result import BASE_SALARY, REMUNERATION

FIXED = (
    "職員番号", "氏名", "性別", "生年月日", "年齢", "入庁日", "在職年数", "任用区分", "職種", "職", "給料表",
    "級", "号給", "給料月額",
)  # fmt: skip
PAY_CODES = (BASE_SALARY, REMUNERATION)


def years_between(start: datetime.date, on: datetime.date) -> int:
    """Whole years from ``start`` to ``on`` (the day before the anniversary counts as not yet a year)."""
    years = on.year - start.year
    return years - 1 if (on.month, on.day) < (start.month, start.day) else years


@dataclass(frozen=True, slots=True)
class SurveyExport:
    header: list[str]
    rows: list[list[object]]


def _april_pay(organization_id: int, april: datetime.date) -> dict[int, list[list[object]]]:
    slips = Payslip.objects.for_organization(organization_id).filter(
        run__kind=RunKind.MONTHLY, run__status=RunStatus.FINALIZED, run__month=april
    )
    return dict(slips.values_list("employee_id", "earnings").iterator(chunk_size=2000))


def _posts(organization_id: int, on: datetime.date) -> list[tuple[Any, ...]]:
    qs = (
        Assignment.objects.for_organization(organization_id)
        .filter(as_of_q(on), kind=AssignmentKind.PRIMARY, employee__hired_on__lte=on)
        .filter(Q(employee__separated_on__isnull=True) | Q(employee__separated_on__gte=on))
        .order_by("employee__staff_number")
    )
    return list(
        qs.values_list(
            "employee_id", "employee__staff_number", "employee__family_name", "employee__given_name",
            "employee__gender", "employee__birth_date", "employee__hired_on", "appointment_type",
            "job_category__name", "position__name", "salary_schedule__name", "grade", "step",
        )
    )  # fmt: skip


def survey_export(*, organization_id: int, year: int) -> SurveyExport:
    """The survey rows as of 4/1 of ``year``."""
    on = datetime.date(year, 4, 1)
    pay = _april_pay(organization_id, on)
    allowances: dict[str, str] = {}
    for earnings in pay.values():
        for code, label, _ in earnings:
            if code not in PAY_CODES:
                allowances.setdefault(str(code), str(label))
    genders = dict(Employee._meta.get_field("gender").choices or [])
    types = dict(Assignment._meta.get_field("appointment_type").choices or [])
    rows: list[list[object]] = []
    for post in _posts(organization_id, on):
        eid, number, family, given, gender, birth, hired, kind, job, position, schedule, grade, step = post
        amounts = {str(code): int(str(amount)) for code, _, amount in pay.get(eid, [])}
        rows.append(
            [
                number, f"{family} {given}", genders.get(gender, gender or ""), birth, years_between(birth, on),
                hired, years_between(hired, on), types.get(kind, kind), job or "", position or "",
                schedule or "", grade or "", step or "", sum(amounts.get(c, 0) for c in PAY_CODES),
                *(amounts.get(code, 0) for code in allowances),
            ]
        )  # fmt: skip
    return SurveyExport(header=[*FIXED, *allowances.values()], rows=rows)


def survey_lines(export: SurveyExport) -> Iterator[list[object]]:
    for row in export.rows:
        yield [v.isoformat() if isinstance(v, datetime.date) else v for v in row]
