"""時間外勤務の実績 (本人): the actual start and end of an approved order, from the 時間外勤務 page."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from jinji.accounts.models import User
from jinji.attendance.services.overtime_actual import overtime_actual_report
from jinji.core.errors import DomainError


@login_required
@require_POST
def overtime_actual(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    raw = request.POST.get("order", "")
    try:
        if not raw.isdigit():
            raise DomainError("時間外勤務命令を選んでください")
        try:
            start = datetime.time.fromisoformat(request.POST.get("start", ""))
            end = datetime.time.fromisoformat(request.POST.get("end", ""))
        except ValueError:
            raise DomainError("実績の開始・終了を HH:MM で入力してください") from None
        overtime_actual_report(acting_user=user, order_id=int(raw), start=start, end=end)
    except DomainError as exc:
        for problem in exc.problems:
            messages.error(request, str(problem))
    else:
        messages.success(request, "実績を入力しました。所属長の確認後に出勤簿へ反映されます")
    return redirect("attendance:my_overtime")
