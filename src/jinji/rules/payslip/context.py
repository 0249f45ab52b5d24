"""Every dated table a batch of payslips needs, resolved once for one pay date.

:func:`resolve_pay_tables` looks at the inputs to see which tables they need (給料表 by id,
共済 unions, and the municipality tables used only by some staff) and resolves each once.
Tables only some staff need are resolved only when present in the batch, so a municipality
without, say, a 特殊勤務手当 table can still run a batch that uses none.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jinji.rules.calendar import fiscal_year, hourly_rate_holiday_count
from jinji.rules.income_tax import MonthlyTaxTable, monthly_tax_table
from jinji.rules.pay.commuting import CommutingAllowanceTable, commuting_allowance_table
from jinji.rules.pay.commuting_tax import CommutingTaxLimits, commuting_tax_limits
from jinji.rules.pay.dependents import DependentsAllowanceTable, dependents_allowance_table
from jinji.rules.pay.housing import HousingAllowanceTable, housing_allowance_table
from jinji.rules.pay.management import ManagementAllowanceTable, management_allowance_table
from jinji.rules.pay.overtime import OvertimeRules, annual_working_minutes, overtime_rules
from jinji.rules.pay.regional import RegionalAllowanceTable, regional_allowance_table
from jinji.rules.pay.salary_schedule import SalarySchedule, salary_schedule_version
from jinji.rules.pay.special_duty import SpecialDutyTable, special_duty_table
from jinji.rules.pay.starting_pay import StartingPayAdjustmentTable, starting_pay_adjustment_table
from jinji.rules.payslip.ages import AgeRules, DirectAgeRules, age_bounds
from jinji.rules.payslip.inputs import PayInput
from jinji.rules.social_insurance import (
    LONG_TERM,
    SHORT_TERM,
    EmployeePlanTable,
    GradeTable,
    MutualAidTable,
    employee_plan_table,
    grade_table,
    mutual_aid_table,
)
from jinji.rules.tables import TableRef, TableStore, TableVersion


@dataclass(frozen=True, slots=True)
class RegularTables:
    """Tables of staff on a 給料表 (扶養・住居・地域)."""

    dependents: DependentsAllowanceTable
    housing: HousingAllowanceTable
    regional: RegionalAllowanceTable
    refs: tuple[TableRef, ...]


@dataclass(frozen=True, slots=True)
class EmployeePlans:
    """協会けんぽ・厚生年金 for the premium month (the month before the pay date), by prefecture."""

    premium_month: datetime.date
    ages: AgeRules
    by_prefecture: Mapping[str, EmployeePlanTable]
    short_grades: GradeTable
    long_grades: GradeTable


@dataclass(frozen=True, slots=True)
class PayTables:
    """One pay date's tables. Optional ones are None when no input of the batch needs them."""

    paid_on: datetime.date
    overtime: OvertimeRules
    commuting: CommutingAllowanceTable
    commuting_tax: CommutingTaxLimits
    tax: MonthlyTaxTable
    common_refs: tuple[TableRef, ...]
    regular: RegularTables | None = None
    schedules: Mapping[str, tuple[SalarySchedule, tuple[TableRef, ...]]] = field(default_factory=dict)
    unions: Mapping[str, MutualAidTable] = field(default_factory=dict)
    ages: AgeRules | None = None  # for 共済 (the month of the pay date)
    management: TableVersion[ManagementAllowanceTable] | None = None
    special_duty: TableVersion[SpecialDutyTable] | None = None
    starting_pay: TableVersion[StartingPayAdjustmentTable] | None = None
    plans: EmployeePlans | None = None
    holiday_count: int | None = None  # N of the fiscal year, when some input needs it
    standard_annual_minutes: int | None = None  # the standard divisor for that N


@dataclass(slots=True)
class _Needs:
    schedules: set[str] = field(default_factory=set)
    unions: set[str] = field(default_factory=set)
    prefectures: set[str] = field(default_factory=set)
    regular: bool = False
    management: bool = False
    special_duty: bool = False
    starting_pay: bool = False
    holiday_count: bool = False

    def add(self, inp: PayInput) -> None:
        if inp.salary is not None:
            self.regular = True
            self.schedules.add(inp.salary.schedule_id)
        ins = inp.insurance
        if ins.scheme == "mutual_aid":
            self.unions.add(ins.union)
        if ins.scheme == "employee_plans" or ins.welfare_pension:
            self.prefectures.add(ins.prefecture)
        self.management = self.management or inp.allowances.management_class > 0
        self.special_duty = self.special_duty or bool(inp.attendance.special_duties)
        self.starting_pay = self.starting_pay or bool(inp.allowances.starting_pay_kind)
        if not self.holiday_count and inp.holiday_count is None:
            self.holiday_count = inp.attendance.needs_hourly_rate()


def _regular(paid_on: datetime.date, store: TableStore | None) -> RegularTables:
    dep = dependents_allowance_table(paid_on, store)
    housing = housing_allowance_table(paid_on, store)
    regional = regional_allowance_table(paid_on, store)
    return RegularTables(dep.data, housing.data, regional.data, (dep.ref, housing.ref, regional.ref))


def premium_month_of(paid_on: datetime.date) -> datetime.date:
    """The premium month deducted from pay on ``paid_on`` outside 共済: the month before
    (健康保険法 第167条第1項, 厚生年金保険法 第84条第1項: 前月分の保険料を控除)."""
    return (paid_on.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _age_rules(month: datetime.date, *, batch: bool) -> AgeRules:
    return age_bounds(month) if batch else DirectAgeRules(month)


def _employee_plans(
    paid_on: datetime.date, prefectures: set[str], store: TableStore | None, *, batch: bool
) -> EmployeePlans:
    month = premium_month_of(paid_on)
    return EmployeePlans(
        premium_month=month,
        ages=_age_rules(month, batch=batch),
        by_prefecture={p: employee_plan_table(prefecture=p, month=month) for p in sorted(prefectures)},
        short_grades=grade_table(scheme=SHORT_TERM, on=month, store=store),
        long_grades=grade_table(scheme=LONG_TERM, on=month, store=store),
    )


def resolve_pay_tables(
    paid_on: datetime.date, inputs: Iterable[PayInput], *, store: TableStore | None = None, batch: bool = True
) -> PayTables:
    """Resolve, once, every table ``inputs`` need for pay due on ``paid_on``.

    ``batch`` also turns the social-insurance age rules into birth-date bounds (worth it for
    many employees; a single payslip asks the age functions directly).
    """
    needs = _Needs()
    for inp in inputs:
        needs.add(inp)
    overtime = overtime_rules(paid_on, store)
    commuting = commuting_allowance_table(paid_on, store)
    commuting_tax = commuting_tax_limits(paid_on, store)
    tax = monthly_tax_table(paid_on, store=store)
    holidays = hourly_rate_holiday_count(fiscal_year(paid_on)) if needs.holiday_count else None
    schedules: dict[str, tuple[SalarySchedule, tuple[TableRef, ...]]] = {}
    for schedule_id in sorted(needs.schedules):
        version = salary_schedule_version(schedule_id, paid_on, store)
        schedules[schedule_id] = (version.data, (version.ref,))
    return PayTables(
        paid_on=paid_on,
        overtime=overtime.data,
        commuting=commuting.data,
        commuting_tax=commuting_tax.data,
        tax=tax,
        common_refs=(commuting.ref, commuting_tax.ref, overtime.ref, *tax.refs),
        regular=_regular(paid_on, store) if needs.regular else None,
        schedules=schedules,
        unions={u: mutual_aid_table(union=u, month=paid_on, store=store) for u in sorted(needs.unions)},
        ages=_age_rules(paid_on, batch=batch) if needs.unions else None,
        management=management_allowance_table(paid_on, store) if needs.management else None,
        special_duty=special_duty_table(paid_on, store) if needs.special_duty else None,
        starting_pay=starting_pay_adjustment_table(paid_on, store) if needs.starting_pay else None,
        plans=_employee_plans(paid_on, needs.prefectures, store, batch=batch) if needs.prefectures else None,
        holiday_count=holidays,
        standard_annual_minutes=None if holidays is None else annual_working_minutes(overtime.data, holidays=holidays),
    )
