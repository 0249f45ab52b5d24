"""休暇: my balance and requests (staff, phone-friendly), the request form, the 5-day uptake report."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.attendance.leave_requests import CODE, parse_leave
from jinji.attendance.models import LeaveKind
from jinji.attendance.selectors.leave import leave_balances, leave_uses_between, sick_leave_status_of
from jinji.attendance.selectors.uptake import uptake_by_unit, uptake_report
from jinji.core.errors import DomainError
from jinji.workflow.services import instance_create

FIELDS = ("kind", "unit", "date", "days", "half", "start", "hours")


def _submit(request: HttpRequest, user: User) -> None:
    payload = {name: request.POST.get(name, "") for name in FIELDS}
    try:
        ask = parse_leave(payload, organization_id=user.organization_id)
        instance_create(
            acting_user=user,
            application_type=CODE,
            subject=f"{ask.label}({ask.on.isoformat()})",
            payload=payload,
            attributes={"days": ask.amount.days},
            idempotency_key=request.POST.get("idempotency_key", ""),
        )
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, str(problem))
    else:
        messages.success(request, "休暇を申請しました。所属長の承認後に休暇簿に記録されます")


@login_required
@require_http_methods(["GET", "POST"])
def my_leave(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.employee_id is None:
        return render(request, "attendance/no_employee.html", status=403)
    if request.method == "POST":
        _submit(request, user)
        return redirect("attendance:my_leave")
    today = timezone.localdate()
    balance = leave_balances(organization_id=user.organization_id, employee_ids=[user.employee_id], on=today)
    uses = leave_uses_between(
        organization_id=user.organization_id, employee_ids=[user.employee_id],
        first=today.replace(month=1, day=1), last=today.replace(month=12, day=31),
    )  # fmt: skip
    context = {
        "balance": balance.get(user.employee_id), "uses": uses, "kinds": LeaveKind.choices,
        "today": today, "idempotency_key": uuid.uuid4().hex,
        "sick": sick_leave_status_of(organization_id=user.organization_id, employee_id=user.employee_id, on=today),
    }  # fmt: skip
    return render(request, "attendance/my_leave.html", context)


@require_GET
@require_role(Role.UNIT_HEAD, Role.CLERK, Role.HR)
def uptake(request: HttpRequest) -> HttpResponse:
    """年5日の取得状況 of the staff the user covers."""
    user = request.user
    assert isinstance(user, User)
    today = timezone.localdate()
    rows = uptake_report(user=user, on=today)
    return render(request, "attendance/uptake.html", {"rows": rows, "units": uptake_by_unit(user=user, on=today)})
