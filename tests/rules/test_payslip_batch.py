"""compute_payslips (tables resolved once per batch) equals compute_payslip for each input."""

from __future__ import annotations

import datetime
import gc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jinji.rules.errors import InvalidArgument
from jinji.rules.payslip import (
    AllowanceInput,
    AppointeePay,
    InsuranceInput,
    MonthAttendance,
    OtherDeduction,
    PayInput,
    SalaryGrade,
    SpecialDutyCount,
    TaxInput,
    compute_payslip,
    compute_payslips,
)
from jinji.rules.payslip.ages import age_bounds
from jinji.rules.social_insurance import nursing_care_due, pension_due
from jinji.rules.tables import TableStore

PAID_ON = datetime.date(2026, 5, 21)
HEADER = """[provenance]
title = "テスト市 {title}"
source = "テスト市条例"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-01

"""
STEPS = {1: 40, 3: 60, 8: 20}
LOCAL = {
    "salary_schedule.city": '[data]\nschedule_id = "city"\nname = "テスト市給料表"\n[data.grades]\n'
    + "".join(f"{g} = {[150_000 + 10_000 * g + 1_700 * i for i in range(n)]}\n" for g, n in STEPS.items()),
    "mutual_aid_rates.city_union": '[data]\nunion = "テスト共済"\n[data.employee_per_mille]\nshort_term = "45.5"\n'
    'nursing_care = "8.5"\nwelfare = "1.2"\nchild_support = "1.15"\npension = "91.5"\nretirement_benefit = "7.5"\n',
    "special_duty_allowance": '[[data.kinds]]\ncode = "tax"\nlabel = "税務手当"\nunit = "day"\namount = 500\n'
    '[[data.kinds]]\ncode = "night_patrol"\nlabel = "夜間巡回手当"\nunit = "month"\namount = 3000\n',
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> TableStore:
    root: Path = tmp_path_factory.mktemp("batch_tables")
    for table_id, body in LOCAL.items():
        (root / table_id).mkdir()
        (root / table_id / "2026-04-01.toml").write_text(HEADER.format(title=table_id) + body, encoding="utf-8")
    return TableStore(extra_roots=[root])


minutes = st.integers(min_value=0, max_value=2_400)
rates = st.integers(1_000, 260_000)


@st.composite
def pay_inputs(draw: st.DrawFn, index: int = 0) -> PayInput:
    regular = draw(st.booleans())
    grade = draw(st.sampled_from(sorted(STEPS)))
    management = draw(st.integers(1, 3)) if regular and grade == 8 and draw(st.booleans()) else 0
    basis = draw(st.sampled_from(["monthly", "daily", "hourly"]))
    children = draw(st.integers(0, 3))
    allowances = AllowanceInput(
        spouse=draw(st.booleans()),
        children=children,
        special_period_children=draw(st.integers(0, children)),
        other_dependents=draw(st.integers(0, 2)),
        rent=draw(st.integers(0, 90_000)),
        transit_fare=draw(st.integers(0, 170_000)),
        vehicle_distance_m=draw(st.integers(0, 100_000)),
        parking_fee=draw(st.integers(0, 9_000)),
        regional_grade=draw(st.integers(0, 5)),
        management_class=management,
    )
    no_time = management > 0
    attendance = MonthAttendance(
        overtime_normal=0 if no_time else draw(minutes),
        overtime_normal_night=0 if no_time else draw(minutes),
        overtime_rest_day=0 if no_time else draw(minutes),
        overtime_over60=0 if no_time else draw(minutes),
        overtime_over60_night=0 if no_time else draw(minutes),
        holiday_work=0 if no_time else draw(minutes),
        night_work=0 if no_time else draw(minutes),
        absence_days=draw(st.integers(0, 3)) if regular or basis == "monthly" else 0,
        absence_minutes=draw(minutes) if regular or basis == "monthly" else 0,
        days_worked=draw(st.integers(0, 22)),
        minutes_worked=draw(st.integers(0, 10_000)),
        special_duties=tuple(
            SpecialDutyCount(code, draw(st.integers(0, 1 if code == "night_patrol" else 20)))
            for code in draw(st.sets(st.sampled_from(["tax", "night_patrol"])))
        ),
    )
    scheme = draw(st.sampled_from(["mutual_aid", "short_term_member", "employee_plans", "none"]))
    insurance = InsuranceInput(
        scheme="mutual_aid" if scheme == "short_term_member" else scheme,
        union="city_union" if scheme in ("mutual_aid", "short_term_member") else "",
        short_term_grade=draw(st.integers(1, 50)),
        long_term_grade=draw(st.integers(1, 32)),
        birth_date=draw(st.dates(datetime.date(1950, 1, 1), datetime.date(2007, 12, 31))),
        long_term_member=scheme != "short_term_member",
        welfare_pension=scheme == "short_term_member",
        prefecture="13" if scheme in ("employee_plans", "short_term_member") else "",
        employment_insurance=not regular and draw(st.booleans()),
    )
    return PayInput(
        employee_id=f"E{index:05d}",
        paid_on=PAID_ON,
        salary=SalaryGrade("city", grade, draw(st.integers(1, STEPS[grade]))) if regular else None,
        appointee=None
        if regular
        else AppointeePay(basis, draw(st.integers(1_000, 260_000)), draw(st.integers(600, 2_325)), 450),
        allowances=allowances,
        attendance=attendance,
        insurance=insurance,
        tax=TaxInput(column=draw(st.sampled_from(["kou", "kou", "otsu"])), dependents=draw(st.integers(0, 9))),
        resident_tax=draw(st.integers(0, 60_000)),
        other_deductions=(OtherDeduction("union_fee", "組合費", draw(st.integers(0, 5_000))),),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(pay_inputs(), min_size=1, max_size=12))
def test_batch_equals_per_employee(store: TableStore, inputs: list[PayInput]) -> None:
    batch = compute_payslips(inputs, paid_on=PAID_ON, store=store)
    assert batch == [compute_payslip(inp, store=store) for inp in inputs]
    for result in batch:
        assert result.gross == sum(item.amount for item in result.earnings)
        assert result.net == result.gross - sum(item.amount for item in result.deductions)
        assert result.taxable_amount >= 0


def test_empty_batch(store: TableStore) -> None:
    assert compute_payslips([], paid_on=PAID_ON, store=store) == []


@settings(max_examples=200, deadline=None)
@given(
    st.dates(datetime.date(1930, 1, 1), datetime.date(2010, 12, 31)),
    st.dates(datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)),
)
def test_age_bounds_agree_with_the_social_insurance_age_rules(birth: datetime.date, month: datetime.date) -> None:
    bounds = age_bounds(month)
    assert bounds.due(birth) == (
        nursing_care_due(birth_date=birth, month=month),
        pension_due(birth_date=birth, month=month),
    )


def test_gc_is_restored_after_a_batch_even_on_error(store: TableStore) -> None:
    bad = PayInput(employee_id="E1", paid_on=PAID_ON, salary=SalaryGrade("city", 1, 99))
    assert gc.isenabled()
    with pytest.raises(InvalidArgument, match="職員 E1"):
        compute_payslips([bad], paid_on=PAID_ON, store=store)
    assert gc.isenabled()
    gc.disable()
    try:
        compute_payslips([], paid_on=PAID_ON, store=store)
        assert not gc.isenabled()  # a collector the caller turned off stays off
    finally:
        gc.enable()
