"""超過勤務: cap checks (rules.attendance.check_overtime_caps) over the fiscal year's orders, recording an
approved order with warnings as notifications, and the 所属長's confirmation of the actual time."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance import events
from jinji.attendance.models import OvertimeOrder, OvertimeUnit
from jinji.attendance.overtime_orders import OvertimeAsk
from jinji.attendance.selectors.closes import primary_unit_ids_on
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.models import as_of_q
from jinji.org.selectors import unit_descendant_ids
from jinji.rules.attendance import CapCheck, MonthOvertime, YearMonth, check_overtime_caps, overtime_caps
from jinji.workflow.models import Notification, NotificationKind, WorkflowInstance

HISTORY_MONTHS = 18


def _history(organization_id: int, employee_id: int, day: datetime.date, exclude_id: int | None) -> list[MonthOvertime]:
    since = datetime.date(day.year - 2, 1, 1)
    rows = OvertimeOrder.objects.for_organization(organization_id).filter(employee_id=employee_id, day__gte=since)
    if exclude_id is not None:
        rows = rows.exclude(pk=exclude_id)
    totals: dict[YearMonth, int] = defaultdict(int)
    for order in rows:
        totals[YearMonth(order.day.year, order.day.month)] += order.counted_minutes
    return [MonthOvertime(m, minutes) for m, minutes in sorted(totals.items())]


def is_designated(organization_id: int, employee_id: int, day: datetime.date) -> bool:
    unit = primary_unit_ids_on(organization=organization_id, employee_ids=[employee_id], on=day).get(employee_id)
    rows = OvertimeUnit.objects.for_organization(organization_id)
    return unit is not None and rows.filter(org_unit_id=unit, designated=True).exists()


def overtime_cap_check(
    *, organization_id: int, employee_id: int, ask: OvertimeAsk, exclude_id: int | None = None, add: int | None = None
) -> CapCheck:
    """The caps after adding the order; a violation without a 特例業務 reason is refused (DomainError)."""
    month = YearMonth(ask.day.year, ask.day.month)
    exceptional = bool(ask.exceptional_reason)
    check = check_overtime_caps(
        _history(organization_id, employee_id, ask.day, exclude_id),
        month=month,
        add_minutes=ask.minutes if add is None else add,
        designated=is_designated(organization_id, employee_id, ask.day),
        caps=overtime_caps(ask.day).data,
        exceptional_duty=exceptional,
        exceptional_reason=ask.exceptional_reason,
    )
    if not check.allowed:
        messages = "、".join(f.message for f in check.violations)
        raise DomainError(
            [
                FieldProblem(
                    "payload.exceptional_reason", f"{messages}。特例業務として命じる場合はその理由を入力してください"
                )
            ]
        )
    return check


def _notify_warnings(order: OvertimeOrder, instance: WorkflowInstance | None, check: CapCheck, actor: User) -> None:
    """Warnings (and 特例 violations) to the staff member, the approver and 人事担当."""
    if not check.findings:
        return
    hr = RoleGrant.objects.for_organization(order.organization_id).filter(as_of_q(order.day), role=Role.HR)
    recipients = {actor.pk, *(hr.values_list("user_id", flat=True))}
    if instance is not None and instance.applicant_id is not None:
        recipients.add(instance.applicant_id)
    text = "超過勤務の上限: " + " / ".join(f.message for f in check.findings)
    Notification.objects.bulk_create(
        Notification(organization_id=order.organization_id, recipient_id=uid, kind=NotificationKind.DECIDED,
                     instance=instance, message=text[:300])
        for uid in sorted(recipients)
    )  # fmt: skip


def overtime_order_record(*, acting_user: User, instance: WorkflowInstance, ask: OvertimeAsk) -> OvertimeOrder:
    """Record an approved order (effect of ``overtime_order``), re-checking the caps."""
    with transaction.atomic():
        employee_id = instance.applicant_employee_id
        check = overtime_cap_check(organization_id=instance.organization_id, employee_id=employee_id, ask=ask)
        order: OvertimeOrder = OvertimeOrder.objects.create(
            organization_id=instance.organization_id, employee_id=employee_id, day=ask.day, starts_at=ask.starts_at,
            ends_at=ask.ends_at, ordered_minutes=ask.minutes, exceptional_reason=ask.exceptional_reason,
            application_id=instance.pk,
        )  # fmt: skip
        _notify_warnings(order, instance, check, acting_user)
        audit_record(
            actor=acting_user, action=events.OVERTIME_ORDERED, target=order,
            after={"employee": employee_id, "day": ask.day, "minutes": ask.minutes,
                   "exceptional_reason": ask.exceptional_reason, "findings": [f.message for f in check.findings]},
        )  # fmt: skip
    return order


def overtime_confirm(*, acting_user: User, order_id: int, actual_minutes: int) -> OvertimeOrder:
    """実績確認 by the 所属長: the actual overtime worked against the order (may be less or, with a
    fresh cap check, more)."""
    if actual_minutes < 0:
        raise DomainError([FieldProblem("実績", "0分以上で入力してください")])
    with transaction.atomic():
        order: OvertimeOrder | None = (
            OvertimeOrder.objects.for_organization(acting_user.organization_id)
            .select_for_update()
            .filter(pk=order_id)
            .first()
        )
        if order is None:
            raise DomainError([FieldProblem("命令", "時間外勤務命令が見つかりません")])
        unit = primary_unit_ids_on(organization=order.organization_id, employee_ids=[order.employee_id], on=order.day)
        coverage = covered_unit_ids(acting_user, (Role.UNIT_HEAD,), on=order.day, descendants=unit_descendant_ids)
        if not coverage.covers(unit.get(order.employee_id, -1)):
            raise NotPermitted([FieldProblem("職員", "担当する所属の職員の実績のみ確認できます")])
        if actual_minutes > order.counted_minutes:
            ask = OvertimeAsk(order.day, order.starts_at, order.ends_at, "", order.exceptional_reason)
            overtime_cap_check(organization_id=order.organization_id, employee_id=order.employee_id, ask=ask,
                               exclude_id=order.pk, add=actual_minutes)  # fmt: skip
        before = order.confirmed_minutes
        order.confirmed_minutes, order.confirmed_at, order.confirmed_by = actual_minutes, timezone.now(), acting_user
        order.save(update_fields=["confirmed_minutes", "confirmed_at", "confirmed_by"])
        audit_record(
            actor=acting_user,
            action=events.OVERTIME_CONFIRMED,
            target=order,
            before={"confirmed_minutes": before},
            after={"confirmed_minutes": actual_minutes, "ordered_minutes": order.ordered_minutes},
        )
    return order
