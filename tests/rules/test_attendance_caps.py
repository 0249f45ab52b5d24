"""Overtime caps (人事院規則15-14 第16条の2の2; reference §D): both unit types, the 2–6 month
averages, the 6-months-over-45 rule, warnings, 特例業務 and transfers within the year."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from jinji.rules.attendance import (
    CapRule,
    MonthOvertime,
    Severity,
    YearMonth,
    check_overtime_caps,
    overtime_caps,
)
from jinji.rules.errors import InvalidArgument

CAPS = overtime_caps(datetime.date(2026, 4, 1)).data
H = 60  # minutes per hour


def ym(year: int, month: int) -> YearMonth:
    return YearMonth(year, month)


def rules_of(check: object) -> dict[CapRule, Severity]:
    return {f.rule: f.severity for f in check.findings}  # type: ignore[attr-defined]


def test_caps_table_matches_the_rule() -> None:
    assert (CAPS.ordinary_month_max, CAPS.ordinary_year_max) == (45 * H, 360 * H)
    assert (CAPS.designated_month_below, CAPS.designated_year_max, CAPS.designated_average_max) == (
        100 * H,
        720 * H,
        80 * H,
    )
    assert (CAPS.average_min_months, CAPS.average_max_months, CAPS.designated_over_months_max) == (2, 6, 6)


def test_ordinary_month_45_hours_is_allowed_one_minute_more_is_not() -> None:
    at_cap = check_overtime_caps([], month=ym(2026, 5), add_minutes=45 * H, designated=False, caps=CAPS)
    assert at_cap.violations == ()
    assert at_cap.allowed
    assert rules_of(at_cap) == {CapRule.MONTH: Severity.WARNING}  # 45 h ≥ 80% of 45 h
    over = check_overtime_caps([], month=ym(2026, 5), add_minutes=45 * H + 1, designated=False, caps=CAPS)
    assert rules_of(over)[CapRule.MONTH] is Severity.VIOLATION
    assert not over.allowed
    assert "上限を超えています" in over.violations[0].message
    assert "45時間" in over.violations[0].message


def test_warning_threshold_is_configurable() -> None:
    # 80% of 45 h = 36 h: 36 h warns, 35h59m does not; at 90% (40h30m) 36 h is quiet.
    assert rules_of(check_overtime_caps([], month=ym(2026, 5), add_minutes=36 * H, designated=False, caps=CAPS))
    quiet = check_overtime_caps([], month=ym(2026, 5), add_minutes=36 * H - 1, designated=False, caps=CAPS)
    assert quiet.findings == ()
    strict = check_overtime_caps(
        [], month=ym(2026, 5), add_minutes=36 * H, designated=False, caps=CAPS, warn_at=Fraction(9, 10)
    )
    assert strict.findings == ()


def test_proposed_minutes_add_to_the_month_already_recorded() -> None:
    history = [MonthOvertime(ym(2026, 5), 40 * H)]
    check = check_overtime_caps(history, month=ym(2026, 5), add_minutes=6 * H, designated=False, caps=CAPS)
    assert check.minutes == 46 * H
    assert rules_of(check)[CapRule.MONTH] is Severity.VIOLATION


def test_ordinary_year_is_the_fiscal_year() -> None:
    # Apr 2026–Feb 2027: 11 months × 32 h = 352 h; March adds 8h01m → 360h01m > 360 h.
    history = [MonthOvertime(ym(2026, 4).plus(i), 32 * H) for i in range(11)]
    history.append(MonthOvertime(ym(2026, 3), 45 * H))  # previous fiscal year: not counted
    ok = check_overtime_caps(history, month=ym(2027, 3), add_minutes=8 * H, designated=False, caps=CAPS)
    assert rules_of(ok)[CapRule.YEAR] is Severity.WARNING
    over = check_overtime_caps(history, month=ym(2027, 3), add_minutes=8 * H + 1, designated=False, caps=CAPS)
    year = next(f for f in over.findings if f.rule is CapRule.YEAR)
    assert (year.severity, year.actual, year.limit) == (Severity.VIOLATION, 360 * H + 1, 360 * H)
    assert year.months[0] == ym(2026, 4)
    assert len(year.months) == 12


def test_designated_month_must_stay_under_100_hours() -> None:
    below = check_overtime_caps([], month=ym(2026, 5), add_minutes=100 * H - 1, designated=True, caps=CAPS)
    assert rules_of(below)[CapRule.MONTH] is Severity.WARNING
    at = check_overtime_caps([], month=ym(2026, 5), add_minutes=100 * H, designated=True, caps=CAPS)
    assert rules_of(at)[CapRule.MONTH] is Severity.VIOLATION
    assert "100時間未満" in at.violations[0].message


def test_two_month_average_of_80_hours() -> None:
    # April 90 h; May 70 h → (90 + 70) / 2 = 80 h: allowed. May 70h01m → over.
    history = [MonthOvertime(ym(2026, 4), 90 * H, designated=True)]
    ok = check_overtime_caps(history, month=ym(2026, 5), add_minutes=70 * H, designated=True, caps=CAPS)
    assert CapRule.AVERAGE not in {f.rule for f in ok.violations}
    over = check_overtime_caps(history, month=ym(2026, 5), add_minutes=70 * H + 1, designated=True, caps=CAPS)
    avg = next(f for f in over.violations if f.rule is CapRule.AVERAGE)
    assert (avg.months, avg.actual, avg.limit) == ((ym(2026, 4), ym(2026, 5)), 160 * H + 1, 160 * H)


def test_six_month_average_when_every_shorter_window_is_within() -> None:
    # Apr 95, May 75, Jun–Aug 80, Sep 80: windows ending in Sep of 2–5 months total 160/240/320/395 h
    # (≤ 80 h × n); the 6-month window totals 490 h > 480 h.
    hours = [95, 75, 80, 80, 80]
    history = [MonthOvertime(ym(2026, 4 + i), h * H, designated=True) for i, h in enumerate(hours)]
    check = check_overtime_caps(history, month=ym(2026, 9), add_minutes=80 * H, designated=True, caps=CAPS)
    avg = next(f for f in check.violations if f.rule is CapRule.AVERAGE)
    assert avg.months == tuple(ym(2026, m) for m in range(4, 10))
    assert (avg.actual, avg.limit) == (490 * H, 480 * H)


def test_average_windows_reach_into_the_previous_fiscal_year() -> None:
    history = [MonthOvertime(ym(2026, 2), 90 * H, True), MonthOvertime(ym(2026, 3), 90 * H, True)]
    check = check_overtime_caps(history, month=ym(2026, 4), add_minutes=75 * H, designated=True, caps=CAPS)
    avg = next(f for f in check.violations if f.rule is CapRule.AVERAGE)
    # Mar–Apr: (90 + 75) / 2 = 82h30m; Feb–Apr: (90 + 90 + 75) / 3 = 85 h — the worst window is reported.
    assert avg.months == (ym(2026, 2), ym(2026, 3), ym(2026, 4))
    assert (avg.actual, avg.limit) == (255 * H, 240 * H)
    assert CapRule.YEAR not in rules_of(check)  # the year restarts in April: 75 h only


def test_months_over_45_restart_with_the_fiscal_year() -> None:
    # Oct 2025–Mar 2026: six months of 50 h (fiscal 2025). April 2026 at 50 h is the first such month
    # of fiscal 2026, not the seventh.
    history = [MonthOvertime(ym(2025, 10).plus(i), 50 * H, True) for i in range(6)]
    check = check_overtime_caps(history, month=ym(2026, 4), add_minutes=50 * H, designated=True, caps=CAPS)
    assert check.violations == ()
    assert CapRule.MONTHS_OVER not in rules_of(check)


def test_at_most_six_months_over_45_hours() -> None:
    history = [MonthOvertime(ym(2026, 4 + i), 50 * H, designated=True) for i in range(6)]  # Apr–Sep
    at_45 = check_overtime_caps(history, month=ym(2026, 10), add_minutes=45 * H, designated=True, caps=CAPS)
    assert rules_of(at_45)[CapRule.MONTHS_OVER] is Severity.WARNING  # 6 months: at the limit, not over
    over = check_overtime_caps(history, month=ym(2026, 10), add_minutes=45 * H + 1, designated=True, caps=CAPS)
    finding = next(f for f in over.violations if f.rule is CapRule.MONTHS_OVER)
    assert (finding.actual, finding.limit, len(finding.months)) == (7, 6, 7)
    assert "7箇月" in finding.message


def test_designated_year_720_hours_and_transfers_keep_it() -> None:
    history = [MonthOvertime(ym(2026, 4 + i), 95 * H, designated=True) for i in range(6)]  # Apr–Sep: 570 h
    # Moved to an ordinary unit in October (30 h): the month cap is 45 h again, but the year
    # cap stays 720 h (第1項第1号ロ). 600 h ≥ 80% of 720 h (576 h): a warning, not a violation.
    moved = check_overtime_caps(history, month=ym(2026, 10), add_minutes=30 * H, designated=False, caps=CAPS)
    year = next(f for f in moved.findings if f.rule is CapRule.YEAR)
    assert (year.actual, year.limit, year.severity) == (600 * H, 720 * H, Severity.WARNING)
    assert set(rules_of(moved)) == {CapRule.YEAR}  # no month finding (30 h < 36 h); no averages
    # The same hours never in a designated unit: 600 h > 360 h.
    plain = [MonthOvertime(m.month, m.minutes) for m in history]
    never = check_overtime_caps(plain, month=ym(2026, 10), add_minutes=30 * H, designated=False, caps=CAPS)
    assert rules_of(never)[CapRule.YEAR] is Severity.VIOLATION
    # Still designated in October: 100 h → violation of the month; year 670 h within 720 h.
    stay = check_overtime_caps(history, month=ym(2026, 10), add_minutes=100 * H, designated=True, caps=CAPS)
    assert rules_of(stay)[CapRule.MONTH] is Severity.VIOLATION
    assert rules_of(stay)[CapRule.YEAR] is Severity.WARNING


def test_exceptional_duty_is_allowed_but_recorded() -> None:
    check = check_overtime_caps(
        [],
        month=ym(2026, 5),
        add_minutes=50 * H,
        designated=False,
        caps=CAPS,
        exceptional_duty=True,
        exceptional_reason="大雨災害対応",
    )
    assert check.allowed
    assert check.exceptional_duty
    assert check.exceptional_reason == "大雨災害対応"
    assert check.violations[0].rule is CapRule.MONTH
    assert "特例業務" in check.violations[0].message
    with pytest.raises(InvalidArgument, match="理由"):
        check_overtime_caps(
            [], month=ym(2026, 5), add_minutes=50 * H, designated=False, caps=CAPS, exceptional_duty=True
        )


def test_bad_input_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="重複"):
        check_overtime_caps(
            [MonthOvertime(ym(2026, 5), 1), MonthOvertime(ym(2026, 5), 2)],
            month=ym(2026, 5),
            add_minutes=0,
            designated=False,
            caps=CAPS,
        )
    with pytest.raises(InvalidArgument):
        check_overtime_caps([], month=ym(2026, 5), add_minutes=-1, designated=False, caps=CAPS)
    with pytest.raises(InvalidArgument):
        YearMonth(2026, 13)
