"""The allowance facts moved from the 庶務事務 app into the rules core: the 通勤手当 minimum distance (a
dated table field), the pass-period division, and which children count for 扶養手当 on a day.

Expected values come from the rules as stated in payroll-rules.md §C4 (子 until the first 3/31 after
reaching 22; 特定期間 from the first 4/1 after reaching 16) and §C6 (2 km one way; 6-month pass).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument, RulesError
from jinji.rules.pay import (
    Dependant,
    DependantCounts,
    below_minimum_distance,
    child_in_allowance_period,
    child_in_special_period,
    commuting_allowance_table,
    dependant_counts,
    monthly_fare,
)
from jinji.rules.tables import TableStore

ON = datetime.date(2026, 5, 1)
LOCAL = """[provenance]
title = "通勤手当 (テスト市)"
source = "テスト市条例"
effective_from = 2026-04-01
promulgated_on = 2026-03-20
retrieved_on = 2026-03-25

[data]
transit_cap = 150000
parking_max = 0
{minimum}
[[data.vehicle_bands]]
from_m = 1000
amount = 2000
"""


def _local(tmp_path: Path, minimum: str) -> TableStore:
    folder = tmp_path / "commuting_allowance"
    folder.mkdir(parents=True)
    (folder / "2026-04-01.toml").write_text(LOCAL.format(minimum=minimum), encoding="utf-8")
    return TableStore(extra_roots=[tmp_path])


def test_national_minimum_is_2_km_one_way() -> None:
    table = commuting_allowance_table(ON).data
    assert table.min_distance_m == 2000
    assert below_minimum_distance(table, 1999)
    assert not below_minimum_distance(table, 2000)
    with pytest.raises(InvalidArgument, match="負の値"):
        below_minimum_distance(table, -1)


def test_a_local_table_may_set_1_km_and_must_say_it(tmp_path: Path) -> None:
    table = commuting_allowance_table(ON, _local(tmp_path / "a", "min_distance_m = 1000")).data
    assert not below_minimum_distance(table, 1500)
    with pytest.raises(RulesError, match="min_distance_m"):
        commuting_allowance_table(ON, _local(tmp_path / "b", ""))


@pytest.mark.parametrize(
    ("price", "months", "expected"),
    [
        (100_000, 6, 16_666),  # 6箇月定期 ÷ 6, 円未満切捨て
        (30_001, 3, 10_000),
        (12_345, 1, 12_345),
    ],
)
def test_monthly_fare_by_pass_period(price: int, months: int, expected: int) -> None:
    assert monthly_fare(price, months) == expected


def test_other_pass_periods_and_negative_prices_are_refused() -> None:
    with pytest.raises(InvalidArgument, match="定期券の期間"):
        monthly_fare(1_000, 2)
    with pytest.raises(InvalidArgument, match="負の値"):
        monthly_fare(-1, 3)


def test_a_child_counts_until_the_first_march_31_after_reaching_22() -> None:
    born = datetime.date(2004, 6, 15)  # reaches 22 on 2026-06-14
    assert child_in_allowance_period(born, datetime.date(2027, 3, 31))
    assert not child_in_allowance_period(born, datetime.date(2027, 4, 1))


def test_the_special_period_starts_on_the_first_april_1_after_reaching_16() -> None:
    born = datetime.date(2010, 4, 1)  # reaches 16 on 2026-03-31
    assert not child_in_special_period(born, datetime.date(2026, 3, 31))
    assert child_in_special_period(born, datetime.date(2026, 4, 1))
    later = datetime.date(2010, 6, 15)  # reaches 16 on 2026-06-14: from 2027-04-01
    assert not child_in_special_period(later, datetime.date(2026, 12, 1))
    assert child_in_special_period(later, datetime.date(2027, 4, 1))
    assert not child_in_special_period(later, datetime.date(2033, 4, 1)), "ends with the allowance period"


def test_dependant_counts_by_category() -> None:
    people = [
        Dependant("spouse", datetime.date(1980, 1, 1)),
        Dependant("child", datetime.date(2009, 5, 5)),  # 16 on 2025-05-04: special period from 2026-04-01
        Dependant("child", datetime.date(2015, 5, 5)),
        Dependant("child", datetime.date(2000, 5, 5)),  # past 22 → not counted
        Dependant("parent", datetime.date(1950, 1, 1)),
    ]
    assert dependant_counts(people, ON) == DependantCounts(
        spouse=True, children=2, special_period_children=1, other_dependents=1
    )
