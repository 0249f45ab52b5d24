"""就業管理の設定 (人事担当・システム管理者): 年次休暇の付与日, 在宅勤務・ワーケーションの上限."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance.models import GrantBasisChoice
from jinji.attendance.selectors.remote_work import policy_of
from jinji.attendance.services.admin_access import ADMIN_ROLES
from jinji.attendance.services.admin_policy import attendance_policy_save, parse_policy
from jinji.core.errors import DomainError

FIELDS = ("grant_basis", "telework_max_days_per_week", "workation_max_days_per_year")


@require_http_methods(["GET", "POST"])
@require_role(*ADMIN_ROLES)
def policy(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            attendance_policy_save(acting_user=user, data=parse_policy(form))
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, "就業管理の設定を保存しました")
            return redirect("attendance:admin_policy")
    else:
        current = policy_of(organization_id=user.organization_id)
        yearly = current.workation_max_days_per_year
        form = {
            "grant_basis": current.grant_basis,
            "telework_max_days_per_week": str(current.telework_max_days_per_week),
            "workation_max_days_per_year": "" if yearly is None else str(yearly),
        }
    context = {"form": form, "bases": GrantBasisChoice.choices, "can_assign": has_role(user, (Role.HR,))}
    return render(request, "attendance/admin_policy.html", context)
