"""超過勤務: my orders and the request form (staff); the unit dashboard (staff × months heat map,
staff near a cap, orders awaiting 実績確認) for 所属長・庶務担当・人事担当."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.attendance.overtime_orders import CODE, parse_overtime
from jinji.attendance.selectors.overtime import overtime_dashboard, overtime_orders_of
from jinji.attendance.services.overtime import overtime_confirm
from jinji.core.errors import DomainError
from jinji.workflow.services import instance_create

FIELDS = ("date", "start", "end", "reason", "exceptional_reason")
DASHBOARD_ROLES = (Role.UNIT_HEAD, Role.CLERK, Role.HR)


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for problem in exc.problems:
        messages.error(request, str(problem))


@login_required
@require_http_methods(["GET", "POST"])
def my_overtime(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.employee_id is None:
        return render(request, "attendance/no_employee.html", status=403)
    if request.method == "POST":
        payload = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            ask = parse_overtime(payload)
            instance_create(
                acting_user=user, application_type=CODE, subject=f"時間外勤務 {ask.day.isoformat()}", payload=payload,
                attributes={"minutes": ask.minutes}, idempotency_key=request.POST.get("idempotency_key", ""),
            )  # fmt: skip
        except DomainError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "時間外勤務を申請しました")
        return redirect("attendance:my_overtime")
    orders = overtime_orders_of(organization_id=user.organization_id, employee_id=user.employee_id,
                                on=timezone.localdate())  # fmt: skip
    return render(request, "attendance/my_overtime.html", {"orders": orders, "idempotency_key": uuid.uuid4().hex})


@require_GET
@require_role(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    data = overtime_dashboard(user=user, on=timezone.localdate())
    return render(request, "attendance/overtime_dashboard.html", {"data": data})


@require_POST
@require_role(Role.UNIT_HEAD)
def confirm(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    raw_order, raw_minutes = request.POST.get("order", ""), request.POST.get("actual_minutes", "")
    try:
        if not raw_order.isdigit() or not raw_minutes.isdigit():
            raise DomainError("実績(分)を0以上の整数で入力してください")
        overtime_confirm(acting_user=user, order_id=int(raw_order), actual_minutes=int(raw_minutes))
    except DomainError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "実績を確認しました")
    return redirect("attendance:overtime_dashboard")
