"""人事評価の点数計算: weights must total 100%, 評語 → points, weighted score, 全体評語, 困難度.

Expected values are worked by hand from the default table (評語 S5 A4 B3 C2 D1; 全体評語 S ≥ 4.5,
A ≥ 3.5, B ≥ 2.5, C ≥ 1.5; 困難度 高 1.2 / 中 1.0 / 低 0.8).
"""

from __future__ import annotations

import datetime
import itertools
import re
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.evaluation import (
    GRADE_SCALE,
    NUMERIC_SCALE,
    RATINGS,
    WeightedRating,
    check_weights,
    item_points,
    overall_rating,
    rating_for_score,
    rating_points,
    scoring_rules,
    weighted_score,
)

RULES = scoring_rules(datetime.date(2026, 10, 1)).data


def test_the_table_starts_with_the_2016_evaluation_law() -> None:
    assert scoring_rules(datetime.date(2016, 4, 1)).ref.effective_from == datetime.date(2016, 4, 1)
    with pytest.raises(TableNotFound):
        scoring_rules(datetime.date(2016, 3, 31))  # before 地方公務員法 第23条 (H26法34) was in force


@pytest.mark.parametrize(
    ("scale", "rating", "points"),
    [
        (GRADE_SCALE, "S", 5),
        (GRADE_SCALE, "B", 3),
        (GRADE_SCALE, "D", 1),
        (NUMERIC_SCALE, "5", 5),
        (NUMERIC_SCALE, "1", 1),
    ],
)
def test_rating_points(scale: str, rating: str, points: int) -> None:
    assert rating_points(RULES, scale, rating) == points


def test_a_rating_outside_the_scale_is_refused_naming_the_allowed_ones() -> None:
    with pytest.raises(InvalidArgument, match="選べる評価: S・A・B・C・D"):
        rating_points(RULES, GRADE_SCALE, "5")
    with pytest.raises(InvalidArgument, match="尺度"):
        rating_points(RULES, "stars", "S")


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ([40, 30, 20], "合計は100%にしてください(現在 90%)"),
        ([60, 50], "合計は100%にしてください(現在 110%)"),
        ([100, 0], "1〜100の整数"),
        ([], "項目が1つもありません"),
    ],
)
def test_weights_must_total_100_percent(weights: list[int], message: str) -> None:
    with pytest.raises(InvalidArgument, match=re.escape(message)):
        check_weights(weights, label="評価項目のウェイト")


def test_weights_that_total_100_pass() -> None:
    check_weights([25, 25, 25, 25])
    check_weights([100])


def test_weighted_score_worked_example() -> None:
    # 40% × A(4) + 30% × B(3) + 30% × S(5) = (160 + 90 + 150) / 100 = 4.0 → A
    items = [WeightedRating(40, "A"), WeightedRating(30, "B"), WeightedRating(30, "S")]
    assert weighted_score(RULES, GRADE_SCALE, items) == Fraction(4)
    assert overall_rating(RULES, GRADE_SCALE, items) == (Fraction(4), "A")


def test_weighted_score_is_exact_not_float() -> None:
    # 33% × S(5) + 33% × A(4) + 34% × D(1) = (165 + 132 + 34) / 100 = 331/100 = 3.31 → B
    items = [WeightedRating(33, "S"), WeightedRating(33, "A"), WeightedRating(34, "D")]
    score, rating = overall_rating(RULES, GRADE_SCALE, items)
    assert score == Fraction(331, 100)
    assert rating == "B"


def test_a_weight_total_other_than_100_is_refused_by_the_score() -> None:
    with pytest.raises(InvalidArgument, match="現在 80%"):
        weighted_score(RULES, GRADE_SCALE, [WeightedRating(50, "S"), WeightedRating(30, "A")])


@pytest.mark.parametrize(
    ("score", "rating"),
    [
        (Fraction(5), "S"),
        (Fraction(9, 2), "S"),  # 4.5 is S (thresholds are inclusive)
        (Fraction(449, 100), "A"),
        (Fraction(7, 2), "A"),
        (Fraction(349, 100), "B"),
        (Fraction(5, 2), "B"),
        (Fraction(3, 2), "C"),
        (Fraction(149, 100), "D"),
        (Fraction(0), "D"),
    ],
)
def test_rating_for_score_boundaries(score: Fraction, rating: str) -> None:
    assert rating_for_score(RULES, score) == rating


def test_goal_difficulty_multiplies_and_caps_at_the_best_rating() -> None:
    # 困難度 高: A(4) × 1.2 = 4.8; S(5) × 1.2 = 6 → capped at 5; 低: B(3) × 0.8 = 2.4
    assert item_points(RULES, GRADE_SCALE, WeightedRating(50, "A", "high")) == Fraction(24, 5)
    assert item_points(RULES, GRADE_SCALE, WeightedRating(50, "S", "high")) == Fraction(5)
    assert item_points(RULES, GRADE_SCALE, WeightedRating(50, "B", "low")) == Fraction(12, 5)
    with pytest.raises(InvalidArgument, match="困難度"):
        item_points(RULES, GRADE_SCALE, WeightedRating(50, "B", "extreme"))


def test_performance_sheet_with_goals_worked_example() -> None:
    # 目標1 50% 高 A: 4 × 1.2 = 4.8; 目標2 30% 中 B: 3; 目標3 20% 低 S: 5 × 0.8 = 4
    # (50 × 4.8 + 30 × 3 + 20 × 4) / 100 = (240 + 90 + 80) / 100 = 4.1 → A
    goals = [WeightedRating(50, "A", "high"), WeightedRating(30, "B", "standard"), WeightedRating(20, "S", "low")]
    assert overall_rating(RULES, GRADE_SCALE, goals) == (Fraction(41, 10), "A")


def test_numeric_scale_sheet() -> None:
    # 50% × 5 + 50% × 4 = 4.5 → S
    assert overall_rating(RULES, NUMERIC_SCALE, [WeightedRating(50, "5"), WeightedRating(50, "4")]) == (
        Fraction(9, 2),
        "S",
    )


@st.composite
def sheets(draw: st.DrawFn) -> tuple[list[WeightedRating], int]:
    count = draw(st.integers(min_value=1, max_value=8))
    cuts = sorted(draw(st.lists(st.integers(1, 99), min_size=count - 1, max_size=count - 1, unique=True)))
    bounds = [0, *cuts, 100]
    weights = [b - a for a, b in itertools.pairwise(bounds)]
    ratings = draw(st.lists(st.sampled_from(RATINGS), min_size=count, max_size=count))
    difficulties = draw(st.lists(st.sampled_from(["high", "standard", "low"]), min_size=count, max_size=count))
    items = [WeightedRating(w, r, d) for w, r, d in zip(weights, ratings, difficulties, strict=True)]
    return items, draw(st.integers(0, count - 1))


@given(sheets())
def test_score_is_monotone_in_each_item_rating(case: tuple[list[WeightedRating], int]) -> None:
    items, index = case
    base_score, base_rating = overall_rating(RULES, GRADE_SCALE, items)
    position = RATINGS.index(items[index].rating)
    for better in RATINGS[:position]:
        improved = list(items)
        improved[index] = WeightedRating(items[index].weight, better, items[index].difficulty)
        score, rating = overall_rating(RULES, GRADE_SCALE, improved)
        assert score >= base_score
        assert RATINGS.index(rating) <= RATINGS.index(base_rating)


@given(sheets())
def test_score_stays_within_the_scale(case: tuple[list[WeightedRating], int]) -> None:
    items, _ = case
    score = weighted_score(RULES, GRADE_SCALE, items)
    assert Fraction(4, 5) <= score <= 5  # D × 低 0.8 at worst, S capped at 5 at best
