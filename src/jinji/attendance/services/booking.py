"""サテライトオフィスの座席予約: capacity kept under the office row's lock."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import LocationKind, SeatBooking, WorkLocation
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted


def seat_book(*, acting_user: User, location_id: int, day: datetime.date) -> SeatBooking:
    """Book a seat for the signed-in employee; refused when the office is full or already booked that day."""
    if acting_user.employee_id is None:
        raise NotPermitted([FieldProblem("職員", "この利用者には職員が紐づいていません")])
    if day < timezone.localdate():
        raise DomainError([FieldProblem("利用日", "過去の日付は予約できません")])
    with transaction.atomic():
        office: WorkLocation | None = (
            WorkLocation.objects.for_organization(acting_user.organization_id)
            .select_for_update()
            .filter(pk=location_id, kind=LocationKind.SATELLITE, is_active=True)
            .first()
        )
        if office is None:
            raise DomainError([FieldProblem("サテライトオフィス", "選んだサテライトオフィスはありません")])
        taken = SeatBooking.objects.for_organization(office.organization_id).filter(location=office, day=day).count()
        if taken >= office.seats:
            raise DomainError(
                [FieldProblem("利用日", f"{office.name}の{day.isoformat()}は満席です(座席数 {office.seats})")]
            )
        try:
            with transaction.atomic():
                booking: SeatBooking = SeatBooking.objects.create(
                    organization_id=office.organization_id,
                    location=office,
                    employee_id=acting_user.employee_id,
                    day=day,
                )
        except IntegrityError:
            raise DomainError([FieldProblem("利用日", f"{day.isoformat()}は既に予約があります")]) from None
        audit_record(
            actor=acting_user,
            action=events.SEAT_BOOKED,
            target=booking,
            target_label=f"{office.name} {day.isoformat()}",
            after={"location": office.pk, "day": day},
        )
    return booking


def seat_cancel(*, acting_user: User, booking_id: int) -> None:
    with transaction.atomic():
        booking = (
            SeatBooking.objects.for_organization(acting_user.organization_id)
            .select_for_update()
            .filter(pk=booking_id, employee_id=acting_user.employee_id)
            .first()
        )
        if booking is None:
            raise DomainError([FieldProblem("予約", "取り消せる予約がありません")])
        audit_record(actor=acting_user, action=events.SEAT_CANCELLED, target=booking,
                     before={"location": booking.location_id, "day": booking.day})  # fmt: skip
        booking.delete()
