"""REST: my leave balances, my leave requests, and a new request (submitted to the workflow).

Mounted at ``/api/attendance/leave``; same token auth and services as the 休暇 page."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.attendance.api_common import api_employee_id
from jinji.attendance.leave_requests import CODE, parse_leave
from jinji.attendance.models import LeaveKind
from jinji.attendance.selectors.leave import leave_balances, leave_uses_between
from jinji.workflow.selectors import my_applications
from jinji.workflow.services import instance_create

router = Router(auth=ApiTokenAuth())


class BalanceOut(Schema):
    kind: str
    kind_label: str
    days: int = Field(description="残日数")
    minutes: int = Field(description="残時間(分、1日未満の端数)")
    daily_minutes: int = Field(description="1日の時間(分)")
    used_minutes: int = Field(description="使用した時間の合計(分)")


class BalancesOut(Schema):
    on: datetime.date
    balances: list[BalanceOut]


class LeaveUseOut(Schema):
    kind: str
    on: datetime.date
    unit: str
    days: int
    minutes: int
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None


class LeaveApplicationOut(Schema):
    id: int
    subject: str
    status: str
    status_label: str
    submitted_at: datetime.datetime | None


class LeaveRequestsOut(Schema):
    recorded: list[LeaveUseOut] = Field(description="休暇簿に記録された使用(承認済み)")
    applications: list[LeaveApplicationOut] = Field(description="休暇の申請(新しい順、最大50件)")


class LeaveRequestIn(Schema):
    kind: str = Field(description="annual / sick / summer / bereavement / child_nursing / short_care")
    unit: str = Field(description="day(日) / half_day(半日) / hour(時間)")
    date: str = Field(description="開始日 (YYYY-MM-DD)")
    days: str = Field(default="1", description="日数(単位が日のとき)")
    half: str = Field(default="am", description="am / pm(単位が半日のとき)")
    start: str = Field(default="", description="開始時刻 HH:MM(単位が時間のとき)")
    hours: str = Field(default="", description="時間数(単位が時間のとき)")
    idempotency_key: str = Field(default="", max_length=64, description="再送時に二重申請しないための一意の値")


class LeaveRequestOut(Schema):
    application_id: int
    status: str
    subject: str


class YearQuery(Schema):
    year: int | None = Field(default=None, ge=2000, le=2100, description="暦年(既定: 今年)")


@router.get("/balances", response=BalancesOut, summary="自分の休暇の残日数", url_name="attendance_leave_balances_api")
def leave_balances_mine(request: HttpRequest) -> BalancesOut:
    user, eid = api_employee_id(request)
    today = timezone.localdate()
    rows = []
    for kind in LeaveKind:
        row = leave_balances(organization_id=user.organization_id, employee_ids=[eid], on=today, kind=kind).get(eid)
        if row is not None:
            b = row.balance
            rows.append(BalanceOut(kind=kind.value, kind_label=kind.label, days=b.days, minutes=b.minutes,
                                   daily_minutes=b.daily_minutes, used_minutes=row.used_minutes))  # fmt: skip
    return BalancesOut(on=today, balances=rows)


@router.get(
    "/requests", response=LeaveRequestsOut, summary="自分の休暇の申請と使用", url_name="attendance_leave_requests_api"
)
def leave_requests_mine(request: HttpRequest, filters: Query[YearQuery]) -> LeaveRequestsOut:
    user, eid = api_employee_id(request)
    year = filters.year or timezone.localdate().year
    uses = leave_uses_between(organization_id=user.organization_id, employee_ids=[eid],
                              first=datetime.date(year, 1, 1), last=datetime.date(year, 12, 31))  # fmt: skip
    page = my_applications(user=user, application_type=CODE)
    return LeaveRequestsOut(
        recorded=[
            LeaveUseOut(kind=u.account.kind, on=u.on, unit=u.unit, days=u.days, minutes=u.minutes,
                        starts_at=u.starts_at, ends_at=u.ends_at)
            for u in uses
        ],
        applications=[
            LeaveApplicationOut(id=a.id, subject=a.subject, status=a.status, status_label=a.status_label,
                                submitted_at=a.submitted_at)
            for a in page.items
        ],
    )  # fmt: skip


@router.post("/requests", response={201: LeaveRequestOut}, summary="休暇の申請(承認ルートへ提出)",
             url_name="attendance_leave_request_create_api")  # fmt: skip
def leave_request_create(request: HttpRequest, payload: LeaveRequestIn) -> Status[LeaveRequestOut]:
    """Checked like the form (balance, overlaps, closed month); the 所属長's approval writes the 休暇簿."""
    user, _ = api_employee_id(request)
    body = payload.model_dump(exclude={"idempotency_key"})
    ask = parse_leave(body, organization_id=user.organization_id)
    instance = instance_create(
        acting_user=user, application_type=CODE, subject=f"{ask.label}({ask.on.isoformat()})", payload=body,
        attributes={"days": ask.amount.days}, idempotency_key=payload.idempotency_key or None,
    )  # fmt: skip
    return Status(201, LeaveRequestOut(application_id=instance.pk, status=instance.status, subject=instance.subject))
