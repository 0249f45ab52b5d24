"""Looking up an employee by 職員番号 for HR forms (through the personnel selector)."""

from __future__ import annotations

from jinji.personnel.models import Employee
from jinji.personnel.selectors import employee_by_staff_number


def employee_by_number(organization_id: int, staff_number: str) -> Employee | None:
    """The employee with 職員番号 ``staff_number`` in the organization, or None."""
    return employee_by_staff_number(organization=organization_id, staff_number=staff_number)
