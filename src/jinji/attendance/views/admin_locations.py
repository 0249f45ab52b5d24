"""勤務場所・サテライトオフィスの管理 (人事担当・システム管理者): list, add and change."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance.models import OFFICE_KINDS, LocationKind, WorkLocation
from jinji.attendance.services.admin_access import ADMIN_ROLES
from jinji.attendance.services.admin_locations import parse_location, work_location_save
from jinji.core.errors import DomainError

FIELDS = ("kind", "name", "seats", "allowed_networks", "is_active")


def _id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


@require_http_methods(["GET", "POST"])
@require_role(*ADMIN_ROLES)
def locations(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    rows = WorkLocation.objects.for_organization(user.organization_id).order_by("kind", "name")
    form: dict[str, str] = {"kind": LocationKind.MAIN_OFFICE, "is_active": "1"}
    editing = _id(request.POST.get("location_id") if request.method == "POST" else request.GET.get("edit"))
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            saved = work_location_save(acting_user=user, location_id=editing, data=parse_location(form))
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, f"{saved}を保存しました")
            return redirect("attendance:admin_locations")
    elif editing is not None and (current := rows.filter(pk=editing).first()) is not None:
        form = {
            "kind": current.kind,
            "name": current.name,
            "seats": str(current.seats),
            "allowed_networks": current.allowed_networks,
            "is_active": "1" if current.is_active else "",
        }
    context = {
        "locations": list(rows),
        "form": form,
        "editing": editing,
        "kinds": [(k.value, k.label) for k in LocationKind if k in OFFICE_KINDS],
        "can_assign": has_role(user, (Role.HR,)),
    }
    return render(request, "attendance/admin_locations.html", context)
