"""サテライトオフィス: seats left per office for a day, booking and cancelling (staff, phone-friendly)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jinji.accounts.models import User
from jinji.attendance.models import LocationKind, SeatBooking, WorkLocation
from jinji.attendance.services.booking import seat_book, seat_cancel
from jinji.core.errors import DomainError


def _day(raw: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        return timezone.localdate()


@login_required
@require_http_methods(["GET", "POST"])
def satellite(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    if request.method == "POST":
        day = _day(request.POST.get("day", ""))
        try:
            if request.POST.get("cancel", "").isdigit():
                seat_cancel(acting_user=user, booking_id=int(request.POST["cancel"]))
                messages.success(request, "予約を取り消しました")
            else:
                raw = request.POST.get("location", "")
                seat_book(acting_user=user, location_id=int(raw) if raw.isdigit() else 0, day=day)
                messages.success(request, "座席を予約しました")
        except DomainError as exc:
            for problem in exc.problems:
                messages.error(request, str(problem))
        return redirect(f"{reverse('attendance:satellite')}?day={day.isoformat()}")
    day = _day(request.GET.get("day", ""))
    offices = list(
        WorkLocation.objects.for_organization(user.organization_id)
        .filter(kind=LocationKind.SATELLITE, is_active=True)
        .order_by("name")
    )
    bookings = SeatBooking.objects.for_organization(user.organization_id).filter(day=day)
    taken = dict(bookings.values("location_id").annotate(n=Count("id")).values_list("location_id", "n"))
    for office in offices:
        office.taken = taken.get(office.pk, 0)
    mine = SeatBooking.objects.for_organization(user.organization_id).filter(
        employee_id=user.employee_id, day__gte=timezone.localdate()
    )
    context = {"day": day, "offices": offices, "mine": mine.select_related("location").order_by("day")}
    return render(request, "attendance/satellite.html", context)
