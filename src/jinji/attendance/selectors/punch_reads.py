"""The reads a punch makes, in plain SQL (:mod:`jinji.core.fastsql`).

Every clock-in runs these under its per-employee lock (:func:`lock_for_punch`). Built through the ORM they cost about
1 ms of CPU each on the 2-core reference machine (query compilation, not the database); written
once here, and prepared once per connection on PostgreSQL, they cost a fraction of that
(bench/bench_clock.py). tests/attendance/test_clock*.py run every branch on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection

from jinji.attendance.models import ClockEvent
from jinji.core import fastsql
from jinji.core.tenancy import checked_organization_id
from jinji.personnel.models import AssignmentKind

_CLOSED_ON = (
    "EXISTS (SELECT 1 FROM attendance_monthclose c WHERE c.organization_id = %s AND c.year = %s AND c.month = %s"
    " AND c.org_unit_id IN (SELECT a.org_unit_id FROM personnel_assignment a WHERE a.organization_id = %s"
    " AND a.employee_id = %s AND a.kind = %s AND a.valid_from <= %s AND (a.valid_to IS NULL OR a.valid_to >= %s)))"
)


PUNCH_LOCK_CLASS = 51
"""First key of the PostgreSQL advisory lock that serialises one employee's punches (second key:
the employee id); no other code uses advisory locks with this key."""


def _postgres() -> bool:
    return connection.vendor == "postgresql"


@functools.cache
def _lock_sql() -> str:
    # PostgreSQL: a transaction-scoped advisory lock per employee, taken before the row is read. Unlike
    # FOR UPDATE on the employee row it writes nothing (no tuple lock, no WAL), which halves the
    # server's CPU per punch. SQLite serialises writers with its database lock instead.
    lock = "pg_advisory_xact_lock(%s, %s), " if _postgres() else ""
    return (  # constant fragments only; values as parameters
        f"SELECT {lock}e.organization_id, {_CLOSED_ON}, {_CLOSED_ON}, (SELECT p.telework_max_days_per_week"  # noqa: S608
        " FROM attendance_attendancepolicy p WHERE p.organization_id = %s ORDER BY p.id LIMIT 1)"
        " FROM personnel_employee e WHERE e.id = %s"
    )


@functools.cache
def _recent_sql() -> str:
    return (  # the column list comes from the model's metadata; values only as parameters
        f"SELECT {fastsql.select_list(ClockEvent, 'c')} FROM attendance_clockevent c"  # noqa: S608
        " WHERE c.organization_id = %s AND c.employee_id = %s AND (c.idempotency_key = %s"
        " OR (c.occurred_at >= %s AND c.occurred_at < %s AND c.business_date BETWEEN %s AND %s))"
        " ORDER BY c.occurred_at DESC, c.id DESC"
    )


@dataclass(frozen=True, slots=True)
class PunchState:
    """What the punch needs to know besides the punches: whether the month of each candidate
    business date is closed (勤怠締め) for the employee's unit, and the telework days a week allowed."""

    closed: dict[datetime.date, bool]
    telework_limit: int | None


def _closed_params(organization_id: int, employee_id: int, day: datetime.date) -> list[object]:
    on = connection.ops.adapt_datefield_value(day)
    return [organization_id, day.year, day.month, organization_id, employee_id, AssignmentKind.PRIMARY.value, on, on]


def lock_for_punch(
    *, organization_id: int, employee_id: int, days: tuple[datetime.date, datetime.date]
) -> PunchState | None:
    """Lock the employee's punches until the transaction ends (PostgreSQL: an advisory lock; SQLite
    serialises writers with its database lock instead) and read, in the same statement, the closed
    flags of ``days`` and the organization's telework policy. None when the employee is not the
    organization's."""
    org = checked_organization_id(organization_id)
    lock = [PUNCH_LOCK_CLASS, employee_id % 2_147_483_647] if _postgres() else []  # int4 keys; a clash only waits
    params = [
        *lock,
        *_closed_params(org, employee_id, days[0]),
        *_closed_params(org, employee_id, days[1]),
        org,
        employee_id,
    ]
    rows = fastsql.fetch(_lock_sql(), params)
    if not rows or rows[0][-4] != org:
        return None
    first, second, limit = rows[0][-3:]
    return PunchState({days[0]: bool(first), days[1]: bool(second)}, None if limit is None else int(limit))


def recent_events(
    *,
    organization_id: int,
    employee_id: int,
    key: str,
    since: datetime.datetime,
    until: datetime.datetime,
    first_day: datetime.date,
    last_day: datetime.date,
) -> list[ClockEvent]:
    """The event recorded under ``key`` and the events in [since, until) (business dates bounded by
    ``first_day``..``last_day`` so the (organization, employee, business_date) index serves it),
    newest first."""
    ops = connection.ops
    params = [
        checked_organization_id(organization_id),
        employee_id,
        key,
        ops.adapt_datetimefield_value(since),
        ops.adapt_datetimefield_value(until),
        ops.adapt_datefield_value(first_day),
        ops.adapt_datefield_value(last_day),
    ]
    return fastsql.instances(ClockEvent, _recent_sql(), params)


def month_closed_for(*, organization_id: int, employee_id: int, day: datetime.date) -> bool:
    """Whether ``day``'s month is closed (勤怠締め) for the unit of the employee's 本務 on ``day``."""
    org = checked_organization_id(organization_id)
    (row,) = fastsql.fetch(f"SELECT {_CLOSED_ON}", _closed_params(org, employee_id, day))
    return bool(row[0])
