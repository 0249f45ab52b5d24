"""Monthly payslip computation: plain frozen inputs → itemised earnings and deductions.

* :func:`compute_payslip` ``(PayInput, *, store=None) -> PayResult`` — one employee.
* :func:`compute_payslips` ``(inputs, *, paid_on, store=None) -> list[PayResult]`` — a run:
  every dated table resolved once for the pay date, then plain int arithmetic per employee.
* :func:`compute_bonus_payslip` / :func:`compute_bonus_payslips` — 期末・勤勉手当 (:mod:`.bonus`),
  with :func:`service_periods` for the 在職期間・勤務期間 (:mod:`.bonus_period`).
"""

from __future__ import annotations

from jinji.rules.payslip.bonus import BonusInput, BonusResult, compute_bonus_payslip, compute_bonus_payslips
from jinji.rules.payslip.bonus_period import Absence, ServicePeriods, service_periods
from jinji.rules.payslip.compute import compute_payslip, compute_payslips
from jinji.rules.payslip.context import PayTables, resolve_pay_tables
from jinji.rules.payslip.inputs import (
    AllowanceInput,
    AppointeePay,
    InsuranceInput,
    MonthAttendance,
    OtherDeduction,
    OtherEarning,
    PayInput,
    SalaryGrade,
    SpecialDutyCount,
    TaxInput,
)
from jinji.rules.payslip.result import PayItem, PayResult

__all__ = [
    "Absence",
    "AllowanceInput",
    "AppointeePay",
    "BonusInput",
    "BonusResult",
    "InsuranceInput",
    "MonthAttendance",
    "OtherDeduction",
    "OtherEarning",
    "PayInput",
    "PayItem",
    "PayResult",
    "PayTables",
    "SalaryGrade",
    "ServicePeriods",
    "SpecialDutyCount",
    "TaxInput",
    "compute_bonus_payslip",
    "compute_bonus_payslips",
    "compute_payslip",
    "compute_payslips",
    "resolve_pay_tables",
    "service_periods",
]
