"""デモ市's attendance data: locations, the standard schedule, telework days within the policy, seats
within capacity, deterministic; the dashboard shows it."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest

from jinji.accounts.models import User
from jinji.attendance.demo import attendance_demo_seed
from jinji.attendance.models import LocationKind, RemoteWorkDay, Schedule, SeatBooking, WorkLocation
from jinji.attendance.selectors.remote_dashboard import remote_dashboard
from jinji.core.tenancy import tenant_context
from jinji.demo.seed import seed_demo

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 11, 2)


def test_demo_city_gets_locations_schedule_and_telework_days() -> None:
    result = seed_demo(employees=200, seed=1, as_of=datetime.date(2026, 4, 1))
    with tenant_context(result.organization_id):
        hr = User.objects.get(username="demo-hr")
        counts = attendance_demo_seed(acting_user=hr, on=ON, seed=1)
        assert attendance_demo_seed(acting_user=hr, on=ON, seed=1) == {}  # nothing is added twice
        kinds = Counter(WorkLocation.objects.values_list("kind", flat=True))
        assert kinds == {LocationKind.MAIN_OFFICE: 1, LocationKind.BRANCH: 2, LocationKind.SATELLITE: 2}
        assert all(w.seats > 0 for w in WorkLocation.objects.filter(kind=LocationKind.SATELLITE))
        standard = Schedule.objects.get(is_default=True)
        assert (standard.start_minute, standard.end_minute, standard.break_start_minute) == (510, 1035, 720)
        days = list(RemoteWorkDay.objects.values_list("employee_id", "day", "kind"))
        assert counts["在宅勤務・ワーケーションの日"] == len(days) > 100
        weeks = Counter((e, d - datetime.timedelta(days=d.weekday())) for e, d, k in days if k == LocationKind.HOME)
        assert max(weeks.values()) <= 2  # the policy's weekly cap
        staff = User.objects.get(username="demo-staff").employee_id
        assert {d.weekday() for e, d, _ in days if e == staff} == {3}  # demo-staff: every Thursday at home
        seats = {w.pk: w.seats for w in WorkLocation.objects.all()}
        per_day = Counter(SeatBooking.objects.values_list("location_id", "day"))
        assert per_day
        assert all(n <= seats[loc] for (loc, _), n in per_day.items())
        data = remote_dashboard(user=hr, fiscal_year=2026, on=ON)
        assert sum(u.totals[0] for u in data.units) == sum(1 for *_, k in days if k == LocationKind.HOME)
