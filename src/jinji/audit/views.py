"""監査ログ画面 (監査・システム管理者): filters, pages, CSV export."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from jinji.audit.access import may_view_audit_log
from jinji.audit.actions import ACCESS_DENIED, EXPORTED, label_for
from jinji.audit.csv_export import csv_lines
from jinji.audit.forms import AuditFilterForm
from jinji.audit.models import AuditKind
from jinji.audit.selectors import audit_event_list
from jinji.audit.services import audit_record

PAGE_SIZE = 50
FORBIDDEN_TEMPLATE = "accounts/forbidden.html"
"""The shared Japanese 403 page (a template name only; audit does not import accounts)."""

View = Callable[..., HttpResponseBase]


def audit_viewer_required(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_view_audit_log(request):
            audit_record(
                actor=request.user,  # signed in (checked above)
                action=ACCESS_DENIED,
                target_type="url",
                target_id=request.path[:64],
                target_label=request.path[:200],
                kind=AuditKind.AUTH,
            )
            context = {"message": "監査ログは監査またはシステム管理者の役割の方のみ閲覧できます。"}
            return render(request, FORBIDDEN_TEMPLATE, context, status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _organization_id(request: HttpRequest) -> int:
    org_id: int = getattr(request.user, "organization_id")  # noqa: B009 - AUTH_USER_MODEL field
    return org_id


@require_GET
@audit_viewer_required
def event_list(request: HttpRequest) -> HttpResponse:
    """監査ログ一覧 (newest first, PAGE_SIZE per page: two queries whatever the log size)."""
    form = AuditFilterForm(request.GET or None)
    valid = form.is_valid() if request.GET else True
    events = audit_event_list(organization_id=_organization_id(request), filters=form.filters())
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    kinds = dict(AuditKind.choices)
    rows = [{"event": e, "action_label": label_for(e.action), "kind_label": kinds.get(e.kind, e.kind)} for e in page]
    query = {k: v for k, v in request.GET.items() if k != "page" and v}
    context = {
        "form": form,
        "valid": valid,
        "page": page,
        "rows": rows,
        "query": urlencode(query),
    }
    return render(request, "audit/event_list.html", context)


@require_GET
@audit_viewer_required
def event_export(request: HttpRequest) -> HttpResponseBase:
    """監査ログのCSV出力 (the same filters as the list; the export itself is audited)."""
    form = AuditFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "audit/event_list.html", {"form": form, "valid": False, "rows": []}, status=400)
    filters = form.filters()
    user = request.user
    assert not isinstance(user, AnonymousUser)  # audit_viewer_required
    audit_record(
        actor=user,
        action=EXPORTED,
        target_type="audit.auditevent",
        kind=AuditKind.READ,
        after={k: v for k, v in asdict(filters).items() if v},
    )
    events = audit_event_list(organization_id=_organization_id(request), filters=filters)
    response = StreamingHttpResponse(
        csv_lines(events.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
    )
    stamp = timezone.localtime().strftime("%Y%m%d%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
