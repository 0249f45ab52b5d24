"""ワークフロー models: definitions (versioned), instances, step states, tasks, log, notifications."""

from jinji.workflow.models.definitions import (
    ApproverKind,
    DefinitionStep,
    DefinitionVersion,
    StepApprover,
    StepKind,
    WorkflowDefinition,
)
from jinji.workflow.models.instances import (
    ACTIVE_STATUSES,
    DONE_TASK_STATUSES,
    TERMINAL_STATUSES,
    ActionLog,
    InstanceStatus,
    StepState,
    StepStatus,
    Task,
    TaskKind,
    TaskStatus,
    WorkflowInstance,
)
from jinji.workflow.models.notifications import Notification, NotificationKind

__all__ = [
    "ACTIVE_STATUSES",
    "DONE_TASK_STATUSES",
    "TERMINAL_STATUSES",
    "ActionLog",
    "ApproverKind",
    "DefinitionStep",
    "DefinitionVersion",
    "InstanceStatus",
    "Notification",
    "NotificationKind",
    "StepApprover",
    "StepKind",
    "StepState",
    "StepStatus",
    "Task",
    "TaskKind",
    "TaskStatus",
    "WorkflowDefinition",
    "WorkflowInstance",
]
