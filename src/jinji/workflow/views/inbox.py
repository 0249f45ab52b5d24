"""承認待ち (inbox): my pending approvals with counts and filters, and 一括承認."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.workflow.models import TaskKind
from jinji.workflow.registry import application_types
from jinji.workflow.selectors import InboxFilters, inbox_pending
from jinji.workflow.selectors.choices import inbox_unit_choices
from jinji.workflow.services import BulkItem, instances_bulk_approve
from jinji.workflow.views._common import PAGE_SIZE, Paging, acting_user, page_number, parse_int

FILTER_KEYS = ("type", "unit", "days", "kind")
MAX_BULK = 100


def _filters(request: HttpRequest) -> InboxFilters:
    codes = {t.code for t in application_types()}
    chosen_type = request.GET.get("type", "")
    kind = request.GET.get("kind", "")
    days = parse_int(request.GET.get("days"))
    return InboxFilters(
        application_type=chosen_type if chosen_type in codes else None,
        applicant_unit_id=parse_int(request.GET.get("unit")),
        min_waiting_days=days if days is not None and days >= 0 else None,
        kind=kind if kind in TaskKind.values else None,
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    """GET ``type``, ``unit``, ``days`` (waiting at least), ``kind`` (approval / post_review), ``page``."""
    user = acting_user(request)
    filters = _filters(request)
    number = page_number(request)
    page = inbox_pending(user=user, filters=filters, limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE)
    type_choices = [(t.code, t.label, page.counts_by_type.get(t.code, 0)) for t in application_types()]
    context = {
        "page": page,
        "paging": Paging(number, page.total),
        "filters": filters,
        "type_choices": type_choices,
        "unit_choices": inbox_unit_choices(user=user),
        "kind_choices": TaskKind.choices,
        "query": urlencode({k: request.GET[k] for k in FILTER_KEYS if request.GET.get(k)}),
    }
    return render(request, "workflow/inbox.html", context)


def _bulk_items(values: list[str]) -> list[BulkItem]:
    items: list[BulkItem] = []
    for value in values[:MAX_BULK]:
        instance_id, _, version = value.partition(":")
        if instance_id.isdigit() and version.isdigit():
            items.append(BulkItem(instance_id=int(instance_id), expected_version=int(version)))
    return items


@require_POST
@login_required
def bulk_approve(request: HttpRequest) -> HttpResponse:
    """POST ``item`` = ``<instance id>:<version>`` (checked boxes), optional ``comment``."""
    user = acting_user(request)
    items = _bulk_items(request.POST.getlist("item"))
    back = reverse("workflow:inbox")
    query = request.POST.get("query", "")
    if query:
        back = f"{back}?{query}"
    if not items:
        messages.error(request, "一括承認する申請を選んでください。")
        return HttpResponseRedirect(back)
    outcomes = instances_bulk_approve(acting_user=user, items=items, comment=request.POST.get("comment", ""))
    done = [o for o in outcomes if o.ok]
    if done:
        messages.success(request, f"{len(done)}件を承認しました。")
    for outcome in outcomes:
        if not outcome.ok:
            messages.error(request, f"申請番号 {outcome.instance_id}: {outcome.message or '承認できませんでした'}")
    return HttpResponseRedirect(back)
