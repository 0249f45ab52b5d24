"""REST: my overtime orders (with the actual and its confirmation), a new overtime request, the
staff member's actual, and the 所属長's 実績確認. Mounted at ``/api/attendance/overtime``."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.attendance.api_common import api_employee_id, api_user
from jinji.attendance.models import OvertimeOrder
from jinji.attendance.overtime_orders import CODE, parse_overtime
from jinji.attendance.selectors.overtime import overtime_orders_of
from jinji.attendance.selectors.sheet import actual_of
from jinji.attendance.services.overtime import overtime_confirm
from jinji.attendance.services.overtime_actual import overtime_actual_confirm, overtime_actual_report
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow.services import instance_create

router = Router(auth=ApiTokenAuth())


class OrderOut(Schema):
    id: int
    day: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    ordered_minutes: int
    actual_starts_at: datetime.datetime | None = Field(description="本人が入力した実績の開始")
    actual_ends_at: datetime.datetime | None = Field(description="本人が入力した実績の終了")
    confirmed_minutes: int | None = Field(description="所属長が確認した実績(分)。未確認は null")
    confirmed_at: datetime.datetime | None
    exceptional_reason: str


class OvertimeRequestIn(Schema):
    date: str = Field(description="勤務日 (YYYY-MM-DD)")
    start: str = Field(description="開始時刻 HH:MM")
    end: str = Field(description="終了時刻 HH:MM(開始以前なら翌日)")
    reason: str = Field(description="業務の内容")
    exceptional_reason: str = Field(default="", description="特例業務の理由(上限を超える場合)")
    idempotency_key: str = Field(default="", max_length=64)


class OvertimeRequestOut(Schema):
    application_id: int
    status: str
    subject: str


class ActualIn(Schema):
    start: str = Field(description="実績の開始時刻 HH:MM(勤務日の時刻)")
    end: str = Field(description="実績の終了時刻 HH:MM(開始以前なら翌日)")


class ConfirmIn(Schema):
    actual_minutes: int | None = Field(
        default=None, ge=0, le=24 * 60, description="確認する実績(分)。省略すると本人が入力した実績で確認"
    )


def order_out(order: OvertimeOrder) -> OrderOut:
    actual = actual_of(order)
    return OrderOut(
        id=order.pk, day=order.day, starts_at=order.starts_at, ends_at=order.ends_at,
        ordered_minutes=order.ordered_minutes, actual_starts_at=actual.starts_at if actual else None,
        actual_ends_at=actual.ends_at if actual else None, confirmed_minutes=order.confirmed_minutes,
        confirmed_at=order.confirmed_at, exceptional_reason=order.exceptional_reason,
    )  # fmt: skip


def _time(text: str, field: str) -> datetime.time:
    try:
        return datetime.time.fromisoformat(text)
    except ValueError:
        raise DomainError([FieldProblem(field, "HH:MM で入力してください")]) from None


@router.get("/orders", response=list[OrderOut], summary="自分の時間外勤務命令(今年度)",
            url_name="attendance_overtime_orders_api")  # fmt: skip
def overtime_orders_mine(request: HttpRequest) -> list[OrderOut]:
    user, eid = api_employee_id(request)
    orders = overtime_orders_of(organization_id=user.organization_id, employee_id=eid, on=timezone.localdate())
    return [order_out(o) for o in orders]


@router.post("/requests", response={201: OvertimeRequestOut}, summary="時間外勤務の申請(承認ルートへ提出)",
             url_name="attendance_overtime_request_create_api")  # fmt: skip
def overtime_request_create(request: HttpRequest, payload: OvertimeRequestIn) -> Status[OvertimeRequestOut]:
    """Checked against the caps on submission (a violation needs ``exceptional_reason``)."""
    user, _ = api_employee_id(request)
    body = payload.model_dump(exclude={"idempotency_key"})
    ask = parse_overtime(body)
    instance = instance_create(
        acting_user=user, application_type=CODE, subject=f"時間外勤務 {ask.day.isoformat()}", payload=body,
        attributes={"minutes": ask.minutes}, idempotency_key=payload.idempotency_key or None,
    )  # fmt: skip
    return Status(201, OvertimeRequestOut(application_id=instance.pk, status=instance.status, subject=instance.subject))


@router.post("/orders/{order_id}/actual", response=OrderOut, summary="時間外勤務の実績の入力(本人)",
             url_name="attendance_overtime_actual_api")  # fmt: skip
def overtime_actual(request: HttpRequest, order_id: int, payload: ActualIn) -> OrderOut:
    user = api_user(request)
    start, end = _time(payload.start, "start"), _time(payload.end, "end")
    return order_out(overtime_actual_report(acting_user=user, order_id=order_id, start=start, end=end).order)


@router.post("/orders/{order_id}/confirm", response=OrderOut, summary="時間外勤務の実績確認(所属長)",
             url_name="attendance_overtime_confirm_api")  # fmt: skip
def overtime_confirm_api(request: HttpRequest, order_id: int, payload: ConfirmIn) -> OrderOut:
    user = api_user(request)
    if payload.actual_minutes is None:
        order = overtime_actual_confirm(acting_user=user, order_id=order_id)
    else:
        order = overtime_confirm(acting_user=user, order_id=order_id, actual_minutes=payload.actual_minutes)
    return order_out(order)
