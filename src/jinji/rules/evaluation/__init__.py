"""人事評価 rules: scoring of sheets, and the link from results to 昇給区分 and 成績率 (pure Python).

Importing the package registers the schemas of its tables (``evaluation_scoring``,
``evaluation_pay_links``, ``evaluation_quotas``).
"""

from __future__ import annotations

from jinji.rules.evaluation.pay_links import (
    BONUS_BAND_LABELS,
    STEP_CLASS_LABELS,
    PayLinks,
    StepIncreaseProposal,
    annual_rating,
    bonus_band,
    pay_links,
    step_increase_class,
    step_increase_proposal,
)
from jinji.rules.evaluation.quotas import (
    BONUS,
    STEP_INCREASE,
    QuotaRule,
    QuotaViolation,
    allowed_count,
    check_quotas,
    quota_rules,
)
from jinji.rules.evaluation.scoring import (
    DIFFICULTIES,
    FULL_WEIGHT,
    GRADE_SCALE,
    NUMERIC_SCALE,
    RATINGS,
    SCALES,
    ScoringRules,
    WeightedRating,
    check_weights,
    item_points,
    overall_rating,
    rating_for_score,
    rating_points,
    scoring_rules,
    weighted_score,
)

__all__ = [
    "BONUS",
    "BONUS_BAND_LABELS",
    "DIFFICULTIES",
    "FULL_WEIGHT",
    "GRADE_SCALE",
    "NUMERIC_SCALE",
    "RATINGS",
    "SCALES",
    "STEP_CLASS_LABELS",
    "STEP_INCREASE",
    "PayLinks",
    "QuotaRule",
    "QuotaViolation",
    "ScoringRules",
    "StepIncreaseProposal",
    "WeightedRating",
    "allowed_count",
    "annual_rating",
    "bonus_band",
    "check_quotas",
    "check_weights",
    "item_points",
    "overall_rating",
    "pay_links",
    "quota_rules",
    "rating_for_score",
    "rating_points",
    "scoring_rules",
    "step_increase_class",
    "step_increase_proposal",
    "weighted_score",
]
