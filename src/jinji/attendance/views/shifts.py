"""交替制勤務の管理: duty patterns (人事担当・庶務担当), the roster of a unit (staff × 4 weeks with the
4-week average), putting staff on a rotation, and 週休日の振替. Views parse, call one service, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import User
from jinji.accounts.scope import covered_unit_ids, has_role
from jinji.attendance.shifts.patterns import format_pattern_days
from jinji.attendance.shifts.roster import pattern_list, unit_roster
from jinji.attendance.shifts.services import (
    MANAGER_ROLES,
    TRANSFER_ROLES,
    rest_day_transfer_record,
    shift_pattern_save,
    shift_rotation_assign,
)
from jinji.core.errors import DomainError
from jinji.org.selectors import org_tree_flat, unit_descendant_ids
from jinji.rules.attendance import duration_ja


def _user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for problem in exc.problems:
        messages.error(request, str(problem))


def _date(text: str, label: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise DomainError(f"{label}を YYYY-MM-DD で入力してください") from None


def _int(text: str, label: str) -> int:
    if not text.strip().isdigit():
        raise DomainError(f"{label}を選んでください")
    return int(text)


@require_http_methods(["GET", "POST"])
@require_role(*MANAGER_ROLES)
def shift_patterns(request: HttpRequest) -> HttpResponse:
    """The organization's duty patterns and the form to add or replace one (by code)."""
    user = _user(request)
    form = {"code": "", "name": "", "days": ""}
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in form}
        try:
            pattern, warnings = shift_pattern_save(
                acting_user=user, code=form["code"], name=form["name"], days_text=form["days"]
            )
        except DomainError as exc:
            _errors(request, exc)
        else:
            messages.success(request, f"交替制勤務のパターン「{pattern.name}」を保存しました")
            for warning in warnings:
                messages.warning(request, f"4週間の平均の確認: {warning}")
            return redirect("attendance:shift_patterns")
    views = pattern_list(organization_id=user.organization_id)
    patterns = [
        (v, format_pattern_days([(d.label, d.kind, d.start_minute, d.end_minute, d.breaks) for d in v.days]))
        for v in views
    ]
    return render(request, "attendance/shift_patterns.html", {"patterns": patterns, "form": form})


def _units(user: User, on: datetime.date) -> list[tuple[int, str]]:
    coverage = covered_unit_ids(user, TRANSFER_ROLES, on=on, descendants=unit_descendant_ids)
    tree = org_tree_flat(organization=user.organization_id, on=on)
    return [(n.id, f"{'　' * n.depth}{n.name}") for n in tree if coverage.covers(n.id)]


@require_GET
@require_role(*TRANSFER_ROLES)
def shift_roster(request: HttpRequest) -> HttpResponse:
    """勤務表: the chosen unit's staff × 4 weeks from ``start`` (default: this week's Monday)."""
    user = _user(request)
    today = timezone.localdate()
    try:
        first = _date(request.GET.get("start", ""), "開始日")
    except DomainError:
        first = today - datetime.timedelta(days=today.weekday())
    units = _units(user, first)
    raw = request.GET.get("unit", "")
    unit_id = int(raw) if raw.isdigit() and any(u == int(raw) for u, _ in units) else (units[0][0] if units else None)
    roster = unit_roster(organization_id=user.organization_id, org_unit_id=unit_id, first=first) if unit_id else None
    context = {
        "units": units, "unit_id": unit_id, "roster": roster, "first": first, "duration": duration_ja,
        "patterns": pattern_list(organization_id=user.organization_id) if roster else [],
        "prev": first - datetime.timedelta(weeks=4), "next": first + datetime.timedelta(weeks=4),
        "can_manage": has_role(user, MANAGER_ROLES),
    }  # fmt: skip
    return render(request, "attendance/shift_roster.html", context)


def _back(request: HttpRequest) -> HttpResponse:
    unit, start = request.POST.get("unit", ""), request.POST.get("start", "")
    query = f"?unit={unit}" if unit.isdigit() else "?"
    return redirect(f"{reverse('attendance:shift_roster')}{query}&start={start}")


@require_POST
@require_role(*MANAGER_ROLES)
def shift_assign(request: HttpRequest) -> HttpResponse:
    """Put one employee on a pattern from a date (day N of the cycle)."""
    p = request.POST
    try:
        shift_rotation_assign(
            acting_user=_user(request), employee_id=_int(p.get("employee", ""), "職員"),
            pattern_id=_int(p.get("pattern", ""), "パターン"), valid_from=_date(p.get("valid_from", ""), "適用開始日"),
            start_offset=_int(p.get("position", ""), "開始日の周期内の日") - 1,
        )  # fmt: skip
    except DomainError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "交替制勤務を割り当てました")
    return _back(request)


@require_POST
@require_role(*TRANSFER_ROLES)
def rest_day_transfer(request: HttpRequest) -> HttpResponse:
    """週休日の振替 of one employee."""
    p = request.POST
    try:
        rest_day_transfer_record(
            acting_user=_user(request), employee_id=_int(p.get("employee", ""), "職員"),
            work_on=_date(p.get("work_on", ""), "勤務する日"), rest_on=_date(p.get("rest_on", ""), "振替後の週休日"),
            reason=p.get("reason", ""),
        )  # fmt: skip
    except DomainError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "週休日を振り替えました")
    return _back(request)
