"""人事評価 models: cycles, sheet templates (national model shared), sheets and their history."""

from jinji.evaluation.models.cycles import Cycle, CycleKind, CycleStatus, CycleTemplate, PeriodSetting, Stage
from jinji.evaluation.models.sheets import (
    RATED_STAGES,
    Complaint,
    ComplaintStatus,
    Difficulty,
    Goal,
    Interview,
    InterviewKind,
    ItemRating,
    Reminder,
    Sheet,
    StageTransition,
    TransitionAction,
)
from jinji.evaluation.models.templates import Scale, SheetTemplate, TemplateItem

__all__ = [
    "RATED_STAGES",
    "Complaint",
    "ComplaintStatus",
    "Cycle",
    "CycleKind",
    "CycleStatus",
    "CycleTemplate",
    "Difficulty",
    "Goal",
    "Interview",
    "InterviewKind",
    "ItemRating",
    "PeriodSetting",
    "Reminder",
    "Scale",
    "Sheet",
    "SheetTemplate",
    "Stage",
    "StageTransition",
    "TemplateItem",
    "TransitionAction",
]
