"""Age rules of social insurance as birth-date bounds for one month (batch fast path).

For a fixed month, :func:`jinji.rules.social_insurance.nursing_care_due` (介護: from the month
40 is reached to the month before 65 is reached) holds for one interval of birth dates and
:func:`~jinji.rules.social_insurance.pension_due` (厚生年金: before the month 70 is reached)
for every birth date after a bound. The bounds are found once per month by bisection over
those very functions, so no age rule is restated here; per employee two date comparisons
remain.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from jinji.rules.social_insurance import nursing_care_due, pension_due


def _last_true(predicate: Callable[[datetime.date], bool], lo: datetime.date, hi: datetime.date) -> datetime.date:
    """The latest date in [lo, hi] where ``predicate`` holds, for one that holds from ``lo`` up to some
    date and not after it (``lo`` − 1 day if it never holds)."""
    low, high = lo.toordinal() - 1, hi.toordinal()
    while low < high:
        mid = (low + high + 1) // 2
        if predicate(datetime.date.fromordinal(mid)):
            low = mid
        else:
            high = mid - 1
    return datetime.date.fromordinal(low)


@dataclass(frozen=True, slots=True)
class AgeBounds:
    """介護 is due for ``nursing_after < birth <= nursing_until``; 厚生年金 for ``birth > pension_after``."""

    month: datetime.date
    nursing_after: datetime.date
    nursing_until: datetime.date
    pension_after: datetime.date

    def due(self, birth: datetime.date) -> tuple[bool, bool]:
        """(介護 due, 厚生年金 due) for an employee born on ``birth``."""
        return self.nursing_after < birth <= self.nursing_until, birth > self.pension_after


def age_bounds(month: datetime.date) -> AgeBounds:
    """The bounds for ``month`` (any day in it)."""
    earliest = month.replace(year=month.year - 120, day=1)
    latest = month.replace(year=month.year + 1, day=1)
    pivot = month.replace(year=month.year - 50, day=1)  # 50 years old: always in 40–64

    def nursing(birth: datetime.date) -> bool:
        return nursing_care_due(birth_date=birth, month=month)

    if not nursing(pivot):
        raise AssertionError("介護掛金の年齢要件が想定 (40〜64歳) と異なります")
    return AgeBounds(
        month=month,
        nursing_after=_last_true(lambda birth: not nursing(birth), earliest, pivot),
        nursing_until=_last_true(nursing, pivot, latest),
        pension_after=_last_true(lambda birth: not pension_due(birth_date=birth, month=month), earliest, latest),
    )


@dataclass(frozen=True, slots=True)
class DirectAgeRules:
    """The same answers as :class:`AgeBounds`, asking the age functions per employee (single payslips)."""

    month: datetime.date

    def due(self, birth: datetime.date) -> tuple[bool, bool]:
        """(介護 due, 厚生年金 due) for an employee born on ``birth``."""
        return nursing_care_due(birth_date=birth, month=self.month), pension_due(birth_date=birth, month=self.month)


AgeRules = AgeBounds | DirectAgeRules
