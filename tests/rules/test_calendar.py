"""休日, business days, pay-day shifts, 和暦 and fiscal years.

Expected dates come from the official holiday lists (内閣府「国民の祝日について」, 国立天文台
暦要項 for the equinoxes), the 祝日法's 振替休日/国民の休日 rules and the era start dates.
"""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jinji.rules.calendar import (
    ShiftDirection,
    WarekiStyle,
    fiscal_year,
    fiscal_year_end,
    fiscal_year_label,
    fiscal_year_start,
    format_wareki,
    from_wareki,
    holiday_name,
    holidays_between,
    hourly_rate_annual_minutes,
    hourly_rate_divisor_hours,
    hourly_rate_holiday_count,
    is_bank_business_day,
    is_business_day,
    is_holiday,
    is_national_holiday,
    is_year_end_holiday,
    parse_wareki,
    pay_day,
    shift_to_business_day,
    to_wareki,
    working_day_holiday_count,
)
from jinji.rules.errors import InvalidArgument

D = datetime.date

# 内閣府「令和8年（2026年）国民の祝日」
NATIONAL_HOLIDAYS_2026 = {
    D(2026, 1, 1): "元日",
    D(2026, 1, 12): "成人の日",
    D(2026, 2, 11): "建国記念の日",
    D(2026, 2, 23): "天皇誕生日",
    D(2026, 3, 20): "春分の日",
    D(2026, 4, 29): "昭和の日",
    D(2026, 5, 3): "憲法記念日",
    D(2026, 5, 4): "みどりの日",
    D(2026, 5, 5): "こどもの日",
    D(2026, 5, 6): "振替休日",  # 5/3 is a Sunday; 5/4 and 5/5 are holidays → first free day 5/6
    D(2026, 7, 20): "海の日",
    D(2026, 8, 11): "山の日",
    D(2026, 9, 21): "敬老の日",
    D(2026, 9, 22): "国民の休日",  # between 敬老の日 (9/21) and 秋分の日 (9/23)
    D(2026, 9, 23): "秋分の日",
    D(2026, 10, 12): "スポーツの日",
    D(2026, 11, 3): "文化の日",
    D(2026, 11, 23): "勤労感謝の日",
}


def test_2026_national_holidays_match_the_official_list() -> None:
    found = {d for d, _ in holidays_between(D(2026, 1, 1), D(2026, 12, 31)) if is_national_holiday(d)}
    assert found == set(NATIONAL_HOLIDAYS_2026)


@pytest.mark.parametrize(("day", "name"), sorted(NATIONAL_HOLIDAYS_2026.items()))
def test_2026_holiday_names(day: datetime.date, name: str) -> None:
    assert name in (holiday_name(day) or "")
    assert is_holiday(day)


@pytest.mark.parametrize(
    "day",
    [
        D(2019, 4, 30),  # 国民の休日 (between 4/29 and the 即位の日)
        D(2019, 5, 1),  # 天皇の即位の日 (平成30年法律第99号)
        D(2019, 5, 2),  # 国民の休日
        D(2019, 10, 22),  # 即位礼正殿の儀の行われる日
        D(2020, 7, 23),  # 海の日 moved for the Olympics
        D(2020, 7, 24),  # スポーツの日 moved
        D(2020, 8, 10),  # 山の日 moved
        D(2025, 11, 24),  # 振替休日 (勤労感謝の日 on Sunday)
        D(2027, 3, 22),  # 振替休日 (春分の日 2027-03-21 is a Sunday)
    ],
)
def test_special_national_holidays(day: datetime.date) -> None:
    assert is_national_holiday(day)


@pytest.mark.parametrize("day", [D(2020, 10, 12), D(2020, 8, 11), D(2025, 5, 7)])
def test_days_that_are_not_national_holidays(day: datetime.date) -> None:
    assert not is_national_holiday(day)


@pytest.mark.parametrize(
    "day", [D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)]
)
def test_year_end_holidays_are_holidays(day: datetime.date) -> None:
    assert is_year_end_holiday(day)
    assert is_holiday(day)
    assert not is_business_day(day)


def test_year_end_days_that_are_not_national_holidays_are_named_as_year_end() -> None:
    assert holiday_name(D(2026, 12, 29)) == "年末年始の休日"
    assert holiday_name(D(2027, 1, 1)) == "元日"  # 祝日 name first


def test_edges_of_the_year_end_period_are_business_days() -> None:
    assert is_business_day(D(2026, 12, 28))  # Monday
    assert is_business_day(D(2027, 1, 4))  # Monday
    assert not is_year_end_holiday(D(2026, 12, 28))
    assert not is_year_end_holiday(D(2027, 1, 4))


def test_weekends_and_weekdays() -> None:
    assert is_business_day(D(2026, 4, 1))  # Wednesday
    assert not is_business_day(D(2026, 4, 4))  # Saturday
    assert not is_business_day(D(2026, 4, 5))  # Sunday
    assert not is_holiday(D(2026, 4, 4))  # a 週休日, not a 休日


def test_local_holiday_by_ordinance() -> None:
    irei = D(2026, 6, 23)  # 沖縄県 慰霊の日 (県の休日を定める条例), a Tuesday
    assert is_business_day(irei)
    assert not is_business_day(irei, local_holidays={irei})
    assert holiday_name(irei, local_holidays={irei}) == "条例で定める休日"


def test_bank_holidays_follow_the_banking_act_order() -> None:
    # 銀行法施行令 第5条: 12/31〜1/3 closed, but 12/29 and 12/30 are bank business days
    assert is_bank_business_day(D(2026, 12, 29))
    assert is_bank_business_day(D(2026, 12, 30))
    assert not is_bank_business_day(D(2026, 12, 31))
    assert not is_bank_business_day(D(2027, 1, 3))
    assert is_bank_business_day(D(2027, 1, 4))
    assert not is_bank_business_day(D(2026, 9, 22))


@pytest.mark.parametrize(
    ("nominal", "direction", "expected"),
    [
        # 3/21/2026 is a Saturday and 3/20 is 春分の日 → back to Thursday 3/19, or on to Monday 3/23
        (D(2026, 3, 21), ShiftDirection.PREVIOUS, D(2026, 3, 19)),
        (D(2026, 3, 21), ShiftDirection.NEXT, D(2026, 3, 23)),
        (D(2026, 6, 21), ShiftDirection.PREVIOUS, D(2026, 6, 19)),  # Sunday → Friday
        (D(2026, 5, 6), ShiftDirection.PREVIOUS, D(2026, 5, 1)),  # 5/2–5/6 all closed
        (D(2026, 5, 6), ShiftDirection.NEXT, D(2026, 5, 7)),
        (D(2026, 12, 31), ShiftDirection.PREVIOUS, D(2026, 12, 28)),  # year-end closing
        (D(2026, 12, 31), ShiftDirection.NEXT, D(2027, 1, 4)),
        (D(2026, 9, 22), ShiftDirection.PREVIOUS, D(2026, 9, 18)),  # Sat 9/19 … Wed 9/23 closed
        (D(2026, 4, 21), ShiftDirection.PREVIOUS, D(2026, 4, 21)),  # Tuesday: no shift
    ],
)
def test_shift_to_business_day(nominal: datetime.date, direction: ShiftDirection, expected: datetime.date) -> None:
    assert shift_to_business_day(nominal, direction) == expected


def test_pay_day_uses_the_previous_business_day_by_default() -> None:
    assert pay_day(2026, 3, 21) == D(2026, 3, 19)
    assert pay_day(2026, 3, 21, direction=ShiftDirection.NEXT) == D(2026, 3, 23)


def test_bank_transfer_date_can_shift_by_bank_calendar() -> None:
    # 12/31 is a staff 休日 and a bank holiday; 12/30 is a staff 休日 but a bank business day
    assert shift_to_business_day(D(2026, 12, 31), is_open=is_bank_business_day) == D(2026, 12, 30)


def test_pay_day_refuses_a_non_existent_date() -> None:
    with pytest.raises(InvalidArgument, match="存在しない"):
        pay_day(2026, 2, 30)


# ---- 勤務1時間当たりの給与額: N = 休日 on Monday–Friday in the fiscal year ----------------------

# 令和8年度 (2026-04-01〜2027-03-31): 祝日法の休日 and 年末年始の休日 falling Monday–Friday.
# Excluded: 5/3 (Sun), 1/2 (Sat), 1/3 (Sun), 3/21/2027 春分の日 (Sun; its 振替休日 3/22 counts).
FY2026_WEEKDAY_HOLIDAYS = [
    D(2026, 4, 29), D(2026, 5, 4), D(2026, 5, 5), D(2026, 5, 6), D(2026, 7, 20), D(2026, 8, 11),
    D(2026, 9, 21), D(2026, 9, 22), D(2026, 9, 23), D(2026, 10, 12), D(2026, 11, 3), D(2026, 11, 23),
    D(2026, 12, 29), D(2026, 12, 30), D(2026, 12, 31), D(2027, 1, 1), D(2027, 1, 11), D(2027, 2, 11),
    D(2027, 2, 23), D(2027, 3, 22),
]  # fmt: skip
# 令和7年度: 5/3 (Sat), 5/4 (Sun), 11/23 (Sun), 1/3 (Sat) excluded; 5/6 and 11/24 are 振替休日.
FY2025_WEEKDAY_HOLIDAYS = [
    D(2025, 4, 29), D(2025, 5, 5), D(2025, 5, 6), D(2025, 7, 21), D(2025, 8, 11), D(2025, 9, 15),
    D(2025, 9, 23), D(2025, 10, 13), D(2025, 11, 3), D(2025, 11, 24), D(2025, 12, 29), D(2025, 12, 30),
    D(2025, 12, 31), D(2026, 1, 1), D(2026, 1, 2), D(2026, 1, 12), D(2026, 2, 11), D(2026, 2, 23),
    D(2026, 3, 20),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fy", "weekday_holidays", "divisor"),
    [
        # 38.75 h × 52 − 7.75 h × 20 = 2,015 − 155 = 1,860 h
        (2026, FY2026_WEEKDAY_HOLIDAYS, Fraction(1860)),
        # 2,015 − 7.75 × 19 = 1,867.75 h
        (2025, FY2025_WEEKDAY_HOLIDAYS, Fraction(186775, 100)),
    ],
)
def test_hourly_rate_holiday_count_and_divisor(
    fy: int, weekday_holidays: list[datetime.date], divisor: Fraction
) -> None:
    assert all(d.weekday() < 5 for d in weekday_holidays)
    assert hourly_rate_holiday_count(fy) == len(weekday_holidays)
    assert hourly_rate_divisor_hours(fy) == divisor


def test_annual_minutes_formula() -> None:
    assert hourly_rate_annual_minutes(0) == 2325 * 52  # 38h45m × 52
    assert hourly_rate_annual_minutes(20) == 2325 * 52 - 465 * 20
    # 定年前再任用短時間勤務 31h/week, 6h12m/day
    assert hourly_rate_annual_minutes(20, weekly_minutes=31 * 60, daily_minutes=372) == 1860 * 52 - 372 * 20
    with pytest.raises(InvalidArgument):
        hourly_rate_annual_minutes(-1)


def test_working_day_holiday_count_over_the_year_end() -> None:
    # 2026-12-29 (Tue) … 2027-01-03 (Sun): Tue, Wed, Thu, Fri count; Sat, Sun do not
    assert working_day_holiday_count(D(2026, 12, 29), D(2027, 1, 3)) == 4


# ---- 和暦 -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "gannen", "plain", "letter"),
    [
        (D(2019, 4, 30), "平成31年4月30日", "平成31年4月30日", "H31.4.30"),
        (D(2019, 5, 1), "令和元年5月1日", "令和1年5月1日", "R1.5.1"),
        (D(1989, 1, 7), "昭和64年1月7日", "昭和64年1月7日", "S64.1.7"),
        (D(1989, 1, 8), "平成元年1月8日", "平成1年1月8日", "H1.1.8"),
        (D(1926, 12, 24), "大正15年12月24日", "大正15年12月24日", "T15.12.24"),
        (D(1926, 12, 25), "昭和元年12月25日", "昭和1年12月25日", "S1.12.25"),
        (D(1912, 7, 29), "明治45年7月29日", "明治45年7月29日", "M45.7.29"),
        (D(1912, 7, 30), "大正元年7月30日", "大正1年7月30日", "T1.7.30"),
        (D(1873, 1, 1), "明治6年1月1日", "明治6年1月1日", "M6.1.1"),
        (D(2026, 4, 1), "令和8年4月1日", "令和8年4月1日", "R8.4.1"),
    ],
)
def test_format_wareki_at_era_boundaries(day: datetime.date, gannen: str, plain: str, letter: str) -> None:
    assert format_wareki(day) == gannen
    assert format_wareki(day, gannen=False) == plain
    assert format_wareki(day, style=WarekiStyle.LETTER) == letter
    assert parse_wareki(gannen) == day
    assert parse_wareki(letter) == day


def test_format_wareki_zero_padded() -> None:
    assert format_wareki(D(2026, 4, 1), style=WarekiStyle.LETTER, zero_pad=True) == "R08.04.01"
    assert format_wareki(D(2026, 4, 1), zero_pad=True) == "令和08年04月01日"


def test_to_wareki_parts() -> None:
    w = to_wareki(D(2019, 5, 1))
    assert (w.era.name, w.era.letter, w.year, w.month, w.day) == ("令和", "R", 1, 5, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("令和8年4月1日", D(2026, 4, 1)),
        ("令和８年４月１日", D(2026, 4, 1)),
        ("令和 8 年 4 月 1 日", D(2026, 4, 1)),
        ("R8.4.1", D(2026, 4, 1)),
        ("r08.04.01", D(2026, 4, 1)),
        ("R8/4/1", D(2026, 4, 1)),
        ("令8.4.1", D(2026, 4, 1)),
        ("H31.4.30", D(2019, 4, 30)),
        ("㍻31年4月30日", D(2019, 4, 30)),
        ("令和元年5月1日", D(2019, 5, 1)),
        ("S64.1.7", D(1989, 1, 7)),
        ("平成元年1月8日", D(1989, 1, 8)),
    ],
)
def test_parse_wareki(text: str, expected: datetime.date) -> None:
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("平成32年4月1日", "平成31年4月30日まで"),
        ("H32.1.1", "平成31年4月30日まで"),
        ("令和1年4月30日", "令和元年5月1日"),
        ("令和元年4月30日", "令和の始まり"),
        ("昭和64年1月8日", "昭和64年1月7日まで"),
        ("平成元年1月7日", "平成の始まり"),
        ("令和8年2月29日", "存在しない日付"),
        ("令和8年13月1日", "存在しない日付"),
        ("令和0年1月1日", "0年は存在しません"),
        ("X8.4.1", "和暦の日付として読めません"),
        ("R8.4/1", "和暦の日付として読めません"),
        ("", "和暦の日付として読めません"),
        ("明治5年12月2日", "明治の始まり"),
    ],
)
def test_parse_wareki_refuses_invalid_dates_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        parse_wareki(text)


def test_from_wareki_accepts_names_and_letters() -> None:
    assert from_wareki("令和", 8, 4, 1) == from_wareki("R", 8, 4, 1) == D(2026, 4, 1)
    with pytest.raises(InvalidArgument, match="元号"):
        from_wareki("慶応", 3, 1, 1)


@given(st.dates(min_value=D(1873, 1, 1), max_value=D(2099, 12, 31)), st.booleans())
def test_wareki_round_trip(day: datetime.date, gannen: bool) -> None:
    assert parse_wareki(format_wareki(day, gannen=gannen)) == day
    assert parse_wareki(format_wareki(day, style=WarekiStyle.LETTER, zero_pad=gannen)) == day


# ---- 会計年度 ----------------------------------------------------------------------------------


def test_fiscal_year_runs_from_april_to_march() -> None:
    assert fiscal_year(D(2026, 3, 31)) == 2025
    assert fiscal_year(D(2026, 4, 1)) == 2026
    assert fiscal_year(D(2026, 12, 31)) == 2026
    assert fiscal_year(D(2027, 1, 1)) == 2026
    assert fiscal_year_start(2026) == D(2026, 4, 1)
    assert fiscal_year_end(2026) == D(2027, 3, 31)


@pytest.mark.parametrize(
    ("fy", "label"),
    [(2026, "令和8年度"), (2019, "令和元年度"), (2018, "平成30年度"), (1989, "平成元年度"), (1988, "昭和63年度")],
)
def test_fiscal_year_label(fy: int, label: str) -> None:
    assert fiscal_year_label(fy) == label


def test_fiscal_year_label_without_gannen() -> None:
    assert fiscal_year_label(2019, gannen=False) == "令和1年度"
