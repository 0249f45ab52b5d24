"""Workflow services (writes). Every function takes ``acting_user``, runs in one transaction with
the instance row locked, and records the audit event in that same transaction."""

from jinji.workflow.services.approval import (
    BulkItem,
    BulkOutcome,
    instance_approve,
    instance_delegate_decision,
    instance_pull_back,
    instances_bulk_approve,
    task_post_review,
)
from jinji.workflow.services.definitions import can_manage_definitions, definition_publish
from jinji.workflow.services.notices import ReminderResult, notifications_mark_read, reminders_send
from jinji.workflow.services.returns import instance_reject, instance_send_back
from jinji.workflow.services.submission import instance_create, instance_submit, instance_withdraw

__all__ = [
    "BulkItem",
    "BulkOutcome",
    "ReminderResult",
    "can_manage_definitions",
    "definition_publish",
    "instance_approve",
    "instance_create",
    "instance_delegate_decision",
    "instance_pull_back",
    "instance_reject",
    "instance_send_back",
    "instance_submit",
    "instance_withdraw",
    "instances_bulk_approve",
    "notifications_mark_read",
    "reminders_send",
    "task_post_review",
]
