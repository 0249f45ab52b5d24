"""申請・届出: choose the type → the form (with files) → submit; 代理入力 by 庶務担当; 修正して再申請."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.applications.attachments import max_bytes
from jinji.applications.forms import FORMS, ApplyForm, DependentsForm
from jinji.applications.kinds import KINDS, Kind
from jinji.applications.kinds import dependents as dependents_kind
from jinji.applications.services.submission import application_resubmit, application_submit
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.personnel.selectors import employee_by_staff_number, employee_detail
from jinji.workflow.models import InstanceStatus, WorkflowInstance

PROXY_ROLES = frozenset({Role.CLERK, Role.HR})
NOT_IN_SCOPE = "この職員番号の職員は見つからないか、代理入力の権限がありません"


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _kind(code: str) -> Kind:
    kind = KINDS.get(code)
    if kind is None:
        raise Http404("申請種別が見つかりません。")
    return kind


@login_required
def choose(request: HttpRequest) -> HttpResponse:
    """The types with what each is for; 庶務担当 also give the 職員番号 of whom they enter for."""
    user = _user(request)
    can_proxy = has_role(user, PROXY_ROLES)
    code, staff = request.GET.get("type", ""), request.GET.get("staff", "").strip()
    if can_proxy and code in KINDS and staff:
        return HttpResponseRedirect(f"{reverse('applications:apply', args=[code])}?staff={staff}")
    context = {"kinds": list(KINDS.values()), "can_proxy": can_proxy, "can_apply": user.employee_id is not None}
    return render(request, "applications/choose.html", context)


def _applicant(user: User, staff: str) -> tuple[int | None, str]:
    """(employee id, name) of the person the application is for: a proxy's target, or the user."""
    if not staff:
        return user.employee_id, ""
    found = employee_by_staff_number(organization=user.organization_id, staff_number=staff)
    if found is None:
        return None, ""
    return found.pk, found.working_name


def _current_dependants(user: User, employee_id: int | None) -> list[tuple[int, str]]:
    if employee_id is None:
        return []
    detail = employee_detail(
        organization=user.organization_id, user=user, employee_id=employee_id, on=timezone.localdate()
    )
    if detail is None:
        return []
    return [(d.id, f"{d.name}({d.relationship_label}・{d.birth_date.isoformat()}生)") for d in detail.dependents]


def _form(
    kind: Kind, data: Any, files: Any, *, initial: dict[str, Any], current: list[tuple[int, str]], fixing: bool = False
) -> ApplyForm:
    form_class = FORMS[kind.code]
    extra: dict[str, Any] = {"current": current} if form_class is DependentsForm else {}
    form = form_class(data, files, initial=initial, kind=kind, max_mb=max_bytes() // (1024 * 1024), **extra)
    if fixing:
        form.fields["attachments"].required = False
        form.fields["attachments"].label = "追加する添付書類"
    return form


def put_problems(form: ApplyForm, problems: list[FieldProblem]) -> None:
    """Show the service's problems next to their fields (the form itself checks nothing)."""
    form._errors = ErrorDict()  # type: ignore[attr-defined]  # errors come from the service, not form validation
    form.cleaned_data = {}
    for problem in problems:
        name = form.field_for(problem.field)
        form.add_error(name, problem.message if name else str(problem.message))


def _effective_on(form: ApplyForm, raw: str) -> tuple[datetime.date | None, list[FieldProblem]]:
    if not raw.strip():
        return None, []
    try:
        return datetime.date.fromisoformat(raw.strip()), []
    except ValueError:
        return None, [FieldProblem("effective_on", "発効日は日付(例: 2026-04-01)で入力してください")]


def _render(request: HttpRequest, form: ApplyForm, kind: Kind, **extra: Any) -> HttpResponse:
    context = {"form": form, "kind": kind, **extra}
    return render(request, "applications/apply.html", context, status=400 if form.is_bound and form.errors else 200)


@login_required
def apply(request: HttpRequest, code: str) -> HttpResponse:
    """GET the form (``?staff=`` for 代理入力); POST submits it once (idempotency key in the form)."""
    user = _user(request)
    kind = _kind(code)
    staff = (request.POST.get("staff") or request.GET.get("staff") or "").strip()
    if staff and not has_role(user, PROXY_ROLES):
        staff = ""
    employee_id, proxy_name = _applicant(user, staff)
    current = _current_dependants(user, employee_id) if kind.code == dependents_kind.CODE else []
    if request.method != "POST":
        initial = {"idempotency_key": secrets.token_urlsafe(24), "effective_on": timezone.localdate()}
        form = _form(kind, None, None, initial=initial, current=current)
        return _render(request, form, kind, staff=staff, proxy_name=proxy_name, missing=staff and employee_id is None)
    form = _form(kind, request.POST, request.FILES, initial={}, current=current)
    on, problems = _effective_on(form, request.POST.get("effective_on", ""))
    if staff and employee_id is None:
        problems.append(FieldProblem("applicant", NOT_IN_SCOPE))
    if not problems:
        try:
            instance = application_submit(
                acting_user=user,
                application_type=kind.code,
                payload=form.payload(request.POST),
                effective_on=on,
                files=request.FILES.getlist("attachments"),
                idempotency_key=request.POST.get("idempotency_key"),
                applicant_employee_id=employee_id if staff else None,
            )
        except NotPermitted:
            problems.append(FieldProblem("applicant", NOT_IN_SCOPE))
        except DomainError as error:
            problems.extend(error.problems)
        else:
            messages.success(request, f"{kind.label}を申請しました。")
            return HttpResponseRedirect(reverse("workflow:application_detail", args=[instance.pk]))
    put_problems(form, problems)
    return _render(request, form, kind, staff=staff, proxy_name=proxy_name, missing=False)


def _version(raw: str | None, default: int) -> int:
    return int(raw) if raw and raw.isdigit() else default


@login_required
def fix(request: HttpRequest, instance_id: int) -> HttpResponse:
    """修正して再申請: a sent-back application's form, filled in with what was sent."""
    user = _user(request)
    instance = WorkflowInstance.objects.filter(pk=instance_id).first()
    if (
        instance is None
        or instance.application_type not in KINDS
        or user.pk not in (instance.applicant_id, instance.entered_by_id)
    ):
        raise Http404("申請が見つかりません。")
    kind = KINDS[instance.application_type]
    if instance.status != InstanceStatus.SENT_BACK:
        messages.error(request, "差し戻された申請だけを修正して再申請できます。")
        return HttpResponseRedirect(reverse("workflow:application_detail", args=[instance.pk]))
    current = _current_dependants(user, instance.applicant_employee_id) if kind.code == dependents_kind.CODE else []
    if request.method != "POST":
        form_class = FORMS[kind.code]
        probe = form_class(kind=kind, max_mb=1, **({"current": current} if form_class is DependentsForm else {}))
        initial = {**probe.initial_from(instance.payload), "effective_on": instance.effective_on}
        form = _form(kind, None, None, initial=initial, current=current, fixing=True)
        return _render(request, form, kind, fixing=instance)
    form = _form(kind, request.POST, request.FILES, initial={}, current=current, fixing=True)
    on, problems = _effective_on(form, request.POST.get("effective_on", ""))
    if not problems:
        try:
            application_resubmit(
                acting_user=user,
                instance=instance,
                payload=form.payload(request.POST),
                effective_on=on,
                files=request.FILES.getlist("attachments"),
                expected_version=_version(request.POST.get("version"), instance.version),
            )
        except DomainError as error:
            problems.extend(error.problems)
        else:
            messages.success(request, f"{kind.label}を修正して再申請しました。")
            return HttpResponseRedirect(reverse("workflow:application_detail", args=[instance.pk]))
    put_problems(form, problems)
    return _render(request, form, kind, fixing=instance)
