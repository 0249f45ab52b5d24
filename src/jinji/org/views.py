"""Screens of the organization master that need nothing from personnel: a unit's history, 組織改正.

The 組織図 with member counts lives in :mod:`jinji.personnel.views.org_chart` (it reads staff).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.org.selectors import reorganization_list, unit_history, unit_path_names


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)  # behind login_required / require_role
    return user


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """組織の沿革: every version of one unit (name, level, parent) with its period."""
    user = _user(request)
    versions = unit_history(organization=user.organization_id, unit_id=unit_id)
    if not versions:
        raise Http404("組織が見つかりません。")
    rows = [
        (
            v,
            unit_path_names(organization=user.organization_id, on=v.version_valid_from, unit_ids=[v.parent_id]).get(
                v.parent_id, ""
            )
            if v.parent_id is not None
            else "",
        )
        for v in versions
    ]
    return render(request, "org/unit_detail.html", {"unit": versions[-1], "rows": rows})


@require_role(Role.HR)
def reorganizations(request: HttpRequest) -> HttpResponse:
    """組織改正 prepared and past, newest first."""
    user = _user(request)
    items = reorganization_list(organization=user.organization_id)[:200]
    return render(request, "org/reorganization_list.html", {"items": items})
