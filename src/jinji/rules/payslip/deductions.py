"""控除 (deductions) of one monthly payslip: 共済掛金 / 協会けんぽ・厚生年金 / 雇用保険 (from
:mod:`jinji.rules.social_insurance`), 源泉所得税 (from :mod:`jinji.rules.income_tax`), 住民税
特別徴収 and other deductions.

The pay side only picks the pre-resolved fast-path objects and adds up; the tax and
insurance arithmetic belongs to those modules.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinji.rules.payslip.context import PayTables
from jinji.rules.payslip.inputs import InsuranceInput, PayInput
from jinji.rules.payslip.result import INCOME_TAX, RESIDENT_TAX, PayItem
from jinji.rules.social_insurance import employment_insurance_employee_share
from jinji.rules.tables import TableRef

MUTUAL_AID_LABELS = (
    ("short_term", "短期掛金"),
    ("nursing_care", "介護掛金"),
    ("welfare", "福祉掛金"),
    ("child_support", "子ども・子育て支援掛金"),
    ("pension", "厚生年金保険料"),
    ("retirement_benefit", "退職等年金給付掛金"),
)


@dataclass(slots=True)
class Deductions:
    items: list[PayItem]
    refs: list[TableRef]
    social_insurance: int = 0
    income_tax: int = 0

    def add_insurance(self, code: str, label: str, amount: int) -> None:
        if amount:
            self.items.append(PayItem(code, label, amount, False))
            self.social_insurance += amount


def _mutual_aid(ins: InsuranceInput, t: PayTables, d: Deductions) -> None:
    """共済 組合員の掛金・厚生年金保険料 for the month of the pay date (§B1)."""
    table = t.unions[ins.union]
    assert t.ages is not None  # resolved whenever an input names a union
    assert ins.birth_date is not None  # InsuranceInput requires it for 共済
    nursing, pension = t.ages.due(ins.birth_date)
    c = table.monthly(
        short_term_standard=table.short.standard_of_grade(ins.short_term_grade) if ins.short_term_member else 0,
        long_term_standard=table.long.standard_of_grade(ins.long_term_grade) if ins.long_term_member else 0,
        nursing_care=nursing,
        pension=pension,
        short_term_member=ins.short_term_member,
        long_term_member=ins.long_term_member,
    )
    items = d.items
    total = 0
    for code, label in MUTUAL_AID_LABELS:
        amount = getattr(c, code)
        if amount:
            items.append(PayItem(code, label, amount, False))
            total += amount
    d.social_insurance += total
    d.refs.extend(table.refs)


def _employee_plans(ins: InsuranceInput, t: PayTables, d: Deductions) -> None:
    """協会けんぽ・厚生年金 of the previous month (§B4), or only 厚生年金 for a 共済 短期組合員 (§B1)."""
    plans = t.plans
    assert plans is not None  # resolved whenever an input needs them
    plan = plans.by_prefecture[ins.prefecture]
    assert ins.birth_date is not None  # required whenever a scheme applies
    nursing, pension = plans.ages.due(ins.birth_date)
    if ins.scheme == "employee_plans":
        health_standard = plans.short_grades.standard_of_grade(ins.short_term_grade)
        d.add_insurance("health_insurance", "健康保険料", plan.health(health_standard, nursing_care=nursing))
        d.add_insurance("child_support", "子ども・子育て支援金", plan.child_support(health_standard))
    if pension:
        d.add_insurance(
            "pension", "厚生年金保険料", plan.pension(plans.long_grades.standard_of_grade(ins.long_term_grade))
        )
    d.refs.extend(plan.refs)


def social_insurance(inp: PayInput, t: PayTables, *, gross: int) -> Deductions:
    """All social-insurance items of ``inp``; 雇用保険 on the month's wages ``gross`` (§B5)."""
    ins = inp.insurance
    d = Deductions(items=[], refs=[])
    if ins.scheme == "mutual_aid":
        _mutual_aid(ins, t, d)
    if ins.scheme == "employee_plans" or ins.welfare_pension:
        _employee_plans(ins, t, d)
    if ins.employment_insurance:
        share = employment_insurance_employee_share(
            wages=max(gross, 0), closing_date=t.paid_on, business=ins.employment_business
        )
        d.add_insurance("employment_insurance", "雇用保険料", share)
    return d


def add_tax_and_others(inp: PayInput, t: PayTables, d: Deductions, *, taxable_amount: int) -> None:
    """源泉所得税 on ``taxable_amount`` (月額表), then 住民税 and the other deductions."""
    tax = inp.tax
    d.income_tax = t.tax.withholding(taxable_amount, tax.dependents, tax.column)
    if d.income_tax:
        d.items.append(PayItem(INCOME_TAX, "所得税", d.income_tax, False))
    if inp.resident_tax:
        d.items.append(PayItem(RESIDENT_TAX, "住民税", inp.resident_tax, False))
    for other in inp.other_deductions:
        if other.amount:
            d.items.append(PayItem(other.code, other.label, other.amount, False))
