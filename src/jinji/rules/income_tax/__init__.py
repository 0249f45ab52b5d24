"""源泉徴収 (income-tax withholding) on pay and bonuses: pure rules, int yen.

Public API (stable; ``jinji.rules.pay`` and the payslip batch import these names):

* :func:`monthly_withholding` ``(*, amount, dependents, paid_on, column="kou") -> int``
  — 月額表: 甲欄 by the 電算機計算の特例 (令和2〜7年分, 令和8年分, 令和9年分 chosen by
  ``paid_on``), 乙欄 by the printed 乙 column (令和2〜7年分, 令和8年分).
* :func:`bonus_withholding` ``(*, amount, previous_month_amount, dependents, paid_on,
  column="kou", period_months=6) -> int`` — 賞与に対する源泉徴収税額の算出率の表, and the
  special method through the 月額表 when it does not apply.
* Fast path for batches: :func:`monthly_tax_table` ``(paid_on) -> MonthlyTaxTable`` with
  ``.withholding(amount, dependents=0, column="kou")`` (and unchecked ``.kou(amount,
  dependents)`` / ``.otsu(amount, declared)``); :func:`bonus_tax_table` ``(paid_on) ->
  BonusTaxTable`` with ``.withholding(amount, previous_month_amount, dependents=0,
  column="kou", period_months=6)``. Both carry ``refs`` (the table versions to store with
  the payslip).
* :data:`KOU` / :data:`OTSU` column names.
* 年末調整 input shapes (no calculation yet): :class:`AnnualIncomeFigures`,
  :class:`WithholdingEntry`, :class:`Relative` and their enums.

Tables (dated data files under ``rules/tables/``): ``income_tax_computer_method``
(第1表〜第4表 of the 特例), ``income_tax_monthly_otsu`` (月額表 乙欄) and
``income_tax_bonus_rate`` (算出率の表). Errors: :class:`~jinji.rules.errors.InvalidArgument`
for bad arguments, :class:`~jinji.rules.errors.TableNotFound` for a date no table covers.
"""

from __future__ import annotations

from jinji.rules.income_tax import computer_method, otsu  # noqa: F401  (register schemas first)
from jinji.rules.income_tax.annual import (
    AnnualIncomeFigures,
    Disability,
    PaymentKind,
    PersonalStatus,
    Relation,
    Relative,
    WithholdingEntry,
)
from jinji.rules.income_tax.bonus import BonusRateTable, BonusTaxTable, bonus_tax_table, bonus_withholding
from jinji.rules.income_tax.computer_method import ComputerMethodTable
from jinji.rules.income_tax.monthly import KOU, OTSU, MonthlyTaxTable, monthly_tax_table, monthly_withholding
from jinji.rules.income_tax.otsu import OtsuTable

__all__ = [
    "KOU",
    "OTSU",
    "AnnualIncomeFigures",
    "BonusRateTable",
    "BonusTaxTable",
    "ComputerMethodTable",
    "Disability",
    "MonthlyTaxTable",
    "OtsuTable",
    "PaymentKind",
    "PersonalStatus",
    "Relation",
    "Relative",
    "WithholdingEntry",
    "bonus_tax_table",
    "bonus_withholding",
    "monthly_tax_table",
    "monthly_withholding",
]
