"""Leave rules (休暇): units and balances, the ledger, annual-leave grants (regular and
proportional), sick leave, special leave and the 5-day uptake check. Pure functions over
integer minutes; importing the package registers the ``annual_leave``,
``annual_leave_proportional``, ``sick_leave`` and ``special_leave`` table schemas.
"""

from __future__ import annotations

from jinji.rules.leave.annual import (
    AnnualLeaveRules,
    GrantBasis,
    annual_grant_days,
    annual_leave_events,
    annual_leave_rules,
    hire_year_grant_days,
    leave_year_end,
    leave_year_start,
    months_in_hire_year,
)
from jinji.rules.leave.ledger import (
    LeaveCarryOver,
    LeaveExpiry,
    LeaveGrant,
    LeaveLot,
    LeaveUse,
    LedgerEvent,
    LedgerLine,
    LedgerState,
    apply_ledger,
    balance_on,
)
from jinji.rules.leave.proportional import (
    ProportionalColumn,
    ProportionalGrantTable,
    continuous_service_months,
    proportional_grant_days,
    proportional_grant_table,
)
from jinji.rules.leave.sick import SickLeaveRules, SickLeaveStatus, SickPeriod, sick_leave_rules, sick_leave_status
from jinji.rules.leave.special import (
    SpecialLeaveTable,
    SpecialLeaveType,
    check_special_leave,
    in_window,
    special_leave_limit,
    special_leave_table,
)
from jinji.rules.leave.units import LeaveBalance, LeaveQuantity, LeaveUnit, format_days_minutes, leave_quantity
from jinji.rules.leave.uptake import UptakeStatus, counted_half_days, five_day_uptake

__all__ = [
    "AnnualLeaveRules",
    "GrantBasis",
    "LeaveBalance",
    "LeaveCarryOver",
    "LeaveExpiry",
    "LeaveGrant",
    "LeaveLot",
    "LeaveQuantity",
    "LeaveUnit",
    "LeaveUse",
    "LedgerEvent",
    "LedgerLine",
    "LedgerState",
    "ProportionalColumn",
    "ProportionalGrantTable",
    "SickLeaveRules",
    "SickLeaveStatus",
    "SickPeriod",
    "SpecialLeaveTable",
    "SpecialLeaveType",
    "UptakeStatus",
    "annual_grant_days",
    "annual_leave_events",
    "annual_leave_rules",
    "apply_ledger",
    "balance_on",
    "check_special_leave",
    "continuous_service_months",
    "counted_half_days",
    "five_day_uptake",
    "format_days_minutes",
    "hire_year_grant_days",
    "in_window",
    "leave_quantity",
    "leave_year_end",
    "leave_year_start",
    "months_in_hire_year",
    "proportional_grant_days",
    "proportional_grant_table",
    "sick_leave_rules",
    "sick_leave_status",
    "special_leave_limit",
    "special_leave_table",
]
