"""支給 (earnings) of one monthly payslip, from pre-resolved tables and plain int arithmetic.

Order (each step a rule of :mod:`jinji.rules.pay`): 給料 (号給, or 再任用職員の欄) or 報酬 → 管理職手当 → 初任給調整手当
→ 扶養手当 → 地域手当 → 住居手当 → 通勤手当 (split by the tax limits) → 特殊勤務手当 →
勤務1時間当たりの給与額 → 時間外・休日・夜勤 → 欠勤減額 → the supplied other earnings (資格手当 …).
会計年度任用職員 get 報酬, 通勤, 特殊勤務, time-based pay and the other earnings only
(扶養・住居・地域 depend on each authority's 条例 and are not paid here).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.absence import absence_deduction, absence_hours
from jinji.rules.pay.commuting import commuting_allowance
from jinji.rules.pay.commuting_tax import commuting_nontaxable
from jinji.rules.pay.dependents import dependents_allowance
from jinji.rules.pay.fiscal_year_appointee import (
    STANDARD_WEEKLY_MINUTES,
    daily_pay,
    hourly_pay,
    hourly_rate_from_daily,
    prorated_monthly_pay,
)
from jinji.rules.pay.housing import housing_allowance
from jinji.rules.pay.management import management_allowance
from jinji.rules.pay.overtime import annual_working_minutes, hourly_class_amount, hourly_rate_base
from jinji.rules.pay.regional import regional_allowance, regional_allowance_rate
from jinji.rules.pay.special_duty import special_duty_allowance, special_duty_kind
from jinji.rules.pay.starting_pay import starting_pay_adjustment
from jinji.rules.payslip import result as codes
from jinji.rules.payslip.context import PayTables
from jinji.rules.payslip.inputs import AppointeePay, PayInput, SalaryGrade
from jinji.rules.payslip.result import PayItem
from jinji.rules.tables import TableRef


@dataclass(slots=True)
class Earnings:
    """Earnings items being built, the monthly base of the hourly rate, and the tables used."""

    items: list[PayItem]
    refs: list[TableRef]
    hourly_base_monthly: int = 0
    hourly: int | None = None  # set directly for 日額・時間額の報酬


def _regular_pay(inp: PayInput, salary: SalaryGrade, t: PayTables, e: Earnings) -> None:
    """給料・管理職手当・初任給調整手当・扶養手当・地域手当・住居手当."""
    schedule, schedule_refs = t.schedules[salary.schedule_id]
    regular = t.regular
    assert regular is not None  # resolved whenever an input has a salary
    a = inp.allowances
    pay = salary.monthly(schedule)
    e.items.append(PayItem(codes.BASE_SALARY, "給料", pay, True))
    e.refs.extend(schedule_refs)
    e.refs.extend(regular.refs)
    management = 0
    if a.management_class:
        version = t.management
        assert version is not None  # resolved whenever a class is set
        management = management_allowance(version.data, grade=salary.grade, management_class=a.management_class)
        e.items.append(PayItem(codes.MANAGEMENT, "管理職手当", management, True))
        e.refs.append(version.ref)
    starting = _starting_pay(inp, t, e) if a.starting_pay_kind else 0
    dependents = 0
    if a.spouse or a.children or a.other_dependents:
        dependents = dependents_allowance(
            regular.dependents,
            grade=salary.grade,
            spouse=a.spouse,
            children=a.children,
            special_period_children=a.special_period_children,
            other_dependents=a.other_dependents,
        )
    if dependents:
        e.items.append(PayItem(codes.DEPENDENTS, "扶養手当", dependents, True))
    rate = regional_allowance_rate(regular.regional, grade_area=a.regional_grade, locality=a.regional_locality)
    regional = regional_allowance(pay + management + dependents, rate)
    if regional:
        e.items.append(PayItem(codes.REGIONAL, "地域手当", regional, True))
    if a.rent:
        housing = housing_allowance(regular.housing, rent=a.rent, single_posting_family=a.single_posting_family)
        if housing:
            e.items.append(PayItem(codes.HOUSING, "住居手当", housing, True))
    salary_only = t.overtime.regional_in_hourly_base == "salary_only"
    regional_in_base = regional_allowance(pay, rate) if salary_only else regional
    e.hourly_base_monthly = pay + regional_in_base + starting


def _starting_pay(inp: PayInput, t: PayTables, e: Earnings) -> int:
    a = inp.allowances
    version = t.starting_pay
    assert version is not None  # resolved whenever a kind is set
    amount = starting_pay_adjustment(version.data, kind=a.starting_pay_kind, years=a.starting_pay_years)
    e.refs.append(version.ref)
    if amount:
        e.items.append(PayItem(codes.STARTING_PAY, "初任給調整手当", amount, True))
    return amount


def _appointee_pay(inp: PayInput, pay: AppointeePay, e: Earnings) -> None:
    """会計年度任用職員の報酬 and its hourly rate."""
    att = inp.attendance
    if pay.basis == "monthly":
        amount = prorated_monthly_pay(pay.rate, weekly_minutes=pay.weekly_minutes)
        e.hourly_base_monthly = amount
    elif pay.basis == "daily":
        amount = daily_pay(pay.rate, days=att.days_worked)
        e.hourly = hourly_rate_from_daily(pay.rate, daily_minutes=pay.daily_minutes)
    else:
        amount = hourly_pay(pay.rate, minutes=att.minutes_worked)
        e.hourly = pay.rate
    e.items.append(PayItem(codes.REMUNERATION, "報酬", amount, True))
    if pay.basis != "monthly" and (att.absence_days or att.absence_minutes):
        raise InvalidArgument("日額・時間額の報酬には欠勤減額はありません (勤務日数・時間で指定してください)")


def _commuting(inp: PayInput, t: PayTables, e: Earnings) -> None:
    """通勤手当, split into 非課税分 and 課税分 (所得税法施行令 第20条の2)."""
    a = inp.allowances
    if not (a.transit_fare or a.vehicle_distance_m):
        return
    allowance = commuting_allowance(
        t.commuting, transit_fare=a.transit_fare, vehicle_distance_m=a.vehicle_distance_m, parking_fee=a.parking_fee
    )
    total = allowance.total
    if not total:
        return
    free = commuting_nontaxable(t.commuting_tax, allowance, distance_m=a.vehicle_distance_m)
    if free:
        e.items.append(PayItem(codes.COMMUTING, "通勤手当", free, False))
    if total > free:
        e.items.append(PayItem(codes.COMMUTING_TAXABLE, "通勤手当(課税分)", total - free, True))


def _special_duties(inp: PayInput, t: PayTables, e: Earnings) -> None:
    """特殊勤務手当, one item per kind; monthly kinds also enter the hourly base."""
    duties = inp.attendance.special_duties
    if not duties:
        return
    version = t.special_duty
    assert version is not None  # resolved whenever duties are present
    e.refs.append(version.ref)
    for duty in duties:
        kind = special_duty_kind(version.data, duty.code)
        amount = special_duty_allowance(kind, count=duty.count, short_count=duty.short_count)
        if amount:
            e.items.append(PayItem(codes.SPECIAL_DUTY_PREFIX + kind.code, f"特殊勤務手当({kind.label})", amount, True))
            if kind.unit == "month":
                e.hourly_base_monthly += amount


def _annual_minutes(inp: PayInput, t: PayTables) -> int:
    """Divisor of the 勤務1時間当たりの給与額 for this employee (its N, its working hours)."""
    pay = inp.appointee
    holidays = t.holiday_count if inp.holiday_count is None else inp.holiday_count
    assert holidays is not None  # resolved whenever an input without its own count needs it
    if pay is None:
        salary = inp.salary
        if salary is not None and salary.weekly_minutes != STANDARD_WEEKLY_MINUTES:  # 再任用短時間
            return annual_working_minutes(
                t.overtime, holidays=holidays, weekly_minutes=salary.weekly_minutes, daily_minutes=salary.daily_minutes
            )
        if holidays == t.holiday_count and t.standard_annual_minutes is not None:
            return t.standard_annual_minutes
        return annual_working_minutes(t.overtime, holidays=holidays)
    return annual_working_minutes(
        t.overtime, holidays=holidays, weekly_minutes=pay.weekly_minutes, daily_minutes=pay.daily_minutes
    )


def _time_pay(inp: PayInput, t: PayTables, e: Earnings, h: int) -> None:
    """時間外勤務手当 (all classes in one line), 休日勤務手当, 夜勤手当 (給与法 第16条〜第18条)."""
    att = inp.attendance
    overtime = att.overtime_minutes()
    if not (overtime or att.holiday_work or att.night_work):
        return
    if inp.allowances.management_class:
        raise InvalidArgument("管理職手当を受ける職員には時間外勤務手当・休日勤務手当・夜勤手当は支給されません")
    rates = t.overtime.rates
    if overtime:
        amount = sum(hourly_class_amount(h, rates[cls], minutes) for cls, minutes in overtime)
        if amount:
            e.items.append(PayItem(codes.OVERTIME, "時間外勤務手当", amount, True))
    if att.holiday_work:
        amount = hourly_class_amount(h, rates["holiday_work"], att.holiday_work)
        if amount:
            e.items.append(PayItem(codes.HOLIDAY_WORK, "休日勤務手当", amount, True))
    if att.night_work:
        amount = hourly_class_amount(h, rates["night_work"], att.night_work)
        if amount:
            e.items.append(PayItem(codes.NIGHT_WORK, "夜勤手当", amount, True))


def _absence(inp: PayInput, t: PayTables, e: Earnings, hourly: int) -> None:
    """欠勤減額 (給与法 第15条), never more than the monthly base it is drawn from."""
    att = inp.attendance
    if not (att.absence_days or att.absence_minutes):
        return
    if inp.appointee is not None:
        daily = inp.appointee.daily_minutes
    elif inp.salary is not None and inp.salary.weekly_minutes != STANDARD_WEEKLY_MINUTES:
        daily = inp.salary.daily_minutes
    else:
        daily = t.overtime.holiday_minutes
    hours = absence_hours(days=att.absence_days, minutes=att.absence_minutes, daily_minutes=daily)
    amount = min(absence_deduction(hourly, hours), e.hourly_base_monthly)
    if amount:
        e.items.append(PayItem(codes.ABSENCE, "欠勤減額", -amount, True))


def compute_earnings(inp: PayInput, t: PayTables) -> Earnings:
    """All earnings items of ``inp`` (see the module docstring for the order)."""
    e = Earnings(items=[], refs=[])
    if inp.salary is not None:
        _regular_pay(inp, inp.salary, t, e)
    else:
        _appointee_pay(inp, inp.appointee, e)  # type: ignore[arg-type]  # PayInput checks one is set
    _commuting(inp, t, e)
    _special_duties(inp, t, e)
    if inp.attendance.needs_hourly_rate():
        hourly = e.hourly
        if hourly is None:
            hourly = e.hourly = hourly_rate_base(e.hourly_base_monthly, annual_minutes=_annual_minutes(inp, t))
        _time_pay(inp, t, e, hourly)
        _absence(inp, t, e, hourly)
    for other in inp.other_earnings:
        if other.amount:
            e.items.append(PayItem(other.code, other.label, other.amount, other.taxable))
    return e
