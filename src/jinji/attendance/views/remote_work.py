"""在宅勤務・ワーケーション: the staff member's application form, approved and pending days (phone-friendly)."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jinji.accounts.models import User
from jinji.attendance.remote_work import CODE, parse_remote
from jinji.attendance.selectors.remote_work import policy_of, remote_days_between
from jinji.core.errors import DomainError
from jinji.workflow.services import instance_create

FIELDS = ("kind", "start", "end", "dates", "place", "contact", "reason")


def _submit(request: HttpRequest, user: User) -> None:
    payload = {name: request.POST.get(name, "").strip() for name in FIELDS}
    try:
        ask = parse_remote(payload)
        instance_create(
            acting_user=user,
            application_type=CODE,
            subject=ask.label,
            payload=payload,
            attributes={"days": len(ask.days)},
            idempotency_key=request.POST.get("idempotency_key", ""),
        )
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, str(problem))
    else:
        messages.success(request, "申請しました。所属長の承認後に打刻ページと出勤簿に反映されます")


@login_required
@require_http_methods(["GET", "POST"])
def my_remote_work(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if user.employee_id is None:
        return render(request, "attendance/no_employee.html", status=403)
    if request.method == "POST":
        _submit(request, user)
        return redirect("attendance:my_remote_work")
    today = timezone.localdate()
    days = remote_days_between(organization_id=user.organization_id, employee_id=user.employee_id,
                               first=today, last=today + datetime.timedelta(days=366))  # fmt: skip
    context = {
        "policy": policy_of(organization_id=user.organization_id),
        "days": list(days.values()),
        "today": today,
        "idempotency_key": uuid.uuid4().hex,
    }
    return render(request, "attendance/remote_work.html", context)
