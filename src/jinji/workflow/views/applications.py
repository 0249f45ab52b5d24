"""申請一覧 (mine), 所属の申請 (庶務担当), and one application: content, route, timeline and actions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.core.errors import DomainError, NotPermitted
from jinji.workflow.models import ACTIVE_STATUSES, InstanceStatus, StepStatus, TaskKind, TaskStatus
from jinji.workflow.panels import detail_panels
from jinji.workflow.registry import application_types, get_application_type
from jinji.workflow.selectors import ApplicationDetail, ApplicationPage, application_detail, clerk_applications
from jinji.workflow.selectors import my_applications as my_applications_page
from jinji.workflow.selectors.choices import instance_parties
from jinji.workflow.views._common import PAGE_SIZE, Paging, acting_user, page_number

CLERK_ROLES = (Role.CLERK, Role.HR)


def _chip(page: ApplicationPage, n: int) -> str:
    """A status count as shown on its chip: ``1,000+`` once the count passed the cap."""
    return f"{page.count_cap:,}+" if page.is_capped(n) else str(n)


def _list_context(request: HttpRequest, page: ApplicationPage, number: int, status: str, chosen: str) -> dict[str, Any]:
    capped = page.is_capped(page.total)
    return {
        "page": page,
        "paging": Paging(number, page.total),
        "status": status,
        "application_type": chosen,
        "status_choices": [
            (v, label, _chip(page, page.counts_by_status[v]) if page.counts_by_status.get(v) else "")
            for v, label in InstanceStatus.choices
        ],
        "type_choices": [(t.code, t.label) for t in application_types()],
        "all_count": _chip(page, page.all_count),
        "total_label": f"{page.count_cap:,}件以上" if capped else f"{page.total} 件",
        "total_capped": capped,
    }


def _list_filters(request: HttpRequest) -> tuple[str, str]:
    status = request.GET.get("status", "")
    chosen = request.GET.get("type", "")
    codes = {t.code for t in application_types()}
    return (status if status in InstanceStatus.values else "", chosen if chosen in codes else "")


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    """The applications I made or entered for someone, newest first, with counts by status."""
    user = acting_user(request)
    status, chosen = _list_filters(request)
    number = page_number(request)
    page = my_applications_page(
        user=user,
        status=status or None,
        application_type=chosen or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    context = _list_context(request, page, number, status, chosen)
    context["can_apply"] = user.employee_id is not None
    return render(request, "workflow/my_applications.html", context)


@require_role(*CLERK_ROLES)
def clerk_list(request: HttpRequest) -> HttpResponse:
    """所属の申請: the applications of the members of the units the 庶務担当 covers."""
    user = acting_user(request)
    status, chosen = _list_filters(request)
    number = page_number(request)
    page = clerk_applications(
        user=user,
        status=status or None,
        application_type=chosen or None,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    return render(request, "workflow/clerk_applications.html", _list_context(request, page, number, status, chosen))


def _summary(detail: ApplicationDetail) -> list[tuple[str, str]]:
    try:
        summarize = get_application_type(detail.application.application_type).summarize
    except DomainError:  # a type no longer registered: show the raw content
        summarize = None
    if summarize is None:
        return [(str(k), str(v)) for k, v in detail.payload.items()]
    return list(summarize(detail.payload))


def _actions(detail: ApplicationDetail, user: User, parties: tuple[int | None, int | None]) -> dict[str, Any]:
    """What the user may try on this application (the services decide; this only chooses buttons)."""
    app = detail.application
    active = app.status in ACTIVE_STATUSES
    current = next((s for s in detail.steps if s.status == StepStatus.ACTIVE), None)
    mine = bool(current) and any(
        t.assignee_id == user.pk and t.status == TaskStatus.PENDING and t.kind == TaskKind.APPROVAL
        for t in (current.tasks if current else ())
    )
    earlier = [s for s in detail.steps if current is not None and s.order < current.order]
    approved_before = any(
        t.assignee_id == user.pk and t.status in (TaskStatus.APPROVED, TaskStatus.DELEGATED)
        for s in earlier
        for t in s.tasks
    )
    post_reviews = [
        t
        for s in detail.steps
        for t in s.tasks
        if t.kind == TaskKind.POST_REVIEW and t.assignee_id == user.pk and t.status == TaskStatus.PENDING
    ]
    applicant_side = user.pk in parties and app.status not in (
        InstanceStatus.APPROVED,
        InstanceStatus.REJECTED,
        InstanceStatus.WITHDRAWN,
    )
    return {
        "approve": active and mine,
        "send_back_steps": [s for s in earlier if s.status == StepStatus.COMPLETED] if mine else [],
        "delegate": active and not mine and approved_before,
        "absent": [t for t in (current.tasks if current else ()) if t.status == TaskStatus.PENDING],
        "pull_back": active and approved_before,
        "post_reviews": post_reviews,
        "applicant_side": applicant_side,
        "resubmit": applicant_side and app.status in (InstanceStatus.SENT_BACK, InstanceStatus.DRAFT),
    }


@login_required
def application_detail_page(request: HttpRequest, instance_id: int) -> HttpResponse:
    user = acting_user(request)
    try:
        detail = application_detail(instance_id=instance_id, user=user)
    except NotPermitted:
        raise Http404("申請が見つからないか、参照する権限がありません。") from None
    context = {
        "detail": detail,
        "app": detail.application,
        "summary": _summary(detail),
        "actions": _actions(detail, user, instance_parties(instance_id=instance_id)),
        "panels": detail_panels(
            instance_id=instance_id, application_type=detail.application.application_type, user=user
        ),
    }
    return render(request, "workflow/application_detail.html", context)
