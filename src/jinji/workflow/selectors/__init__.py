"""Workflow selectors (reads): inbox, applications, detail with timeline, definitions, notices."""

from jinji.workflow.selectors.applications import (
    ApplicationDetail,
    ApplicationItem,
    ApplicationPage,
    StepView,
    TaskView,
    TimelineEntry,
    application_detail,
    clerk_applications,
    my_applications,
)
from jinji.workflow.selectors.definitions import DefinitionItem, definition_list, definition_spec
from jinji.workflow.selectors.inbox import (
    InboxFilters,
    InboxItem,
    InboxPage,
    NotificationItem,
    NotificationPage,
    inbox_count,
    inbox_pending,
    notifications_for,
)

__all__ = [
    "ApplicationDetail",
    "ApplicationItem",
    "ApplicationPage",
    "DefinitionItem",
    "InboxFilters",
    "InboxItem",
    "InboxPage",
    "NotificationItem",
    "NotificationPage",
    "StepView",
    "TaskView",
    "TimelineEntry",
    "application_detail",
    "clerk_applications",
    "definition_list",
    "definition_spec",
    "inbox_count",
    "inbox_pending",
    "my_applications",
    "notifications_for",
]
