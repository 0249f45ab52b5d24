"""職員検索: search by 氏名・カナ・旧姓・職員番号, 所属, 任用区分 as of a date; htmx live results."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.accounts.decorators import require_role
from jinji.org.selectors import org_tree_flat
from jinji.personnel.selectors import employee_search
from jinji.personnel.views._common import (
    STAFF_LIST_ROLES,
    acting_user,
    is_htmx_partial,
    parse_date,
    parse_int,
    today,
)
from jinji.personnel.views.forms import StaffSearchForm

PAGE_SIZE = 50


@require_role(*STAFF_LIST_ROLES)
def staff_search(request: HttpRequest) -> HttpResponse:
    user = acting_user(request)
    on = parse_date(request.GET.get("on"), today()) or today()
    form = StaffSearchForm(request.GET or None, units=org_tree_flat(organization=user.organization_id, on=on))
    page = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        on = data["on"] or on
        page = employee_search(
            organization=user.organization_id,
            user=user,
            on=on,
            query=data["q"],
            unit_id=data["unit"],
            include_sub_units=data["include_sub_units"],
            appointment_type=data["appointment_type"] or None,
            include_inactive=data["include_inactive"],
            order_by=data["order"] or "staff_number",
            page=parse_int(request.GET.get("page"), 1) or 1,
            page_size=PAGE_SIZE,
        )
    elif not form.is_bound:
        page = employee_search(organization=user.organization_id, user=user, on=on, page_size=PAGE_SIZE)
    context = {"form": form, "page": page, "on": on}
    template = "personnel/_search_results.html" if is_htmx_partial(request) else "personnel/search.html"
    return render(request, template, context)
