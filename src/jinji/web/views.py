"""Home page per role and the 和暦 display toggle."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from jinji.accounts.models import Role, User
from jinji.accounts.scope import grants_on
from jinji.org.selectors import unit_infos
from jinji.personnel.models import ActionStatus
from jinji.personnel.selectors import action_batch_list, action_list, action_views, employee_detail, org_unit_members
from jinji.personnel.selectors_web import hr_dashboard_counts
from jinji.web.context_processors import WAREKI_SESSION_KEY
from jinji.web.roles import request_roles

UPCOMING_LIMIT = 10
UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)


def _own_profile(user: User, on: Any) -> Any:
    if user.employee_id is None:
        return None
    return employee_detail(organization=user.organization_id, user=user, employee_id=user.employee_id, on=on)


def _my_units(user: User, on: Any) -> list[dict[str, Any]]:
    """The units of the user's 所属長・庶務担当 grants with their members (one block per granted unit)."""
    grants = [g for g in grants_on(user, on=on) if g.role in UNIT_ROLES and g.org_unit_id is not None]
    unit_ids = sorted({g.org_unit_id for g in grants if g.org_unit_id is not None})
    if not unit_ids:
        return []
    infos = unit_infos(organization=user.organization_id, on=on, unit_ids=unit_ids)
    blocks = []
    for unit_id in unit_ids:
        if unit_id not in infos:
            continue
        sub = any(g.include_descendants for g in grants if g.org_unit_id == unit_id)
        members = org_unit_members(
            organization=user.organization_id, user=user, unit_id=unit_id, on=on, include_sub_units=sub
        )
        blocks.append({"unit": infos[unit_id], "members": members, "include_sub_units": sub})
    return blocks


def _hr_overview(user: User, on: Any) -> dict[str, Any]:
    upcoming = list(
        action_list(organization=user.organization_id, status=ActionStatus.APPLIED).filter(effective_on__gt=on)[
            :UPCOMING_LIMIT
        ]
    )
    return {
        "counts": hr_dashboard_counts(organization=user.organization_id, user=user, on=on),
        "upcoming": list(zip(upcoming, action_views(organization=user.organization_id, actions=upcoming), strict=True)),
        "batches": list(action_batch_list(organization=user.organization_id, status=ActionStatus.DRAFT)[:5]),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One page, sections by the roles held today: own record, own units, HR overview, links."""
    user = request.user
    assert isinstance(user, User)
    on = timezone.localdate()
    roles = request_roles(request)
    context: dict[str, Any] = {"on": on, "roles": {r.value for r in roles}}
    if Role.STAFF in roles:
        context["profile"] = _own_profile(user, on)
    if roles & set(UNIT_ROLES):
        context["unit_blocks"] = _my_units(user, on)
    if Role.HR in roles:
        context["hr"] = _hr_overview(user, on)
    return render(request, "web/home.html", context)


@require_POST
@login_required
def toggle_wareki(request: HttpRequest) -> HttpResponse:
    """Switch the per-user 和暦 display (kept in the session) and go back."""
    request.session[WAREKI_SESSION_KEY] = not request.session.get(WAREKI_SESSION_KEY, False)
    target = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        target = "/"
    return HttpResponseRedirect(target)
