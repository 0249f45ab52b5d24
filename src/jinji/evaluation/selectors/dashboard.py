"""HR progress dashboard of a cycle: who is at which stage, overdue sheets, the distribution of
ratings by unit and by level (with the quota check on the provisional results).

Aggregates run in the database (GROUP BY); the page runs the same small number of queries for
100 or 100,000 staff. Bars are computed here as percentages for SVG ``<rect>`` attributes.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import Cycle, CycleKind, Sheet, SheetTemplate, Stage
from jinji.rules.evaluation import (
    BONUS,
    RATINGS,
    STEP_INCREASE,
    QuotaViolation,
    bonus_band,
    check_quotas,
    pay_links,
    quota_rules,
    step_increase_class,
)

OPEN_STAGES = (Stage.SELF, Stage.FIRST, Stage.SECOND, Stage.ADJUST)
DUE_FIELDS = {Stage.SELF: "self_due", Stage.FIRST: "first_due", Stage.SECOND: "second_due", Stage.ADJUST: "adjust_due"}
UNRATED = ""
COLUMNS = (*RATINGS, UNRATED)
OVERDUE_LIMIT = 50


def overdue_q(today: datetime.date) -> Q:
    """Q on :class:`Sheet`: sheets whose current stage's deadline (in their cycle) is before ``today``."""
    q = Q(pk__in=[])
    for stage, due in DUE_FIELDS.items():
        q |= Q(stage=stage, **{f"cycle__{due}__lt": today})
    return q


def overdue_in_cycle_q(cycle: Cycle, today: datetime.date) -> Q:
    """The same for one cycle, without joining the cycle table."""
    late = [stage for stage in OPEN_STAGES if getattr(cycle, DUE_FIELDS[stage]) < today]
    return Q(cycle=cycle, stage__in=late)


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    css: str
    count: int
    x: float
    width: float


@dataclass(frozen=True, slots=True)
class Distribution:
    key: int | None
    label: str
    counts: dict[str, int]
    total: int
    bars: list[Bar]

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(c, 0) for c in COLUMNS]


@dataclass(frozen=True, slots=True)
class StageCount:
    stage: str
    label: str
    count: int
    due: datetime.date | None
    overdue: bool
    vacancies: int


@dataclass(frozen=True, slots=True)
class OverdueRow:
    sheet_id: int
    staff_number: str
    name: str
    stage_label: str
    due: datetime.date
    holder: str


@dataclass(frozen=True, slots=True)
class Dashboard:
    cycle: Cycle
    total: int
    stages: list[StageCount]
    stage_bars: list[Bar]
    overdue_count: int
    overdue: list[OverdueRow]
    vacancy_count: int
    overall: Distribution
    by_unit: list[Distribution]
    by_level: list[Distribution]
    department_id: int | None
    department_name: str
    violations: list[QuotaViolation]


def bars(counts: dict[str, int], labels: dict[str, str]) -> list[Bar]:
    """Stacked bar segments (percent of the total), in the order of ``labels``."""
    total = sum(counts.values())
    result: list[Bar] = []
    x = 0.0
    for key, label in labels.items():
        count = counts.get(key, 0)
        if not count or not total:
            continue
        width = round(100 * count / total, 2)
        result.append(Bar(label=label, css=f"bar--{key or 'none'}", count=count, x=round(x, 2), width=width))
        x += width
    return result


RATING_LABELS = {**{r: r for r in RATINGS}, UNRATED: "未評価"}


def _distribution(key: int | None, label: str, counts: dict[str, int]) -> Distribution:
    return Distribution(
        key=key, label=label, counts=counts, total=sum(counts.values()), bars=bars(counts, RATING_LABELS)
    )


@dataclass(frozen=True, slots=True)
class _Cube:
    """Counts of the sheets by stage, unit, template and rating, from one GROUP BY scan."""

    stages: Counter[str]
    vacant: Counter[str]
    by_unit: dict[int | None, dict[str, int]]
    by_level: dict[int | None, dict[str, int]]


def _cube(sheets: QuerySet[Sheet], unit_field: str) -> _Cube:
    stages: Counter[str] = Counter()
    vacant: Counter[str] = Counter()
    by_unit: defaultdict[int | None, Counter[str]] = defaultdict(Counter)
    by_level: defaultdict[int | None, Counter[str]] = defaultdict(Counter)
    rows = (
        sheets.values_list("stage", unit_field, "template_id", "current_rating", "has_vacancy")
        .annotate(n=Count("id"))
        .order_by()
    )
    for stage, unit, template, rating, has_vacancy, n in rows:
        column = rating if rating in RATINGS else UNRATED
        stages[stage] += n
        vacant[stage] += n if has_vacancy else 0
        by_unit[unit][column] += n
        by_level[template][column] += n
    return _Cube(
        stages=stages,
        vacant=vacant,
        by_unit={k: dict(v) for k, v in by_unit.items()},
        by_level={k: dict(v) for k, v in by_level.items()},
    )


def _stages(cycle: Cycle, cube: _Cube, today: datetime.date) -> list[StageCount]:
    stages: list[StageCount] = []
    for stage in Stage:
        due = cycle.due_for(stage)
        count = cube.stages.get(stage.value, 0)
        overdue = due is not None and due < today
        stages.append(StageCount(stage.value, str(stage.label), count, due, overdue, cube.vacant.get(stage.value, 0)))
    return stages


def _overdue_rows(cycle: Cycle, sheets_qs: QuerySet[Sheet], today: datetime.date) -> list[OverdueRow]:
    sheets = list(
        sheets_qs.filter(overdue_in_cycle_q(cycle, today))
        .order_by("stage", "employee_id")
        .only("id", "stage", "employee_id", "first_evaluator_id", "second_evaluator_id", "adjuster_id")[:OVERDUE_LIMIT]
    )
    holders = {s.pk: s.evaluator_for(s.stage) for s in sheets}
    names = employee_names(
        organization_id=cycle.organization_id,
        employee_ids={s.employee_id for s in sheets} | {h for h in holders.values() if h is not None},
    )
    rows = []
    for s in sheets:
        holder = holders[s.pk]
        due = cycle.due_for(s.stage)
        assert due is not None
        number, name = names.get(s.employee_id, ("", ""))
        rows.append(
            OverdueRow(s.pk, number, name, Stage(s.stage).label, due, names[holder][1] if holder in names else "(空席)")
        )
    return rows


def quota_problems(cycle: Cycle, overall: dict[str, int], total: int) -> list[QuotaViolation]:
    """Quota excesses if the ratings given so far were final, as shares of ``total`` sheets
    (昇給区分 for 能力評価, 成績率の区分 for 業績評価)."""
    on = cycle.period_end
    links = pay_links(on).data
    competency = cycle.kind == CycleKind.COMPETENCY
    counts: Counter[str] = Counter()
    for rating, n in overall.items():
        if rating in RATINGS:
            counts[step_increase_class(links, rating) if competency else bonus_band(links, rating)] += n
    return check_quotas(quota_rules(on).data, STEP_INCREASE if competency else BONUS, dict(counts), total=total)


def cycle_dashboard(*, cycle: Cycle, today: datetime.date, department_id: int | None = None) -> Dashboard:
    """The dashboard of ``cycle`` (with ``department_id``: of that 部局, by 所属). Six queries.

    One GROUP BY scan gives the stages, 空席 and both distributions; then the overdue rows
    (the first 50), their names, the unit names and the template names.
    """
    org_id = cycle.organization_id
    sheets = Sheet.objects.for_organization(org_id).filter(cycle=cycle)
    unit_field = "department_id"
    if department_id is not None:
        sheets, unit_field = sheets.filter(department_id=department_id), "unit_id"
    cube = _cube(sheets, unit_field)
    stages = _stages(cycle, cube, today)
    total = sum(cube.stages.values())
    wanted_units = {k for k in cube.by_unit if k is not None} | ({department_id} if department_id else set())
    names = unit_names_on(organization_id=org_id, on=cycle.reference_date, unit_ids=wanted_units)
    level_names = dict(
        SheetTemplate.objects.for_organization(org_id).filter(pk__in=list(cube.by_level)).values_list("pk", "name")
    )
    overall: Counter[str] = Counter()
    for counts in cube.by_unit.values():
        overall.update(counts)
    by_unit = sorted(
        (_distribution(k, names.get(k or 0, "(所属なし)"), c) for k, c in cube.by_unit.items()), key=lambda d: d.label
    )
    by_level = sorted(
        (_distribution(k, level_names.get(k or 0, ""), c) for k, c in cube.by_level.items()), key=lambda d: d.label
    )
    return Dashboard(
        cycle=cycle,
        total=total,
        stages=stages,
        stage_bars=bars({s.stage: s.count for s in stages}, {s.stage: s.label for s in stages}),
        overdue_count=sum(s.count for s in stages if s.overdue),
        overdue=_overdue_rows(cycle, sheets, today),
        vacancy_count=sum(s.vacancies for s in stages),
        overall=_distribution(None, "全体", dict(overall)),
        by_unit=by_unit,
        by_level=by_level,
        department_id=department_id,
        department_name=names.get(department_id or 0, "") if department_id else "",
        violations=quota_problems(cycle, dict(overall), total),
    )
