"""出勤簿: the staff member's month (phone-friendly), the unit grid (staff × days) for 所属長 and
庶務担当, confirmations and the close. Views parse, call one service or selector, render."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids, has_role
from jinji.attendance.selectors.closes import closed_unit_ids, month_end
from jinji.attendance.selectors.remote_work import remote_day_label, remote_days_between
from jinji.attendance.selectors.sheet import monthly_rows, summary_of
from jinji.attendance.selectors.unit import employees_by_id, sheets_by_employee, unit_employee_ids
from jinji.attendance.services.close import month_close, sheet_confirm_by_head, sheet_confirm_by_staff
from jinji.core.errors import DomainError
from jinji.org.selectors import org_tree_flat, unit_descendant_ids
from jinji.personnel.notices import render_pdf
from jinji.rules.attendance import duration_ja

UNIT_ROLES = (Role.UNIT_HEAD, Role.CLERK)


def _year_month(source: QueryDict) -> tuple[int, int]:
    today = timezone.localdate()
    year, month = source.get("year", ""), source.get("month", "")
    y = int(year) if str(year).isdigit() else today.year
    m = int(month) if str(month).isdigit() and 1 <= int(month) <= 12 else today.month
    return (y, m) if 2000 <= y <= 2100 else (today.year, today.month)


def _neighbours(year: int, month: int) -> dict[str, tuple[int, int]]:
    prev = (year - 1, 12) if month == 1 else (year, month - 1)
    nxt = (year + 1, 1) if month == 12 else (year, month + 1)
    return {"prev": prev, "next": nxt}


def _errors(request: HttpRequest, exc: DomainError) -> None:
    for problem in exc.problems:
        messages.error(request, str(problem))


@login_required
@require_GET
def my_sheet(request: HttpRequest) -> HttpResponse:
    """The signed-in employee's 出勤簿 of a month."""
    user = request.user
    assert isinstance(user, User)
    if user.employee_id is None:
        return render(request, "attendance/no_employee.html", status=403)
    year, month = _year_month(request.GET)
    rows = monthly_rows(organization=user.organization_id, employee_ids=[user.employee_id], year=year, month=month,
                        upto=None)[user.employee_id]  # fmt: skip
    sheet = sheets_by_employee(organization=user.organization_id, employee_ids=[user.employee_id], year=year,
                               month=month).get(user.employee_id)  # fmt: skip
    remote = remote_days_between(organization_id=user.organization_id, employee_id=user.employee_id,
                                 first=rows[0].day, last=rows[-1].day)  # fmt: skip
    context = {
        "year": year, "month": month, "rows": rows, "summary": summary_of(rows, year=year, month=month),
        "sheet": sheet, "nav": _neighbours(year, month), "duration": duration_ja,
        "remote": {day: remote_day_label(r) for day, r in remote.items()},
    }  # fmt: skip
    return render(request, "attendance/my_sheet.html", context)


def _unit_choices(user: User, on: datetime.date) -> list[tuple[int, str]]:
    coverage = covered_unit_ids(user, UNIT_ROLES, on=on, descendants=unit_descendant_ids)
    tree = org_tree_flat(organization=user.organization_id, on=on)
    return [(n.id, f"{'　' * n.depth}{n.name}") for n in tree if coverage.covers(n.id)]


@require_GET
@require_role(*UNIT_ROLES)
def unit_sheet(request: HttpRequest) -> HttpResponse:
    """所属の出勤簿: staff × days, with each sheet's confirmation status and the close."""
    user = request.user
    assert isinstance(user, User)
    year, month = _year_month(request.GET)
    day = month_end(year, month)
    units = _unit_choices(user, day)
    raw = request.GET.get("unit", "")
    unit_id = int(raw) if raw.isdigit() and any(u == int(raw) for u, _ in units) else (units[0][0] if units else None)
    ids = unit_employee_ids(organization=user.organization_id, org_unit_id=unit_id, on=day) if unit_id else []
    rows = monthly_rows(organization=user.organization_id, employee_ids=ids, year=year, month=month, upto=None)
    people = employees_by_id(organization=user.organization_id, employee_ids=ids)
    sheets = sheets_by_employee(organization=user.organization_id, employee_ids=ids, year=year, month=month)
    lines = [
        {"employee": e, "rows": rows[e.pk], "sheet": sheets.get(e.pk),
         "summary": summary_of(rows[e.pk], year=year, month=month)}
        for e in people.values()
    ]  # fmt: skip
    context = {
        "year": year, "month": month, "units": units, "unit_id": unit_id, "lines": lines,
        "days": [r.day for r in next(iter(rows.values()))] if rows else [],
        "closed": unit_id in closed_unit_ids(organization=user.organization_id, year=year, month=month),
        "is_head": has_role(user, (Role.UNIT_HEAD,)), "is_clerk": has_role(user, (Role.CLERK,)),
        "nav": _neighbours(year, month), "duration": duration_ja,
    }  # fmt: skip
    return render(request, "attendance/unit_sheet.html", context)


@login_required
@require_POST
def sheet_confirm(request: HttpRequest) -> HttpResponse:
    """本人確認 (no employee given) or 所属長確認 (``employee`` given)."""
    user = request.user
    assert isinstance(user, User)
    year, month = _year_month(request.POST)
    raw = request.POST.get("employee", "")
    try:
        if raw.isdigit():
            sheet_confirm_by_head(acting_user=user, employee_id=int(raw), year=year, month=month)
            messages.success(request, "所属長確認をしました")
        else:
            sheet_confirm_by_staff(acting_user=user, year=year, month=month)
            messages.success(request, f"{year}年{month}月の出勤簿を確認しました")
    except DomainError as exc:
        _errors(request, exc)
    target = "attendance:unit_sheet" if raw.isdigit() else "attendance:my_sheet"
    unit = request.POST.get("unit", "")
    extra = f"&unit={unit}" if unit.isdigit() else ""
    return redirect(f"{reverse(target)}?year={year}&month={month}{extra}")


@require_POST
@require_role(Role.CLERK)
def unit_close(request: HttpRequest) -> HttpResponse:
    """勤怠締め of one unit's month."""
    user = request.user
    assert isinstance(user, User)
    year, month = _year_month(request.POST)
    raw = request.POST.get("unit", "")
    try:
        if not raw.isdigit():
            raise DomainError("所属を選んでください")
        month_close(acting_user=user, org_unit_id=int(raw), year=year, month=month)
        messages.success(request, f"{year}年{month}月の勤怠を締めました")
    except DomainError as exc:
        _errors(request, exc)
    return redirect(f"{reverse('attendance:unit_sheet')}?year={year}&month={month}&unit={raw}")


@login_required
@require_GET
def my_sheet_pdf(request: HttpRequest) -> HttpResponse:
    """The signed-in employee's 出勤簿 of a month as PDF (for archiving; WeasyPrint, local fonts only)."""
    user = request.user
    assert isinstance(user, User)
    if user.employee is None:
        return render(request, "attendance/no_employee.html", status=403)
    year, month = _year_month(request.GET)
    eid = user.employee.pk
    rows = monthly_rows(organization=user.organization_id, employee_ids=[eid], year=year, month=month, upto=None)[eid]
    sheet = sheets_by_employee(organization=user.organization_id, employee_ids=[eid], year=year, month=month).get(eid)
    context = {"year": year, "month": month, "rows": rows, "sheet": sheet, "employee": user.employee,
               "summary": summary_of(rows, year=year, month=month)}  # fmt: skip
    html = render_to_string("attendance/sheet_pdf.html", context)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="shukkinbo-{year}-{month:02d}.pdf"'
    return response
