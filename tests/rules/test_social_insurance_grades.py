"""標準報酬月額 grades (payroll-rules.md §B2, written out below), 定時決定 and 随時改定."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.social_insurance import (
    MonthlyRemuneration,
    grade_table,
    occasional_revision,
    regular_determination,
    standard_monthly_remuneration,
    standard_remuneration_grade,
)

ON = datetime.date(2026, 5, 1)

# §B2: (短期 grade, 長期 grade or None, 標準報酬月額, from (incl.), to (excl.) or None)
GRADES = [
    (1, None, 58_000, 0, 63_000), (2, None, 68_000, 63_000, 73_000), (3, None, 78_000, 73_000, 83_000),
    (4, 1, 88_000, 83_000, 93_000), (5, 2, 98_000, 93_000, 101_000), (6, 3, 104_000, 101_000, 107_000),
    (7, 4, 110_000, 107_000, 114_000), (8, 5, 118_000, 114_000, 122_000), (9, 6, 126_000, 122_000, 130_000),
    (10, 7, 134_000, 130_000, 138_000), (11, 8, 142_000, 138_000, 146_000), (12, 9, 150_000, 146_000, 155_000),
    (13, 10, 160_000, 155_000, 165_000), (14, 11, 170_000, 165_000, 175_000), (15, 12, 180_000, 175_000, 185_000),
    (16, 13, 190_000, 185_000, 195_000), (17, 14, 200_000, 195_000, 210_000), (18, 15, 220_000, 210_000, 230_000),
    (19, 16, 240_000, 230_000, 250_000), (20, 17, 260_000, 250_000, 270_000), (21, 18, 280_000, 270_000, 290_000),
    (22, 19, 300_000, 290_000, 310_000), (23, 20, 320_000, 310_000, 330_000), (24, 21, 340_000, 330_000, 350_000),
    (25, 22, 360_000, 350_000, 370_000), (26, 23, 380_000, 370_000, 395_000), (27, 24, 410_000, 395_000, 425_000),
    (28, 25, 440_000, 425_000, 455_000), (29, 26, 470_000, 455_000, 485_000), (30, 27, 500_000, 485_000, 515_000),
    (31, 28, 530_000, 515_000, 545_000), (32, 29, 560_000, 545_000, 575_000), (33, 30, 590_000, 575_000, 605_000),
    (34, 31, 620_000, 605_000, 635_000), (35, 32, 650_000, 635_000, 665_000), (36, None, 680_000, 665_000, 695_000),
    (37, None, 710_000, 695_000, 730_000), (38, None, 750_000, 730_000, 770_000),
    (39, None, 790_000, 770_000, 810_000), (40, None, 830_000, 810_000, 855_000),
    (41, None, 880_000, 855_000, 905_000), (42, None, 930_000, 905_000, 955_000),
    (43, None, 980_000, 955_000, 1_005_000), (44, None, 1_030_000, 1_005_000, 1_055_000),
    (45, None, 1_090_000, 1_055_000, 1_115_000), (46, None, 1_150_000, 1_115_000, 1_175_000),
    (47, None, 1_210_000, 1_175_000, 1_235_000), (48, None, 1_270_000, 1_235_000, 1_295_000),
    (49, None, 1_330_000, 1_295_000, 1_355_000), (50, None, 1_390_000, 1_355_000, None),
]  # fmt: skip


@pytest.mark.parametrize(("grade", "long_grade", "standard", "lower", "upper"), GRADES)
def test_short_term_every_grade_edge(
    grade: int, long_grade: int | None, standard: int, lower: int, upper: int | None
) -> None:
    edges = [lower] + ([upper - 1] if upper is not None else [lower + 10_000_000])
    for r in edges:
        assert standard_monthly_remuneration(r, scheme="short_term", on=ON) == standard
        assert standard_remuneration_grade(r, scheme="short_term", on=ON) == grade


@pytest.mark.parametrize(("grade", "long_grade", "standard", "lower", "upper"), GRADES)
def test_long_term_every_grade_edge(
    grade: int, long_grade: int | None, standard: int, lower: int, upper: int | None
) -> None:
    if long_grade is None:
        return
    # 長期 grade 1 covers everything below 93,000; grade 32 everything from 635,000 (§B2, [S35]).
    lo = 0 if long_grade == 1 else lower
    hi = 10_000_000 if long_grade == 32 else upper - 1  # type: ignore[operator]
    for r in (lo, hi):
        assert standard_monthly_remuneration(r, scheme="long_term", on=ON) == standard
        assert standard_remuneration_grade(r, scheme="long_term", on=ON) == long_grade


def test_scheme_ends() -> None:
    assert grade_table(scheme="short_term", on=ON).standards[0] == 58_000
    assert len(grade_table(scheme="short_term", on=ON).standards) == 50
    assert len(grade_table(scheme="long_term", on=ON).standards) == 32
    assert standard_monthly_remuneration(0, scheme="long_term", on=ON) == 88_000
    assert standard_monthly_remuneration(5_000_000, scheme="long_term", on=ON) == 650_000


@settings(max_examples=500, deadline=None)
@given(
    r=st.integers(min_value=0, max_value=2_000_000),
    step=st.integers(min_value=0, max_value=200_000),
    scheme=st.sampled_from(["short_term", "long_term"]),
)
def test_total_and_monotone(r: int, step: int, scheme: str) -> None:
    g = standard_remuneration_grade(r, scheme=scheme, on=ON)
    assert 1 <= g <= (50 if scheme == "short_term" else 32)
    assert standard_remuneration_grade(r + step, scheme=scheme, on=ON) >= g
    assert standard_monthly_remuneration(r + step, scheme=scheme, on=ON) >= standard_monthly_remuneration(
        r, scheme=scheme, on=ON
    )


def test_every_amount_0_to_2_000_000_has_a_grade() -> None:
    for scheme in ("short_term", "long_term"):
        table = grade_table(scheme=scheme, on=ON)
        previous = 0
        for r in range(0, 2_000_001, 500):
            g = table.grade(r)
            assert g >= max(previous, 1)
            previous = g


def test_invalid_arguments() -> None:
    with pytest.raises(InvalidArgument, match="scheme"):
        standard_monthly_remuneration(300_000, scheme="kenpo", on=ON)
    with pytest.raises(InvalidArgument, match="報酬月額"):
        standard_monthly_remuneration(-1, scheme="short_term", on=ON)
    with pytest.raises(TableNotFound):
        standard_monthly_remuneration(300_000, scheme="short_term", on=datetime.date(2010, 1, 1))
    with pytest.raises(TableNotFound):  # 長期 cap changes 2027-09 (§B2): not stretched
        standard_monthly_remuneration(300_000, scheme="long_term", on=datetime.date(2027, 9, 1))
    with pytest.raises(InvalidArgument, match="等級表にありません"):
        grade_table(scheme="short_term", on=ON).grade_of_standard(299_999)


def m(amount: int, days: int = 30) -> MonthlyRemuneration:
    return MonthlyRemuneration(amount, days)


def test_regular_determination_average_of_april_to_june() -> None:
    # (300,000 + 310,000 + 305,000) / 3 = 305,000 → 290,000〜310,000: 300,000 (短期 22級)
    d = regular_determination(months=[m(300_000), m(310_000), m(305_000)], year=2026, scheme="short_term")
    assert d is not None
    assert (d.average, d.grade, d.standard, d.applies_from, d.months_used) == (
        305_000,
        22,
        300_000,
        datetime.date(2026, 9, 1),
        3,
    )


def test_regular_determination_drops_short_months() -> None:
    # May has 16 days: (300,000 + 330,000) / 2 = 315,000 → 320,000; long_term grade 20
    d = regular_determination(months=[m(300_000), m(200_000, 16), m(330_000, 17)], year=2026, scheme="long_term")
    assert d is not None
    assert (d.average, d.grade, d.standard, d.months_used) == (315_000, 20, 320_000, 2)
    assert regular_determination(months=[m(1, 0), m(1, 5), m(1, 16)], year=2026, scheme="long_term") is None


def test_regular_determination_average_truncates_below_one_yen() -> None:
    # (62,999 + 63,000 + 63,000) / 3 = 62,999.67 → 62,999 → 短期 1級 (58,000)
    d = regular_determination(months=[m(62_999), m(63_000), m(63_000)], year=2026, scheme="short_term")
    assert d is not None
    assert (d.average, d.grade) == (62_999, 1)


def test_occasional_revision_two_grades_from_the_fourth_month() -> None:
    # 標準 300,000 (22級); raise paid from 2026-04: average 330,000 → 340,000 (24級) → from July
    d = occasional_revision(
        months=[m(330_000)] * 3,
        first_month=datetime.date(2026, 4, 1),
        current_standard=300_000,
        scheme="short_term",
        direction="increase",
    )
    assert d is not None
    assert (d.grade, d.standard, d.applies_from) == (24, 340_000, datetime.date(2026, 7, 1))


def test_occasional_revision_one_grade_is_not_enough() -> None:
    # average 315,000 → 320,000 (23級): 1 grade only
    assert (
        occasional_revision(
            months=[m(315_000)] * 3,
            first_month=datetime.date(2026, 4, 1),
            current_standard=300_000,
            scheme="short_term",
            direction="increase",
        )
        is None
    )


def test_occasional_revision_direction_and_days() -> None:
    # pay cut but average up by 2 grades (overtime): no revision
    assert (
        occasional_revision(
            months=[m(340_000)] * 3,
            first_month=datetime.date(2026, 10, 1),
            current_standard=300_000,
            scheme="short_term",
            direction="decrease",
        )
        is None
    )
    # decrease by 2 grades: 280,000 → 260,000 (20級) from 2027-01
    d = occasional_revision(
        months=[m(260_000)] * 3,
        first_month=datetime.date(2026, 10, 15),
        current_standard=300_000,
        scheme="short_term",
        direction="decrease",
    )
    assert d is not None
    assert (d.standard, d.applies_from) == (260_000, datetime.date(2027, 1, 1))
    # one month under 17 days: no revision
    assert (
        occasional_revision(
            months=[m(400_000), m(400_000, 16), m(400_000)],
            first_month=datetime.date(2026, 4, 1),
            current_standard=300_000,
            scheme="short_term",
            direction="increase",
        )
        is None
    )
    with pytest.raises(InvalidArgument, match="direction"):
        occasional_revision(
            months=[m(400_000)] * 3,
            first_month=datetime.date(2026, 4, 1),
            current_standard=300_000,
            scheme="short_term",
            direction="up",
        )
