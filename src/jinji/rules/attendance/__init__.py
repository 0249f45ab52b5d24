"""Attendance rules (就業管理): schedules, shift rosters, 週休日の振替, the daily record, the monthly
summary for payroll and the overtime caps. Pure functions over integer minutes; importing the
package registers the ``working_time`` and ``overtime_caps`` table schemas.
"""

from __future__ import annotations

from jinji.rules.attendance.caps import (
    CapCheck,
    CapFinding,
    CapRule,
    MonthOvertime,
    OvertimeCaps,
    Severity,
    YearMonth,
    check_overtime_caps,
    overtime_caps,
)
from jinji.rules.attendance.clock import JST, TimeSpan, duration_ja
from jinji.rules.attendance.daily import (
    NIGHT,
    DailyRecord,
    DayBasis,
    DayInput,
    DayType,
    OvertimeSegment,
    Punch,
    PunchKey,
    compute_daily_record,
    day_type_of,
    punch_key,
)
from jinji.rules.attendance.monthly import (
    MonthlyAttendanceSummary,
    round_monthly_minutes,
    summarize_month,
    to_pay_attendance,
)
from jinji.rules.attendance.schedules import (
    STANDARD_SCHEDULE,
    STANDARD_WEEK,
    WeeklyPattern,
    WorkingTimeRules,
    WorkSchedule,
    check_short_time_reappointment,
    is_full_time,
    staggered_patterns,
    working_time_rules,
)
from jinji.rules.attendance.shifts import (
    ScheduleIssue,
    ShiftDay,
    check_rest_day_transfer,
    check_shift_period,
    max_consecutive_working_days,
    rest_day_transfer_window,
)

__all__ = [
    "JST",
    "NIGHT",
    "STANDARD_SCHEDULE",
    "STANDARD_WEEK",
    "CapCheck",
    "CapFinding",
    "CapRule",
    "DailyRecord",
    "DayBasis",
    "DayInput",
    "DayType",
    "MonthOvertime",
    "MonthlyAttendanceSummary",
    "OvertimeCaps",
    "OvertimeSegment",
    "Punch",
    "PunchKey",
    "ScheduleIssue",
    "Severity",
    "ShiftDay",
    "TimeSpan",
    "WeeklyPattern",
    "WorkSchedule",
    "WorkingTimeRules",
    "YearMonth",
    "check_overtime_caps",
    "check_rest_day_transfer",
    "check_shift_period",
    "check_short_time_reappointment",
    "compute_daily_record",
    "day_type_of",
    "duration_ja",
    "is_full_time",
    "max_consecutive_working_days",
    "overtime_caps",
    "punch_key",
    "rest_day_transfer_window",
    "round_monthly_minutes",
    "staggered_patterns",
    "summarize_month",
    "to_pay_attendance",
    "working_time_rules",
]
