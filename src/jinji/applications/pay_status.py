"""Whether a month's pay is already finalized (確定): asked when an allowance is determined.

A determination whose first month is finalized is recorded with ``retro=True`` so the payroll
run can settle the 差額. The answer comes from, in order:

1. checks registered with :func:`register_pay_finalized_check` (tests register fakes; an app
   above this one may register too);
2. ``jinji.payroll.selectors.is_pay_finalized(organization_id, month)`` when the payroll app
   provides it (payroll sits below this app in the layers, so it cannot register here; it is
   looked up by name, as payroll itself finds the 認定簿);
3. otherwise no month counts as finalized.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Callable

PayFinalizedCheck = Callable[[int, datetime.date], bool]
"""(organization id, first day of the month) → whether that month's pay is finalized."""

PAYROLL_CHECK = ("jinji.payroll.selectors", "is_pay_finalized")

_checks: list[PayFinalizedCheck] = []


def register_pay_finalized_check(check: PayFinalizedCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def unregister_pay_finalized_check(check: PayFinalizedCheck) -> None:
    if check in _checks:
        _checks.remove(check)


def _payroll_check() -> PayFinalizedCheck | None:
    module, name = PAYROLL_CHECK
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None
    return found if callable(found) else None


def is_pay_finalized(organization_id: int, month: datetime.date) -> bool:
    """True when ``month``'s pay (any day in it) is finalized for the organization."""
    first = month.replace(day=1)
    if _checks:
        return any(check(organization_id, first) for check in _checks)
    payroll = _payroll_check()
    return bool(payroll(organization_id, first)) if payroll is not None else False
