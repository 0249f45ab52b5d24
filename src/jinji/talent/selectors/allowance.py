"""資格手当 for payroll: who is paid what for a month, from the rules in force and verified holdings."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from jinji.core.models import Organization, as_of_q
from jinji.talent.dates import month_bounds
from jinji.talent.models import EmployeeQualification, Qualification, QualificationAllowanceRule
from jinji.talent.selectors.qualifications import holds_q


@dataclass(frozen=True, slots=True)
class AllowanceLine:
    """One allowance item for one employee and month (int yen)."""

    rule_id: int
    code: str
    name: str
    amount: int
    qualification_ids: tuple[int, ...]
    qualification_names: tuple[str, ...]


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def allowance_rules_on(*, organization: Organization | int, on: datetime.date) -> list[QualificationAllowanceRule]:
    """Rules in force on ``on`` with their qualifications. Two queries."""
    return list(
        QualificationAllowanceRule.objects.for_organization(_org_id(organization))
        .filter(as_of_q(on))
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.unscoped.order_by("sort_order", "code")))
        .order_by("code", "id")
    )


def qualification_allowances(
    *, organization: Organization | int, month: datetime.date
) -> dict[int, list[AllowanceLine]]:
    """資格手当 for the month containing ``month``: employee id → lines (one per rule, int yen).

    The rule: a rule in force on the 1st of the month pays its ``monthly_amount`` to each employee
    who, on the 1st, holds any of its qualifications verified by HR (acquired on or before the
    1st and not expired before it) and has not separated before it. Holding several listed
    qualifications pays once per rule. Three queries whatever the number of employees.
    """
    org_id = _org_id(organization)
    first, _ = month_bounds(month)
    rules = allowance_rules_on(organization=org_id, on=first)
    if not rules:
        return {}
    wanted = sorted({q.pk for r in rules for q in r.qualifications.all()})
    held: defaultdict[int, set[int]] = defaultdict(set)
    rows = (
        EmployeeQualification.objects.for_organization(org_id)
        .filter(holds_q(first), qualification_id__in=wanted)
        .filter(Q(employee__separated_on__isnull=True) | Q(employee__separated_on__gte=first))
        .values_list("employee_id", "qualification_id")
    )
    for employee_id, qualification_id in rows:
        held[employee_id].add(qualification_id)
    result: dict[int, list[AllowanceLine]] = {}
    for employee_id in sorted(held):
        lines = []
        for rule in rules:
            matching = [q for q in rule.qualifications.all() if q.pk in held[employee_id]]
            if matching:
                lines.append(
                    AllowanceLine(
                        rule_id=rule.pk,
                        code=rule.code,
                        name=rule.name,
                        amount=rule.monthly_amount,
                        qualification_ids=tuple(q.pk for q in matching),
                        qualification_names=tuple(q.name for q in matching),
                    )
                )
        if lines:
            result[employee_id] = lines
    return result
