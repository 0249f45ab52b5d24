"""Results for pay: 勤勉手当の成績率の区分 for a bonus run, and the 昇給 proposal with quota checks.

- :func:`performance_ratios`: the bonus run reads, per employee, the 成績率の区分 that the latest
  業績評価 ended before the bonus 基準日 gives (June: the period ending 3/31; December: the one
  ending 9/30). Only 確定 results count; payroll treats everyone else as 良好.
- :func:`step_increase_preview`: per 確定 能力評価 sheet, the year's result (with that year's
  業績評価), its 昇給区分 and 号給数 at the employee's age on the 昇給日, and the new 号給.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from jinji.core.models import Organization
from jinji.evaluation.directory import PayPost, employee_names, pay_posts_on
from jinji.evaluation.models import Cycle, CycleKind, Sheet, Stage
from jinji.rules.errors import RulesError
from jinji.rules.evaluation import (
    BONUS,
    STEP_INCREASE,
    QuotaViolation,
    annual_rating,
    bonus_band,
    check_quotas,
    pay_links,
    quota_rules,
    scoring_rules,
    step_increase_proposal,
)
from jinji.rules.pay import salary_schedule_version
from jinji.rules.pay.step_increase import step_increase_rules


def _org_id(organization: Organization | int) -> int:
    return organization if isinstance(organization, int) else organization.pk


def bonus_cycle(*, organization: Organization | int, bonus_date: datetime.date) -> Cycle | None:
    """The latest 業績評価 cycle whose period ended before the bonus 基準日. One query."""
    return (
        Cycle.objects.for_organization(_org_id(organization))
        .filter(kind=CycleKind.PERFORMANCE, period_end__lt=bonus_date)
        .order_by("-period_end", "-id")
        .first()
    )


def performance_ratios(*, organization: Organization | int, bonus_date: datetime.date) -> dict[int, str]:
    """Employee id → 成績率の区分 (``outstanding``/``excellent``/``good``/``poor``) for the bonus run.

    The bands are those of :mod:`jinji.rules.pay.bonus_tables`; the 成績率 within the band is the
    payroll side's choice. Two queries.
    """
    cycle = bonus_cycle(organization=organization, bonus_date=bonus_date)
    if cycle is None:
        return {}
    links = pay_links(bonus_date).data
    rows = (
        Sheet.objects.for_organization(_org_id(organization))
        .filter(cycle=cycle, stage=Stage.CONFIRMED)
        .values_list("employee_id", "final_rating")
    )
    return {employee_id: bonus_band(links, rating) for employee_id, rating in rows}


def bonus_quota_check(*, organization: Organization | int, bonus_date: datetime.date) -> list[QuotaViolation]:
    """Caps on the upper 成績率 bands (e.g. 特に優秀 + 優秀 ≤ 25%) that the bonus's results exceed."""
    bands = Counter(performance_ratios(organization=organization, bonus_date=bonus_date).values())
    return check_quotas(quota_rules(bonus_date).data, BONUS, dict(bands))


@dataclass(frozen=True, slots=True)
class StepRow:
    """One line of the 昇給 proposal."""

    employee_id: int
    staff_number: str
    name: str
    competency_rating: str
    performance_ratings: tuple[str, ...]
    annual_rating: str
    step_class: str
    steps: int
    grade: int | None
    step: int | None
    new_step: int | None
    notes: tuple[str, ...]

    @property
    def proposes_action(self) -> bool:
        return self.steps > 0 and self.new_step is not None and self.new_step != self.step


@dataclass(frozen=True, slots=True)
class StepPreview:
    rows: list[StepRow]
    violations: list[QuotaViolation]


def age_on(birth: datetime.date, on: datetime.date) -> int:
    """満年齢 on ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _performance_ratings(org_id: int, cycle: Cycle) -> dict[int, tuple[str, ...]]:
    rows = (
        Sheet.objects.for_organization(org_id)
        .filter(
            cycle__kind=CycleKind.PERFORMANCE,
            cycle__period_start__gte=cycle.period_start,
            cycle__period_end__lte=cycle.period_end,
            stage=Stage.CONFIRMED,
        )
        .order_by("cycle__period_start")
        .values_list("employee_id", "final_rating")
    )
    found: defaultdict[int, list[str]] = defaultdict(list)
    for employee_id, rating in rows:
        found[employee_id].append(rating)
    return {k: tuple(v) for k, v in found.items()}


def _new_step(post: PayPost | None, steps: int, effective_on: datetime.date) -> tuple[int | None, tuple[str, ...]]:
    """The 号給 after ``steps``, capped at the grade's 最高号給 of the 給料表 in force (給与法 第8条)."""
    if post is None or post.grade is None or post.step is None:
        return None, ("給料表の級・号給がないため昇給の対象外です",)
    if steps == 0:
        return post.step, ()
    try:
        top = salary_schedule_version(post.salary_schedule_code, effective_on).data.max_step(post.grade)
    except RulesError:
        top = None
    if top is None or post.step > top:
        note = f"給料表「{post.salary_schedule_code or '未設定'}」{post.grade}級の号給表で最高号給を確認できません"
        return post.step + steps, (note,)
    if post.step + steps > top:
        return top, (f"{post.grade}級の最高号給({top}号給)までの昇給です",)
    return post.step + steps, ()


def step_increase_preview(
    *, organization: Organization | int, cycle: Cycle, effective_on: datetime.date
) -> StepPreview:
    """The 昇給 proposal from a 能力評価 cycle's 確定 results. A fixed number of queries."""
    org_id = _org_id(organization)
    scoring, links = scoring_rules(cycle.reference_date).data, pay_links(effective_on).data
    step_rules = step_increase_rules(effective_on).data
    competency = dict(
        Sheet.objects.for_organization(org_id)
        .filter(cycle=cycle, stage=Stage.CONFIRMED)
        .values_list("employee_id", "final_rating")
    )
    performance = _performance_ratings(org_id, cycle)
    posts = pay_posts_on(organization_id=org_id, employee_ids=competency, on=effective_on)
    names = employee_names(organization_id=org_id, employee_ids=competency)
    rows: list[StepRow] = []
    for employee_id, rating in competency.items():
        perf = performance.get(employee_id, ())
        year = annual_rating(scoring, links, competency=rating, performance=perf)
        post = posts.get(employee_id)
        age = age_on(post.birth_date, effective_on) if post else 0
        proposal = step_increase_proposal(links, step_rules, rating=year, age=age)
        new_step, notes = _new_step(post, proposal.steps, effective_on)
        number, name = names.get(employee_id, ("", ""))
        rows.append(
            StepRow(
                employee_id=employee_id,
                staff_number=number,
                name=name,
                competency_rating=rating,
                performance_ratings=perf,
                annual_rating=year,
                step_class=proposal.step_class,
                steps=proposal.steps,
                grade=post.grade if post else None,
                step=post.step if post else None,
                new_step=new_step,
                notes=notes,
            )
        )
    rows.sort(key=lambda r: r.staff_number)
    classes = Counter(r.step_class for r in rows)
    return StepPreview(rows=rows, violations=check_quotas(quota_rules(effective_on).data, STEP_INCREASE, dict(classes)))
