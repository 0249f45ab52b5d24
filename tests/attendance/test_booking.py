"""サテライトオフィス: capacity, one seat per person and day, the page."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from jinji.attendance.models import LocationKind, SeatBooking, WorkLocation
from jinji.attendance.services.booking import seat_book, seat_cancel
from jinji.core.errors import DomainError
from tests.attendance.conftest import World

pytestmark = pytest.mark.django_db


def test_capacity_and_one_seat_a_day(world: World) -> None:
    office = WorkLocation.objects.create(kind=LocationKind.SATELLITE, name="駅前サテライト", seats=1)
    day = timezone.localdate() + datetime.timedelta(days=3)
    booking = seat_book(acting_user=world.staff, location_id=office.pk, day=day)
    with pytest.raises(DomainError, match="満席"):
        seat_book(acting_user=world.staff2, location_id=office.pk, day=day)
    big = WorkLocation.objects.create(kind=LocationKind.SATELLITE, name="支所サテライト", seats=5)
    with pytest.raises(DomainError, match="既に予約"):
        seat_book(acting_user=world.staff, location_id=big.pk, day=day)
    seat_cancel(acting_user=world.staff, booking_id=booking.pk)
    seat_book(acting_user=world.staff2, location_id=office.pk, day=day)
    assert SeatBooking.objects.filter(day=day).count() == 1
    with pytest.raises(DomainError, match="過去"):
        seat_book(acting_user=world.staff, location_id=big.pk, day=timezone.localdate() - datetime.timedelta(days=1))


def test_satellite_page_shows_seats_and_books(world: World) -> None:
    office = WorkLocation.objects.create(kind=LocationKind.SATELLITE, name="駅前サテライト", seats=2)
    day = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    c = Client()
    c.force_login(world.staff)
    page = c.post("/attendance/satellite/", {"location": office.pk, "day": day}, follow=True).content.decode()
    assert "座席を予約しました" in page
    assert "1 / 2 席使用" in page
