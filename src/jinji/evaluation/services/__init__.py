"""人事評価 writes. Every function is keyword-only, takes ``acting_user`` (except the reminder job),
runs in one transaction with the sheet (or cycle) row locked, and records an audit event in it.
Bad input raises :class:`jinji.core.errors.DomainError` naming the field, and changes nothing."""

from jinji.evaluation.services.complaints import complaint_file, complaint_handle
from jinji.evaluation.services.cycles import (
    CycleInput,
    cycle_create,
    cycle_update_deadlines,
    period_setting_save,
)
from jinji.evaluation.services.generation import GenerationResult, cycle_generate_sheets
from jinji.evaluation.services.goals import (
    GoalInput,
    goal_notes_save,
    goals_agree,
    goals_revoke,
    goals_save,
    interview_record,
)
from jinji.evaluation.services.pay import StepIncreaseBatch, step_increase_propose
from jinji.evaluation.services.reminders import ReminderResult, reminders_send
from jinji.evaluation.services.review import (
    Decision,
    sheet_confirm,
    sheet_reopen,
    sheet_set_evaluators,
    sheets_confirm_many,
    sheets_disclose,
)
from jinji.evaluation.services.sheets import RatingInput, sheet_ratings_save, sheet_send_back, sheet_submit
from jinji.evaluation.services.templates import ItemInput, TemplateInput, template_create

__all__ = [
    "CycleInput",
    "Decision",
    "GenerationResult",
    "GoalInput",
    "ItemInput",
    "RatingInput",
    "ReminderResult",
    "StepIncreaseBatch",
    "TemplateInput",
    "complaint_file",
    "complaint_handle",
    "cycle_create",
    "cycle_generate_sheets",
    "cycle_update_deadlines",
    "goal_notes_save",
    "goals_agree",
    "goals_revoke",
    "goals_save",
    "interview_record",
    "period_setting_save",
    "reminders_send",
    "sheet_confirm",
    "sheet_ratings_save",
    "sheet_reopen",
    "sheet_send_back",
    "sheet_set_evaluators",
    "sheet_submit",
    "sheets_confirm_many",
    "sheets_disclose",
    "step_increase_propose",
    "template_create",
]
