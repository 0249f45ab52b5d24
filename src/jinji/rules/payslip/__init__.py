"""Monthly payslip computation: plain frozen inputs → itemised earnings and deductions.

* :func:`compute_payslip` ``(PayInput, *, store=None) -> PayResult`` — one employee.
* :func:`compute_payslips` ``(inputs, *, paid_on, store=None) -> list[PayResult]`` — a run:
  every dated table resolved once for the pay date, then plain int arithmetic per employee.
"""

from __future__ import annotations

from jinji.rules.payslip.compute import compute_payslip, compute_payslips
from jinji.rules.payslip.context import PayTables, resolve_pay_tables
from jinji.rules.payslip.inputs import (
    AllowanceInput,
    AppointeePay,
    InsuranceInput,
    MonthAttendance,
    OtherDeduction,
    PayInput,
    SalaryGrade,
    SpecialDutyCount,
    TaxInput,
)
from jinji.rules.payslip.result import PayItem, PayResult

__all__ = [
    "AllowanceInput",
    "AppointeePay",
    "InsuranceInput",
    "MonthAttendance",
    "OtherDeduction",
    "PayInput",
    "PayItem",
    "PayResult",
    "PayTables",
    "SalaryGrade",
    "SpecialDutyCount",
    "TaxInput",
    "compute_payslip",
    "compute_payslips",
    "resolve_pay_tables",
]
