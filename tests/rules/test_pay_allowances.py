"""扶養・住居・通勤 (pay side and the income-tax split)・地域・管理職・初任給調整・特殊勤務.

Expected values are worked out from payroll-rules.md §C3–§C6, §C9, §C10 and §A6.
"""

from __future__ import annotations

import datetime
from fractions import Fraction
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument, TableNotFound
from jinji.rules.pay import (
    CommutingAllowance,
    commuting_allowance,
    commuting_allowance_table,
    commuting_nontaxable,
    commuting_tax_limits,
    dependents_allowance,
    dependents_allowance_table,
    housing_allowance,
    housing_allowance_table,
    management_allowance,
    management_allowance_table,
    monthly_fare_from_pass,
    regional_allowance,
    regional_allowance_rate,
    regional_allowance_table,
    special_duty_allowance,
    special_duty_kind,
    special_duty_table,
    starting_pay_adjustment,
    starting_pay_adjustment_table,
)
from jinji.rules.tables import TableStore

FY2026 = datetime.date(2026, 5, 1)
HEADER = """[provenance]
title = "テスト市 {title}"
source = "テスト市条例"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-01

"""


def write_local(root: Path, table_id: str, body: str) -> TableStore:
    folder = root / table_id
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2026-04-01.toml").write_text(HEADER.format(title=table_id) + body, encoding="utf-8")
    return TableStore(extra_roots=[root])


# 扶養手当 (§C4)


def dep(
    on: datetime.date, *, grade: int = 3, spouse: bool = False, children: int = 0, special: int = 0, other: int = 0
) -> int:
    table = dependents_allowance_table(on).data
    return dependents_allowance(
        table, grade=grade, spouse=spouse, children=children, special_period_children=special, other_dependents=other
    )


def test_dependents_allowance_fy2026() -> None:
    # 配偶者 0 (abolished); 子 13,000 each; 特定期間 +5,000; 父母等 6,500 (8級 3,500, 9級以上 none)
    assert dep(FY2026, spouse=True) == 0
    assert dep(FY2026, children=2, special=1) == 2 * 13_000 + 5_000
    assert dep(FY2026, other=1) == 6_500
    assert dep(FY2026, grade=8, other=2) == 2 * 3_500
    assert dep(FY2026, grade=9, other=1, children=1) == 13_000


def test_dependents_allowance_before_and_during_the_transition() -> None:
    # until 令和7年3月: 配偶者 6,500 (8級 3,500), 子 10,000; 令和7年度: 配偶者 3,000, 子 11,500
    assert dep(datetime.date(2025, 3, 31), spouse=True, children=1) == 6_500 + 10_000
    assert dep(datetime.date(2025, 3, 31), grade=8, spouse=True) == 3_500
    assert dep(datetime.date(2025, 4, 1), spouse=True, children=1, special=1) == 3_000 + 11_500 + 5_000


def test_dependants_counts_are_checked() -> None:
    with pytest.raises(InvalidArgument, match="子の数"):
        dep(FY2026, children=1, special=2)
    with pytest.raises(InvalidArgument, match="0以上"):
        dep(FY2026, children=-1)


# 住居手当 (§C5): ≤16,000 → 0; ≤27,000 → rent − 16,000; above → 11,000 + (rent − 27,000)/2, max 28,000;
# truncated to 100 yen


@pytest.mark.parametrize(
    ("rent", "expected"),
    [
        (0, 0),
        (16_000, 0),
        (16_050, 0),  # 50 → 100円未満切捨て → 0 ("paid only if rent ≥ 16,100")
        (16_100, 100),
        (20_000, 4_000),
        (27_000, 11_000),
        (27_001, 11_000),  # 11,000.5 → 11,000
        (27_200, 11_100),
        (40_000, 17_500),  # 11,000 + 6,500
        (60_999, 27_900),  # 11,000 + 16,999.5 = 27,999.5 → 27,900
        (61_000, 28_000),
        (100_000, 28_000),
    ],
)
def test_housing_allowance_band_edges(rent: int, expected: int) -> None:
    assert housing_allowance(housing_allowance_table(FY2026).data, rent=rent) == expected


def test_housing_allowance_for_the_family_of_a_single_posting_is_half() -> None:
    table = housing_allowance_table(FY2026).data
    assert housing_allowance(table, rent=61_000, single_posting_family=True) == 14_000
    assert housing_allowance(table, rent=40_000, single_posting_family=True) == 8_700  # 17,500.0 / 2 = 8,750 → 8,700
    with pytest.raises(InvalidArgument, match="家賃"):
        housing_allowance(table, rent=-1)


# 通勤手当, pay side (§C6)


@pytest.mark.parametrize(
    ("metres", "expected"),
    [
        (0, 0),
        (1_999, 0),
        (2_000, 2_000),
        (4_999, 2_000),
        (5_000, 4_200),
        (10_000, 7_100),
        (59_999, 29_800),
        (60_000, 31_600),
    ],
)
def test_vehicle_distance_bands(metres: int, expected: int) -> None:
    table = commuting_allowance_table(FY2026).data
    assert commuting_allowance(table, transit_fare=0, vehicle_distance_m=metres, parking_fee=0).vehicle == expected


def test_transit_cap_parking_and_pass_price() -> None:
    table = commuting_allowance_table(FY2026).data
    assert commuting_allowance(table, transit_fare=160_000, vehicle_distance_m=0, parking_fee=0).total == 150_000
    # 2026-04-01 version: 駐車場等 up to 5,000 for a car commuter only
    car = commuting_allowance(table, transit_fare=0, vehicle_distance_m=12_000, parking_fee=8_000)
    assert (car.vehicle, car.parking) == (7_100, 5_000)
    assert commuting_allowance(table, transit_fare=10_000, vehicle_distance_m=0, parking_fee=8_000).parking == 0
    # 併用: the sum stays within 150,000, the transit part gives way
    both = commuting_allowance(table, transit_fare=148_000, vehicle_distance_m=12_000, parking_fee=0)
    assert (both.transit, both.vehicle) == (150_000 - 7_100, 7_100)
    assert monthly_fare_from_pass(100_000) == 16_666  # 6箇月定期 ÷ 6, 円未満切捨て


# 通勤手当, income-tax split (§A6, 所得税法施行令 第20条の2)


def nontaxable(on: datetime.date, *, transit: int = 0, vehicle: int = 0, parking: int = 0, metres: int = 0) -> int:
    allowance = CommutingAllowance(transit=transit, vehicle=vehicle, parking=parking)
    return commuting_nontaxable(commuting_tax_limits(on).data, allowance, distance_m=metres)


def test_transit_fare_is_non_taxable_up_to_150000() -> None:
    assert nontaxable(FY2026, transit=150_000) == 150_000
    assert nontaxable(FY2026, transit=160_000) == 150_000  # 10,000 taxable


@pytest.mark.parametrize(
    ("metres", "limit"),
    [
        (1_999, 0),
        (2_000, 4_200),
        (9_999, 4_200),
        (10_000, 7_300),
        (14_999, 7_300),
        (15_000, 13_500),
        (25_000, 19_700),
        (35_000, 25_900),
        (45_000, 32_300),
        (55_000, 38_700),
        (64_999, 38_700),
        (65_000, 45_700),
        (95_000, 66_400),
    ],
)
def test_vehicle_limits_from_2026_04(metres: int, limit: int) -> None:
    # a vehicle allowance larger than any limit shows the limit itself
    assert nontaxable(FY2026, vehicle=100_000, metres=metres) == limit


def test_vehicle_limits_before_and_after_the_2025_seirei() -> None:
    # before the 2025 政令: 10–15 km 7,100, 55 km+ 31,600; after it: 7,300 and 38,700 (no 65 km+ bands yet)
    assert nontaxable(datetime.date(2025, 10, 31), vehicle=100_000, metres=12_000) == 7_100
    assert nontaxable(datetime.date(2025, 10, 31), vehicle=100_000, metres=70_000) == 31_600
    assert nontaxable(datetime.date(2025, 12, 1), vehicle=100_000, metres=12_000) == 7_300
    assert nontaxable(datetime.date(2025, 12, 1), vehicle=100_000, metres=70_000) == 38_700


def test_parking_add_on_only_from_2026_04_and_from_2_km() -> None:
    assert nontaxable(FY2026, vehicle=7_100, parking=5_000, metres=12_000) == 7_100 + 5_000
    assert nontaxable(FY2026, vehicle=2_000, parking=5_000, metres=1_500) == 0  # under 2 km: all taxable
    assert nontaxable(datetime.date(2026, 3, 31), vehicle=7_100, parking=5_000, metres=12_000) == 7_100
    # an allowance under the limit is fully non-taxable; above it, only the limit
    assert nontaxable(FY2026, vehicle=4_200, metres=12_000) == 4_200
    # 併用: transit + vehicle band, never more than 150,000 in all
    assert nontaxable(FY2026, transit=148_000, vehicle=7_100, metres=12_000) == 150_000


# 地域手当 (§C3): rate by 級地; base 給料 + 管理職手当 + 扶養手当; 円未満切捨て


def test_regional_rates_by_grade_area() -> None:
    table = regional_allowance_table(FY2026).data
    rates = [regional_allowance_rate(table, grade_area=g, locality="") for g in range(6)]
    assert rates == [0, Fraction(20, 100), Fraction(16, 100), Fraction(12, 100), Fraction(8, 100), Fraction(4, 100)]
    # (300,001 + 13,000) × 12% = 37,560.12 → 37,560
    assert regional_allowance(300_001 + 13_000, rates[3]) == 37_560
    with pytest.raises(InvalidArgument, match="級地"):
        regional_allowance_rate(table, grade_area=6, locality="")


def test_regional_transitional_rate_of_a_locality(tmp_path: Path) -> None:
    store = write_local(
        tmp_path,
        "regional_allowance",
        '[data.grade_rates]\n1 = "20%"\n2 = "16%"\n3 = "12%"\n4 = "8%"\n5 = "4%"\n'
        '[data.localities]\n"city-a" = 3\n"city-b" = 4\n[data.transitional]\n"city-b" = "9%"\n',
    )
    table = regional_allowance_table(FY2026, store).data
    assert regional_allowance_rate(table, grade_area=0, locality="city-a") == Fraction(12, 100)
    assert regional_allowance_rate(table, grade_area=0, locality="city-b") == Fraction(9, 100)  # 経過措置
    with pytest.raises(InvalidArgument, match="city-z"):
        regional_allowance_rate(table, grade_area=0, locality="city-z")


# 管理職手当 (§C9)


def test_management_allowance_amounts() -> None:
    table = management_allowance_table(FY2026).data
    assert management_allowance(table, grade=10, management_class=1) == 139_300
    assert management_allowance(table, grade=7, management_class=4) == 66_400
    assert management_allowance(table, grade=4, management_class=5) == 46_300
    assert management_allowance(table, grade=3, management_class=0) == 0
    with pytest.raises(InvalidArgument, match="10級 に管理職手当 2種"):
        management_allowance(table, grade=10, management_class=2)
    with pytest.raises(TableNotFound):
        management_allowance_table(datetime.date(2026, 3, 31))


# 初任給調整手当・特殊勤務手当 (municipality tables)


def test_starting_pay_adjustment_by_year(tmp_path: Path) -> None:
    store = write_local(
        tmp_path,
        "starting_pay_adjustment",
        '[[data.kinds]]\ncode = "doctor"\nlabel = "医師"\namounts = [300000, 290000, 280000]\n',
    )
    table = starting_pay_adjustment_table(FY2026, store).data
    assert [starting_pay_adjustment(table, kind="doctor", years=y) for y in range(4)] == [300_000, 290_000, 280_000, 0]
    with pytest.raises(InvalidArgument, match="nurse"):
        starting_pay_adjustment(table, kind="nurse", years=0)


def test_special_duty_per_day_per_case_and_cap(tmp_path: Path) -> None:
    # §C10 examples: 税務 per day, 防疫 per day (1,000 under 4 h), 死体処理 per case; a monthly cap
    store = write_local(
        tmp_path,
        "special_duty_allowance",
        '[[data.kinds]]\ncode = "tax"\nlabel = "税務手当"\nunit = "day"\namount = 500\nmonthly_cap = 5000\n'
        '[[data.kinds]]\ncode = "epidemic"\nlabel = "感染症防疫作業手当"\nunit = "day"\namount = 2000\n'
        "short_amount = 1000\n"
        '[[data.kinds]]\ncode = "body"\nlabel = "死体処理手当"\nunit = "case"\namount = 3500\n',
    )
    table = special_duty_table(FY2026, store).data
    assert special_duty_allowance(special_duty_kind(table, "tax"), count=8) == 4_000
    assert special_duty_allowance(special_duty_kind(table, "tax"), count=12) == 5_000  # 6,000 capped
    assert special_duty_allowance(special_duty_kind(table, "epidemic"), count=3, short_count=2) == 3 * 2_000 + 2 * 1_000
    assert special_duty_allowance(special_duty_kind(table, "body"), count=2) == 7_000
    with pytest.raises(InvalidArgument, match="0以上"):
        special_duty_allowance(special_duty_kind(table, "body"), count=-1)
    with pytest.raises(InvalidArgument, match="unknown"):
        special_duty_kind(table, "unknown")
    with pytest.raises(TableNotFound):
        special_duty_table(FY2026)  # no built-in table: each authority ships its own
