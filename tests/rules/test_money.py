"""Rounding rules of :mod:`jinji.rules.money`, checked at the boundaries of each legal rule.

Expected values are worked out from each rule's definition (円未満切捨て, 四捨五入, 50銭 rule …),
or are the official worked examples quoted in payroll-rules.md, never taken from the code.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules import money
from jinji.rules.errors import InvalidArgument, RulesError
from jinji.rules.money import (
    ceil_yen,
    employee_insurance_share,
    floor_to_100_yen,
    floor_to_1000_yen,
    floor_yen,
    require_non_negative,
    round_half_up_to_10_yen,
    round_half_up_yen,
)


# 円未満切捨て: drop every fraction of a yen, however close to the next yen.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (100, 100),
        (Decimal("100.01"), 100),
        (Decimal("100.49"), 100),
        (Decimal("100.50"), 100),
        (Decimal("100.99"), 100),
        (Decimal("100.999999"), 100),
        (Fraction(299, 3), 99),  # 99.666…
        (Fraction(300, 3), 100),  # exactly 100
    ],
)
def test_floor_yen_drops_any_fraction(value: Decimal | Fraction | int, expected: int) -> None:
    assert floor_yen(value) == expected


# 円未満四捨五入: below 0.5 down, 0.5 and above up.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("100.49"), 100),
        (Decimal("100.4999"), 100),
        (Decimal("100.50"), 101),
        (Decimal("100.51"), 101),
        (Fraction(201, 2), 101),  # 100.5 exactly
        (Fraction(1, 3), 0),
        (Fraction(2, 3), 1),
        (250, 250),
    ],
)
def test_round_half_up_yen_boundary_at_fifty_sen(value: Decimal | Fraction | int, expected: int) -> None:
    assert round_half_up_yen(value) == expected


# 10円未満四捨五入 (電算機計算の特例): the part below 10 yen decides; 0–4.99… down, 5 and above up.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1230, 1230),
        (1234, 1230),
        (Decimal("1234.99"), 1230),  # 4.99 yen below the ten: still under 5
        (1235, 1240),
        (Decimal("1235.00"), 1240),
        (1239, 1240),
        (4, 0),
        (5, 10),
    ],
)
def test_round_half_up_to_10_yen_boundary_at_five(value: Decimal | int, expected: int) -> None:
    assert round_half_up_to_10_yen(value) == expected


@pytest.mark.parametrize(
    ("b", "rate", "subtract", "expected"),
    [
        # NTA worked examples of the 令和8年分 電算機計算の特例 (payroll-rules.md §A1 test vectors):
        (4_165, Decimal("0.05105"), 0, 210),  # A=175,000, 2人: 212.62… → 210
        (18_463, Decimal("0.05105"), 0, 940),  # A=446,000, 8人: 942.53… → 940
        (469_365, Decimal("0.2042"), 36_374, 59_470),  # A=775,200, 3人: 59,470.33… → 59,470
    ],
)
def test_round_half_up_to_10_yen_reproduces_nta_examples(b: int, rate: Decimal, subtract: int, expected: int) -> None:
    assert round_half_up_to_10_yen(b * rate - subtract) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(99, 0), (100, 100), (1299, 1200), (1300, 1300), (Decimal("1399.99"), 1300)],
)
def test_floor_to_100_yen(value: Decimal | int, expected: int) -> None:
    assert floor_to_100_yen(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    # 標準賞与額 / 標準期末手当等の額: 1,000円未満切捨て
    [(Decimal("999.99"), 0), (1_000, 1_000), (1_234_999, 1_234_000), (1_235_000, 1_235_000), (1_500_999, 1_500_000)],
)
def test_floor_to_1000_yen(value: Decimal | int, expected: int) -> None:
    assert floor_to_1000_yen(value) == expected


# 50銭ルール (被保険者負担分を給与から控除する場合): 50銭以下切捨て、50銭を超えると切上げ.
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("100.00"), 100),
        (Decimal("100.01"), 100),
        (Decimal("100.49"), 100),
        (Decimal("100.50"), 100),  # exactly 50 sen: truncated (differs from 四捨五入)
        (Fraction(201, 2), 100),
        (Decimal("100.500001"), 101),  # just over 50 sen
        (Decimal("100.51"), 101),
        (Decimal("100.99"), 101),
    ],
)
def test_employee_insurance_share_fifty_sen_rule(value: Decimal | Fraction, expected: int) -> None:
    assert employee_insurance_share(value) == expected


def test_employee_share_and_half_up_differ_only_at_exactly_fifty_sen() -> None:
    assert employee_insurance_share(Decimal("7.5")) == 7
    assert round_half_up_yen(Decimal("7.5")) == 8
    assert employee_insurance_share(Decimal("7.51")) == round_half_up_yen(Decimal("7.51")) == 8


def test_health_insurance_share_example() -> None:
    # 標準報酬月額 98,000円 × 健康保険料率 9.85% ÷ 2 = 4,826.5円 → 50銭ちょうどは切捨て → 4,826円
    assert employee_insurance_share(Decimal(98_000) * Decimal("0.0985") / 2) == 4_826
    # 標準報酬月額 98,000円 × 介護 1.62% ÷ 2 = 793.8円 → 切上げ → 794円
    assert employee_insurance_share(Decimal(98_000) * Decimal("0.0162") / 2) == 794


def test_require_non_negative_accepts_zero_and_positive() -> None:
    assert require_non_negative("給料月額", 0) == 0
    assert require_non_negative("給料月額", 250_000) == 250_000


@pytest.mark.parametrize("value", [-1, True, 1.0, Decimal(1), "100"])
def test_require_non_negative_refuses_with_the_argument_name(value: object) -> None:
    with pytest.raises(InvalidArgument, match="給料月額") as info:
        require_non_negative("給料月額", value)  # type: ignore[arg-type]
    assert isinstance(info.value, RulesError)


# 1円未満切上げ (電算機計算の特例 第1表 給与所得控除の額)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (100, 100),
        (Decimal("100.00"), 100),
        (Decimal("100.01"), 101),
        (Decimal("100.99"), 101),
        (Fraction(1, 3), 1),
        # 第1表 (令和8年分): A = 175,001 → A × 30% + 6,667 = 59,167.3 → 59,168
        (Decimal(175_001) * Decimal("0.3") + 6_667, 59_168),
    ],
)
def test_ceil_yen(value: Decimal | Fraction | int, expected: int) -> None:
    assert ceil_yen(value) == expected


# Integer-ratio forms used on the batch path: the same legal boundaries, as numerator/denominator.
@pytest.mark.parametrize(
    ("function", "numerator", "denominator", "expected"),
    [
        ("floor_yen_ratio", 10099, 100, 100),  # 100.99 → 100
        ("ceil_yen_ratio", 10001, 100, 101),  # 100.01 → 101
        ("ceil_yen_ratio", 10000, 100, 100),
        ("round_half_up_yen_ratio", 10049, 100, 100),  # 100.49 → 100
        ("round_half_up_yen_ratio", 10050, 100, 101),  # 100.50 → 101
        ("round_half_up_to_10_yen_ratio", 12349, 10, 1230),  # 1,234.9 → 1,230
        ("round_half_up_to_10_yen_ratio", 1235, 1, 1240),
        ("floor_to_100_yen_ratio", 129999, 100, 1200),  # 1,299.99 → 1,200
        ("employee_insurance_share_ratio", 10050, 100, 100),  # exactly 50 sen → down
        ("employee_insurance_share_ratio", 10051, 100, 101),  # 50.1 sen → up
        ("employee_insurance_share_ratio", 96530, 20, 4826),  # 98,000 × 9.85% ÷ 2 = 4,826.5 → 4,826
    ],
)
def test_ratio_forms_at_the_boundaries(function: str, numerator: int, denominator: int, expected: int) -> None:
    assert getattr(money, function)(numerator, denominator) == expected


@pytest.mark.parametrize(
    "function",
    [
        "floor_yen_ratio",
        "ceil_yen_ratio",
        "round_half_up_yen_ratio",
        "round_half_up_to_10_yen_ratio",
        "floor_to_100_yen_ratio",
        "employee_insurance_share_ratio",
    ],
)
def test_ratio_forms_refuse_a_zero_denominator(function: str) -> None:
    with pytest.raises(InvalidArgument):
        getattr(money, function)(-1, 0)


RATIO_PAIRS = [
    ("floor_yen_ratio", floor_yen),
    ("ceil_yen_ratio", ceil_yen),
    ("round_half_up_yen_ratio", round_half_up_yen),
    ("round_half_up_to_10_yen_ratio", round_half_up_to_10_yen),
    ("floor_to_100_yen_ratio", floor_to_100_yen),
    ("employee_insurance_share_ratio", employee_insurance_share),
]


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=1, max_value=10**4))
def test_ratio_forms_agree_with_the_decimal_forms(numerator: int, denominator: int) -> None:
    for ratio_name, decimal_form in RATIO_PAIRS:
        assert getattr(money, ratio_name)(numerator, denominator) == decimal_form(Fraction(numerator, denominator))
