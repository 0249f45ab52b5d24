"""What a monthly payslip computation returns: itemised earnings and deductions, totals, and
the versions of every table used (so the payslip can be recomputed exactly)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from jinji.rules.tables import TableRef

# Earning codes (支給)
BASE_SALARY = "base_salary"  # 給料
REMUNERATION = "remuneration"  # 報酬 (会計年度任用職員)
MANAGEMENT = "management_allowance"  # 管理職手当
STARTING_PAY = "starting_pay_adjustment"  # 初任給調整手当
DEPENDENTS = "dependents_allowance"  # 扶養手当
REGIONAL = "regional_allowance"  # 地域手当
HOUSING = "housing_allowance"  # 住居手当
COMMUTING = "commuting_allowance"  # 通勤手当 (非課税分)
COMMUTING_TAXABLE = "commuting_allowance_taxable"  # 通勤手当 (課税分)
SPECIAL_DUTY_PREFIX = "special_duty:"  # 特殊勤務手当 (+ 表の code)
OVERTIME = "overtime_pay"  # 時間外勤務手当
HOLIDAY_WORK = "holiday_work_pay"  # 休日勤務手当
NIGHT_WORK = "night_work_pay"  # 夜勤手当
ABSENCE = "absence_deduction"  # 欠勤減額 (負の支給)

# Deduction codes (控除)
SOCIAL_INSURANCE_CODES = (
    "short_term",  # 短期掛金
    "nursing_care",  # 介護掛金
    "welfare",  # 福祉掛金
    "child_support",  # 子ども・子育て支援掛金
    "pension",  # 厚生年金保険料
    "retirement_benefit",  # 退職等年金給付掛金
    "health_insurance",  # 健康保険料 (協会けんぽ; 介護保険料を含む場合あり)
    "employment_insurance",  # 雇用保険料
)
INCOME_TAX = "income_tax"  # 所得税
RESIDENT_TAX = "resident_tax"  # 住民税


class PayItem(NamedTuple):
    """One line of a payslip. ``taxable``: counts toward 課税支給額 (earnings only)."""

    code: str
    label: str
    amount: int
    taxable: bool


@dataclass(frozen=True, slots=True)
class PayResult:
    """A computed payslip.

    ``taxable_amount`` is the 社会保険料等控除後の給与等の金額 the withholding is computed on
    (課税支給額 − 社会保険料); ``tables`` lists the table versions used.
    """

    employee_id: str
    paid_on: datetime.date
    earnings: tuple[PayItem, ...]
    deductions: tuple[PayItem, ...]
    gross: int
    taxable_earnings: int
    social_insurance: int
    taxable_amount: int
    income_tax: int
    total_deductions: int
    net: int
    tables: tuple[TableRef, ...]
