"""Social insurance for local-government staff: 共済 and, outside it, 協会けんぽ / 厚生年金 / 雇用保険.

Public API (stable; ``jinji.rules.pay`` and the payslip batch import these names):

Grades (:mod:`.grades`) —
``standard_monthly_remuneration(remuneration, *, scheme, on) -> int``,
``standard_remuneration_grade(remuneration, *, scheme, on) -> int``,
``grade_table(*, scheme, on) -> GradeTable`` (fast path: ``.grade(r)``, ``.standard(r)``,
``.standard_of_grade(g)``, ``.grade_of_standard(s)``, ``.bonus_cap``), with ``scheme`` =
:data:`SHORT_TERM` ("short_term", grades 1–50) or :data:`LONG_TERM` ("long_term", 1–32);
``regular_determination(*, months, year, scheme, min_days=17) -> Determination | None``
(定時決定) and ``occasional_revision(*, months, first_month, current_standard, scheme,
direction, min_days=17) -> Determination | None`` (随時改定), on :class:`MonthlyRemuneration`.

共済 (:mod:`.mutual_aid`) — ``mutual_aid_table(*, union, month) -> MutualAidTable`` (fast path:
``.monthly(...)``, ``.bonus(...)``), ``mutual_aid_monthly_contributions(...)``,
``mutual_aid_bonus_contributions(...) -> (BonusBasis, MutualAidContributions)``,
``standard_bonus_amount(bonus)``, ``bonus_basis(...)``,
``mutual_aid_table_id(union)`` (``mutual_aid_rates.<union>``; registers the schema, so a
local union's file loads too).

Periods (:mod:`.periods`) — ``contribution_due``, ``nursing_care_due``, ``pension_due``,
``age_reached_on``, :class:`Leave` / :class:`LeaveKind`, ``monthly_contribution_waived``,
``bonus_contribution_waived``.

Outside 共済 (:mod:`.employee_plans`) — ``employee_plan_table(*, prefecture, month) ->
EmployeePlanTable`` (fast path: ``.health(basis, nursing_care=)``, ``.child_support(basis)``,
``.pension(basis)``), ``employee_plan_monthly_contributions(...)``,
``employment_insurance_employee_share(*, wages, closing_date, business="general")``.

Tables: ``health_standard_remuneration_grades``, ``pension_standard_remuneration_grades``,
``mutual_aid_rates.toyama_municipal`` (sample union), ``kyokai_kenpo_rates``,
``welfare_pension_rates``, ``employment_insurance_rates``.
"""

from __future__ import annotations

from jinji.rules.social_insurance.employee_plans import (
    EmployeePlanContributions,
    EmployeePlanTable,
    employee_plan_monthly_contributions,
    employee_plan_table,
    employment_insurance_employee_share,
)
from jinji.rules.social_insurance.grades import (
    LONG_TERM,
    SHORT_TERM,
    Determination,
    GradeTable,
    MonthlyRemuneration,
    grade_table,
    occasional_revision,
    regular_determination,
    standard_monthly_remuneration,
    standard_remuneration_grade,
)
from jinji.rules.social_insurance.mutual_aid import (
    BonusBasis,
    MutualAidContributions,
    MutualAidTable,
    bonus_basis,
    mutual_aid_bonus_contributions,
    mutual_aid_monthly_contributions,
    mutual_aid_table,
    mutual_aid_table_id,
    standard_bonus_amount,
)
from jinji.rules.social_insurance.periods import (
    Leave,
    LeaveKind,
    age_reached_on,
    bonus_contribution_waived,
    contribution_due,
    monthly_contribution_waived,
    nursing_care_due,
    pension_due,
)

__all__ = [
    "LONG_TERM",
    "SHORT_TERM",
    "BonusBasis",
    "Determination",
    "EmployeePlanContributions",
    "EmployeePlanTable",
    "GradeTable",
    "Leave",
    "LeaveKind",
    "MonthlyRemuneration",
    "MutualAidContributions",
    "MutualAidTable",
    "age_reached_on",
    "bonus_basis",
    "bonus_contribution_waived",
    "contribution_due",
    "employee_plan_monthly_contributions",
    "employee_plan_table",
    "employment_insurance_employee_share",
    "grade_table",
    "monthly_contribution_waived",
    "mutual_aid_bonus_contributions",
    "mutual_aid_monthly_contributions",
    "mutual_aid_table",
    "mutual_aid_table_id",
    "nursing_care_due",
    "occasional_revision",
    "pension_due",
    "regular_determination",
    "standard_bonus_amount",
    "standard_monthly_remuneration",
    "standard_remuneration_grade",
]
