"""Personnel master: 職員, 任用 (assignment history), 発令, personal data and the My Number vault."""

from jinji.personnel.models.actions import ActionBatch, ActionStatus, ActionType, PersonnelAction
from jinji.personnel.models.assignment import AppointmentType, Assignment, AssignmentKind, WorkPattern
from jinji.personnel.models.employee import Employee
from jinji.personnel.models.notice_jobs import NoticeJobStatus, NoticePrintJob
from jinji.personnel.models.personal import (
    AccountType,
    Address,
    BankAccount,
    CommuteMethod,
    CommuteRoute,
    Dependent,
    EmergencyContact,
    MyNumberRecord,
    Relationship,
)

__all__ = [
    "AccountType",
    "ActionBatch",
    "ActionStatus",
    "ActionType",
    "Address",
    "AppointmentType",
    "Assignment",
    "AssignmentKind",
    "BankAccount",
    "CommuteMethod",
    "CommuteRoute",
    "Dependent",
    "EmergencyContact",
    "Employee",
    "MyNumberRecord",
    "NoticeJobStatus",
    "NoticePrintJob",
    "PersonnelAction",
    "Relationship",
    "WorkPattern",
]
