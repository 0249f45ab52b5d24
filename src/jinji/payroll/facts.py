"""The per-employee facts behind a pay profile, each read with one query for the whole payer.

Queries are by organization and date; rows of employees outside the run are dropped in Python
(an ``IN`` list of 100,000 ids would exceed SQLite's parameter limit).
"""

from __future__ import annotations

import datetime
import functools
from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from jinji.core.models import as_of_q
from jinji.payroll import sources
from jinji.payroll.models import (
    EmployeeDeduction,
    EmployeePaySetting,
    InsuranceEnrolment,
    InsuranceScheme,
    ResidentTax,
)
from jinji.personnel.models import BankAccount, CommuteRoute, Dependent
from jinji.personnel.models.personal import CommuteMethod, Relationship
from jinji.rules.payslip import AllowanceInput, InsuranceInput, OtherDeduction, OtherEarning
from jinji.rules.payslip.inputs import NO_INSURANCE
from jinji.talent.selectors import qualification_allowances

HM = 100  # CommuteRoute.distance_hm is in units of 100 m
INSURANCE_FIELDS = (
    "scheme", "union", "short_term_grade", "long_term_grade", "short_term_member", "long_term_member",
    "welfare_pension", "prefecture", "employment_insurance", "contribution_waived",
)  # fmt: skip
SETTING_FIELDS = (
    "management_class", "regional_grade", "starting_pay_kind", "starting_pay_years", "tax_column",
    "appointee_basis", "appointee_rate",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class DependantCounts:
    spouse: bool = False
    children: int = 0
    other: int = 0


@dataclass(slots=True)
class Facts:
    dependants: dict[int, DependantCounts] = field(default_factory=dict)
    tax_dependents: Counter[int] = field(default_factory=Counter)
    commute: dict[int, tuple[str, int, int]] = field(default_factory=dict)
    insurance: dict[int, Any] = field(default_factory=dict)  # named rows of INSURANCE_FIELDS
    resident_tax: dict[int, int] = field(default_factory=dict)
    deductions: dict[int, list[OtherDeduction]] = field(default_factory=dict)
    settings: dict[int, Any] = field(default_factory=dict)  # named rows of SETTING_FIELDS
    banked: set[int] = field(default_factory=set)
    determinations: Mapping[int, list[Any]] = field(default_factory=dict)
    other_earnings: dict[int, tuple[OtherEarning, ...]] = field(default_factory=dict)  # 資格手当

    def tax_column(self, employee_id: int) -> str:
        setting = self.settings.get(employee_id)
        return setting.tax_column if setting is not None else "kou"


def resident_tax_year(month: datetime.date) -> int:
    """住民税の年度 whose 特別徴収 covers ``month``: June to the next May (地方税法 第321条の5)."""
    return month.year if month.month >= 6 else month.year - 1


def _dependants(org: int, ids: Collection[int], on: datetime.date, facts: Facts) -> None:
    spouse: set[int] = set()
    children: Counter[int] = Counter()
    other: Counter[int] = Counter()
    rows = Dependent.objects.for_organization(org).filter(as_of_q(on))
    for eid, rel, for_allowance, for_tax in rows.values_list("employee_id", "relationship", "for_allowance", "for_tax"):
        if eid not in ids:
            continue
        if for_tax:
            facts.tax_dependents[eid] += 1
        if not for_allowance:
            continue
        if rel == Relationship.SPOUSE:
            spouse.add(eid)
        elif rel == Relationship.CHILD:
            children[eid] += 1
        else:
            other[eid] += 1
    for eid in spouse | set(children) | set(other):
        facts.dependants[eid] = DependantCounts(eid in spouse, children[eid], other[eid])


def _by_employee(qs: Any, ids: Collection[int], fields: tuple[str, ...]) -> dict[int, Any]:
    """The latest row in force per employee, as named tuples (cheaper than model instances)."""
    out: dict[int, Any] = {}
    for row in qs.order_by("employee_id", "valid_from").values_list("employee_id", *fields, named=True):
        if row.employee_id in ids:
            out[row.employee_id] = row
    return out


@functools.lru_cache(maxsize=4096)
def _other(code: str, label: str, amount: int) -> OtherDeduction:
    return OtherDeduction(code=code, label=label, amount=amount)


def _deductions(org: int, ids: Collection[int], on: datetime.date, facts: Facts) -> None:
    rows = (
        EmployeeDeduction.objects.for_organization(org)
        .filter(as_of_q(on))
        .order_by("employee_id", "item__sort_order", "item__code")
        .values_list("employee_id", "item__code", "item__name", "amount")
    )
    grouped: defaultdict[int, list[OtherDeduction]] = defaultdict(list)
    for eid, code, name, amount in rows:
        if eid in ids:
            grouped[eid].append(_other(code, name, amount))
    facts.deductions = dict(grouped)


QUALIFICATION_PREFIX = "qualification:"  # earning code of a 資格手当 rule (+ the rule's code)


def _qualification_allowances(org: int, ids: Collection[int], month: datetime.date, facts: Facts) -> None:
    """資格手当 of the talent rules in force on the 1st of ``month`` (three queries, issue 8 §8)."""
    lines = qualification_allowances(organization=org, month=month)
    facts.other_earnings = {
        eid: tuple(OtherEarning(QUALIFICATION_PREFIX + line.code, line.name, line.amount) for line in found)
        for eid, found in lines.items()
        if eid in ids
    }


def gather_facts(
    *, organization_id: int, employee_ids: Collection[int], on: datetime.date, month: datetime.date
) -> Facts:
    """Every fact of ``employee_ids`` on the pay date ``on`` (month ``month``). Eight queries, up to three
    for 資格手当, + sources."""
    org, ids = organization_id, set(employee_ids)
    facts = Facts()
    if not ids:
        return facts
    _dependants(org, ids, on, facts)
    commute = CommuteRoute.objects.for_organization(org).filter(as_of_q(on))
    for eid, method, hm, fare in commute.values_list("employee_id", "method", "distance_hm", "monthly_fare"):
        if eid in ids:
            facts.commute[eid] = (method, hm * HM, fare)
    insurance = InsuranceEnrolment.objects.for_organization(org).filter(as_of_q(on))
    facts.insurance = _by_employee(insurance, ids, INSURANCE_FIELDS)
    settings = EmployeePaySetting.objects.for_organization(org).filter(as_of_q(on))
    facts.settings = _by_employee(settings, ids, SETTING_FIELDS)
    fiscal = resident_tax_year(month)
    taxes = ResidentTax.objects.for_organization(org).filter(fiscal_year=fiscal)
    for eid, june, monthly in taxes.values_list("employee_id", "june_amount", "monthly_amount"):
        if eid in ids:
            facts.resident_tax[eid] = june if month.month == 6 else monthly
    _deductions(org, ids, on, facts)
    _qualification_allowances(org, ids, month, facts)
    banks = BankAccount.objects.for_organization(org).filter(as_of_q(on)).values_list("employee_id", flat=True)
    facts.banked = {eid for eid in banks if eid in ids}
    source = sources.allowance_source()
    if source is not None:
        facts.determinations = source(organization=org, on=on)
    return facts


def _basis(facts: Facts, employee_id: int, kind: str) -> dict[str, Any] | None:
    for d in facts.determinations.get(employee_id, ()):
        if getattr(d, "kind", "") == kind:
            return dict(getattr(d, "basis", {}) or {})
    return None


def allowance_input(employee_id: int, facts: Facts, *, regular: bool) -> AllowanceInput:
    """扶養・住居・通勤 facts: the 認定簿 when it has a determination, else the personnel master."""
    setting = facts.settings.get(employee_id)
    values: dict[str, Any] = {}
    commute = _basis(facts, employee_id, "commuting")
    if commute is not None:
        values["transit_fare"] = int(commute.get("transit_fare", 0))
        if commute.get("vehicle"):
            values["vehicle_distance_m"] = int(commute.get("distance_m", 0))
            values["parking_fee"] = int(commute.get("parking_fee", 0))
    elif employee_id in facts.commute:
        method, meters, fare = facts.commute[employee_id]
        values["transit_fare"] = fare if method in (CommuteMethod.TRANSPORT, CommuteMethod.MIXED) else 0
        if method in (CommuteMethod.VEHICLE, CommuteMethod.MIXED):
            values["vehicle_distance_m"] = meters
    if regular:
        values.update(regular_facts(employee_id, facts))
        if setting is not None:
            values.update(
                management_class=setting.management_class,
                regional_grade=setting.regional_grade,
                starting_pay_kind=setting.starting_pay_kind,
                starting_pay_years=setting.starting_pay_years,
            )
    return AllowanceInput(**values)


def regular_facts(employee_id: int, facts: Facts) -> dict[str, Any]:
    values: dict[str, Any] = {}
    dependants = _basis(facts, employee_id, "dependents")
    if dependants is not None:
        values["spouse"] = bool(dependants.get("spouse", False))
        values["children"] = int(dependants.get("children", 0))
        values["special_period_children"] = int(dependants.get("special_period_children", 0))
        values["other_dependents"] = int(dependants.get("other_dependents", 0))
    elif employee_id in facts.dependants:
        counts = facts.dependants[employee_id]
        values.update(spouse=counts.spouse, children=counts.children, other_dependents=counts.other)
    housing = _basis(facts, employee_id, "housing")
    if housing is not None and housing.get("rented"):
        values["rent"] = int(housing.get("rent", 0))
        values["single_posting_family"] = bool(housing.get("single_posting_family", False))
    return values


def insurance_input(employee_id: int, birth_date: datetime.date, facts: Facts) -> InsuranceInput:
    """社会保険 from the enrolment in force; none when absent or waived (育児休業等の掛金免除)."""
    row = facts.insurance.get(employee_id)
    if row is None or row.scheme == InsuranceScheme.NONE:
        return NO_INSURANCE
    if row.contribution_waived:
        if not row.employment_insurance:
            return NO_INSURANCE
        return InsuranceInput(scheme="none", employment_insurance=True)
    return InsuranceInput(
        scheme=row.scheme,
        union=row.union,
        short_term_grade=row.short_term_grade,
        long_term_grade=row.long_term_grade,
        birth_date=birth_date,
        short_term_member=row.short_term_member,
        long_term_member=row.long_term_member,
        welfare_pension=row.welfare_pension,
        prefecture=row.prefecture,
        employment_insurance=row.employment_insurance,
    )
