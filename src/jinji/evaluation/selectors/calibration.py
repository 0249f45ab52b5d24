"""調整 (calibration): the sheets waiting for a 調整者, their first/second ratings side by side,
the distribution of the proposed results and the quota check against it.

An adjuster sees only the sheets naming them as 調整者; HR sees all (optionally one 部局).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from jinji.accounts.scope import AnyUser
from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import Cycle, CycleKind, Sheet, Stage
from jinji.evaluation.permissions import is_hr, signed_in
from jinji.evaluation.selectors.dashboard import RATING_LABELS, Bar, bars, quota_problems
from jinji.rules.evaluation import RATINGS, QuotaViolation, bonus_band, pay_links, step_increase_class

CALIBRATION_LIMIT = 300


@dataclass(frozen=True, slots=True)
class CalibrationRow:
    sheet_id: int
    version: int
    staff_number: str
    name: str
    unit_name: str
    position_name: str
    first_rating: str
    second_rating: str
    second_score: Decimal | None
    proposed: str
    pay_band: str


@dataclass(frozen=True, slots=True)
class Calibration:
    cycle: Cycle
    rows: list[CalibrationRow]
    truncated: bool
    counts: dict[str, int]
    bars: list[Bar]
    violations: list[QuotaViolation]
    confirmed: int
    waiting: int
    population: int
    """Every sheet in the user's reach in the cycle (the base of the quota shares)."""


def _scope(user: AnyUser, cycle: Cycle, department_id: int | None) -> Q:
    me = signed_in(user)
    if me is None:
        return Q(pk__in=[])
    q = Q(cycle=cycle)
    if department_id is not None:
        q &= Q(department_id=department_id)
    if is_hr(me):
        return q
    if me.employee_id is None:
        return Q(pk__in=[])
    return q & Q(adjuster_id=me.employee_id) & ~Q(employee_id=me.employee_id)


def _rows(cycle: Cycle, shown: list[Sheet]) -> list[CalibrationRow]:
    names = employee_names(organization_id=cycle.organization_id, employee_ids={s.employee_id for s in shown})
    units = unit_names_on(
        organization_id=cycle.organization_id, on=cycle.reference_date, unit_ids={s.unit_id for s in shown if s.unit_id}
    )
    links = pay_links(cycle.period_end).data
    competency = cycle.kind == CycleKind.COMPETENCY

    def band(rating: str) -> str:
        if rating not in RATINGS:
            return ""
        return step_increase_class(links, rating) if competency else bonus_band(links, rating)

    return [
        CalibrationRow(
            s.pk,
            s.version,
            names.get(s.employee_id, ("", ""))[0],
            names.get(s.employee_id, ("", ""))[1],
            units.get(s.unit_id or 0, ""),
            s.position_name,
            s.first_rating,
            s.second_rating,
            s.second_score,
            s.second_rating,
            band(s.second_rating),
        )
        for s in shown
    ]


def calibration(*, user: AnyUser, cycle: Cycle, department_id: int | None = None) -> Calibration:
    """Sheets at 調整 in the user's reach, and the distribution of 確定 + proposed results (quota check
    against every sheet in reach). Five queries."""
    scope = Sheet.objects.for_organization(cycle.organization_id).filter(_scope(user, cycle, department_id))
    totals = dict(scope.values("stage").annotate(n=Count("id")).values_list("stage", "n"))
    proposed = dict(
        scope.filter(stage__in=[Stage.ADJUST, Stage.CONFIRMED])
        .values("current_rating")
        .annotate(n=Count("id"))
        .values_list("current_rating", "n")
    )
    waiting = list(
        scope.filter(stage=Stage.ADJUST).order_by("department_id", "unit_id", "-second_score", "id")[
            : CALIBRATION_LIMIT + 1
        ]
    )
    rows = _rows(cycle, waiting[:CALIBRATION_LIMIT])
    counts = {r: proposed.get(r, 0) for r in RATINGS if proposed.get(r)}
    return Calibration(
        cycle=cycle,
        rows=rows,
        truncated=len(waiting) > CALIBRATION_LIMIT,
        counts=counts,
        bars=bars(counts, {r: RATING_LABELS[r] for r in RATINGS}),
        violations=quota_problems(cycle, counts, sum(totals.values())),
        confirmed=totals.get(Stage.CONFIRMED, 0),
        waiting=totals.get(Stage.ADJUST, 0),
        population=sum(totals.values()),
    )
