"""全体評語 → 昇給区分 (with 号給 from the §C2 table) and → 成績率の区分 (§C8 bands)."""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.evaluation import (
    RATINGS,
    annual_rating,
    bonus_band,
    pay_links,
    scoring_rules,
    step_increase_class,
    step_increase_proposal,
)
from jinji.rules.pay import bonus_months_table, performance_ratio
from jinji.rules.pay.step_increase import step_increase_rules

ON = datetime.date(2027, 1, 1)
LINKS = pay_links(ON).data
SCORING = scoring_rules(ON).data
STEPS = step_increase_rules(ON).data


@pytest.mark.parametrize(("rating", "step_class"), [("S", "A"), ("A", "B"), ("B", "C"), ("C", "D"), ("D", "E")])
def test_rating_to_step_increase_class(rating: str, step_class: str) -> None:
    assert step_increase_class(LINKS, rating) == step_class


@pytest.mark.parametrize(
    ("rating", "age", "step_class", "steps"),
    [
        # §C2: A 8, B 6, C 4 (標準), D 2, E 0
        ("S", 40, "A", 8),
        ("A", 40, "B", 6),
        ("B", 40, "C", 4),
        ("C", 40, "D", 2),
        ("D", 40, "E", 0),
        # 55歳を超える職員: A 2, B 1, C–E 0 (人事院規則9-8 第37条; §C2)
        ("S", 56, "A", 2),
        ("A", 56, "B", 1),
        ("B", 56, "C", 0),
        ("B", 55, "C", 4),  # 55 itself is not "over 55"
    ],
)
def test_step_increase_proposal_uses_the_pay_table(rating: str, age: int, step_class: str, steps: int) -> None:
    proposal = step_increase_proposal(LINKS, STEPS, rating=rating, age=age)
    assert (proposal.step_class, proposal.steps) == (step_class, steps)


@pytest.mark.parametrize(
    ("rating", "band"),
    [("S", "outstanding"), ("A", "excellent"), ("B", "good"), ("C", "poor"), ("D", "poor")],
)
def test_rating_to_bonus_band(rating: str, band: str) -> None:
    assert bonus_band(LINKS, rating) == band


def test_every_band_is_one_the_bonus_table_knows() -> None:
    """A 良好 result can be paid at the standard 成績率 of 令和8年度 (102.25/100, §C8)."""
    months = bonus_months_table(datetime.date(2026, 12, 1)).data
    from fractions import Fraction

    assert performance_ratio(months, rating=bonus_band(LINKS, "B"), ratio=Fraction("102.25") / 100) == Fraction(
        40900, 40000
    )
    for rating in RATINGS:
        assert bonus_band(LINKS, rating) in months.performance["general"]


@pytest.mark.parametrize(
    ("competency", "performance", "expected"),
    [
        # 0.5 × A(4) + 0.5 × mean(S5, A4 = 4.5) = 4.25 → A
        ("A", ("S", "A"), "A"),
        # 0.5 × S(5) + 0.5 × mean(S5, S5) = 5 → S
        ("S", ("S", "S"), "S"),
        # 0.5 × S(5) + 0.5 × mean(A4, A4) = 4.5 → S (threshold inclusive)
        ("S", ("A", "A"), "S"),
        # 0.5 × B(3) + 0.5 × mean(C2, D1 = 1.5) = 2.25 → C
        ("B", ("C", "D"), "C"),
        # no 業績評価 (hired mid-year): the 能力評価 alone
        ("A", (), "A"),
    ],
)
def test_annual_rating(competency: str, performance: tuple[str, ...], expected: str) -> None:
    assert annual_rating(SCORING, LINKS, competency=competency, performance=performance) == expected


def test_unknown_rating_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="全体評語"):
        step_increase_class(LINKS, "5")
    with pytest.raises(InvalidArgument, match="全体評語"):
        annual_rating(SCORING, LINKS, competency="A", performance=("X",))
