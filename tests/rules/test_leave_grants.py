"""Annual-leave grants: 20 days, the hire-year pro-ration, and the statutory proportional table.

§D ✅✅: 20 days; 15 for an April hire under the calendar-year system; 会計年度任用職員 by
労基法第39条第3項 / 施行規則第24条の3 (the table in §D), 週30時間以上 = 週5日.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import (
    GrantBasis,
    annual_grant_days,
    annual_leave_rules,
    continuous_service_months,
    hire_year_grant_days,
    leave_year_end,
    leave_year_start,
    months_in_hire_year,
    proportional_grant_days,
    proportional_grant_table,
)
from jinji.rules.tables import TableStore

D = datetime.date
RULES = annual_leave_rules(D(2026, 1, 1)).data
TABLE = proportional_grant_table(D(2026, 4, 1)).data
CAL, FY = GrantBasis.CALENDAR, GrantBasis.FISCAL


def test_leave_years() -> None:
    assert leave_year_start(D(2026, 3, 31), FY) == D(2025, 4, 1)
    assert leave_year_start(D(2026, 3, 31), CAL) == D(2026, 1, 1)
    assert leave_year_end(D(2026, 4, 1)) == D(2027, 3, 31)
    assert leave_year_end(D(2026, 1, 1), years=2) == D(2027, 12, 31)


@pytest.mark.parametrize(
    ("hired_on", "months", "days"),
    [
        (D(2026, 1, 1), 12, 20),
        (D(2026, 2, 1), 11, 18),
        (D(2026, 4, 1), 9, 15),  # §D: 15 days for an April hire
        (D(2026, 4, 15), 9, 15),  # a started month counts whole
        (D(2026, 7, 1), 6, 10),
        (D(2026, 10, 1), 3, 5),
        (D(2026, 12, 1), 1, 2),
        (D(2026, 12, 28), 1, 2),
    ],
)
def test_hire_year_pro_ration_calendar_year(hired_on: D, months: int, days: int) -> None:
    assert months_in_hire_year(hired_on, CAL) == months
    assert hire_year_grant_days(RULES, hired_on=hired_on, basis=CAL) == days


def test_hire_year_pro_ration_fiscal_year() -> None:
    # 4月1日 basis: an October hire has October–March, 6 months → 10 days; April 1 → the full 20.
    assert hire_year_grant_days(RULES, hired_on=D(2026, 10, 1), basis=FY) == 10
    assert annual_grant_days(RULES, year_start=D(2026, 4, 1), hired_on=D(2026, 4, 1), basis=FY) == 20
    assert annual_grant_days(RULES, year_start=D(2027, 4, 1), hired_on=D(2026, 10, 1), basis=FY) == 20


def test_annual_grant_needs_a_year_start_after_hire() -> None:
    with pytest.raises(InvalidArgument, match="休暇年の初日"):
        annual_grant_days(RULES, year_start=D(2026, 4, 1), hired_on=D(2020, 4, 1), basis=CAL)
    with pytest.raises(InvalidArgument, match="まだ採用されていません"):
        annual_grant_days(RULES, year_start=D(2026, 1, 1), hired_on=D(2027, 1, 1), basis=CAL)


def test_continuous_service_months() -> None:
    assert continuous_service_months(D(2026, 4, 1), D(2026, 10, 1)) == 6
    assert continuous_service_months(D(2026, 4, 1), D(2026, 9, 30)) == 5
    assert continuous_service_months(D(2026, 4, 1), D(2027, 10, 1)) == 18
    with pytest.raises(InvalidArgument):
        continuous_service_months(D(2026, 4, 1), D(2026, 3, 31))


@pytest.mark.parametrize(
    ("service", "weekly_minutes", "weekly_days", "annual_days", "expected"),
    [
        (5, 1_800, 4, None, 0),  # under 6 months: nothing yet
        (6, 1_800, 4, None, 10),  # 30 h a week counts as 5 days
        (6, 1_799, 4, None, 7),  # 29h59m, 4 days a week
        (6, 2_325, None, None, 10),  # full time
        (18, 1_200, 3, None, 6),
        (30, 1_200, 3, None, 6),
        (42, 1_200, 3, None, 8),
        (77, 480, 1, None, 3),
        (78, 480, 2, None, 7),  # 6.5 years and more
        (200, 1_000, 5, None, 20),  # 5 days a week of short hours: the full column
        (18, 1_000, None, 216, 8),  # 169–216 days a year → the 4-day column
        (18, 1_000, None, 217, 11),  # 217 days → the 5-day column
        (6, 1_000, None, 48, 1),
        (6, 1_000, None, 47, 0),  # below 48 days a year: no grant
    ],
)
def test_statutory_proportional_grant(
    service: int, weekly_minutes: int, weekly_days: int | None, annual_days: int | None, expected: int
) -> None:
    got = proportional_grant_days(
        TABLE, service_months=service, weekly_minutes=weekly_minutes, weekly_days=weekly_days, annual_days=annual_days
    )
    assert got == expected


def test_proportional_needs_days_and_attendance() -> None:
    with pytest.raises(InvalidArgument, match="勤務日数"):
        proportional_grant_days(TABLE, service_months=6, weekly_minutes=1_200)
    assert proportional_grant_days(TABLE, service_months=6, weekly_minutes=2_325, attendance_met=False) == 0


GENEROUS = """[provenance]
title = "テスト市 会計年度任用職員の年次休暇"
source = "テスト市会計年度任用職員の勤務時間、休暇等に関する規則 別表"
effective_from = 2020-04-01
promulgated_on = 2020-03-25
retrieved_on = 2026-11-01

[data]
full_time_weekly_minutes = 1740             # 29時間以上を週5日とする
service_months = [0, 6, 18]                 # 任用の初日から付与

[[data.columns]]
weekly_days = 5
annual_days_min = 217
days = [12, 14, 16]

[[data.columns]]
weekly_days = 4
annual_days_min = 169
days = [10, 11, 12]

[[data.columns]]
weekly_days = 1
annual_days_min = 48
days = [2, 2, 3]
"""


def test_an_organization_table_replaces_the_statutory_one(tmp_path: Path) -> None:
    folder = tmp_path / "annual_leave_proportional"
    folder.mkdir()
    (folder / "2020-04-01.toml").write_text(GENEROUS, encoding="utf-8")
    store = TableStore([tmp_path])
    local = proportional_grant_table(D(2026, 4, 1), store).data
    # Day one, 29 h a week over 4 days: the 5-day column (local 29 h rule) → 12 days.
    assert proportional_grant_days(local, service_months=0, weekly_minutes=1_740, weekly_days=4) == 12
    assert proportional_grant_days(local, service_months=7, weekly_minutes=1_200, weekly_days=4) == 11
    assert proportional_grant_days(local, service_months=7, weekly_minutes=600, weekly_days=2) == 0  # no 2-day column
