"""賞与に対する源泉徴収税額の算出率の表 and the special method (payroll-rules.md §A4).

Band bounds below are written out from §A4 (0人, 7人, 乙) and, for 1〜6人, from the same single
source the reference cites ([S17], NTA's 令和8年分 table); expected taxes are worked by hand.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.income_tax import bonus_tax_table, bonus_withholding

R7 = datetime.date(2025, 12, 10)
R8 = datetime.date(2026, 6, 30)

RATES = [Fraction(r) / 100 for r in (
    "0", "2.042", "4.084", "6.126", "8.168", "10.21", "12.252", "14.294", "16.336", "18.378", "20.42",
    "22.462", "24.504", "26.546", "28.588", "30.63", "32.672", "35.735", "38.798", "41.861", "45.945",
)]  # fmt: skip
# Lower bounds (千円) of bands 1… for each 扶養親族等の数 (令和8年分).
KOU_R8 = {
    0: [82, 94, 260, 309, 342, 372, 402, 433, 520, 605, 684, 715, 752, 795, 854, 922, 1318, 1521, 2621, 3495],
    1: [107, 250, 289, 346, 373, 401, 430, 463, 520, 621, 705, 739, 778, 821, 882, 952, 1342, 1526, 2645, 3527],
    2: [143, 276, 321, 377, 400, 426, 457, 492, 525, 636, 728, 764, 804, 848, 910, 983, 1367, 1526, 2669, 3559],
    3: [181, 300, 354, 405, 424, 452, 484, 517, 550, 651, 751, 788, 830, 876, 938, 1013, 1391, 1538, 2693, 3590],
    4: [218, 300, 387, 431, 452, 477, 509, 540, 577, 666, 774, 813, 856, 903, 966, 1044, 1416, 1555, 2716, 3622],
    5: [251, 304, 412, 457, 479, 503, 531, 564, 604, 681, 798, 838, 881, 930, 994, 1074, 1440, 1555, 2740, 3654],
    6: [284, 343, 438, 483, 505, 527, 553, 589, 630, 697, 821, 862, 907, 957, 1022, 1104, 1464, 1555, 2764, 3685],
    7: [317, 383, 463, 508, 529, 552, 578, 614, 657, 708, 845, 887, 933, 985, 1051, 1135, 1489, 1583, 2788, 3717],
}
OTSU_R8 = [(0, "10.21"), (224, "20.42"), (295, "30.63"), (527, "38.798"), (1118, "45.945")]


def _normal_cases(column_lowers: list[int], rates: list[Fraction]) -> list[tuple[int, Fraction]]:
    """(previous month amount, rate) at the lower and upper edge of every band."""
    lowers = [0, *(k * 1000 for k in column_lowers)]
    cases = []
    for i, lower in enumerate(lowers):
        cases.append((max(lower, 1), rates[i]))  # 0 itself means "no pay": special method
        if i + 1 < len(lowers):
            cases.append((lowers[i + 1] - 1, rates[i]))
    return cases


@pytest.mark.parametrize("dependents", range(8))
def test_every_band_edge_kou_r8(dependents: int) -> None:
    for previous, rate in _normal_cases(KOU_R8[dependents], RATES):
        bonus = min(10 * previous, 1_000_000)
        expected = int(bonus * rate)  # 円未満切捨て
        got = bonus_withholding(amount=bonus, previous_month_amount=previous, dependents=dependents, paid_on=R8)
        assert got == expected, (dependents, previous)


def test_every_band_edge_otsu_r8() -> None:
    lowers = [k for k, _ in OTSU_R8[1:]]
    rates = [Fraction(r) / 100 for _, r in OTSU_R8]
    for previous, rate in _normal_cases(lowers, rates):
        bonus = min(10 * previous, 1_000_000)
        got = bonus_withholding(amount=bonus, previous_month_amount=previous, dependents=0, paid_on=R8, column="otsu")
        assert got == int(bonus * rate), previous


def test_normal_method_examples() -> None:
    # 2人, 前月 300,000 (276千〜321千: 4.084%) × 500,000 = 20,420
    assert bonus_withholding(amount=500_000, previous_month_amount=300_000, dependents=2, paid_on=R8) == 20_420
    # 0人, 前月 400,000 (372千〜402千: 12.252%) × 777,777 = 95,293.23 → 95,293
    assert bonus_withholding(amount=777_777, previous_month_amount=400_000, dependents=0, paid_on=R8) == 95_293


def test_more_than_seven_dependants_use_the_7_or_more_column() -> None:
    for previous in (316_999, 317_000, 700_000):
        seven = bonus_withholding(amount=1_000_000, previous_month_amount=previous, dependents=7, paid_on=R8)
        nine = bonus_withholding(amount=1_000_000, previous_month_amount=previous, dependents=9, paid_on=R8)
        assert seven == nine


def test_special_method_over_ten_times() -> None:
    """前月 300,000 (tax 7,910), 賞与 3,500,000 > 10 ×: X = 583,333; A = 883,333 → B = 883,333 −
    162,500 − 48,334 = 672,499 → 672,499 × 23.483% − 54,113 = 103,809.94 → 103,810;
    (103,810 − 7,910) × 6 = 575,400."""
    assert bonus_withholding(amount=3_500_000, previous_month_amount=300_000, dependents=0, paid_on=R8) == 575_400


def test_ten_times_is_still_the_table() -> None:
    """前月 100,000, 0人: 賞与 1,000,000 (= 10 ×) by the table (94千〜260千: 4.084%) → 40,840;
    1,000,001 by the special method: X = 166,666; A = 266,666: 第1表 ⌈79,999.8⌉ + 6,667 = 86,667;
    B = 131,665 → 6,721.498 → 6,720; 前月 tax 0 → 6,720 × 6 = 40,320."""
    assert bonus_withholding(amount=1_000_000, previous_month_amount=100_000, dependents=0, paid_on=R8) == 40_840
    assert bonus_withholding(amount=1_000_001, previous_month_amount=100_000, dependents=0, paid_on=R8) == 40_320


def test_no_pay_in_previous_month() -> None:
    # X = 1,200,000 / 6 = 200,000 → 月額表 (特例) 4,340 (§A1 vector) × 6
    assert bonus_withholding(amount=1_200_000, previous_month_amount=0, dependents=0, paid_on=R8) == 26_040
    # period over 6 months: X = 2,400,000 / 12 = 200,000 → 4,340 × 12
    assert (
        bonus_withholding(amount=2_400_000, previous_month_amount=0, dependents=0, paid_on=R8, period_months=12)
        == 52_080
    )
    # 乙欄: X = 100,000 < 105,000 → 3,063 × 6
    assert bonus_withholding(amount=600_000, previous_month_amount=0, dependents=0, paid_on=R8, column="otsu") == 18_378
    assert bonus_withholding(amount=0, previous_month_amount=0, dependents=0, paid_on=R8) == 0


def test_r7_points_recalled_in_the_reference() -> None:
    """§A4 (❓, flagged in the data file): 0人 0% band < 68,000; 乙 bands 222k / 293k / 524k / 1,118k."""
    assert bonus_withholding(amount=100, previous_month_amount=67_999, dependents=0, paid_on=R7) == 0
    assert bonus_withholding(amount=100_000, previous_month_amount=68_000, dependents=0, paid_on=R7) == 2_042
    for edge, below, above in [
        (222_000, "10.21", "20.42"),
        (293_000, "20.42", "30.63"),
        (524_000, "30.63", "38.798"),
        (1_118_000, "38.798", "45.945"),
    ]:
        for previous, rate in ((edge - 1, below), (edge, above)):
            got = bonus_withholding(
                amount=1_000_000, previous_month_amount=previous, dependents=0, paid_on=R7, column="otsu"
            )
            assert got == int(1_000_000 * Fraction(rate) / 100)


def test_2027_normal_method_has_no_table_but_special_method_works() -> None:
    d = datetime.date(2027, 6, 30)
    with pytest.raises(TableNotFound, match="算出率の表"):
        bonus_withholding(amount=500_000, previous_month_amount=300_000, dependents=0, paid_on=d)
    # X = 200,000 → 令和9年分 特例: ⌈60,000⌉+6,667 = 66,667; B = 200,000 − 66,667 − 51,667 = 81,666
    # → 4,169.05 → 4,170 (§A1 vector: 200,000/0 → 4,170) × 6
    assert bonus_withholding(amount=1_200_000, previous_month_amount=0, dependents=0, paid_on=d) == 25_020


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"amount": -1}, "負の金額"),
        ({"previous_month_amount": -1}, "負の金額"),
        ({"dependents": -1}, "扶養親族等の数"),
        ({"column": "hei"}, "甲欄"),
        ({"period_months": 7}, "6 か 12"),
        ({"amount": 1.5}, "整数"),
        ({"paid_on": datetime.datetime(2026, 6, 30, tzinfo=datetime.UTC)}, "日付"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, object], message: str) -> None:
    args: dict[str, object] = {"amount": 500_000, "previous_month_amount": 300_000, "dependents": 0, "paid_on": R8}
    args.update(kwargs)
    with pytest.raises(InvalidArgument, match=message):
        bonus_withholding(**args)  # type: ignore[arg-type]


def test_date_before_every_table() -> None:
    with pytest.raises(TableNotFound):
        bonus_withholding(amount=1, previous_month_amount=1, dependents=0, paid_on=datetime.date(2019, 12, 31))


@settings(max_examples=200, deadline=None)
@given(
    bonus=st.integers(min_value=0, max_value=5_000_000),
    step=st.integers(min_value=1, max_value=500_000),
    previous=st.integers(min_value=1, max_value=3_000_000),
    n=st.integers(min_value=0, max_value=8),
)
def test_normal_method_monotone(bonus: int, step: int, previous: int, n: int) -> None:
    table = bonus_tax_table(R8)
    if bonus + step <= 10 * previous:
        assert table.withholding(bonus + step, previous, n) >= table.withholding(bonus, previous, n)
    if bonus <= 10 * previous:
        assert table.withholding(bonus, previous, n + 1) <= table.withholding(bonus, previous, n)
