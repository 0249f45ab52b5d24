"""月額表 甲欄 (電算機計算の特例): NTA worked examples, every table edge, properties.

Expected values come from payroll-rules.md §A1 (the test vectors and the 第1表〜第4表 printed
there, re-stated below as literals) — never from the implementation.
"""

from __future__ import annotations

import datetime
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.income_tax import monthly_tax_table, monthly_withholding

R7 = datetime.date(2025, 6, 20)
R8 = datetime.date(2026, 6, 20)
R9 = datetime.date(2027, 6, 20)
DATES = {"R7": R7, "R8": R8, "R9": R9}

# §A1 第1表 (upper bound inclusive, then fixed amount or (rate, add)); None = no upper bound.
TABLE1 = {
    "R7": [
        (135_416, 45_834),
        (149_999, (Fraction(40, 100), -8_333)),
        (299_999, (Fraction(30, 100), 6_667)),
        (549_999, (Fraction(20, 100), 36_667)),
        (708_330, (Fraction(10, 100), 91_667)),
        (None, 162_500),
    ],
    "R8": [
        (158_333, 54_167),
        (299_999, (Fraction(30, 100), 6_667)),
        (549_999, (Fraction(20, 100), 36_667)),
        (708_330, (Fraction(10, 100), 91_667)),
        (None, 162_500),
    ],
    "R9": [
        (169_444, 57_500),
        (299_999, (Fraction(30, 100), 6_667)),
        (549_999, (Fraction(20, 100), 36_667)),
        (708_330, (Fraction(10, 100), 91_667)),
        (None, 162_500),
    ],
}
# §A1 第3表
TABLE3 = {
    "R7": [(2_120_833, 40_000), (2_162_499, 40_000), (2_204_166, 26_667), (2_245_833, 13_334), (None, 0)],
    "R8": [(2_120_833, 48_334), (2_162_499, 40_000), (2_204_166, 26_667), (2_245_833, 13_334), (None, 0)],
    "R9": [(2_120_833, 51_667), (2_162_499, 40_000), (2_204_166, 26_667), (2_245_833, 13_334), (None, 0)],
}
# §A1 第4表 (same for every year)
TABLE4 = [
    (162_500, Fraction(5105, 100_000), 0),
    (275_000, Fraction(10210, 100_000), 8_296),
    (579_166, Fraction(20420, 100_000), 36_374),
    (750_000, Fraction(23483, 100_000), 54_113),
    (1_500_000, Fraction(33693, 100_000), 130_688),
    (3_333_333, Fraction(40840, 100_000), 237_893),
    (None, Fraction(45945, 100_000), 408_061),
]
PER_PERSON = 31_667  # §A1 第2表


def _row(rows, value):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r[0] is None or value <= r[0])


def ref_table1(year: str, a: int) -> int:
    spec = _row(TABLE1[year], a)[1]
    if isinstance(spec, int):
        return spec
    rate, add = spec
    return math.ceil(a * rate + add)  # 1円未満切上げ


def ref_tax4(b: int) -> int:
    if b <= 0:
        return 0
    _, rate, sub = _row(TABLE4, b)
    exact = b * rate - sub
    return int((exact / 10 + Fraction(1, 2)) // 1) * 10  # 10円未満四捨五入 (exact >= 0)


def ref_withholding(year: str, a: int, n: int) -> int:
    b = a - ref_table1(year, a) - PER_PERSON * n - _row(TABLE3[year], a)[1]
    return ref_tax4(b)


# §A1 "Test vectors": (A, 扶養親族等, R8, R7, R9); the first three are NTA's worked examples.
VECTORS = [
    (175_000, 2, 210, 640, 40),
    (446_000, 8, 940, 1_370, 770),
    (775_200, 3, 59_470, 61_170, 58_790),
    (200_000, 0, 4_340, 4_760, 4_170),
    (200_000, 1, 2_720, 3_150, 2_550),
    (253_551, 0, 6_250, 6_680, 6_080),
    (300_000, 0, 7_910, 8_380, 7_740),
]


@pytest.mark.parametrize(("amount", "dependents", "r8", "r7", "r9"), VECTORS)
def test_reference_vectors(amount: int, dependents: int, r8: int, r7: int, r9: int) -> None:
    assert monthly_withholding(amount=amount, dependents=dependents, paid_on=R8) == r8
    assert monthly_withholding(amount=amount, dependents=dependents, paid_on=R7) == r7
    assert monthly_withholding(amount=amount, dependents=dependents, paid_on=R9) == r9


def test_nta_examples_taxable_amount_b() -> None:
    """§A1: B for the NTA examples (175,000/2 → 4,165; 446,000/8 → 18,463; 775,200/3 → 469,365)."""
    table = monthly_tax_table(R8).kou_table
    assert table.taxable(175_000, 2) == 4_165
    assert table.taxable(446_000, 8) == 18_463
    assert table.taxable(775_200, 3) == 469_365


def test_dependants_beyond_seven_multiply() -> None:
    """§A1 step 5: no cap at 7 — 8 persons deduct 8 × 31,667."""
    table = monthly_tax_table(R8).kou_table
    assert table.taxable(446_000, 8) - table.taxable(446_000, 7) == -31_667


@pytest.mark.parametrize(
    ("paid_on", "year"),
    [
        (datetime.date(2025, 12, 31), "R7"),
        (datetime.date(2026, 1, 1), "R8"),
        (datetime.date(2026, 12, 31), "R8"),
        (datetime.date(2027, 1, 1), "R9"),
        (datetime.date(2020, 1, 1), "R7"),
    ],
)
def test_version_chosen_by_pay_date(paid_on: datetime.date, year: str) -> None:
    assert monthly_withholding(amount=175_000, dependents=2, paid_on=paid_on) == {"R7": 640, "R8": 210, "R9": 40}[year]


def _edges(rows) -> list[int]:  # type: ignore[no-untyped-def]
    """Lower and upper edge of every row (the row's first and last amount)."""
    edges = []
    lower = 0
    for row in rows:
        upper = row[0]
        edges.append(lower)
        if upper is not None:
            edges.append(upper)
            lower = upper + 1
    return edges


@pytest.mark.parametrize("year", ["R7", "R8", "R9"])
def test_table1_every_edge(year: str) -> None:
    table = monthly_tax_table(DATES[year]).kou_table
    for a in _edges(TABLE1[year]):
        assert table.employment_income_deduction_for(a) == ref_table1(year, a), a


def test_table1_literal_edges_r8() -> None:
    table = monthly_tax_table(R8).kou_table
    assert table.employment_income_deduction_for(158_333) == 54_167
    assert table.employment_income_deduction_for(158_334) == 54_168  # 47,500.2 → 47,501 + 6,667
    assert table.employment_income_deduction_for(299_999) == 96_667  # 89,999.7 → 90,000 + 6,667
    assert table.employment_income_deduction_for(300_000) == 96_667
    assert table.employment_income_deduction_for(708_330) == 162_500  # 70,833 + 91,667
    assert table.employment_income_deduction_for(708_331) == 162_500


@pytest.mark.parametrize("year", ["R7", "R8", "R9"])
def test_table3_every_edge(year: str) -> None:
    table = monthly_tax_table(DATES[year]).kou_table
    for a in _edges(TABLE3[year]):
        assert table.basic_deduction_for(a) == _row(TABLE3[year], a)[1], a


@pytest.mark.parametrize("year", ["R7", "R8", "R9"])
def test_table4_every_edge(year: str) -> None:
    table = monthly_tax_table(DATES[year]).kou_table
    for b in [*_edges(TABLE4), 0, -1]:
        assert table.tax_for(b) == ref_tax4(b), b


def test_table4_literal_values() -> None:
    table = monthly_tax_table(R8).kou_table
    assert table.tax_for(162_500) == 8_300  # 8,295.6 → 8,300
    assert table.tax_for(162_501) == 8_300  # 16,591.35 − 8,296 = 8,295.35 → 8,300
    assert table.tax_for(4_165) == 210  # 212.6 → 210
    assert table.tax_for(469_365) == 59_470  # 95,844.33 − 36,374 = 59,470.33


def test_zero_and_small_amounts() -> None:
    for date in DATES.values():
        assert monthly_withholding(amount=0, dependents=0, paid_on=date) == 0
        assert monthly_withholding(amount=50_000, dependents=0, paid_on=date) == 0


@settings(max_examples=300, deadline=None)
@given(
    a=st.integers(min_value=0, max_value=5_000_000),
    n=st.integers(min_value=0, max_value=12),
    year=st.sampled_from(["R7", "R8", "R9"]),
)
def test_matches_reference_procedure(a: int, n: int, year: str) -> None:
    assert monthly_withholding(amount=a, dependents=n, paid_on=DATES[year]) == ref_withholding(year, a, n)


@settings(max_examples=300, deadline=None)
@given(
    a=st.integers(min_value=0, max_value=4_000_000),
    step=st.integers(min_value=1, max_value=50_000),
    n=st.integers(min_value=0, max_value=10),
    year=st.sampled_from(["R7", "R8", "R9"]),
)
def test_kou_never_decreases_with_amount_and_never_increases_with_dependants(
    a: int, step: int, n: int, year: str
) -> None:
    table = monthly_tax_table(DATES[year])
    assert table.withholding(a + step, n) >= table.withholding(a, n)
    assert table.withholding(a, n + 1) <= table.withholding(a, n)


def test_kou_monotone_on_every_yen_near_table_edges() -> None:
    for date in DATES.values():
        table = monthly_tax_table(date)
        for edge in (135_416, 149_999, 158_333, 169_444, 299_999, 549_999, 708_330, 2_120_833, 2_245_833):
            taxes = [table.withholding(a, 0) for a in range(edge - 3, edge + 4)]
            assert taxes == sorted(taxes), (date, edge)


def test_refs_name_the_versions_used() -> None:
    refs = monthly_tax_table(R8).refs
    assert [(r.table_id, r.effective_from) for r in refs] == [
        ("income_tax_computer_method", datetime.date(2026, 1, 1)),
        ("income_tax_monthly_otsu", datetime.date(2026, 1, 1)),
    ]
