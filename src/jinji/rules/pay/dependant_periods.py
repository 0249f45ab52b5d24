"""Which dependants count for 扶養手当 on a day, by category (給与法 第11条; payroll-rules.md §C4).

- 子: counted until the first 3/31 on or after the day the child reaches 22 (第11条第2項第2号).
- 特定期間の子: from the first 4/1 on or after the day the child reaches 16, through that same 3/31
  (第11条第4項), each adding the table's ``child_special_period`` amount.
- 配偶者 and 父母等 (every other relationship) have no age limit here.

The amounts are in :mod:`jinji.rules.pay.dependents`; this module only counts people.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from jinji.rules.social_insurance import age_reached_on

SPOUSE = "spouse"
CHILD = "child"


def _first_on_or_after(day: datetime.date, month: int, dom: int) -> datetime.date:
    candidate = datetime.date(day.year, month, dom)
    return candidate if candidate >= day else datetime.date(day.year + 1, month, dom)


def child_in_allowance_period(birth_date: datetime.date, on: datetime.date) -> bool:
    """扶養親族たる子: until the first 3/31 on or after the day 22 is reached (給与法 第11条第2項第2号)."""
    return on <= _first_on_or_after(age_reached_on(birth_date, 22), 3, 31)


def child_in_special_period(birth_date: datetime.date, on: datetime.date) -> bool:
    """特定期間 (給与法 第11条第4項): from the first 4/1 on or after the day 16 is reached, through
    the first 3/31 on or after the day 22 is reached (payroll-rules.md §C4, +5,000)."""
    start = _first_on_or_after(age_reached_on(birth_date, 16), 4, 1)
    return start <= on and child_in_allowance_period(birth_date, on)


@dataclass(frozen=True, slots=True)
class Dependant:
    """One person recognised as 扶養親族 for the allowance: ``relationship`` is ``spouse``, ``child`` or other."""

    relationship: str
    birth_date: datetime.date


@dataclass(frozen=True, slots=True)
class DependantCounts:
    """The arguments of :func:`jinji.rules.pay.dependents.dependents_allowance` for one day."""

    spouse: bool
    children: int
    special_period_children: int
    other_dependents: int


def dependant_counts(dependants: Iterable[Dependant], on: datetime.date) -> DependantCounts:
    """Count the dependants by category as of ``on`` (children past their period are not counted)."""
    people = list(dependants)
    children = [d for d in people if d.relationship == CHILD and child_in_allowance_period(d.birth_date, on)]
    return DependantCounts(
        spouse=any(d.relationship == SPOUSE for d in people),
        children=len(children),
        special_period_children=sum(1 for d in children if child_in_special_period(d.birth_date, on)),
        other_dependents=sum(1 for d in people if d.relationship not in (SPOUSE, CHILD)),
    )
