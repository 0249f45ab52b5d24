"""デモ市の就業管理データ (a step of ``jinji seed-demo``, see :mod:`jinji.demo.extras`): 勤務場所 (本庁舎,
2 出先, 2 サテライトオフィス with seats), the standard schedule and 時差出勤 A/B, the policy, and a small,
deterministic set of approved 在宅勤務・ワーケーション days and seat bookings so the telework dashboard
has data. A few hundred staff at most, whatever the size of the city."""

from __future__ import annotations

import datetime
import random
from collections import Counter

from django.db import transaction

from jinji.accounts.models import User
from jinji.attendance import events
from jinji.attendance.models import (
    AttendancePolicy,
    LocationKind,
    RemoteWorkDay,
    Schedule,
    SeatBooking,
    WorkLocation,
)
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.audit.services import audit_record
from jinji.core.models import as_of_q
from jinji.personnel.models import Assignment, AssignmentKind
from jinji.rules.attendance import DayType, day_type_of
from jinji.rules.calendar import fiscal_year

LOCATIONS = (
    (LocationKind.MAIN_OFFICE, "本庁舎", 0),
    (LocationKind.BRANCH, "北部支所", 0),
    (LocationKind.BRANCH, "南部支所", 0),
    (LocationKind.SATELLITE, "駅前サテライトオフィス", 8),
    (LocationKind.SATELLITE, "市民交流センター サテライトオフィス", 4),
)
SCHEDULES = (  # code, name, start, end, break start, break end (minutes from 00:00)
    ("standard", "標準(8:30〜17:15)", 510, 1035, 720, 780),
    ("A", "時差出勤A(7:30〜16:15)", 450, 975, 690, 750),
    ("B", "時差出勤B(9:30〜18:15)", 570, 1095, 780, 840),
)
SAMPLE = 150
"""Staff (besides the demo logins' units) who get telework days."""
WORKATION_PLACES = ("白浜町(和歌山県)", "軽井沢町(長野県)", "五島市(長崎県)")
LOGIN_NAMES = ("demo-staff", "demo-head", "demo-clerk")
THURSDAY = 3


def _workdays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days = (start + datetime.timedelta(days=n) for n in range((end - start).days + 1))
    return [d for d in days if day_type_of(d) is DayType.WORKDAY]


def _people(org_id: int, on: datetime.date, rng: random.Random) -> tuple[list[int], int | None]:
    """The staff of the demo logins' units plus a sample of the others; and demo-staff's employee id."""
    users = User.objects.filter(organization_id=org_id, username__in=LOGIN_NAMES)
    logins = dict(users.values_list("username", "employee_id"))
    posts = Assignment.objects.for_organization(org_id).filter(as_of_q(on), kind=AssignmentKind.PRIMARY)
    unit_of = dict(posts.values_list("employee_id", "org_unit_id"))
    login_units = {unit_of.get(e) for e in logins.values() if e}
    near = sorted(e for e, u in unit_of.items() if u in login_units)
    others = sorted(set(unit_of) - set(near))
    return near + rng.sample(others, min(SAMPLE, len(others))), logins.get("demo-staff")


def _plan_days(
    employee_id: int, weeks: list[list[datetime.date]], rng: random.Random, *, fixed_thursday: bool
) -> dict[datetime.date, str]:
    """day → kind for one person: at most 2 在宅 days a week, sometimes a 3-day workation."""
    plan: dict[datetime.date, str] = {}
    for week in weeks:
        if fixed_thursday:
            plan.update(dict.fromkeys((d for d in week if d.weekday() == THURSDAY), LocationKind.HOME))
            continue
        count = rng.choices((0, 1, 2), weights=(50, 35, 15))[0]
        plan.update(dict.fromkeys(rng.sample(week, min(count, len(week))), LocationKind.HOME))
    if not fixed_thursday and rng.random() < 0.1 and len(weeks) > 2:
        week = rng.choice(weeks[1:-1])
        plan.update(dict.fromkeys(week[:3], LocationKind.WORKATION))
    return plan


def attendance_demo_seed(*, acting_user: User, on: datetime.date, seed: int) -> dict[str, int]:
    """Add the attendance demo data to the acting user's organization (nothing is added twice)."""
    org_id = acting_user.organization_id
    rng = random.Random(f"attendance-demo-{seed}")  # noqa: S311  (deterministic demo data, not security)
    counts: Counter[str] = Counter()
    with transaction.atomic():
        if not WorkLocation.objects.for_organization(org_id).exists():
            WorkLocation.objects.bulk_create(
                WorkLocation(organization_id=org_id, kind=k, name=n, seats=s) for k, n, s in LOCATIONS
            )
            counts["勤務場所"] = len(LOCATIONS)
        if not Schedule.objects.for_organization(org_id).exists():
            Schedule.objects.bulk_create(
                Schedule(
                    organization_id=org_id,
                    code=c,
                    name=n,
                    start_minute=s,
                    end_minute=e,
                    break_start_minute=bs,
                    break_end_minute=be,
                    is_default=c == "standard",
                )
                for c, n, s, e, bs, be in SCHEDULES
            )
            counts["勤務時間の割振り"] = len(SCHEDULES)
        if not AttendancePolicy.objects.for_organization(org_id).exists():
            AttendancePolicy.objects.create(organization_id=org_id, workation_max_days_per_year=10)
        if not RemoteWorkDay.objects.for_organization(org_id).exists():
            counts.update(_remote_days(org_id, on, rng))
        if routes := attendance_definitions_seed(acting_user=acting_user):  # a デモ市 seeded before remote_work
            counts["承認ルート"] = len(routes)
        audit_record(
            actor=acting_user,
            action=events.DEMO_SEEDED,
            target_type="attendance.demo",
            organization_id=org_id,
            after={"on": on, "seed": seed, "rows": dict(counts)},
        )
    return dict(counts)


def _remote_days(org_id: int, on: datetime.date, rng: random.Random) -> Counter[str]:
    start = datetime.date(fiscal_year(on), 4, 1)
    days = _workdays(start, on + datetime.timedelta(days=28))
    weeks: dict[datetime.date, list[datetime.date]] = {}
    for d in days:
        weeks.setdefault(d - datetime.timedelta(days=d.weekday()), []).append(d)
    people, demo_staff = _people(org_id, on, rng)
    offices = list(WorkLocation.objects.for_organization(org_id).filter(kind=LocationKind.SATELLITE).order_by("pk"))
    taken: Counter[tuple[int, datetime.date]] = Counter()
    remote: list[RemoteWorkDay] = []
    seats: list[SeatBooking] = []
    for employee_id in people:
        plan = _plan_days(employee_id, list(weeks.values()), rng, fixed_thursday=employee_id == demo_staff)
        remote += [
            RemoteWorkDay(
                organization_id=org_id,
                employee_id=employee_id,
                day=d,
                kind=k,
                place="自宅" if k == LocationKind.HOME else rng.choice(WORKATION_PLACES),
                contact="" if k == LocationKind.HOME else "090-0000-0000",
            )
            for d, k in sorted(plan.items())
        ]
        for week in weeks.values():
            free = [d for d in week if d not in plan and d <= on]
            if offices and free and rng.random() < 0.25:
                day, office = rng.choice(free), rng.choice(offices)
                if taken[(office.pk, day)] < office.seats:
                    taken[(office.pk, day)] += 1
                    seats.append(SeatBooking(organization_id=org_id, location=office, employee_id=employee_id, day=day))
    RemoteWorkDay.objects.bulk_create(remote, batch_size=1000)
    SeatBooking.objects.bulk_create(seats, batch_size=1000)
    return Counter({"在宅勤務・ワーケーションの日": len(remote), "サテライトオフィスの予約": len(seats)})
