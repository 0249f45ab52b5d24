"""The telework / satellite dashboard (unit × month, seat occupancy) and 年休 uptake by unit:
figures, scope and bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.attendance.models import (
    EntryKind,
    LeaveAccount,
    LeaveEntry,
    LeaveKind,
    LocationKind,
    RemoteWorkDay,
    SeatBooking,
    WorkLocation,
)
from jinji.attendance.selectors.remote_dashboard import remote_dashboard
from jinji.attendance.selectors.uptake import uptake_by_unit
from jinji.personnel.models import Employee
from tests.accounts.builders import make_employee
from tests.attendance.conftest import World

pytestmark = pytest.mark.django_db
JUNE = [datetime.date(2026, 6, d) for d in range(1, 31)]
JUNE_WORKDAYS = [d for d in JUNE if d.weekday() < 5]  # 22: June 2026 has no national holiday


def _eid(employee: Employee | None) -> int:
    assert employee is not None
    return employee.pk


def _remote(employee_id: int, days: list[datetime.date], kind: str = LocationKind.HOME) -> None:
    RemoteWorkDay.objects.bulk_create(
        RemoteWorkDay(organization_id=_org(employee_id), employee_id=employee_id, day=d, kind=kind) for d in days
    )


def _org(employee_id: int) -> int:
    return Employee.objects.get(pk=employee_id).organization_id


def _seed(w: World) -> WorkLocation:
    staff, staff2 = _eid(w.staff.employee), _eid(w.staff2.employee)
    _remote(staff, JUNE_WORKDAYS[:3])
    _remote(staff, JUNE_WORKDAYS[3:4], LocationKind.WORKATION)
    _remote(staff2, [datetime.date(2026, 7, 1)])
    _remote(_eid(w.outsider.employee), JUNE_WORKDAYS[:5])
    office = WorkLocation.objects.create(kind=LocationKind.SATELLITE, name="駅前サテライト", seats=2)
    SeatBooking.objects.bulk_create(
        SeatBooking(organization_id=w.org.pk, location=office, employee_id=staff if i % 2 else staff2, day=d)
        for i, d in enumerate(JUNE_WORKDAYS[5:16])
    )  # 11 bookings: 6 by staff2, 5 by staff
    return office


def test_days_by_unit_month_and_kind_within_the_heads_scope(world: World) -> None:
    _seed(world)
    data = remote_dashboard(user=world.head, fiscal_year=2026, on=datetime.date(2026, 6, 30))
    assert [m.month for m in data.months] == [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]
    assert [u.unit_name for u in data.units] == ["庶務係"]  # 税務課 (outsider) is outside the head's scope
    row = data.units[0]
    assert row.cells[2].counts == (3, 1, 11)  # June: 在宅 3, ワーケーション 1, サテライト 11
    assert row.cells[3].counts == (1, 0, 0)  # July
    assert row.totals == (4, 1, 11)
    widths = [s.width for s in row.cells[2].segments]
    assert sum(widths) == 100  # the busiest cell spans the whole bar
    assert row.cells[2].label == "在宅3日、ワーケーション1日、サテライト11日"
    everyone = remote_dashboard(user=world.hr, fiscal_year=2026, on=datetime.date(2026, 6, 30))
    assert {u.unit_name: u.totals for u in everyone.units} == {"庶務係": (4, 1, 11), "税務課": (5, 0, 0)}


def test_satellite_occupancy_is_bookings_over_seats_times_workdays(world: World) -> None:
    _seed(world)
    data = remote_dashboard(user=world.hr, fiscal_year=2026, on=datetime.date(2026, 6, 30))
    (office,) = data.offices
    june = office.cells[2]
    assert (june.booked, june.capacity, june.percent) == (11, 2 * 22, 25)
    assert office.cells[3].booked == 0


@pytest.mark.parametrize("extra", [1, 8])
def test_dashboard_page_queries_do_not_grow(world: World, extra: int, django_assert_max_num_queries: object) -> None:
    _seed(world)
    for _ in range(extra):
        _remote(make_employee(world.org, world.kakari).pk, JUNE_WORKDAYS[:2])
    c = Client()
    c.force_login(world.hr)
    with django_assert_max_num_queries(16):  # type: ignore[operator]
        body = c.get("/attendance/remote/dashboard/?year=2026").content.decode()
    assert 'id="remote-by-unit"' in body
    assert "駅前サテライト(2席)" in body
    assert 'aria-label="在宅' in body


def _leave(employee_id: int, org_id: int, uses: list[tuple[datetime.date, int, int, str]]) -> None:
    account = LeaveAccount.objects.create(employee_id=employee_id, kind=LeaveKind.ANNUAL, daily_minutes=465)
    grant_on, expires = datetime.date(2026, 1, 1), datetime.date(2027, 12, 31)
    LeaveEntry.objects.create(account=account, employee_id=employee_id, entry_kind=EntryKind.GRANT,
                              on=grant_on, days=20, expires_on=expires)  # fmt: skip
    for on, days, minutes, unit in uses:
        LeaveEntry.objects.create(account=account, employee_id=employee_id, entry_kind=EntryKind.USE, on=on,
                                  days=days, minutes=minutes, unit=unit)  # fmt: skip


def test_uptake_by_unit_average_and_share_reaching_five_days(
    world: World, django_assert_max_num_queries: object
) -> None:
    staff, staff2, outsider = _eid(world.staff.employee), _eid(world.staff2.employee), _eid(world.outsider.employee)
    # staff: 3 days + a half day (+ 2 hours, which do not count toward the 5 days) = 3.5 days
    _leave(staff, world.org.pk, [(datetime.date(2026, 2, 2), 3, 0, "day"), (datetime.date(2026, 3, 2), 0, 225,
                                 "half_day"), (datetime.date(2026, 3, 3), 0, 120, "hour")])  # fmt: skip
    _leave(staff2, world.org.pk, [(datetime.date(2026, 5, 11), 5, 0, "day")])
    _leave(outsider, world.org.pk, [])
    with django_assert_max_num_queries(8):  # type: ignore[operator]
        rows = uptake_by_unit(user=world.head, on=datetime.date(2026, 6, 30))
    assert [(r.unit_name, r.staff, r.average_days, r.obliged, r.reached, r.reached_percent) for r in rows] == [
        ("庶務係", 2, "4日", 2, 1, 50)  # (7 + 10 half days) / 2 = 8.5 → 8 half days = 4日 (rounded down)
    ]
    everyone = {r.unit_name: (r.staff, r.reached) for r in uptake_by_unit(user=world.hr, on=datetime.date(2026, 6, 30))}
    assert everyone == {"庶務係": (2, 1), "税務課": (1, 0)}
    c = Client()
    c.force_login(world.head)
    body = c.get("/attendance/leave/uptake/").content.decode()
    assert 'id="uptake-by-unit"' in body
    assert "1 / 2人(50%)" in body
