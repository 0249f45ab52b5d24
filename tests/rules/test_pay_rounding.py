"""The integer-ratio roundings added to money.py apply exactly the rules of their Decimal namesakes."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.money import (
    floor_to_100_yen,
    floor_to_100_yen_ratio,
    floor_yen,
    floor_yen_ratio,
    round_half_up_yen,
    round_half_up_yen_ratio,
)

numerators = st.integers(min_value=-(10**12), max_value=10**12)
denominators = st.integers(min_value=1, max_value=10**6)


@given(numerators, denominators)
def test_floor_yen_ratio_matches_floor_yen(num: int, den: int) -> None:
    assert floor_yen_ratio(num, den) == floor_yen(Fraction(num, den))


@given(numerators, denominators)
def test_round_half_up_yen_ratio_matches_round_half_up_yen(num: int, den: int) -> None:
    assert round_half_up_yen_ratio(num, den) == round_half_up_yen(Fraction(num, den))


@given(numerators, denominators)
def test_floor_to_100_yen_ratio_matches_floor_to_100_yen(num: int, den: int) -> None:
    assert floor_to_100_yen_ratio(num, den) == floor_to_100_yen(Fraction(num, den))


def test_50_sen_rule_edges() -> None:
    # 給与条例の端数計算: 50銭未満切捨て、50銭以上切上げ
    assert round_half_up_yen_ratio(2146_49, 100) == 2146
    assert round_half_up_yen_ratio(2146_50, 100) == 2147
    assert round_half_up_yen_ratio(-2146_50, 100) == -2147  # ROUND_HALF_UP: away from zero


def test_non_positive_denominator_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="分母"):
        floor_yen_ratio(1, 0)
    with pytest.raises(InvalidArgument, match="分母"):
        round_half_up_yen_ratio(1, -3)
