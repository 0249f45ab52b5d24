"""住民税 特別徴収 June / July–May split (payroll-rules.md §E), examples derived by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.resident_tax import monthly_special_collection, special_collection_split


@pytest.mark.parametrize(
    ("annual", "june", "july_to_may"),
    [
        # 123,456 / 12 = 10,288 → 10,200; June = 123,456 − 11 × 10,200 = 11,256
        (123_456, 11_256, 10_200),
        (120_000, 10_000, 10_000),
        (1_299, 199, 100),  # 108.25 → 100; June 1,299 − 1,100
        (1_100, 1_100, 0),  # monthly amount under 100 yen: all in June
        (99, 99, 0),
        (0, 0, 0),
        (1_200, 100, 100),
    ],
)
def test_split(annual: int, june: int, july_to_may: int) -> None:
    s = special_collection_split(annual)
    assert (s.june, s.july_to_may) == (june, july_to_may)
    assert s.schedule()[0] == (6, june)
    assert [m for m, _ in s.schedule()] == [6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5]


def test_monthly() -> None:
    assert monthly_special_collection(123_456, month=6) == 11_256
    assert monthly_special_collection(123_456, month=5) == 10_200
    with pytest.raises(InvalidArgument, match="月"):
        monthly_special_collection(123_456, month=13)
    with pytest.raises(InvalidArgument, match="特別徴収税額"):
        special_collection_split(-1)


@given(annual=st.integers(min_value=0, max_value=50_000_000))
def test_split_properties(annual: int) -> None:
    s = special_collection_split(annual)
    assert s.june + 11 * s.july_to_may == annual
    assert s.july_to_may % 100 == 0
    assert 0 <= s.june - s.july_to_may < 1_200
