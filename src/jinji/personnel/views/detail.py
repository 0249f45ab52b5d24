"""職員の詳細: the record as of a date, with the timeline of its history."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.personnel.links import employee_links
from jinji.personnel.permissions import employee_access
from jinji.personnel.selectors import employee_detail, employee_timeline
from jinji.personnel.selectors_web import employee_get
from jinji.personnel.views._common import acting_user, parse_date, today


@login_required
def employee_detail_page(request: HttpRequest, employee_id: int) -> HttpResponse:
    """Anyone whose scope reaches the employee (own record, unit, HR, payroll); 404 otherwise."""
    user = acting_user(request)
    on = parse_date(request.GET.get("on"), today()) or today()
    detail = employee_detail(
        organization=user.organization_id,
        user=user,
        employee_id=employee_id,
        on=on,
        reveal_bank_accounts=request.GET.get("reveal") == "bank",
    )
    if detail is None:
        raise Http404("職員が見つかりません。")
    timeline = employee_timeline(organization=user.organization_id, user=user, employee_id=employee_id, on=on) or []
    employee = employee_get(organization=user.organization_id, employee_id=employee_id)
    if employee is None:
        raise Http404("職員が見つかりません。")
    access = employee_access(user, employee, on=on)
    links = employee_links(employee=employee, user=user, on=on)
    context = {"e": detail, "timeline": timeline, "on": on, "access": access, "links": links}
    return render(request, "personnel/detail.html", context)
