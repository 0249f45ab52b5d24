"""休暇簿 writes: yearly grants (``jinji leave-grant --year``) and recording an approved use under
the account's row lock, never past the balance and never overlapping another leave."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance import events
from jinji.attendance.leave_requests import LeaveAsk
from jinji.attendance.models import (
    AttendancePolicy,
    EntryKind,
    GrantBasisChoice,
    LeaveAccount,
    LeaveEntry,
    LeaveKind,
)
from jinji.attendance.selectors.leave import STANDARD_DAILY_MINUTES, ledger_event
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind
from jinji.rules.attendance import JST
from jinji.rules.errors import InvalidArgument
from jinji.rules.leave import (
    AnnualLeaveRules,
    GrantBasis,
    LeaveUse,
    ProportionalGrantTable,
    annual_grant_days,
    annual_leave_rules,
    apply_ledger,
    continuous_service_months,
    leave_year_end,
    proportional_grant_days,
    proportional_grant_table,
)


def _account(org_id: int, employee_id: int, kind: str, *, lock: bool) -> LeaveAccount:
    accounts = LeaveAccount.objects.for_organization(org_id)
    if lock:
        accounts = accounts.select_for_update()
    account: LeaveAccount | None = accounts.filter(employee_id=employee_id, kind=kind).first()
    if account is None:
        try:
            with transaction.atomic():
                account = LeaveAccount.objects.create(
                    organization_id=org_id, employee_id=employee_id, kind=kind, daily_minutes=STANDARD_DAILY_MINUTES
                )
        except IntegrityError:
            account = accounts.get(employee_id=employee_id, kind=kind)
    assert account is not None
    return account


def _time(moment: datetime.datetime) -> str:
    return moment.astimezone(JST).strftime("%Y-%m-%d %H:%M")


def leave_check(*, organization_id: int, employee_id: int, ask: LeaveAsk, account: LeaveAccount | None = None) -> None:
    """Refuse an overlap with a recorded leave, or an annual leave beyond the balance (DomainError)."""
    uses = LeaveEntry.objects.for_organization(organization_id).filter(employee_id=employee_id)
    clash = (
        uses.filter(entry_kind=EntryKind.USE, starts_at__lt=ask.ends_at, ends_at__gt=ask.starts_at)
        .order_by("starts_at")
        .first()
    )
    if clash is not None and clash.starts_at is not None and clash.ends_at is not None:
        raise DomainError(
            [
                FieldProblem(
                    "payload.date", f"既に休暇 ({_time(clash.starts_at)}〜{_time(clash.ends_at)}) と重なっています"
                )
            ]
        )
    if ask.kind != LeaveKind.ANNUAL:
        return
    account = account or _account(organization_id, employee_id, ask.kind, lock=False)
    entries = [ledger_event(e) for e in uses.filter(account_id=account.pk)]
    try:
        apply_ledger([*entries, LeaveUse(ask.on, ask.amount, ask.unit)], daily_minutes=account.daily_minutes)
    except InvalidArgument as exc:
        raise DomainError([FieldProblem("payload.unit", str(exc))]) from None


def leave_use_record(*, acting_user: User, employee_id: int, ask: LeaveAsk, application_id: int | None) -> LeaveEntry:
    """Record an approved use; the 休暇簿 row is locked so concurrent approvals cannot overdraw it."""
    org_id = acting_user.organization_id
    with transaction.atomic():
        account = _account(org_id, employee_id, ask.kind, lock=True)
        leave_check(organization_id=org_id, employee_id=employee_id, ask=ask, account=account)
        entry: LeaveEntry = LeaveEntry.objects.create(
            organization_id=org_id, account=account, employee_id=employee_id, entry_kind=EntryKind.USE, on=ask.on,
            days=ask.amount.days, minutes=ask.amount.minutes, unit=ask.unit.value, starts_at=ask.starts_at,
            ends_at=ask.ends_at, application_id=application_id,
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.LEAVE_RECORDED, target=entry, target_label=ask.label,
            after={"employee": employee_id, "kind": ask.kind, "on": ask.on, "days": ask.amount.days,
                   "minutes": ask.amount.minutes, "application": application_id},
        )  # fmt: skip
    return entry


def _basis(org_id: int) -> GrantBasis:
    policy = AttendancePolicy.objects.for_organization(org_id).first()
    fiscal = policy is not None and policy.grant_basis == GrantBasisChoice.FISCAL
    return GrantBasis.FISCAL if fiscal else GrantBasis.CALENDAR


FISCAL_YEAR_TYPES = frozenset({AppointmentType.FISCAL_YEAR_FULL, AppointmentType.FISCAL_YEAR_PART})


@dataclass(frozen=True, slots=True)
class _Year:
    start: datetime.date
    basis: GrantBasis
    rules: AnnualLeaveRules
    proportional: ProportionalGrantTable


def leave_grant_year(*, acting_user: User, year: int) -> int:
    """年次休暇の付与 for the leave year starting in ``year`` (1/1 or 4/1 per the organization): 20 days,
    pro-rated in the year of hire; 会計年度任用職員 by the statutory proportional table (weekly hours and
    length of service); the carry-over (≤ 20日) before it. Runs again safely. Returns grants made."""
    if not has_role(acting_user, (Role.HR,)):
        raise NotPermitted([FieldProblem("", "年次休暇の付与は人事担当のみ行えます")])
    org_id = acting_user.organization_id
    basis = _basis(org_id)
    start = datetime.date(year, 1 if basis is GrantBasis.CALENDAR else 4, 1)
    end = leave_year_end(start)
    ctx = _Year(start, basis, annual_leave_rules(start).data, proportional_grant_table(start).data)
    posts = {
        a.employee_id: a
        for a in Assignment.objects.for_organization(org_id)
        .filter(as_of_q(end), kind=AssignmentKind.PRIMARY, employee__hired_on__lte=end)
        .select_related("employee")
    }
    made = 0
    with transaction.atomic():
        for post in posts.values():
            made += _grant_one(org_id, post, ctx)
        audit_record(
            actor=acting_user, action=events.LEAVE_GRANTED, target_type="attendance.leaveentry",
            after={"year": year, "basis": basis.value, "granted": made}, organization_id=org_id,
        )  # fmt: skip
    return made


def weekly_days_of(weekly_minutes: int) -> int:
    """週の勤務日数, estimated from the weekly hours at 7時間45分 a day (rounded up, 1–5) ❓: the 任用 record
    has no weekly days; a ScheduleAssignment's weekdays would be exact."""
    return min(5, max(1, -(-weekly_minutes // STANDARD_DAILY_MINUTES)))


def _days(post: Assignment, granted_on: datetime.date, ctx: _Year) -> int:
    employee = post.employee
    if post.appointment_type in FISCAL_YEAR_TYPES:
        months = continuous_service_months(employee.hired_on, granted_on)
        return proportional_grant_days(
            ctx.proportional, service_months=months, weekly_minutes=post.weekly_minutes,
            weekly_days=weekly_days_of(post.weekly_minutes),
        )  # fmt: skip
    return annual_grant_days(ctx.rules, year_start=ctx.start, hired_on=employee.hired_on, basis=ctx.basis)


def _grant_one(org_id: int, post: Assignment, ctx: _Year) -> int:
    employee = post.employee
    account = _account(org_id, employee.pk, LeaveKind.ANNUAL, lock=True)
    granted_on = max(ctx.start, employee.hired_on)
    entries = LeaveEntry.objects.for_organization(org_id).filter(account=account)
    if entries.filter(entry_kind=EntryKind.GRANT, on=granted_on).exists():
        return 0
    days = _days(post, granted_on, ctx)
    if ctx.start > employee.hired_on:
        cap = ctx.rules.carry_over_max_days
        LeaveEntry.objects.create(organization_id=org_id, account=account, employee=employee,
                                  entry_kind=EntryKind.CARRY_OVER, on=ctx.start, days=cap)  # fmt: skip
    if not days:
        return 0
    expires = leave_year_end(ctx.start, years=ctx.rules.valid_years)
    LeaveEntry.objects.create(organization_id=org_id, account=account, employee=employee, entry_kind=EntryKind.GRANT,
                              on=granted_on, days=days, expires_on=expires, note="年次休暇")  # fmt: skip
    return 1
