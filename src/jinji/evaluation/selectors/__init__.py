"""人事評価 reads. Every selector takes the user or organization explicitly and runs a bounded
number of queries whatever the number of staff."""

from jinji.evaluation.selectors.calibration import Calibration, CalibrationRow, calibration
from jinji.evaluation.selectors.cycles import (
    current_templates,
    cycle_get,
    cycle_list,
    cycle_sheets,
    cycle_templates,
    default_period,
    template_get,
)
from jinji.evaluation.selectors.dashboard import Dashboard, cycle_dashboard, overdue_q
from jinji.evaluation.selectors.detail import SheetDetail, sheet_detail
from jinji.evaluation.selectors.pay import (
    StepPreview,
    StepRow,
    bonus_cycle,
    bonus_quota_check,
    performance_ratios,
    step_increase_preview,
)
from jinji.evaluation.selectors.sheets import Inbox, SheetRow, evaluator_inbox, my_sheets

__all__ = [
    "Calibration",
    "CalibrationRow",
    "Dashboard",
    "Inbox",
    "SheetDetail",
    "SheetRow",
    "StepPreview",
    "StepRow",
    "bonus_cycle",
    "bonus_quota_check",
    "calibration",
    "current_templates",
    "cycle_dashboard",
    "cycle_get",
    "cycle_list",
    "cycle_sheets",
    "cycle_templates",
    "default_period",
    "evaluator_inbox",
    "my_sheets",
    "overdue_q",
    "performance_ratios",
    "sheet_detail",
    "step_increase_preview",
    "template_get",
]
