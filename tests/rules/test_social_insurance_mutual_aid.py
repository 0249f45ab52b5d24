"""共済 contributions worked by hand from the rates written here (payroll-rules.md §B1, §B3), and
the month rules (membership, ages, 産休・育休 waivers)."""

from __future__ import annotations

import datetime

import pytest

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.social_insurance import (
    Leave,
    LeaveKind,
    age_reached_on,
    bonus_contribution_waived,
    contribution_due,
    monthly_contribution_waived,
    mutual_aid_bonus_contributions,
    mutual_aid_monthly_contributions,
    mutual_aid_table,
    nursing_care_due,
    pension_due,
    standard_bonus_amount,
)

UNION = "toyama_municipal"
D = datetime.date
# 富山県市町村職員共済組合 令和7年4月〜 (§B1, per 1000): 短期 47.79, 介護 8.90, 福祉 1.70, 厚年 91.5, 退職等 7.5


def test_worked_example_monthly_r7() -> None:
    """標準報酬 410,000 (短期・長期), age 46 in October 2025:
    短期 410,000 × 47.79‰ = 19,593.9 → 19,593; 介護 × 8.90‰ = 3,649; 福祉 × 1.70‰ = 697;
    厚年 × 91.5‰ = 37,515; 退職等 × 7.5‰ = 3,075; total 64,529."""
    c = mutual_aid_monthly_contributions(
        union=UNION,
        month=D(2025, 10, 1),
        birth_date=D(1979, 5, 10),
        short_term_standard=410_000,
        long_term_standard=410_000,
    )
    assert (c.short_term, c.nursing_care, c.welfare, c.child_support, c.pension, c.retirement_benefit) == (
        19_593,
        3_649,
        697,
        0,
        37_515,
        3_075,
    )
    assert c.total == 64_529
    assert c.unconfirmed == ()


def test_worked_example_monthly_r8_flags_unconfirmed_rates() -> None:
    """From 令和8年4月: 子ども・子育て支援掛金 appears (placeholder 1.15‰ → 410,000 × 1.15‰ = 471.5 → 471),
    and the carried-forward 短期・介護・福祉 rates are reported as unconfirmed. Age 35: no 介護."""
    c = mutual_aid_monthly_contributions(
        union=UNION,
        month=D(2026, 5, 1),
        birth_date=D(1991, 1, 1),
        short_term_standard=410_000,
        long_term_standard=410_000,
    )
    assert (c.short_term, c.nursing_care, c.welfare, c.child_support) == (19_593, 0, 697, 471)
    assert set(c.unconfirmed) == {"short_term", "welfare", "child_support"}
    assert mutual_aid_table(union=UNION, month=D(2026, 3, 31)).rates.get("child_support") is None


def test_long_and_short_term_use_their_own_grades() -> None:
    # 短期 680,000 (36級) but 長期 650,000 (cap 32級): 短期 680 × 47.79 = 32,497.2; 厚年 650 × 91.5 = 59,475
    c = mutual_aid_monthly_contributions(
        union=UNION,
        month=D(2025, 10, 1),
        birth_date=D(1990, 1, 1),
        short_term_standard=680_000,
        long_term_standard=650_000,
    )
    assert (c.short_term, c.pension, c.retirement_benefit) == (32_497, 59_475, 4_875)
    with pytest.raises(InvalidArgument, match="等級表にありません"):
        mutual_aid_monthly_contributions(
            union=UNION,
            month=D(2025, 10, 1),
            birth_date=D(1990, 1, 1),
            short_term_standard=300_000,
            long_term_standard=680_000,
        )


def test_short_term_member_pays_no_pension_items() -> None:
    """会計年度任用職員 who are 短期組合員 only (§B1)."""
    c = mutual_aid_monthly_contributions(
        union=UNION,
        month=D(2025, 10, 1),
        birth_date=D(1990, 1, 1),
        short_term_standard=200_000,
        long_term_standard=200_000,
        long_term_member=False,
    )
    assert (c.short_term, c.pension, c.retirement_benefit) == (9_558, 0, 0)


def test_bonus_basis_and_caps() -> None:
    assert standard_bonus_amount(1_234_567) == 1_234_000
    assert standard_bonus_amount(999) == 0
    # 短期 cap 5,730,000 a fiscal year: 5,000,000 counted → 730,000 left; 長期 1,500,000 a month.
    basis, c = mutual_aid_bonus_contributions(
        union=UNION,
        paid_on=D(2025, 12, 10),
        birth_date=D(1979, 5, 10),
        bonus=1_234_567,
        short_term_year_to_date=5_000_000,
    )
    assert (basis.standard_bonus, basis.short_term, basis.long_term) == (1_234_000, 730_000, 1_234_000)
    # 730,000 × 47.79‰ = 34,886.7 → 34,886; × 8.90‰ = 6,497; × 1.70‰ = 1,241;
    # 1,234,000 × 91.5‰ = 112,911; × 7.5‰ = 9,255
    assert (c.short_term, c.nursing_care, c.welfare, c.pension, c.retirement_benefit) == (
        34_886,
        6_497,
        1_241,
        112_911,
        9_255,
    )
    basis, c = mutual_aid_bonus_contributions(
        union=UNION,
        paid_on=D(2025, 12, 10),
        birth_date=D(1990, 1, 1),
        bonus=2_000_000,
        short_term_year_to_date=5_730_000,
        long_term_month_to_date=0,
    )
    assert (basis.short_term, basis.long_term, c.short_term, c.pension) == (0, 1_500_000, 0, 137_250)


def test_unknown_union_and_bad_amounts() -> None:
    with pytest.raises(TableNotFound):
        mutual_aid_table(union="nowhere", month=D(2026, 4, 1))
    with pytest.raises(InvalidArgument, match="union"):
        mutual_aid_table(union="../etc", month=D(2026, 4, 1))
    with pytest.raises(TableNotFound):
        mutual_aid_table(union=UNION, month=D(2025, 3, 1))
    with pytest.raises(InvalidArgument):
        standard_bonus_amount(-1)


@pytest.mark.parametrize(
    ("birth", "age", "reached"),
    [
        (D(1986, 4, 1), 40, D(2026, 3, 31)),
        (D(1986, 4, 2), 40, D(2026, 4, 1)),
        (D(1988, 2, 29), 40, D(2028, 2, 28)),
        (D(1988, 2, 29), 39, D(2027, 2, 28)),
        (D(1986, 1, 1), 40, D(2025, 12, 31)),
    ],
)
def test_age_is_reached_the_day_before_the_birthday(birth: datetime.date, age: int, reached: datetime.date) -> None:
    assert age_reached_on(birth, age) == reached


def test_nursing_care_months() -> None:
    # born 1986-04-01: 40 on 2026-03-31 → from March 2026; born 1986-04-02: from April 2026
    assert not nursing_care_due(birth_date=D(1986, 4, 1), month=D(2026, 2, 1))
    assert nursing_care_due(birth_date=D(1986, 4, 1), month=D(2026, 3, 1))
    assert not nursing_care_due(birth_date=D(1986, 4, 2), month=D(2026, 3, 1))
    assert nursing_care_due(birth_date=D(1986, 4, 2), month=D(2026, 4, 1))
    # born 1961-04-01: 65 on 2026-03-31 → last month February 2026
    assert nursing_care_due(birth_date=D(1961, 4, 1), month=D(2026, 2, 1))
    assert not nursing_care_due(birth_date=D(1961, 4, 1), month=D(2026, 3, 1))
    assert nursing_care_due(birth_date=D(1961, 4, 2), month=D(2026, 3, 1))
    assert not nursing_care_due(birth_date=D(1961, 4, 2), month=D(2026, 4, 1))


def test_pension_stops_from_the_month_70_is_reached() -> None:
    assert pension_due(birth_date=D(1956, 6, 15), month=D(2026, 5, 1))
    assert not pension_due(birth_date=D(1956, 6, 15), month=D(2026, 6, 1))


def test_membership_months() -> None:
    # joined 4/15, retired 8/31 (資格喪失日 9/1): April–August
    due = [
        m
        for m in range(1, 13)
        if contribution_due(acquired_on=D(2026, 4, 15), lost_on=D(2026, 9, 1), month=D(2026, m, 1))
    ]
    assert due == [4, 5, 6, 7, 8]
    # retired 8/30 (喪失 8/31): August not owed
    assert not contribution_due(acquired_on=D(2026, 4, 15), lost_on=D(2026, 8, 31), month=D(2026, 8, 1))
    # 同月得喪
    assert contribution_due(acquired_on=D(2026, 4, 1), lost_on=D(2026, 4, 20), month=D(2026, 4, 1))
    assert contribution_due(acquired_on=D(2026, 4, 1), lost_on=None, month=D(2030, 1, 1))
    with pytest.raises(InvalidArgument, match="資格喪失日"):
        contribution_due(acquired_on=D(2026, 4, 1), lost_on=D(2026, 4, 1), month=D(2026, 4, 1))


def test_childcare_leave_waivers() -> None:
    leave = Leave(LeaveKind.CHILDCARE, D(2026, 4, 10), D(2026, 6, 30))
    assert [m for m in range(3, 9) if monthly_contribution_waived(leave=leave, month=D(2026, m, 1))] == [4, 5, 6]
    leave = Leave(LeaveKind.CHILDCARE, D(2026, 4, 10), D(2026, 6, 29))
    assert [m for m in range(3, 9) if monthly_contribution_waived(leave=leave, month=D(2026, m, 1))] == [4, 5]
    # within one month: 14 days or more
    assert monthly_contribution_waived(
        leave=Leave(LeaveKind.CHILDCARE, D(2026, 5, 1), D(2026, 5, 14)), month=D(2026, 5, 1)
    )
    assert not monthly_contribution_waived(
        leave=Leave(LeaveKind.CHILDCARE, D(2026, 5, 1), D(2026, 5, 13)), month=D(2026, 5, 1)
    )
    assert monthly_contribution_waived(
        leave=Leave(LeaveKind.CHILDCARE, D(2026, 5, 25), D(2026, 5, 31)), month=D(2026, 5, 1)
    )


def test_bonus_waiver_needs_more_than_one_month_of_childcare_leave() -> None:
    exactly_one_month = Leave(LeaveKind.CHILDCARE, D(2026, 6, 1), D(2026, 6, 30))
    assert not bonus_contribution_waived(leave=exactly_one_month, paid_on=D(2026, 6, 30))
    longer = Leave(LeaveKind.CHILDCARE, D(2026, 6, 1), D(2026, 7, 1))
    assert bonus_contribution_waived(leave=longer, paid_on=D(2026, 6, 30))
    assert not bonus_contribution_waived(leave=longer, paid_on=D(2026, 7, 10))
    maternity = Leave(LeaveKind.MATERNITY, D(2026, 5, 20), D(2026, 8, 10))
    assert bonus_contribution_waived(leave=maternity, paid_on=D(2026, 6, 30))
    # 民法第143条: from 1/31 one month ends 2/28
    assert not Leave(LeaveKind.CHILDCARE, D(2027, 1, 31), D(2027, 2, 28)).exceeds_one_month()
    assert Leave(LeaveKind.CHILDCARE, D(2027, 1, 31), D(2027, 3, 1)).exceeds_one_month()
    with pytest.raises(InvalidArgument):
        Leave(LeaveKind.CHILDCARE, D(2026, 6, 2), D(2026, 6, 1))
