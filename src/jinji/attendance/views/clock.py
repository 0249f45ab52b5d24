"""打刻ページ (staff, phone-first) and 代理入力 (庶務担当). Views parse, call the service, render."""

from __future__ import annotations

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.attendance.models import OFFICE_KINDS, ClockKind, LocationKind
from jinji.attendance.selectors.clock import active_locations, punches_on
from jinji.attendance.selectors.remote_work import remote_day_on
from jinji.attendance.services.clock import PunchRequest, clock_punch
from jinji.core.errors import DomainError, FieldProblem
from jinji.core.requestinfo import current_ip
from jinji.personnel.models import Employee
from jinji.rules.attendance import JST


def _int_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _punch_from_post(request: HttpRequest, employee: Employee, **extra: object) -> PunchRequest:
    post = request.POST
    kind = post.get("location_kind", "")
    location_id = _int_or_none(post.get(f"location_{kind}")) if kind in OFFICE_KINDS else None
    return PunchRequest(
        employee_id=employee.pk,
        kind=post.get("kind", ""),
        location_kind=kind,
        location_id=location_id,
        location_note=post.get("location_note", ""),
        idempotency_key=post.get("idempotency_key", ""),
        client_ip=current_ip(),
        **extra,  # type: ignore[arg-type]
    )


def _clock_context(user: User, employee: Employee) -> dict[str, object]:
    today = timezone.localdate()
    locations = active_locations(organization_id=user.organization_id)
    planned = remote_day_on(organization_id=user.organization_id, employee_id=employee.pk, day=today)
    return {
        "today": today,
        "planned": planned,
        "preselect": planned.kind if planned is not None else LocationKind.MAIN_OFFICE.value,
        "punches": punches_on(organization_id=user.organization_id, employee_id=employee.pk, day=today),
        "location_kinds": LocationKind.choices,
        "locations_by_kind": {k: [loc for loc in locations if loc.kind == k] for k in OFFICE_KINDS},
        "idempotency_key": uuid.uuid4().hex,
        "kinds": ClockKind,
    }


@login_required
@require_http_methods(["GET", "POST"])
def clock(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    employee = user.employee
    if employee is None:
        return render(request, "attendance/no_employee.html", status=403)
    if request.method == "POST":
        try:
            result = clock_punch(acting_user=user, request=_punch_from_post(request, employee))
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, result.message)
        return redirect("attendance:clock")
    return render(request, "attendance/clock.html", _clock_context(user, employee))


def _proxy_time(request: HttpRequest) -> datetime.datetime | None:
    raw = request.POST.get("at", "")
    try:
        naive = datetime.datetime.fromisoformat(raw)
    except ValueError:
        return None
    return naive.replace(tzinfo=JST) if naive.tzinfo is None else naive


@require_http_methods(["GET", "POST"])
@require_role(Role.CLERK)
def proxy_clock(request: HttpRequest) -> HttpResponse:
    """庶務担当の代理入力: 職員番号, 出勤/退勤, 時刻, 理由."""
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        staff_number = request.POST.get("staff_number", "").strip()
        employee = Employee.objects.for_organization(user.organization_id).filter(staff_number=staff_number).first()
        at = _proxy_time(request)
        try:
            if employee is None:
                raise DomainError([FieldProblem("職員番号", "該当する職員がいません")])
            if at is None:
                raise DomainError([FieldProblem("時刻", "日時を入力してください(例: 2026-04-01T08:30)")])
            reason = request.POST.get("reason", "")
            result = clock_punch(acting_user=user, request=_punch_from_post(request, employee, at=at, reason=reason))
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, f"{employee.staff_number}: {result.message}")
        return redirect("attendance:proxy_clock")
    context = {
        "location_kinds": LocationKind.choices,
        "locations_by_kind": {
            k: [loc for loc in active_locations(organization_id=user.organization_id) if loc.kind == k]
            for k in OFFICE_KINDS
        },
        "idempotency_key": uuid.uuid4().hex,
    }
    return render(request, "attendance/proxy_clock.html", context)
