"""時間外勤務の実績: the staff member enters the actual start and end of an approved order, then the
所属長 confirms it (実績確認, :func:`jinji.attendance.services.overtime.overtime_confirm`, which also
re-checks the caps when the actual exceeds the order). The 出勤簿 counts the confirmed actual."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import OvertimeActual, OvertimeOrder
from jinji.attendance.selectors.closes import is_month_closed
from jinji.attendance.services.overtime import overtime_confirm
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.rules.attendance import JST


def actual_span(
    day: datetime.date, start: datetime.time, end: datetime.time
) -> tuple[datetime.datetime, datetime.datetime]:
    """Wall-clock times on the order's business day; an end not after the start is the next morning."""
    starts_at = datetime.datetime.combine(day, start, JST)
    ends_at = datetime.datetime.combine(day, end, JST)
    if ends_at <= starts_at:
        ends_at += datetime.timedelta(days=1)
    return starts_at, ends_at


def _order(user: User, order_id: int) -> OvertimeOrder:
    order: OvertimeOrder | None = (
        OvertimeOrder.objects.for_organization(user.organization_id).select_for_update().filter(pk=order_id).first()
    )
    if order is None:
        raise DomainError([FieldProblem("命令", "時間外勤務命令が見つかりません")])
    return order


def overtime_actual_report(
    *, acting_user: User, order_id: int, start: datetime.time, end: datetime.time
) -> OvertimeActual:
    """本人 enters (or corrects, until the 所属長 confirms) the actual overtime of an order: wall-clock
    times on the order's business day (an end not after the start is the next morning)."""
    with transaction.atomic():
        order = _order(acting_user, order_id)
        if acting_user.employee_id is None or order.employee_id != acting_user.employee_id:
            raise NotPermitted([FieldProblem("命令", "自分の時間外勤務命令の実績のみ入力できます")])
        if order.confirmed_minutes is not None:
            raise DomainError([FieldProblem("命令", "所属長が実績を確認済みです。変更は修正申請で行ってください")])
        if is_month_closed(organization=order.organization_id, year=order.day.year, month=order.day.month,
                           employee_id=order.employee_id):  # fmt: skip
            raise DomainError([FieldProblem("勤務日", f"{order.day.year}年{order.day.month}月は勤怠締め済みです")])
        starts_at, ends_at = actual_span(order.day, start, end)
        actual: OvertimeActual
        actual, created = OvertimeActual.objects.update_or_create(
            organization_id=order.organization_id, order=order,
            defaults={"starts_at": starts_at, "ends_at": ends_at, "reported_by": acting_user,
                      "reported_at": timezone.now()},
        )  # fmt: skip
        audit_record(
            actor=acting_user, action=events.OVERTIME_ACTUAL_REPORTED, target=order,
            after={"starts_at": starts_at, "ends_at": ends_at, "minutes": actual.minutes, "created": created,
                   "ordered_minutes": order.ordered_minutes},
        )  # fmt: skip
    return actual


def overtime_actual_confirm(*, acting_user: User, order_id: int) -> OvertimeOrder:
    """所属長 confirms the staff member's reported actual as it stands."""
    with transaction.atomic():
        order = _order(acting_user, order_id)
        actual = OvertimeActual.objects.for_organization(order.organization_id).filter(order=order).first()
        if actual is None:
            raise DomainError(
                [FieldProblem("実績", "本人が実績を入力していません(所属長は時間で確認することもできます)")]
            )
        return overtime_confirm(acting_user=acting_user, order_id=order.pk, actual_minutes=actual.minutes)
