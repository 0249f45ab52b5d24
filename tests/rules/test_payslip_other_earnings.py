"""Other earnings (資格手当 …) supplied as ready amounts: paid after the computed items, taxed by
their flag, outside the 勤務1時間当たりの給与額, and checked when built."""

from __future__ import annotations

import dataclasses

import pytest

from jinji.rules.errors import InvalidArgument
from jinji.rules.payslip import (
    AppointeePay,
    MonthAttendance,
    OtherEarning,
    PayInput,
    PayItem,
    SpecialDutyCount,
    compute_payslip,
)
from jinji.rules.tables import TableStore
from tests.rules.test_payslip import PAID_ON, employee_a, store  # noqa: F401  (store is a fixture)

QUALIFICATION = OtherEarning("qualification:ipa", "資格手当(情報処理)", 5_000)


def test_daily_appointee_with_taxable_and_non_taxable_other_earnings(store: TableStore) -> None:  # noqa: F811
    # 日額 9,000 × 15 日 = 135,000; 税務手当 500 × 4 = 2,000; 資格手当 5,000 (課税); 非課税の支給 2,000
    # 総支給 144,000; 課税支給 142,000; 保険なし
    # 令和8年分 電子計算機特例: 給与所得控除 54,167, 基礎 48,334: B = 142,000 − 102,501 = 39,499;
    #   税 39,499 × 5.105% = 2,016.4… → 10円未満四捨五入 2,020; 差引支給 144,000 − 2,020 = 141,980
    inp = PayInput(
        employee_id="C001",
        paid_on=PAID_ON,
        appointee=AppointeePay(basis="daily", rate=9_000, daily_minutes=450),
        attendance=MonthAttendance(days_worked=15, special_duties=(SpecialDutyCount("tax", 4),)),
        other_earnings=(QUALIFICATION, OtherEarning("other:relief", "見舞金", 2_000, taxable=False)),
    )
    r = compute_payslip(inp, store=store)
    assert r.earnings[-2:] == (
        PayItem("qualification:ipa", "資格手当(情報処理)", 5_000, True),
        PayItem("other:relief", "見舞金", 2_000, False),
    )
    assert (r.gross, r.taxable_earnings, r.income_tax, r.net) == (144_000, 142_000, 2_020, 141_980)


def test_other_earnings_do_not_change_the_hourly_rate(store: TableStore) -> None:  # noqa: F811
    # employee A's 時間外勤務手当 is 70,305 (test_payslip); a 資格手当 does not enter 給与法 第19条's base
    base = employee_a()
    with_allowance = dataclasses.replace(base, other_earnings=(QUALIFICATION,))
    r = compute_payslip(with_allowance, store=store)
    overtime = [item.amount for item in r.earnings if item.code == "overtime_pay"]
    assert overtime == [70_305]
    assert r.earnings[-1] == PayItem("qualification:ipa", "資格手当(情報処理)", 5_000, True)
    assert r.gross == 456_125 + 5_000
    assert r.taxable_earnings == 441_125 + 5_000


def test_zero_amount_is_left_off(store: TableStore) -> None:  # noqa: F811
    inp = dataclasses.replace(employee_a(), other_earnings=(OtherEarning("qualification:x", "資格手当", 0),))
    assert all(item.code != "qualification:x" for item in compute_payslip(inp, store=store).earnings)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "q", "label": "資格手当", "amount": -1}, "0以上の整数"),
        ({"code": "", "label": "資格手当", "amount": 1}, "コード"),
        ({"code": "q", "label": "資格手当", "amount": 1, "taxable": "yes"}, "真偽値"),
    ],
)
def test_bad_other_earning_is_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        OtherEarning(**kwargs)  # type: ignore[arg-type]
