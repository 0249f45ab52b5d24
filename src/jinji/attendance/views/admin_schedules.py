"""勤務時間の割振り: patterns with their daily working time (人事担当・システム管理者), and assigning a
pattern to an employee from a date on chosen weekdays (人事担当 only: it names employees)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jinji.accounts.decorators import require_role
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.attendance.models import Schedule, ScheduleAssignment
from jinji.attendance.services.admin_access import ADMIN_ROLES
from jinji.attendance.services.admin_schedules import (
    WEEKDAY_LABELS,
    daily_minutes_of,
    hhmm,
    parse_assignment,
    parse_schedule,
    schedule_assign,
    schedule_save,
)
from jinji.core.errors import DomainError
from jinji.personnel.models import Employee
from jinji.personnel.permissions import employee_scope_q
from jinji.rules.attendance import duration_ja

FIELDS = ("code", "name", "start", "end", "break_start", "break_end", "is_default")


def _id(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _daily(row: Schedule) -> str:
    minutes = daily_minutes_of(row)
    return "—" if minutes is None else duration_ja(minutes)


def _form_of(row: Schedule) -> dict[str, str]:
    return {"code": row.code, "name": row.name, "start": hhmm(row.start_minute), "end": hhmm(row.end_minute),
            "break_start": hhmm(row.break_start_minute), "break_end": hhmm(row.break_end_minute),
            "is_default": "1" if row.is_default else ""}  # fmt: skip


@require_http_methods(["GET", "POST"])
@require_role(*ADMIN_ROLES)
def schedules(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    rows = list(Schedule.objects.for_organization(user.organization_id).order_by("-is_default", "code"))
    form: dict[str, str] = {"start": "08:30", "end": "17:15", "break_start": "12:00", "break_end": "13:00"}
    editing = _id(request.POST.get("schedule_id") if request.method == "POST" else request.GET.get("edit"))
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in FIELDS}
        try:
            data = parse_schedule(form)
            saved = schedule_save(acting_user=user, schedule_id=editing, data=data)
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, f"{saved.name}(1日 {duration_ja(data.daily_minutes)})を保存しました")
            return redirect("attendance:admin_schedules")
    elif editing is not None:
        current = next((r for r in rows if r.pk == editing), None)
        form = _form_of(current) if current is not None else form
    context = {
        "rows": [(r, hhmm(r.start_minute), hhmm(r.end_minute), hhmm(r.break_start_minute),
                  hhmm(r.break_end_minute), _daily(r)) for r in rows],
        "form": form,
        "editing": editing,
        "can_assign": has_role(user, (Role.HR,)),
    }  # fmt: skip
    return render(request, "attendance/admin_schedules.html", context)


@require_http_methods(["GET", "POST"])
@require_role(Role.HR)
def schedule_assignments(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form: dict[str, str] = {}
    weekdays = ["0", "1", "2", "3", "4"]
    if request.method == "POST":
        form = {name: request.POST.get(name, "") for name in ("staff_number", "schedule", "valid_from", "valid_to")}
        weekdays = request.POST.getlist("weekdays")
        try:
            schedule_assign(acting_user=user, data=parse_assignment(form, weekdays))
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        else:
            messages.success(request, f"職員番号 {form['staff_number']} に割振りを適用しました")
            return redirect(f"{request.path}?staff_number={form['staff_number']}")
    staff_number = (request.GET.get("staff_number") or form.get("staff_number", "")).strip()
    employee = None
    history: list[ScheduleAssignment] = []
    if staff_number:
        reachable = Employee.objects.for_organization(user.organization_id).filter(employee_scope_q(user))
        employee = reachable.filter(staff_number=staff_number).first()
        if employee is not None:
            history = list(
                ScheduleAssignment.objects.for_organization(user.organization_id)
                .filter(employee=employee).select_related("schedule").order_by("-valid_from")[:50]
            )  # fmt: skip
    context = {
        "schedules": Schedule.objects.for_organization(user.organization_id).order_by("-is_default", "code"),
        "form": form or {"staff_number": staff_number},
        "weekdays": [(str(i), label, str(i) in weekdays) for i, label in enumerate(WEEKDAY_LABELS)],
        "employee": employee,
        "can_assign": True,
        "history": [(a, "".join(WEEKDAY_LABELS[int(d)] for d in a.weekdays if d.isdigit())) for a in history],
    }
    return render(request, "attendance/admin_schedule_assign.html", context)
