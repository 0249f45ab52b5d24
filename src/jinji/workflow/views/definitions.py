"""承認ルートの管理 (人事担当・システム管理者): the list, and editing a route as a new version."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role
from jinji.core.errors import DomainError
from jinji.workflow.registry import application_types, get_application_type
from jinji.workflow.selectors import definition_list, definition_spec
from jinji.workflow.services import definition_publish
from jinji.workflow.validation import validate_definition
from jinji.workflow.views import definition_form as df
from jinji.workflow.views._common import acting_user

MANAGER_ROLES = (Role.HR, Role.SYSADMIN)


@require_role(*MANAGER_ROLES)
def definition_list_page(request: HttpRequest) -> HttpResponse:
    """Every registered application type with its route (or none yet)."""
    routes = {d.application_type: d for d in definition_list()}
    rows = [(t, routes.get(t.code)) for t in application_types()]
    return render(request, "workflow/definition_list.html", {"rows": rows})


@require_role(*MANAGER_ROLES)
def definition_edit(request: HttpRequest, application_type: str) -> HttpResponse:
    """GET: the route in force as editable rows. POST: validate and publish as the next version."""
    user = acting_user(request)
    try:
        app_type = get_application_type(application_type)
    except DomainError:
        raise Http404("申請種別が見つかりません。") from None
    if request.method == "POST":
        form = df.form_from_post(request.POST)
        spec = df.spec_from_form(form, df.user_ids_for(user.organization_id, df.named_users(form)))
        if form.has_errors:  # unreadable inputs: still show every other problem at once
            df.place_problems(
                form,
                validate_definition(organization_id=user.organization_id, application_type=app_type.code, spec=spec),
            )
        else:
            try:
                version = definition_publish(acting_user=user, application_type=app_type.code, spec=spec)
            except DomainError as error:
                df.place_problems(form, list(error.problems))
            else:
                messages.success(request, f"{app_type.label}の承認ルート(第{version.number}版)を公開しました。")
                return HttpResponseRedirect(reverse("workflow:definition_list"))
    else:
        current = definition_spec(application_type=app_type.code)
        form = df.form_from_spec(current, df.usernames_for(df.spec_user_ids(current)))
    context = {
        "app_type": app_type,
        "form": form,
        "step_kinds": df.STEP_KINDS,
        "approver_kinds": df.APPROVER_KINDS,
        "roles": df.ROLES,
        "ops": df.OPS,
        "attributes": list(app_type.attributes.items()),
    }
    return render(request, "workflow/definition_edit.html", context, status=400 if form.has_errors else 200)
