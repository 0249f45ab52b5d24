"""Reads of the personnel master: staff search, detail, timeline, unit members, 発令 lists.

Every selector takes the organization and the acting user explicitly, applies the
permission scope (:func:`jinji.personnel.permissions.employee_scope_q`) and runs a fixed
number of queries whatever the data size.
"""

from jinji.personnel.selectors.actions import action_batch_list, action_list, action_views
from jinji.personnel.selectors.assignments import assignment_views_on, employee_assignment_history
from jinji.personnel.selectors.detail import employee_detail, employee_timeline
from jinji.personnel.selectors.search import employee_by_staff_number, employee_search, org_unit_members
from jinji.personnel.selectors.views import (
    ActionView,
    AddressView,
    AssignmentView,
    BankAccountView,
    CommuteRouteView,
    DependentView,
    EmergencyContactView,
    EmployeeDetail,
    EmployeeRow,
    Page,
    TimelineEntry,
)

__all__ = [
    "ActionView",
    "AddressView",
    "AssignmentView",
    "BankAccountView",
    "CommuteRouteView",
    "DependentView",
    "EmergencyContactView",
    "EmployeeDetail",
    "EmployeeRow",
    "Page",
    "TimelineEntry",
    "action_batch_list",
    "action_list",
    "action_views",
    "assignment_views_on",
    "employee_assignment_history",
    "employee_by_staff_number",
    "employee_detail",
    "employee_search",
    "employee_timeline",
    "org_unit_members",
]
