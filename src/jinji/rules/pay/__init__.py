"""Pay rules of the 給与条例 (national 給与法 mirrored): 給料表, 昇給, allowances, overtime,
欠勤減額, 期末・勤勉 and 会計年度任用職員の報酬. One module per concern; each function cites
its source. Importing the package registers the schemas of all pay tables.
"""

from __future__ import annotations

from jinji.rules.pay.absence import absence_deduction, absence_hours
from jinji.rules.pay.bonus import (
    ServicePeriod,
    bonus_base,
    diligence_allowance,
    payment_months,
    performance_ratio,
    period_rate,
    service_period_ratio,
    term_end_allowance,
)
from jinji.rules.pay.bonus_tables import BonusMonths, BonusRules, bonus_months_table, bonus_rules_table
from jinji.rules.pay.commuting import (
    PASS_MONTHS,
    CommutingAllowance,
    CommutingAllowanceTable,
    below_minimum_distance,
    commuting_allowance,
    commuting_allowance_table,
    monthly_fare,
    monthly_fare_from_pass,
    vehicle_band_amount,
)
from jinji.rules.pay.commuting_tax import (
    CommutingTaxLimits,
    commuting_nontaxable,
    commuting_tax_limits,
    vehicle_nontaxable_limit,
)
from jinji.rules.pay.dependant_periods import (
    Dependant,
    DependantCounts,
    child_in_allowance_period,
    child_in_special_period,
    dependant_counts,
)
from jinji.rules.pay.dependents import DependentsAllowanceTable, dependents_allowance, dependents_allowance_table
from jinji.rules.pay.fiscal_year_appointee import (
    daily_pay,
    hourly_pay,
    hourly_rate_from_daily,
    prorated_monthly_pay,
)
from jinji.rules.pay.housing import HousingAllowanceTable, housing_allowance, housing_allowance_table
from jinji.rules.pay.management import ManagementAllowanceTable, management_allowance, management_allowance_table
from jinji.rules.pay.overtime import (
    OVERTIME_CLASSES,
    OvertimeBlock,
    OvertimeRules,
    annual_working_minutes,
    classify_overtime,
    hourly_class_amount,
    hourly_rate_base,
    monthly_hours,
    overtime_rules,
    per_hour_amount,
)
from jinji.rules.pay.regional import (
    RegionalAllowanceTable,
    regional_allowance,
    regional_allowance_rate,
    regional_allowance_table,
)
from jinji.rules.pay.salary_schedule import (
    SalarySchedule,
    base_salary,
    reappointed_salary,
    salary_schedule_table_id,
    salary_schedule_version,
)
from jinji.rules.pay.special_duty import (
    SpecialDutyKind,
    SpecialDutyTable,
    special_duty_allowance,
    special_duty_kind,
    special_duty_table,
)
from jinji.rules.pay.starting_pay import (
    StartingPayAdjustmentTable,
    starting_pay_adjustment,
    starting_pay_adjustment_table,
)
from jinji.rules.pay.step_increase import (
    StepIncreaseRules,
    step_after_increase,
    step_increase_count,
    step_increase_rules,
)

__all__ = [
    "OVERTIME_CLASSES",
    "PASS_MONTHS",
    "BonusMonths",
    "BonusRules",
    "CommutingAllowance",
    "CommutingAllowanceTable",
    "CommutingTaxLimits",
    "Dependant",
    "DependantCounts",
    "DependentsAllowanceTable",
    "HousingAllowanceTable",
    "ManagementAllowanceTable",
    "OvertimeBlock",
    "OvertimeRules",
    "RegionalAllowanceTable",
    "SalarySchedule",
    "ServicePeriod",
    "SpecialDutyKind",
    "SpecialDutyTable",
    "StartingPayAdjustmentTable",
    "StepIncreaseRules",
    "absence_deduction",
    "absence_hours",
    "annual_working_minutes",
    "base_salary",
    "below_minimum_distance",
    "bonus_base",
    "bonus_months_table",
    "bonus_rules_table",
    "child_in_allowance_period",
    "child_in_special_period",
    "classify_overtime",
    "commuting_allowance",
    "commuting_allowance_table",
    "commuting_nontaxable",
    "commuting_tax_limits",
    "daily_pay",
    "dependant_counts",
    "dependents_allowance",
    "dependents_allowance_table",
    "diligence_allowance",
    "hourly_class_amount",
    "hourly_pay",
    "hourly_rate_base",
    "hourly_rate_from_daily",
    "housing_allowance",
    "housing_allowance_table",
    "management_allowance",
    "management_allowance_table",
    "monthly_fare",
    "monthly_fare_from_pass",
    "monthly_hours",
    "overtime_rules",
    "payment_months",
    "per_hour_amount",
    "performance_ratio",
    "period_rate",
    "prorated_monthly_pay",
    "reappointed_salary",
    "regional_allowance",
    "regional_allowance_rate",
    "regional_allowance_table",
    "salary_schedule_table_id",
    "salary_schedule_version",
    "service_period_ratio",
    "special_duty_allowance",
    "special_duty_kind",
    "special_duty_table",
    "starting_pay_adjustment",
    "starting_pay_adjustment_table",
    "step_after_increase",
    "step_increase_count",
    "step_increase_rules",
    "term_end_allowance",
    "vehicle_band_amount",
    "vehicle_nontaxable_limit",
]
