"""人員分布率: the upper 昇給区分 (A・B) at most 20% before 2025-04-01 and 25% from then (§C1 [S50]);
the 成績率 upper bands at most 25%. Allowed head count = ⌊total × share⌋."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.evaluation import BONUS, STEP_INCREASE, allowed_count, check_quotas, quota_rules

RULES_2026 = quota_rules(datetime.date(2026, 4, 1)).data
RULES_2024 = quota_rules(datetime.date(2024, 4, 1)).data


@pytest.mark.parametrize(
    ("total", "share", "allowed"),
    [
        (10, Fraction(1, 4), 2),
        (8, Fraction(1, 4), 2),
        (4, Fraction(1, 4), 1),
        (3, Fraction(1, 4), 0),
        (0, Fraction(1, 4), 0),
    ],
)
def test_allowed_count_rounds_down(total: int, share: Fraction, allowed: int) -> None:
    assert allowed_count(total, share) == allowed


def test_the_cap_changed_on_2025_04_01() -> None:
    assert quota_rules(datetime.date(2025, 3, 31)).data[0].max_share == Fraction(20, 100)
    assert quota_rules(datetime.date(2025, 4, 1)).data[0].max_share == Fraction(25, 100)


def test_step_increase_quota_violation_names_the_excess() -> None:
    # 10 people, A 1 + B 2 = 3 in the upper 区分; 25% of 10 allows ⌊2.5⌋ = 2
    violations = check_quotas(RULES_2026, STEP_INCREASE, {"A": 1, "B": 2, "C": 6, "D": 1})
    assert len(violations) == 1
    v = violations[0]
    assert (v.count, v.allowed, v.total) == (3, 2, 10)
    assert v.message == "昇給区分の上位区分(A・B)は10人中2人(25%)までです(現在 3人、1人超過)"


def test_within_the_cap_nothing_is_flagged() -> None:
    # 8 people, 2 upper: 25% of 8 = 2 → allowed
    assert check_quotas(RULES_2026, STEP_INCREASE, {"B": 2, "C": 6}) == []


def test_the_older_20_percent_cap() -> None:
    # 10 people, 3 upper: 20% of 10 = 2 → 1 over; in 2026 the same 8-person split 2/8 is fine but 2024 allows 1
    assert check_quotas(RULES_2024, STEP_INCREASE, {"B": 2, "C": 6})[0].allowed == 1


def test_bonus_bands_quota() -> None:
    # 20 people, 特に優秀 2 + 優秀 4 = 6 > ⌊20 × 25%⌋ = 5
    violations = check_quotas(RULES_2026, BONUS, {"outstanding": 2, "excellent": 4, "good": 13, "poor": 1})
    assert [(v.count, v.allowed) for v in violations] == [(6, 5)]
    assert "特に優秀・優秀" in violations[0].message


def test_a_larger_population_counts_people_not_yet_rated() -> None:
    # 2 rated in the upper 区分 of 8 staff: ⌊8 × 25%⌋ = 2 → within; of the 2 rated alone: ⌊0.5⌋ = 0 → over
    assert check_quotas(RULES_2026, STEP_INCREASE, {"A": 1, "B": 1}, total=8) == []
    assert [v.allowed for v in check_quotas(RULES_2026, STEP_INCREASE, {"A": 1, "B": 1})] == [0]
    with pytest.raises(InvalidArgument, match="母数"):
        check_quotas(RULES_2026, STEP_INCREASE, {"A": 3}, total=2)


def test_unknown_band_or_scheme_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="区分"):
        check_quotas(RULES_2026, STEP_INCREASE, {"S": 1})
    with pytest.raises(InvalidArgument, match="区分の種類"):
        check_quotas(RULES_2026, "overtime", {})
