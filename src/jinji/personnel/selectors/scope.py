"""Permission scope of personnel reads: delegates to :mod:`jinji.personnel.permissions`."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from jinji.personnel.models import Employee
from jinji.personnel.permissions import Purpose, can_view_bank_account, employee_scope_q


def employee_scope(user: Any, *, on: datetime.date, purpose: str = "view") -> Q:
    """Q on ``Employee`` selecting who ``user`` may reach for ``purpose`` (view/change …) on ``on``."""
    return employee_scope_q(user, on=on, purpose=Purpose(purpose))


def can_view_bank_accounts(user: Any, *, employee: Employee, on: datetime.date) -> bool:
    """Whether ``user`` may see unmasked account numbers of ``employee``."""
    return can_view_bank_account(user, employee, on=on)
