"""テレワーク・サテライトオフィスの利用状況 (所属長・庶務担当・人事担当): unit × month stacked bars and
satellite seat occupancy, as server-rendered SVG (no scripts, no inline styles)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.attendance.selectors.remote_dashboard import BAR_WIDTH, remote_dashboard
from jinji.rules.calendar import fiscal_year

DASHBOARD_ROLES = (Role.UNIT_HEAD, Role.CLERK, Role.HR)


@require_GET
@require_role(*DASHBOARD_ROLES)
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    today = timezone.localdate()
    current = fiscal_year(today)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and current - 10 <= int(raw) <= current + 1 else current
    data = remote_dashboard(user=user, fiscal_year=year, on=today)
    context = {"data": data, "bar_width": BAR_WIDTH, "prev": year - 1, "next": year + 1 if year <= current else None}
    return render(request, "attendance/remote_dashboard.html", context)
