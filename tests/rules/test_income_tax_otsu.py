"""月額表 乙欄: every printed row re-derived by NTA's 乙欄 computer method, and the frame of §A2/§A3.

The 乙 column is stored as the printed table. Here each row (each lower and upper edge) is
recomputed by the method of 「月額表の乙欄を適用する給与等に対する税額の電算機計算について」
(denshi_02; payroll-rules.md §A3): 計算基準額 = 105,000 + ⌊(A−105,000)/2,000⌋×2,000 below 221,000
and 221,000 + ⌊(A−221,000)/3,000⌋×3,000 above; tax on 2.5 × and 1.5 × that amount by the
所得税 rates (第1表 給与所得控除 and 基礎控除 48,334 first), difference rounded to 100 yen
(50円以上切上げ), × 1.021, rounded to 100 yen again. For 令和2〜7年分 (rows not in the reference,
flagged in the data file) the same method is run with the 令和7年分 第1表 and 基礎控除 40,000 over
the rows of the 令和2年分 printed table (see :func:`row_bases`).
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

RATES = [  # 所得税法第89条 (without 復興特別所得税)
    (162_500, Fraction(5, 100), 0),
    (275_000, Fraction(10, 100), 8_125),
    (579_166, Fraction(20, 100), 35_625),
    (750_000, Fraction(23, 100), 53_000),
    (1_500_000, Fraction(33, 100), 128_000),
    (None, Fraction(40, 100), 233_000),
]


def _table1(x: Fraction, year: str) -> int:
    tiers = [(135416, None, 45834), (149999, Fraction(40, 100), -8333)] if year == "R7" else [(158333, None, 54167)]
    tiers += [
        (299_999, Fraction(30, 100), 6_667),
        (549_999, Fraction(20, 100), 36_667),
        (708_330, Fraction(10, 100), 91_667),
        (None, None, 162_500),
    ]
    for upper, rate, amount in tiers:
        if upper is None or x <= upper:
            return amount if rate is None else math.ceil(x * rate + amount)
    raise AssertionError


def _tax(x: Fraction, year: str) -> int:
    basic = 40_000 if year == "R7" else 48_334
    b = x - _table1(x, year) - basic
    if b <= 0:
        return 0
    for upper, rate, sub in RATES:
        if upper is None or b <= upper:
            return math.floor(b * rate - sub)
    raise AssertionError


def _round100(v: Fraction | int) -> int:
    return int((Fraction(v) + 50) // 100) * 100


def denshi_02(base: int, year: str) -> int:
    c = _round100(_tax(Fraction(base) * Fraction(5, 2), year) - _tax(Fraction(base) * Fraction(3, 2), year))
    return _round100(c * Fraction(1021, 1000))


def row_bases(year: str) -> list[tuple[int, int]]:
    """(lower, upper) of every printed row: R8 105,000–221,000 by 2,000 then by 3,000 to 740,000;
    R7 88,000–89,000 … (the 令和2年分 table runs in 1,000-yen steps to 99,000, 2,000 to 221,000,
    3,000 to 740,000)."""
    if year == "R8":
        lowers = [*range(105_000, 221_000, 2_000), *range(221_000, 740_000, 3_000)]
    else:
        lowers = [*range(88_000, 99_000, 1_000), *range(99_000, 221_000, 2_000), *range(221_000, 740_000, 3_000)]
    return [(lo, (lowers[i + 1] if i + 1 < len(lowers) else 740_000) - 1) for i, lo in enumerate(lowers)]


def test_row_counts() -> None:
    assert len(row_bases("R8")) == 231  # §A2: 231 rows


@pytest.mark.parametrize("year", ["R7", "R8"])
def test_every_row_edge_matches_the_computer_method(year: str) -> None:
    table = monthly_tax_table(R7 if year == "R7" else R8)
    for lower, upper in row_bases(year):
        expected = denshi_02(lower, year)
        assert table.withholding(lower, 0, "otsu") == expected, (year, lower)
        assert table.withholding(upper, 0, "otsu") == expected, (year, upper)


def test_r8_frame() -> None:
    """§A2/§A3 for 令和8年分."""
    t = monthly_tax_table(R8)
    assert t.withholding(104_999, 0, "otsu") == 3_216  # 104,999 × 3.063% = 3,216.1 → 3,216
    assert t.withholding(100_000, 0, "otsu") == 3_063
    assert t.withholding(105_000, 0, "otsu") == 3_800
    assert t.withholding(300_000, 0, "otsu") == 53_600
    assert t.withholding(740_000, 0, "otsu") == 259_200
    assert t.withholding(800_000, 0, "otsu") == 259_200 + 24_504  # 60,000 × 40.84%
    assert t.withholding(1_709_999, 0, "otsu") == 259_200 + 396_147  # 969,999 × 40.84% = 396,147.59
    assert t.withholding(1_710_000, 0, "otsu") == 655_400
    assert t.withholding(1_800_000, 0, "otsu") == 655_400 + 41_350  # 90,000 × 45.945% = 41,350.5


def test_r7_frame() -> None:
    """§A2 for 令和7年分: 3.063% below 88,000; +40.84% from 740,000; +45.945% above 1,700,000."""
    t = monthly_tax_table(R7)
    assert t.withholding(87_999, 0, "otsu") == 2_695  # 2,695.40
    assert t.withholding(1_699_999, 0, "otsu") == 259_800 + 392_063  # 959,999 × 40.84% = 392,063.59
    assert t.withholding(1_700_000, 0, "otsu") == 651_900


def test_declared_dependants_subtract_1610_each_and_never_below_zero() -> None:
    """§A3: 従たる給与についての扶養控除等申告書 → 1,610 yen per person."""
    assert monthly_withholding(amount=300_000, dependents=2, paid_on=R8, column="otsu") == 53_600 - 3_220
    assert monthly_withholding(amount=50_000, dependents=1, paid_on=R8, column="otsu") == 0  # 1,531 − 1,610


def test_no_otsu_table_for_2027() -> None:
    """The reference gives no 令和9年分 乙欄: refuse instead of stretching 令和8年分."""
    from jinji.rules.errors import TableNotFound

    with pytest.raises(TableNotFound, match="乙欄"):
        monthly_withholding(amount=300_000, dependents=0, paid_on=datetime.date(2027, 1, 25), column="otsu")
    assert monthly_withholding(amount=300_000, dependents=0, paid_on=datetime.date(2027, 1, 25)) == 7_740


@settings(max_examples=300, deadline=None)
@given(
    a=st.integers(min_value=0, max_value=4_000_000),
    step=st.integers(min_value=1, max_value=50_000),
    n=st.integers(min_value=0, max_value=5),
    date=st.sampled_from([R7, R8]),
)
def test_otsu_monotone(a: int, step: int, n: int, date: datetime.date) -> None:
    t = monthly_tax_table(date)
    assert t.withholding(a + step, n, "otsu") >= t.withholding(a, n, "otsu")
    assert t.withholding(a, n + 1, "otsu") <= t.withholding(a, n, "otsu")


@pytest.mark.parametrize("date", [R7, R8])
def test_otsu_not_below_kou(date: datetime.date) -> None:
    t = monthly_tax_table(date)
    for a in range(0, 3_000_000, 997):
        assert t.withholding(a, 0, "otsu") >= t.withholding(a, 0, "kou"), a
