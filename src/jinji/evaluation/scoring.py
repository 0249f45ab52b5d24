"""Scores of a sheet at a stage, from its rows, through the pure rules (:mod:`jinji.rules.evaluation`)."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from jinji.evaluation.models import CycleKind, Goal, TemplateItem
from jinji.rules.evaluation import ScoringRules, WeightedRating, overall_rating, scoring_rules

SCORE_PLACES = Decimal("0.001")


@dataclass(frozen=True, slots=True)
class Entry:
    """One rateable line of a sheet: a template item or a goal."""

    key: str
    """``item:<id>`` or ``goal:<id>``."""
    name: str
    description: str
    weight: int
    difficulty: str


@dataclass(frozen=True, slots=True)
class StageScore:
    score: Fraction
    rating: str

    @property
    def display(self) -> Decimal:
        """The score to 3 decimals (half up) for storage and display; the rating uses the exact value."""
        return (Decimal(self.score.numerator) / Decimal(self.score.denominator)).quantize(SCORE_PLACES, ROUND_HALF_UP)


def rules_for(reference_date: datetime.date) -> ScoringRules:
    return scoring_rules(reference_date).data


def entries_of(kind: str, items: Sequence[TemplateItem], goals: Sequence[Goal]) -> list[Entry]:
    """The lines rated on a sheet: the template's items (能力評価) or the agreed goals (業績評価)."""
    if kind == CycleKind.PERFORMANCE:
        return [Entry(f"goal:{g.pk}", g.title, g.target, g.weight, g.difficulty) for g in goals]
    return [Entry(f"item:{i.pk}", i.name, i.description, i.weight, "standard") for i in items]


def missing_entries(entries: Sequence[Entry], ratings: Mapping[str, str]) -> list[Entry]:
    return [e for e in entries if not ratings.get(e.key)]


def stage_score(
    rules: ScoringRules, scale: str, entries: Sequence[Entry], ratings: Mapping[str, str]
) -> StageScore | None:
    """The weighted score and 全体評語 when every line is rated (None otherwise)."""
    if not entries or missing_entries(entries, ratings):
        return None
    score, rating = overall_rating(
        rules, scale, [WeightedRating(e.weight, ratings[e.key], e.difficulty) for e in entries]
    )
    return StageScore(score=score, rating=rating)


def allowed_ratings(rules: ScoringRules, scale: str) -> tuple[str, ...]:
    return rules.ratings(scale)
