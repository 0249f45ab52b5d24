"""人事評価の点数計算: 評語・段階 → 点, ウェイト付きの合計, 目標の困難度, 全体評語.

The 人事評価 itself is required by 地方公務員法 第23条〜第23条の4 (平成26年法律第34号, in force
2016-04-01); how a sheet turns item ratings into one overall result is each 任命権者's 実施規程.
The national model (総務省「地方公共団体における人事評価制度に関する研究会」の実施規程例) decides
the 全体評語 by judgement; municipalities that score numerically use the weighted sum below.
The parameters (points per 評語, thresholds, 困難度 coefficients) are a dated table,
``evaluation_scoring``. All arithmetic is exact (``int`` and :class:`~fractions.Fraction`).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.table_fields import list_field, ratio_field, table_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "evaluation_scoring"
GRADE_SCALE = "grade"
"""評語 S/A/B/C/D."""
NUMERIC_SCALE = "numeric"
"""5段階の数値 5〜1."""
SCALES = (GRADE_SCALE, NUMERIC_SCALE)
RATINGS = ("S", "A", "B", "C", "D")
"""全体評語, best first: the common vocabulary of final results whatever the sheet's scale."""
DIFFICULTIES = ("high", "standard", "low")
"""目標の困難度: 高・中・低."""
FULL_WEIGHT = 100
"""Weights are whole percentages and must total 100."""


@dataclass(frozen=True, slots=True)
class Threshold:
    """A 全体評語 given from ``min_points`` (inclusive) upward."""

    rating: str
    min_points: Fraction


@dataclass(frozen=True, slots=True)
class ScoringRules:
    """Points per rating of each scale, 全体評語 thresholds (best first), 困難度 coefficients."""

    points: Mapping[str, Mapping[str, int]]
    thresholds: tuple[Threshold, ...]
    difficulty: Mapping[str, Fraction]

    def ratings(self, scale: str) -> tuple[str, ...]:
        """The ratings of ``scale``, best first."""
        return tuple(self.scale_points(scale))

    def max_points(self, scale: str) -> int:
        return max(self.scale_points(scale).values())

    def scale_points(self, scale: str) -> Mapping[str, int]:
        found = self.points.get(scale)
        if found is None:
            raise InvalidArgument(f"評価の尺度は {'・'.join(SCALES)} のいずれかです: {scale!r}")
        return found


@dataclass(frozen=True, slots=True)
class WeightedRating:
    """One item (or goal) of a sheet: its weight in percent and the rating given."""

    weight: int
    rating: str
    difficulty: str = "standard"


def _scale_points(raw: Mapping[str, Any], scale: str) -> dict[str, int]:
    points: dict[str, int] = {}
    for rating, value in raw.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise TableInvalid(f"scales.{scale}.{rating} は0以上の整数で書いてください: {value!r}")
        points[str(rating)] = value
    if list(points.values()) != sorted(points.values(), reverse=True) or len(set(points.values())) != len(points):
        raise TableInvalid(f"scales.{scale} は良い評語から順に、点が重複なく下がるように書いてください")
    return points


def _thresholds(data: Mapping[str, Any]) -> tuple[Threshold, ...]:
    rows = [
        Threshold(rating=str(r["rating"]), min_points=ratio_field(r["min_points"], "overall.min_points"))
        for r in list_field(data, "overall")
    ]
    if [t.rating for t in rows] != list(RATINGS):
        raise TableInvalid(f"overall は評語 {'・'.join(RATINGS)} の順に書いてください")
    mins = [t.min_points for t in rows]
    if mins != sorted(mins, reverse=True) or len(set(mins)) != len(mins) or mins[-1] != 0:
        raise TableInvalid("overall の min_points は重複なく降順にし、最後 (D) は 0 にしてください")
    return tuple(rows)


@register_schema(TABLE_ID)
def parse_scoring(data: Mapping[str, Any]) -> ScoringRules:
    """Schema: ``[data.scales.grade]``/``[data.scales.numeric]`` rating → points (best first),
    ``[[data.overall]]`` rating, min_points; ``[data.difficulty]`` high/standard/low → coefficient."""
    scales = table_field(data, "scales")
    if set(scales) != set(SCALES):
        raise TableInvalid(f"scales には {'・'.join(SCALES)} を書いてください")
    difficulty = table_field(data, "difficulty")
    if set(difficulty) != set(DIFFICULTIES):
        raise TableInvalid(f"difficulty には {'・'.join(DIFFICULTIES)} を書いてください")
    return ScoringRules(
        points={scale: _scale_points(table_field(scales, scale), scale) for scale in SCALES},
        thresholds=_thresholds(data),
        difficulty={k: ratio_field(difficulty[k], f"difficulty.{k}") for k in DIFFICULTIES},
    )


def scoring_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[ScoringRules]:
    """The scoring parameters in force on ``on`` (the cycle's 評価基準日)."""
    version: TableVersion[ScoringRules] = table_on(TABLE_ID, on, store)
    typed(version, ScoringRules)
    return version


def check_weights(weights: Sequence[int], *, label: str = "ウェイト") -> None:
    """Refuse weights that are not whole percentages from 1 to 100 totalling exactly 100%."""
    if not weights:
        raise InvalidArgument(f"{label}: 項目が1つもありません")
    for weight in weights:
        if isinstance(weight, bool) or not isinstance(weight, int) or not 1 <= weight <= FULL_WEIGHT:
            raise InvalidArgument(f"{label}は1〜100の整数(%)で指定してください: {weight!r}")
    total = sum(weights)
    if total != FULL_WEIGHT:
        raise InvalidArgument(f"{label}の合計は100%にしてください(現在 {total}%)")


def rating_points(rules: ScoringRules, scale: str, rating: str) -> int:
    """The points of ``rating`` on ``scale`` (評語 S=5 … D=1 in the default table)."""
    points = rules.scale_points(scale).get(rating)
    if points is None:
        allowed = "・".join(rules.ratings(scale))
        raise InvalidArgument(f"評価「{rating}」はこの尺度にありません(選べる評価: {allowed})")
    return points


def item_points(rules: ScoringRules, scale: str, item: WeightedRating) -> Fraction:
    """Points of one item; a goal's points times its 困難度 coefficient, capped at the scale's best."""
    coefficient = rules.difficulty.get(item.difficulty)
    if coefficient is None:
        raise InvalidArgument(f"困難度は {'・'.join(DIFFICULTIES)} のいずれかです: {item.difficulty!r}")
    raw = rating_points(rules, scale, item.rating) * coefficient
    return min(raw, Fraction(rules.max_points(scale)))


def weighted_score(rules: ScoringRules, scale: str, items: Sequence[WeightedRating]) -> Fraction:
    """Σ weight × points / 100, exact. Weights must total 100% (else :class:`InvalidArgument`)."""
    check_weights([item.weight for item in items])
    return sum((item.weight * item_points(rules, scale, item) for item in items), Fraction(0)) / FULL_WEIGHT


def rating_for_score(rules: ScoringRules, score: Fraction) -> str:
    """全体評語 for a score: the best rating whose threshold the score reaches."""
    if score < 0:
        raise InvalidArgument(f"点数に負の値は指定できません: {score}")
    for threshold in rules.thresholds:
        if score >= threshold.min_points:
            return threshold.rating
    return rules.thresholds[-1].rating


def overall_rating(rules: ScoringRules, scale: str, items: Sequence[WeightedRating]) -> tuple[Fraction, str]:
    """(score, 全体評語) of a sheet's items: the weighted score and the rating it reaches."""
    score = weighted_score(rules, scale, items)
    return score, rating_for_score(rules, score)
