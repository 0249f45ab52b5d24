"""Bonus payslip (期末手当・勤勉手当): plain frozen inputs → itemised earnings and deductions.

* 期末手当 / 勤勉手当 by :mod:`jinji.rules.pay.bonus` (基礎額 with 役職段階別加算・管理職加算,
  期別支給割合 × 在職期間別割合, 期間率 × 成績率). A 会計年度任用職員 has its own 期末手当基礎額
  (``appointee_base``, the monthly 報酬 equivalent) and gets 期末手当 only.
* 社会保険 on the 標準期末手当等の額 (1,000円未満切捨て) with the caps (payroll-rules.md §B3):
  短期・健康保険 5,730,000 a fiscal year less what earlier bonuses already counted, 長期・厚生年金
  1,500,000 a month. 協会けんぽ・厚生年金 on a bonus are those of the month it is paid. The
  育児休業・産休 waiver (``contribution_waived``, decided with
  :func:`jinji.rules.social_insurance.bonus_contribution_waived`) drops every contribution but
  雇用保険.
* 所得税 by the 算出率の表 on the previous month's pay after social insurance, or the special
  method when that is 0 or the bonus is more than 10 times it (§A4,
  :class:`jinji.rules.income_tax.BonusTaxTable`).

:func:`compute_bonus_payslips` resolves every table once for a batch (one pay date, one 基準日).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from jinji.rules.errors import InvalidArgument, RulesError
from jinji.rules.income_tax import BonusTaxTable, bonus_tax_table
from jinji.rules.pay.bonus import (
    bonus_base,
    diligence_allowance,
    payment_months,
    performance_ratio,
    period_rate,
    service_period_ratio,
    term_end_allowance,
)
from jinji.rules.pay.bonus_tables import BonusMonths, BonusRules, PaymentMonths, bonus_months_table, bonus_rules_table
from jinji.rules.pay.dependents import DependentsAllowanceTable, dependents_allowance, dependents_allowance_table
from jinji.rules.pay.regional import RegionalAllowanceTable, regional_allowance_rate, regional_allowance_table
from jinji.rules.pay.salary_schedule import SalarySchedule, salary_schedule_version
from jinji.rules.payslip.ages import AgeRules, age_bounds
from jinji.rules.payslip.bonus_period import ServicePeriods
from jinji.rules.payslip.deductions import MUTUAL_AID_LABELS
from jinji.rules.payslip.inputs import NO_INSURANCE, AllowanceInput, InsuranceInput, SalaryGrade, TaxInput
from jinji.rules.payslip.result import INCOME_TAX, PayItem, PayResult
from jinji.rules.social_insurance import (
    LONG_TERM,
    SHORT_TERM,
    BonusBasis,
    EmployeePlanTable,
    GradeTable,
    MutualAidTable,
    bonus_basis,
    employee_plan_table,
    employment_insurance_employee_share,
    grade_table,
    mutual_aid_table,
)
from jinji.rules.tables import TableRef, TableStore

TERM_END = "term_end_allowance"  # 期末手当
DILIGENCE = "diligence_allowance"  # 勤勉手当


def default_performance_ratio(months: BonusMonths, *, rating: str, staff_kind: str) -> Fraction:
    """The 成績率 used when none is entered: 良好 its fixed rate, 特に優秀・優秀 the band's lower
    bound, 良好でない its upper bound (❓ local 規則 set their own; the run page lets 給与担当 enter one)."""
    bands = months.performance.get(staff_kind)
    if bands is None or rating not in bands:
        return performance_ratio(months, rating=rating, ratio=Fraction(0), staff_kind=staff_kind)
    band = bands[rating]
    return band.maximum if rating == "poor" else band.minimum


@dataclass(frozen=True, slots=True)
class BonusInput:
    """One employee's bonus. Exactly one of ``salary`` (給料表) and ``appointee_base`` (> 0).

    ``allowances``: 扶養 (期末手当基礎額), 地域手当の級地・勤務地, 管理職手当の種 (管理職加算).
    ``performance`` None uses :func:`default_performance_ratio` for ``rating``.
    ``short_term_year_to_date``: 短期 (健康保険) 標準期末手当等の額 already counted this fiscal
    year; ``long_term_month_to_date``: 長期 amount already counted this month.
    ``previous_month_amount``: 前月中の社会保険料等控除後の給与等の金額 (0 = no pay last month).
    """

    employee_id: str
    paid_on: datetime.date
    periods: ServicePeriods
    salary: SalaryGrade | None = None
    appointee_base: int = 0
    allowances: AllowanceInput = field(default_factory=AllowanceInput)
    rating: str = "good"
    performance: Fraction | None = None
    staff_kind: str = "general"
    insurance: InsuranceInput = NO_INSURANCE
    contribution_waived: bool = False
    short_term_year_to_date: int = 0
    long_term_month_to_date: int = 0
    tax: TaxInput = field(default_factory=TaxInput)
    previous_month_amount: int = 0

    def __post_init__(self) -> None:
        if (self.salary is None) == (self.appointee_base <= 0):
            raise InvalidArgument(
                f"職員 {self.employee_id}: 給料 (salary) か会計年度任用職員の基礎額 (appointee_base) の"
                "どちらか一方を指定してください"
            )
        for name in ("appointee_base", "short_term_year_to_date", "long_term_month_to_date", "previous_month_amount"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InvalidArgument(f"職員 {self.employee_id}: {name} は0以上の整数で指定してください: {value!r}")
        if self.performance is not None and not isinstance(self.performance, Fraction):
            raise InvalidArgument(f"職員 {self.employee_id}: 成績率 (performance) は分数で指定してください")


@dataclass(frozen=True, slots=True)
class BonusResult:
    """A computed bonus payslip with the factors behind it (for the run page)."""

    pay: PayResult
    term_end_ratio: Fraction  # 在職期間別割合
    period_rate: Fraction  # 期間率
    performance: Fraction  # 成績率
    basis: BonusBasis


@dataclass(frozen=True, slots=True)
class BonusTables:
    """Every table of one bonus payment, resolved once."""

    paid_on: datetime.date
    base_date: datetime.date
    months: PaymentMonths
    bonus_months: BonusMonths
    rules: BonusRules
    tax: BonusTaxTable
    short: GradeTable
    long: GradeTable
    ages: AgeRules
    refs: tuple[TableRef, ...]
    dependents: DependentsAllowanceTable | None = None
    regional: RegionalAllowanceTable | None = None
    regular_refs: tuple[TableRef, ...] = ()
    schedules: Mapping[str, tuple[SalarySchedule, TableRef]] = field(default_factory=dict)
    unions: Mapping[str, MutualAidTable] = field(default_factory=dict)
    plans: Mapping[str, EmployeePlanTable] = field(default_factory=dict)
    earned: dict[tuple[object, ...], _Earned] = field(default_factory=dict, compare=False, repr=False)  # memo per batch


def resolve_bonus_tables(
    base_date: datetime.date, paid_on: datetime.date, inputs: Iterable[BonusInput], *, store: TableStore | None = None
) -> BonusTables:
    """Resolve the tables ``inputs`` need: months and ratios of ``base_date``, pay and insurance of ``paid_on``."""
    schedules: set[str] = set()
    unions: set[str] = set()
    prefectures: set[str] = set()
    for inp in inputs:
        if inp.salary is not None:
            schedules.add(inp.salary.schedule_id)
        ins = inp.insurance
        if ins.scheme == "mutual_aid":
            unions.add(ins.union)
        if ins.scheme == "employee_plans" or ins.welfare_pension:
            prefectures.add(ins.prefecture)
    months = bonus_months_table(base_date, store)
    rules = bonus_rules_table(base_date, store)
    tax = bonus_tax_table(paid_on, store=store)
    short = grade_table(scheme=SHORT_TERM, on=paid_on.replace(day=1), store=store)
    long = grade_table(scheme=LONG_TERM, on=paid_on.replace(day=1), store=store)
    resolved: dict[str, tuple[SalarySchedule, TableRef]] = {}
    for schedule_id in sorted(schedules):
        version = salary_schedule_version(schedule_id, base_date, store)
        resolved[schedule_id] = (version.data, version.ref)
    dep = dependents_allowance_table(base_date, store) if schedules else None
    reg = regional_allowance_table(base_date, store) if schedules else None
    return BonusTables(
        paid_on=paid_on,
        base_date=base_date,
        months=payment_months(months.data, base_date),
        bonus_months=months.data,
        rules=rules.data,
        tax=tax,
        short=short,
        long=long,
        ages=age_bounds(paid_on),
        refs=(months.ref, rules.ref, *tax.refs),
        dependents=None if dep is None else dep.data,
        regional=None if reg is None else reg.data,
        regular_refs=() if dep is None or reg is None else (dep.ref, reg.ref),
        schedules=resolved,
        unions={u: mutual_aid_table(union=u, month=paid_on, store=store) for u in sorted(unions)},
        plans={p: employee_plan_table(prefecture=p, month=paid_on) for p in sorted(prefectures)},
    )


def _regular_base(inp: BonusInput, salary: SalaryGrade, t: BonusTables, refs: list[TableRef]) -> tuple[Fraction, ...]:
    """(期末手当基礎額, 勤勉手当基礎額) of staff on a 給料表."""
    schedule, ref = t.schedules[salary.schedule_id]
    assert t.dependents is not None  # resolved whenever a salary is present
    assert t.regional is not None
    refs.append(ref)
    refs.extend(t.regular_refs)
    a = inp.allowances
    pay = salary.monthly(schedule)
    dependents = 0
    if a.spouse or a.children or a.other_dependents:
        dependents = dependents_allowance(
            t.dependents,
            grade=salary.grade,
            spouse=a.spouse,
            children=a.children,
            special_period_children=a.special_period_children,
            other_dependents=a.other_dependents,
        )
    rate = regional_allowance_rate(t.regional, grade_area=a.regional_grade, locality=a.regional_locality)
    grade, management = salary.grade, a.management_class
    return tuple(
        bonus_base(
            t.rules,
            base_salary=pay,
            dependents_allowance=d,
            regional_rate=rate,
            grade=grade,
            management_class=management,
        )
        for d in (dependents, 0)
    )


def _insurance(inp: BonusInput, t: BonusTables, gross: int, items: list[PayItem], refs: list[TableRef]) -> BonusBasis:
    ins = inp.insurance
    basis = bonus_basis(
        bonus=gross,
        short_term_year_to_date=inp.short_term_year_to_date,
        long_term_month_to_date=inp.long_term_month_to_date,
        short=t.short,
        long=t.long,
    )
    if inp.contribution_waived or ins.scheme == "none":
        return basis
    assert ins.birth_date is not None  # InsuranceInput requires it for a scheme
    nursing, pension = t.ages.due(ins.birth_date)
    if ins.scheme == "mutual_aid":
        table = t.unions[ins.union]
        c = table.bonus(
            basis=basis,
            nursing_care=nursing,
            pension=pension,
            short_term_member=ins.short_term_member,
            long_term_member=ins.long_term_member,
        )
        items.extend(
            PayItem(code, label, getattr(c, code), False) for code, label in MUTUAL_AID_LABELS if getattr(c, code)
        )
        refs.extend(table.refs)
    if ins.scheme == "employee_plans" or ins.welfare_pension:
        plan = t.plans[ins.prefecture]
        refs.extend(plan.refs)
        if ins.scheme == "employee_plans":
            health = plan.health(basis.short_term, nursing_care=nursing)
            support = plan.child_support(basis.short_term)
            items.extend(
                PayItem(code, label, amount, False)
                for code, label, amount in (
                    ("health_insurance", "健康保険料", health),
                    ("child_support", "子ども・子育て支援金", support),
                )
                if amount
            )
        if pension and plan.pension(basis.long_term):
            items.append(PayItem("pension", "厚生年金保険料", plan.pension(basis.long_term), False))
    return basis


@dataclass(frozen=True, slots=True)
class _Earned:
    term_ratio: Fraction
    rate: Fraction
    performance: Fraction
    term_end: int
    diligence: int
    refs: tuple[TableRef, ...]


def _earned(inp: BonusInput, t: BonusTables) -> _Earned:
    """期末・勤勉 of ``inp`` (the same for every employee with the same pay facts, period and rating)."""
    refs: list[TableRef] = []
    term_ratio = service_period_ratio(t.rules, inp.periods.term_end)
    rate = Fraction(0)
    performance = Fraction(0)
    if inp.salary is not None:
        term_base, diligence_base = _regular_base(inp, inp.salary, t, refs)
        rate = period_rate(t.rules, inp.periods.diligence)
        if inp.performance is None:
            performance = default_performance_ratio(t.bonus_months, rating=inp.rating, staff_kind=inp.staff_kind)
        else:
            performance = performance_ratio(
                t.bonus_months, rating=inp.rating, ratio=inp.performance, staff_kind=inp.staff_kind
            )
        diligence = diligence_allowance(diligence_base, period_rate=rate, performance_ratio=performance)
    else:
        term_base, diligence = Fraction(inp.appointee_base), 0
    term_end = term_end_allowance(term_base, months=t.months.term_end, service_ratio=term_ratio)
    return _Earned(term_ratio, rate, performance, term_end, diligence, tuple(refs))


def bonus_with_tables(inp: BonusInput, t: BonusTables) -> BonusResult:
    """One bonus payslip from pre-resolved tables."""
    key = (inp.salary, inp.appointee_base, inp.allowances, inp.periods, inp.rating, inp.performance, inp.staff_kind)
    e = t.earned.get(key)
    if e is None:
        e = t.earned[key] = _earned(inp, t)
    term_ratio, rate, performance, term_end, diligence = e.term_ratio, e.rate, e.performance, e.term_end, e.diligence
    refs = list(e.refs)
    earnings = tuple(
        PayItem(code, label, amount, True)
        for code, label, amount in ((TERM_END, "期末手当", term_end), (DILIGENCE, "勤勉手当", diligence))
        if amount
    )
    gross = term_end + diligence
    deductions: list[PayItem] = []
    basis = _insurance(inp, t, gross, deductions, refs)
    if inp.insurance.employment_insurance and gross:
        share = employment_insurance_employee_share(
            wages=gross, closing_date=t.paid_on, business=inp.insurance.employment_business
        )
        if share:
            deductions.append(PayItem("employment_insurance", "雇用保険料", share, False))
    social = sum(item.amount for item in deductions)
    taxable_amount = max(gross - social, 0)
    tax = 0
    if taxable_amount:
        tax = t.tax.withholding(taxable_amount, inp.previous_month_amount, inp.tax.dependents, inp.tax.column)
    if tax:
        deductions.append(PayItem(INCOME_TAX, "所得税", tax, False))
    total = social + tax
    pay = PayResult(
        employee_id=inp.employee_id,
        paid_on=t.paid_on,
        earnings=earnings,
        deductions=tuple(deductions),
        gross=gross,
        taxable_earnings=gross,
        social_insurance=social,
        taxable_amount=taxable_amount,
        income_tax=tax,
        total_deductions=total,
        net=gross - total,
        tables=(*t.refs, *refs),
    )
    return BonusResult(pay=pay, term_end_ratio=term_ratio, period_rate=rate, performance=performance, basis=basis)


def _with_employee(inp: BonusInput, exc: RulesError) -> RulesError:
    return type(exc)(f"職員 {inp.employee_id}: {exc}")


def compute_bonus_payslip(inp: BonusInput, *, base_date: datetime.date, store: TableStore | None = None) -> BonusResult:
    """The bonus payslip of one employee for the 基準日 ``base_date`` (6/1 or 12/1)."""
    try:
        return bonus_with_tables(inp, resolve_bonus_tables(base_date, inp.paid_on, (inp,), store=store))
    except RulesError as exc:
        raise _with_employee(inp, exc) from exc


def compute_bonus_payslips(
    inputs: Sequence[BonusInput],
    *,
    base_date: datetime.date,
    paid_on: datetime.date,
    store: TableStore | None = None,
    tables: BonusTables | None = None,
) -> list[BonusResult]:
    """Bonus payslips of a batch paid on ``paid_on``, every table resolved once (or ``tables`` given)."""
    for inp in inputs:
        if inp.paid_on != paid_on:
            raise InvalidArgument(
                f"職員 {inp.employee_id}: 支給日 {inp.paid_on.isoformat()} がバッチの支給日と異なります"
            )
    t = tables or resolve_bonus_tables(base_date, paid_on, inputs, store=store)
    results: list[BonusResult] = []
    for inp in inputs:
        try:
            results.append(bonus_with_tables(inp, t))
        except RulesError as exc:
            raise _with_employee(inp, exc) from exc
    return results
