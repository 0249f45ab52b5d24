"""The payslip of a month worked in part or on more than one post (日割, :mod:`jinji.rules.pay.prorate`).

Each period of the month gets its own full-month earnings (its 給料表・級・号給 and its post's
管理職手当・地域手当 …); the items paid by days are summed over the periods, each pro-rated by
its days; every other item (扶養・住居・通勤, time-based pay, 資格手当 …) comes from the last
period. Deductions are then computed once on that total exactly as for a full month.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from jinji.rules.errors import InvalidArgument
from jinji.rules.pay.prorate import PRORATED_CODES, prorated_total
from jinji.rules.payslip import PayInput, PayItem, PayResult, PayTables
from jinji.rules.payslip.deductions import add_tax_and_others, social_insurance
from jinji.rules.payslip.earnings import compute_earnings
from jinji.rules.tables import TableRef


@dataclass(frozen=True, slots=True)
class Period:
    """One post held during the month: its input, its dates and its working days (週休日 excluded)."""

    pay_input: PayInput
    start: datetime.date
    end: datetime.date
    days: int
    org_unit_id: int


@dataclass(frozen=True, slots=True)
class PartMonth:
    """The periods of a part month in date order and the month's 要勤務日数."""

    periods: tuple[Period, ...]
    required: int

    def __post_init__(self) -> None:
        if not self.periods:
            raise InvalidArgument("日割計算の期間がありません")

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)

    def describe(self) -> str:
        """「4/1〜4/15 (11日) 総務課 → …」 for the review note (units by id; the page names them)."""
        spans = "、".join(f"{p.start:%m/%d}〜{p.end:%m/%d} ({p.days}日)" for p in self.periods)
        return f"{spans} / 要勤務日数 {self.required}日"


def _prorated_items(pm: PartMonth, per_period: list[list[PayItem]]) -> list[PayItem]:
    """Items paid by days, in the order they first appear (last period first, then earlier ones).

    Consecutive periods with the same monthly amount of an item count as one period for it, so an
    amount that did not change (the 給料 of someone who only moved unit) is paid in full.
    """
    amounts = [{i.code: i.amount for i in items if i.code in PRORATED_CODES} for items in per_period]
    labels: dict[str, tuple[str, bool]] = {}
    order: list[str] = []
    for items in (per_period[-1], *per_period[:-1]):
        for item in items:
            if item.code in PRORATED_CODES and item.code not in labels:
                labels[item.code] = (item.label, item.taxable)
                order.append(item.code)
    out: list[PayItem] = []
    for code in order:
        parts: list[tuple[int, int]] = []
        for period, by_code in zip(pm.periods, amounts, strict=True):
            monthly = by_code.get(code, 0)
            if parts and parts[-1][0] == monthly:
                parts[-1] = (monthly, parts[-1][1] + period.days)
            else:
                parts.append((monthly, period.days))
        amount = prorated_total(parts, required=pm.required)
        label, taxable = labels[code]
        if amount:
            full = len(parts) == 1 and parts[0][1] == pm.required
            out.append(PayItem(code, label if full else f"{label}(日割)", amount, taxable))
    return out


def part_month_payslip(pm: PartMonth, t: PayTables) -> PayResult:
    """The payslip of ``pm`` from tables resolved for all its inputs (see the module docstring)."""
    refs: list[TableRef] = list(t.common_refs)
    per_period: list[list[PayItem]] = []
    for period in pm.periods:
        e = compute_earnings(period.pay_input, t)
        per_period.append(e.items)
        refs.extend(r for r in e.refs if r not in refs)
    items = _prorated_items(pm, per_period)
    items.extend(i for i in per_period[-1] if i.code not in PRORATED_CODES)
    gross = sum(i.amount for i in items)
    taxable = sum(i.amount for i in items if i.taxable)
    last = pm.periods[-1].pay_input
    d = social_insurance(last, t, gross=gross)
    taxable_amount = max(taxable - d.social_insurance, 0)
    add_tax_and_others(last, t, d, taxable_amount=taxable_amount)
    total_deductions = sum(i.amount for i in d.items)
    return PayResult(
        employee_id=last.employee_id,
        paid_on=t.paid_on,
        earnings=tuple(items),
        deductions=tuple(d.items),
        gross=gross,
        taxable_earnings=taxable,
        social_insurance=d.social_insurance,
        taxable_amount=taxable_amount,
        income_tax=d.income_tax,
        total_deductions=total_deductions,
        net=gross - total_deductions,
        tables=(*refs, *(r for r in d.refs if r not in refs)),
    )
