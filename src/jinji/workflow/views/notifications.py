"""お知らせ: my notices (unread first by default) and marking them read."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jinji.workflow.selectors import notifications_for
from jinji.workflow.services import notifications_mark_read
from jinji.workflow.views._common import acting_user, parse_int

LIMIT = 100


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    """GET ``all=1`` to include notices already read (the newest 100)."""
    user = acting_user(request)
    show_all = request.GET.get("all") == "1"
    page = notifications_for(user=user, unread_only=not show_all, limit=LIMIT)
    return render(request, "workflow/notifications.html", {"page": page, "show_all": show_all})


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    """POST ``id`` (one notice) or nothing (all unread) → read."""
    user = acting_user(request)
    one = parse_int(request.POST.get("id"))
    count = notifications_mark_read(acting_user=user, notification_ids=None if one is None else [one])
    if count:
        messages.success(request, f"{count}件を既読にしました。")
    return HttpResponseRedirect(reverse("workflow:notifications"))
