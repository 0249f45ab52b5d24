"""Writes to the personnel master. Every function is keyword-only, takes ``acting_user``,
runs in one transaction with the rows it protects locked, and records an audit event.

Bad input raises :class:`jinji.core.errors.DomainError` (FieldProblem list, Japanese) and
changes nothing; a stale ``expected_version`` raises :class:`jinji.core.errors.ConcurrentUpdate`.
"""

from jinji.personnel.services.actions import (
    personnel_action_apply,
    personnel_action_cancel,
    personnel_action_correct,
    personnel_action_create,
    personnel_action_update,
)
from jinji.personnel.services.batch_input import (
    ActionInput,
    action_batch_add_actions,
    action_batch_cancel,
    action_batch_create,
    action_batch_remove_actions,
)
from jinji.personnel.services.batches import (
    PreviewRow,
    action_batch_apply,
    action_batch_preview,
    action_batch_validate,
)
from jinji.personnel.services.contacts import (
    emergency_contact_add,
    emergency_contact_remove,
    emergency_contact_update,
)
from jinji.personnel.services.employees import employee_create, employee_update
from jinji.personnel.services.personal import (
    address_add,
    address_correct,
    address_end,
    bank_account_add,
    bank_account_correct,
    bank_account_end,
    commute_route_add,
    commute_route_correct,
    commute_route_end,
    dependent_add,
    dependent_correct,
    dependent_end,
)

__all__ = [
    "ActionInput",
    "PreviewRow",
    "action_batch_add_actions",
    "action_batch_apply",
    "action_batch_cancel",
    "action_batch_create",
    "action_batch_preview",
    "action_batch_remove_actions",
    "action_batch_validate",
    "address_add",
    "address_correct",
    "address_end",
    "bank_account_add",
    "bank_account_correct",
    "bank_account_end",
    "commute_route_add",
    "commute_route_correct",
    "commute_route_end",
    "dependent_add",
    "dependent_correct",
    "dependent_end",
    "emergency_contact_add",
    "emergency_contact_remove",
    "emergency_contact_update",
    "employee_create",
    "employee_update",
    "personnel_action_apply",
    "personnel_action_cancel",
    "personnel_action_correct",
    "personnel_action_create",
    "personnel_action_update",
]
