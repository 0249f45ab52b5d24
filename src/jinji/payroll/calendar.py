"""給与カレンダー: the pay date of a month for a 給与支払者 (rules.calendar moves it off holidays)."""

from __future__ import annotations

import datetime

from jinji.payroll.models import PayrollCalendar
from jinji.rules.calendar import pay_day

DEFAULT_PAY_DAY = 21


def month_start(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)


def month_end(first: datetime.date) -> datetime.date:
    nxt = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return nxt - datetime.timedelta(days=1)


def previous_month(first: datetime.date) -> datetime.date:
    return (first - datetime.timedelta(days=1)).replace(day=1)


def payer_calendar(*, organization_id: int, payer_id: int) -> PayrollCalendar | None:
    return PayrollCalendar.objects.for_organization(organization_id).filter(payer_id=payer_id).first()


def pay_date(calendar: PayrollCalendar | None, first: datetime.date) -> datetime.date:
    """支給日 of the month ``first``: the nominal day, or the previous business day (給与条例)."""
    nominal = calendar.pay_day if calendar is not None else DEFAULT_PAY_DAY
    return pay_day(first.year, first.month, min(nominal, month_end(first).day))


def appointee_work_month(calendar: PayrollCalendar | None, first: datetime.date) -> datetime.date:
    """The month of 勤務実績 paid in ``first`` to 会計年度任用職員 (the previous month when paid in arrears)."""
    if calendar is None or calendar.appointee_following_month:
        return previous_month(first)
    return first


def regular_work_month(calendar: PayrollCalendar | None, first: datetime.date) -> datetime.date:
    """The month of 勤務実績 whose variable items (時間外勤務手当, 特殊勤務手当, 欠勤減額 …) are paid in
    ``first`` to regular staff: the previous month when they are paid in arrears — "その月の分を翌月の
    給料の支給日に支給する" in the 給与条例 modelled on 人事院規則9-7 (❓ article not confirmed in
    payroll-rules.md) — else the pay month itself (``variable_following_month`` off)."""
    if calendar is None or calendar.variable_following_month:
        return previous_month(first)
    return first
