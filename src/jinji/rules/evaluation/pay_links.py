"""From 人事評価 results to pay: 全体評語 → 昇給区分 (A–E) and → 勤勉手当の成績率の区分.

地方公務員法 第23条の3 requires evaluation results to be used for 任用・給与; the national
model is 給与法 第8条第6項 / 人事院規則9-8 第37条 (昇給区分 from the 能力評価 and the two 業績評価
of the year) and 人事院規則9-40 第13条 (成績率 from the latest 業績評価). Which 評語 gives which
区分 is each authority's 規則, so it is a dated table (``evaluation_pay_links``); the 号給 per
区分 stay in :mod:`jinji.rules.pay.step_increase` and the 成績率 ranges in
:mod:`jinji.rules.pay.bonus_tables` — this module only picks the 区分.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.evaluation.scoring import GRADE_SCALE, RATINGS, ScoringRules, rating_for_score, rating_points
from jinji.rules.pay.bonus_tables import RATINGS as BONUS_BANDS
from jinji.rules.pay.step_increase import STEP_INCREASE_CLASSES, StepIncreaseRules, step_increase_count
from jinji.rules.pay.table_fields import ratio_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "evaluation_pay_links"
BONUS_BAND_LABELS = {"outstanding": "特に優秀", "excellent": "優秀", "good": "良好", "poor": "良好でない"}
STEP_CLASS_LABELS = {"A": "極めて良好", "B": "特に良好", "C": "良好", "D": "やや良好でない", "E": "良好でない"}


@dataclass(frozen=True, slots=True)
class PayLinks:
    """評語 → 昇給区分, 評語 → 成績率の区分, and the weights of the annual result."""

    step_increase_class: Mapping[str, str]
    bonus_band: Mapping[str, str]
    competency_weight: Fraction
    performance_weight: Fraction


@dataclass(frozen=True, slots=True)
class StepIncreaseProposal:
    """The 昇給区分 of a result and the 号給 it adds at the employee's age."""

    rating: str
    step_class: str
    steps: int


def _mapping(data: Mapping[str, Any], key: str, allowed: Sequence[str]) -> dict[str, str]:
    raw = table_field(data, key)
    if set(raw) != set(RATINGS):
        raise TableInvalid(f"{key} には評語 {'・'.join(RATINGS)} をすべて書いてください")
    result = {rating: str(raw[rating]) for rating in RATINGS}
    bad = sorted({v for v in result.values() if v not in allowed})
    if bad:
        raise TableInvalid(f"{key} の値は {'・'.join(allowed)} のいずれかです: {bad}")
    return result


@register_schema(TABLE_ID)
def parse_pay_links(data: Mapping[str, Any]) -> PayLinks:
    """Schema: ``[data.step_increase_class]`` and ``[data.bonus_band]`` 評語 → 区分; ``[data.annual]`` weights."""
    annual = table_field(data, "annual")
    links = PayLinks(
        step_increase_class=_mapping(data, "step_increase_class", STEP_INCREASE_CLASSES),
        bonus_band=_mapping(data, "bonus_band", BONUS_BANDS),
        competency_weight=ratio_field(annual["competency_weight"], "annual.competency_weight"),
        performance_weight=ratio_field(annual["performance_weight"], "annual.performance_weight"),
    )
    if links.competency_weight + links.performance_weight != 1:
        raise TableInvalid("annual の competency_weight と performance_weight の合計は100%にしてください")
    return links


def pay_links(on: datetime.date, store: TableStore | None = None) -> TableVersion[PayLinks]:
    """The mapping in force on ``on`` (the 昇給日 or the bonus 基準日)."""
    version: TableVersion[PayLinks] = table_on(TABLE_ID, on, store)
    typed(version, PayLinks)
    return version


def _rating(rating: str) -> str:
    if rating not in RATINGS:
        raise InvalidArgument(f"全体評語は {'・'.join(RATINGS)} のいずれかです: {rating!r}")
    return rating


def annual_rating(scoring: ScoringRules, links: PayLinks, *, competency: str, performance: Sequence[str] = ()) -> str:
    """The year's result for 昇給: 能力評価 and the mean of the 業績評価, weighted by ``links``.

    With no 業績評価 result the 能力評価 decides alone (e.g. staff hired mid-year).
    """
    competency_points = Fraction(rating_points(scoring, GRADE_SCALE, _rating(competency)))
    if not performance:
        return rating_for_score(scoring, competency_points)
    mean = Fraction(sum(rating_points(scoring, GRADE_SCALE, _rating(r)) for r in performance), len(performance))
    return rating_for_score(scoring, links.competency_weight * competency_points + links.performance_weight * mean)


def step_increase_class(links: PayLinks, rating: str) -> str:
    """昇給区分 (A–E) of a 全体評語."""
    return links.step_increase_class[_rating(rating)]


def bonus_band(links: PayLinks, rating: str) -> str:
    """成績率の区分 (outstanding/excellent/good/poor) of the latest 業績評価's 全体評語."""
    return links.bonus_band[_rating(rating)]


def step_increase_proposal(
    links: PayLinks, step_rules: StepIncreaseRules, *, rating: str, age: int
) -> StepIncreaseProposal:
    """昇給区分 and 号給数 for a result at ``age`` on the 昇給日 (reduced steps over 55: 人事院規則9-8 第37条)."""
    step_class = step_increase_class(links, rating)
    return StepIncreaseProposal(
        rating=rating, step_class=step_class, steps=step_increase_count(step_class, age=age, rules=step_rules)
    )
