"""在宅勤務・ワーケーション: the checks against overlaps and the organization's caps, and recording the
approved days under the employee's row lock (so two approvals at once cannot break a cap)."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import LocationKind, RemoteWorkDay
from jinji.attendance.remote_work import CODE, KIND_NAMES, RemoteAsk, parse_remote
from jinji.attendance.selectors.remote_work import policy_of
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import Employee
from jinji.rules.calendar import fiscal_year
from jinji.workflow.models import ACTIVE_STATUSES, WorkflowInstance


def _jdate(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _caps(organization_id: int) -> tuple[int, int | None]:
    policy = policy_of(organization_id=organization_id)
    return policy.telework_max_days_per_week, policy.workation_max_days_per_year


def _pending_days(organization_id: int, employee_id: int) -> list[tuple[str, datetime.date]]:
    """(kind, day) of the employee's remote-work applications awaiting approval (one query)."""
    pending = WorkflowInstance.objects.for_organization(organization_id).filter(
        application_type=CODE, applicant_employee_id=employee_id, status__in=ACTIVE_STATUSES
    )
    result: list[tuple[str, datetime.date]] = []
    for payload in pending.values_list("payload", flat=True):
        try:
            ask = parse_remote(payload)
        except DomainError:
            continue
        result.extend((ask.kind, day) for day in ask.days)
    return result


def _overlaps(
    ask: RemoteAsk, approved: dict[datetime.date, str], pending: Iterable[tuple[str, datetime.date]]
) -> list[FieldProblem]:
    problems = [
        FieldProblem("日付", f"{_jdate(d)}は既に{KIND_NAMES.get(approved[d], approved[d])}が承認されています")
        for d in ask.days
        if d in approved
    ]
    asked = set(ask.days)
    problems += [
        FieldProblem("日付", f"{_jdate(d)}は申請中の{KIND_NAMES.get(kind, kind)}と重なっています")
        for kind, d in sorted(pending, key=lambda p: p[1])
        if d in asked
    ]
    return problems


def _weekly_cap(
    days: list[datetime.date], cap: int, approved: Counter[datetime.date], pending: Counter[datetime.date]
) -> list[FieldProblem]:
    """At most ``cap`` 在宅 days in any week (月〜日), counting approved and pending days."""
    asked = Counter(_week_start(d) for d in days)
    problems = []
    for week, count in sorted(asked.items()):
        total = count + approved[week] + pending[week]
        if total > cap:
            detail = f"承認済み{approved[week]}日" + (f"・申請中{pending[week]}日" if pending[week] else "")
            problems.append(
                FieldProblem(
                    "日付",
                    f"{_jdate(week)}〜{_jdate(week + datetime.timedelta(days=6))}の週は在宅勤務が{total}日になり、"
                    f"上限(週{cap}日)を超えます({detail}、今回{count}日)",
                )
            )
    return problems


def _yearly_cap(
    days: list[datetime.date], cap: int, approved: Counter[int], pending: Counter[int]
) -> list[FieldProblem]:
    """At most ``cap`` ワーケーション days in a fiscal year (4月〜翌3月)."""
    asked = Counter(fiscal_year(d) for d in days)
    return [
        FieldProblem(
            "日付",
            f"{year}年度のワーケーションが{count + approved[year] + pending[year]}日になり、上限(年度{cap}日)を"
            f"超えます(承認済み・申請中{approved[year] + pending[year]}日、今回{count}日)",
        )
        for year, count in sorted(asked.items())
        if count + approved[year] + pending[year] > cap
    ]


def remote_work_check(*, organization_id: int, employee_id: int, ask: RemoteAsk, with_pending: bool) -> None:
    """Refuse overlapping days and breaking the caps (DomainError naming the date or week).

    ``with_pending``: also count applications awaiting approval (on submission); on 決裁 only the
    approved days count, since the application being approved is itself pending."""
    week_cap, year_cap = _caps(organization_id)
    first, last = ask.days[0], ask.days[-1]
    lo = min(_week_start(first), datetime.date(fiscal_year(first), 4, 1))
    hi = max(_week_start(last) + datetime.timedelta(days=6), datetime.date(fiscal_year(last) + 1, 3, 31))
    rows = RemoteWorkDay.objects.for_organization(organization_id).filter(employee_id=employee_id, day__range=(lo, hi))
    approved = dict(rows.values_list("day", "kind"))
    pending = _pending_days(organization_id, employee_id) if with_pending else []
    problems = _overlaps(ask, approved, pending)
    taken = set(approved) | {d for _, d in pending}
    new_days = [d for d in ask.days if d not in taken]  # an overlapping day is an error, not counted twice
    if ask.kind == LocationKind.HOME:
        problems += _weekly_cap(
            new_days,
            week_cap,
            Counter(_week_start(d) for d, k in approved.items() if k == LocationKind.HOME),
            Counter(_week_start(d) for k, d in pending if k == LocationKind.HOME),
        )
    elif year_cap is not None:
        problems += _yearly_cap(
            new_days,
            year_cap,
            Counter(fiscal_year(d) for d, k in approved.items() if k == LocationKind.WORKATION),
            Counter(fiscal_year(d) for k, d in pending if k == LocationKind.WORKATION),
        )
    if problems:
        raise DomainError(problems)


def remote_work_record(
    *, acting_user: User, employee_id: int, ask: RemoteAsk, application_id: int | None
) -> list[RemoteWorkDay]:
    """Record approved days; the employee's row is locked so concurrent approvals cannot break a cap."""
    org_id = acting_user.organization_id
    with transaction.atomic():
        locked = Employee.objects.for_organization(org_id).select_for_update().filter(pk=employee_id).first()
        if locked is None:
            raise DomainError([FieldProblem("職員", "申請者の職員が見つかりません")])
        remote_work_check(organization_id=org_id, employee_id=employee_id, ask=ask, with_pending=False)
        rows = [
            RemoteWorkDay(
                organization_id=org_id,
                employee_id=employee_id,
                day=day,
                kind=ask.kind,
                place=ask.place,
                contact=ask.contact,
                application_id=application_id,
            )
            for day in ask.days
        ]
        try:
            with transaction.atomic():
                created = RemoteWorkDay.objects.bulk_create(rows)
        except IntegrityError:
            raise DomainError(
                [FieldProblem("日付", "同じ日の在宅勤務・ワーケーションが既に記録されています")]
            ) from None
        audit_record(
            actor=acting_user,
            action=events.REMOTE_WORK_RECORDED,
            target_type="attendance.remoteworkday",
            target_id=str(employee_id),
            target_label=ask.label,
            organization_id=org_id,
            after={
                "employee": employee_id,
                "kind": ask.kind,
                "days": [d.isoformat() for d in ask.days],
                "place": ask.place,
                "application": application_id,
            },
        )
    return created
