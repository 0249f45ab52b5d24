"""デモ市の出勤簿 for whole past months (a step of ``jinji seed-demo``, see :mod:`jinji.demo.extras`).

For each month given, every employee with a 本務 in it gets a punch pair on each planned 勤務日 of their
post (around the schedule: in a few minutes early, out a few minutes late; 在宅・ワーケーション on their
approved telework days), their 出勤簿 confirmed by themselves and the 所属長, and every unit with staff
gets its 勤怠締め — so :func:`jinji.attendance.selectors.sheet.monthly_summary` gives worked days without
absence and payroll sees the month closed. A few cases make the month less uniform: a 年次休暇 day, an
approved and confirmed 時間外勤務命令 with the evening worked, a late arrival (a genuine 欠勤 of minutes).

Part-time and short-time staff (週勤務時間 below full time) first get a 勤務時間の割振り matching their
weekly hours (the standard day on fewer weekdays, or a shorter day from Monday to Friday), so their
planned days are what they work. Set-based: a fixed number of queries per month and one prepared INSERT
per table (:class:`~jinji.core.bulk.RowInserter`). A month that already has a 勤怠締め is left alone.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance import events
from jinji.attendance.models import (
    AttendanceSheet,
    ClockEvent,
    ClockKind,
    ClockSource,
    EntryKind,
    LeaveAccount,
    LeaveEntry,
    LeaveKind,
    LocationKind,
    MonthClose,
    OvertimeOrder,
    RemoteWorkDay,
    Schedule,
    ScheduleAssignment,
    SheetStatus,
    ShiftRotation,
    WorkLocation,
)
from jinji.attendance.selectors.closes import month_end
from jinji.attendance.selectors.plan import DayPlan, day_plans
from jinji.audit.services import audit_record
from jinji.core.bulk import RowInserter
from jinji.org.selectors import unit_descendant_ids
from jinji.personnel.models import AppointmentType, Assignment, AssignmentKind
from jinji.rules.attendance import JST, DayType, WorkSchedule

FULL_WEEK = 2325
"""38時間45分: at or above it the organization's standard schedule applies."""
STANDARD_DAY = 465
NINE = 540
"""A shorter day starts at 9:00; one over 6 hours has a 12:00–13:00 break (労基法 第34条)."""
WEEKDAYS = {1: "2", 2: "13", 3: "024", 4: "0123"}
"""Weekdays of a part-time post working the standard day on fewer days (月=0)."""
OVERTIME_MINUTES = 120
LEAVE_SHARE, OVERTIME_SHARE, LATE_SHARE = 0.05, 0.05, 0.02
PROXY_REASON = "デモデータ(打刻の一括登録)"


@dataclass(frozen=True, slots=True)
class _Post:
    employee_id: int
    org_unit_id: int
    appointment_type: str
    grade: int | None
    weekly_minutes: int
    on_leave: bool
    start: datetime.date
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def _at(day: datetime.date, minute: int, second: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), JST) + datetime.timedelta(minutes=minute, seconds=second)


def _posts(org_id: int, first: datetime.date, last: datetime.date) -> list[_Post]:
    """本務 periods overlapping ``first``–``last``, clipped to the employee's service (one query)."""
    rows = (
        Assignment.objects.for_organization(org_id)
        .filter(kind=AssignmentKind.PRIMARY, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("employee_id", "valid_from")
        .values_list(
            "employee_id",
            "org_unit_id",
            "appointment_type",
            "grade",
            "weekly_minutes",
            "is_on_leave",
            "valid_from",
            "valid_to",
            "employee__hired_on",
            "employee__separated_on",
        )
    )
    posts: list[_Post] = []
    for eid, unit, kind, grade, weekly, on_leave, valid_from, valid_to, hired, separated in rows:
        start, end = max(valid_from, hired), valid_to
        if separated is not None:
            end = separated if end is None else min(end, separated)
        if end is None or start <= end:
            posts.append(_Post(eid, unit, kind, grade, weekly, on_leave, start, end))
    return posts


def _short_schedule(org_id: int, daily: int, cache: dict[int, int]) -> int:
    """The id of a shorter day of ``daily`` minutes from 9:00 (created once)."""
    if daily not in cache:
        has_break = daily > 360
        end = NINE + daily + (60 if has_break else 0)
        label = f"短時間({NINE // 60}:00〜{end // 60}:{end % 60:02d})"
        row, _ = Schedule.objects.for_organization(org_id).get_or_create(
            organization_id=org_id,
            code=f"short{daily}",
            defaults={
                "name": label,
                "start_minute": NINE,
                "end_minute": end,
                "break_start_minute": 720 if has_break else None,
                "break_end_minute": 780 if has_break else None,
            },
        )
        cache[daily] = row.pk
    return cache[daily]


def _part_time_schedules(org_id: int, posts: list[_Post], first: datetime.date) -> int:
    """A 勤務時間の割振り for each part-time post without one (nor a 交替制勤務) from ``first`` on."""
    short = [p for p in posts if p.weekly_minutes and p.weekly_minutes < FULL_WEEK]
    if not short:
        return 0
    ids = sorted({p.employee_id for p in short})
    planned = set(
        ScheduleAssignment.objects.for_organization(org_id)
        .filter(employee_id__in=ids)
        .values_list("employee_id", flat=True)
    ) | set(
        ShiftRotation.objects.for_organization(org_id).filter(employee_id__in=ids).values_list("employee_id", flat=True)
    )
    standard = Schedule.objects.for_organization(org_id).filter(is_default=True).first()
    if standard is None:
        standard, _ = Schedule.objects.for_organization(org_id).get_or_create(
            organization_id=org_id,
            code="standard",
            defaults={"name": "標準(8:30〜17:15)", "start_minute": 510, "end_minute": 1035,
                      "break_start_minute": 720, "break_end_minute": 780, "is_default": True},
        )  # fmt: skip
    cache: dict[int, int] = {}
    rows: list[tuple[object, ...]] = []
    for p in short:
        if p.employee_id in planned:
            continue
        days, rest = divmod(p.weekly_minutes, STANDARD_DAY)
        if rest == 0 and days in WEEKDAYS:
            schedule_id, weekdays = standard.pk, WEEKDAYS[days]
        else:
            schedule_id, weekdays = _short_schedule(org_id, p.weekly_minutes // 5, cache), "01234"
        rows.append((org_id, p.employee_id, schedule_id, weekdays, max(p.start, first), p.end))
    fields = ("organization_id", "employee_id", "schedule_id", "weekdays", "valid_from", "valid_to")
    return RowInserter(ScheduleAssignment, fields).insert(rows)


def _signers(org: int, role: Role, units: Iterable[int], on: datetime.date, fallback: User) -> dict[int, int]:
    """unit → the user holding ``role`` over it (デモ市's 所属長・庶務担当 logins), else ``fallback``."""
    holders = User.objects.filter(
        organization_id=org, is_active=True, pk__in=RoleGrant.objects.filter(role=role).values("user_id")
    )
    coverage = [(u.pk, covered_unit_ids(u, (role,), on=on, descendants=unit_descendant_ids)) for u in holders]
    return {unit: next((pk for pk, c in coverage if c.covers(unit)), fallback.pk) for unit in units}


@dataclass
class _Month:
    org_id: int
    actor: User
    first: datetime.date
    last: datetime.date
    rng: random.Random
    heads: dict[int, int] = field(default_factory=dict)
    """unit → the 所属長 who confirms its 出勤簿 and overtime (else the acting user)."""

    def seed(self, posts: list[_Post]) -> Counter[str]:
        counts: Counter[str] = Counter()
        ids = sorted({p.employee_id for p in posts})
        units = {p.org_unit_id for p in posts}
        self.heads = _signers(self.org_id, Role.UNIT_HEAD, units, self.last, self.actor)
        punched = set(
            ClockEvent.objects.for_organization(self.org_id)
            .filter(business_date__range=(self.first, self.last))
            .values_list("employee_id", flat=True)
        )
        plans = day_plans(organization=self.org_id, employee_ids=ids, first=self.first, last=self.last)
        remote = {
            (e, d): (k, place)
            for e, d, k, place in RemoteWorkDay.objects.for_organization(self.org_id)
            .filter(day__range=(self.first, self.last))
            .values_list("employee_id", "day", "kind", "place")
        }
        office = WorkLocation.objects.for_organization(self.org_id).filter(kind=LocationKind.MAIN_OFFICE).first()
        accounts = dict(
            LeaveAccount.objects.for_organization(self.org_id)
            .filter(kind=LeaveKind.ANNUAL, employee_id__in=ids)
            .values_list("employee_id", "pk")
        )
        logins = dict(
            User.objects.filter(organization_id=self.org_id, employee_id__in=ids).values_list("employee_id", "pk")
        )
        clock: list[tuple[object, ...]] = []
        leave: list[tuple[object, ...]] = []
        orders: list[tuple[object, ...]] = []
        for post in posts:
            if post.on_leave or post.employee_id in punched:
                continue
            days = [
                plan
                for d, plan in plans[post.employee_id].items()
                if post.covers(d) and plan.day_type is DayType.WORKDAY and plan.schedule is not None
            ]
            if not days:
                continue
            case = self._case(post, days, accounts, logins)
            for plan in days:
                assert plan.schedule is not None
                kind, note = remote.get((post.employee_id, plan.day), (LocationKind.MAIN_OFFICE.value, ""))
                where = (kind, office.pk if office and kind == LocationKind.MAIN_OFFICE else None, note)
                if case == (plan.day, "leave"):
                    leave.append(self._leave_row(post, plan.day, plan.schedule, accounts[post.employee_id]))
                    continue
                clock += self._punches(post, plan, case, where, logins)
                if case == (plan.day, "overtime"):
                    orders.append(self._order_row(post, plan.day, plan.schedule))
        counts["打刻"] += self._insert_clock(clock)
        counts["年次休暇"] += RowInserter(
            LeaveEntry,
            ("organization_id", "account_id", "employee_id", "entry_kind", "on", "days", "minutes", "unit",
             "starts_at", "ends_at", "note"),
        ).insert(leave)  # fmt: skip
        counts["時間外勤務命令"] += RowInserter(
            OvertimeOrder,
            ("organization_id", "employee_id", "day", "starts_at", "ends_at", "ordered_minutes", "confirmed_minutes",
             "confirmed_at", "confirmed_by_id"),
        ).insert(orders)  # fmt: skip
        counts["出勤簿"] += self._sheets(ids, posts)
        counts["勤怠締め"] += self._closes(posts)
        return counts

    def _case(
        self, post: _Post, days: list[DayPlan], accounts: dict[int, int], logins: dict[int, int]
    ) -> tuple[datetime.date, str] | None:
        """At most one special day per person: a 年次休暇, an ordered evening, or a late arrival."""
        draw = self.rng.random()
        day = self.rng.choice(days).day
        regular = post.appointment_type == AppointmentType.REGULAR
        if draw < LEAVE_SHARE and post.employee_id in accounts:
            return day, "leave"
        if draw < LEAVE_SHARE + OVERTIME_SHARE and regular and (post.grade or 9) <= 4:
            return day, "overtime"  # 4級 and below: 管理職 get no overtime pay
        if draw < LEAVE_SHARE + OVERTIME_SHARE + LATE_SHARE and regular and post.employee_id not in logins:
            return day, "late"
        return None

    def _punches(
        self,
        post: _Post,
        plan: DayPlan,
        case: tuple[datetime.date, str] | None,
        where: tuple[str, int | None, str],
        logins: dict[int, int],
    ) -> list[tuple[object, ...]]:
        schedule = plan.schedule
        assert schedule is not None
        day, rng = plan.day, self.rng
        start = schedule.start - rng.randint(3, 12)
        end = schedule.end + rng.randint(1, 8)
        if case == (day, "late"):
            start = schedule.start + rng.choice((10, 15, 20))
        elif case == (day, "overtime"):
            end = schedule.end + OVERTIME_MINUTES + rng.randint(1, 10)
        user = logins.get(post.employee_id)
        source = (ClockSource.ONLINE if user else ClockSource.PROXY).value
        kind, location, note = where
        rows: list[tuple[object, ...]] = []
        for punch, minute in ((ClockKind.CLOCK_IN.value, start), (ClockKind.CLOCK_OUT.value, end)):
            at = _at(day, minute, rng.randint(0, 59))
            rows.append((
                self.org_id, post.employee_id, punch, at, at, day, source, kind, location, note,
                f"demo-{day.isoformat()}-{punch}", user or self.actor.pk, "" if user else PROXY_REASON,
            ))  # fmt: skip
        return rows

    def _insert_clock(self, rows: list[tuple[object, ...]]) -> int:
        fields = (
            "organization_id", "employee_id", "kind", "occurred_at", "received_at", "business_date", "source",
            "location_kind", "location_id", "location_note", "idempotency_key", "entered_by_id", "reason",
        )  # fmt: skip
        return RowInserter(ClockEvent, fields).insert(rows)

    def _leave_row(self, post: _Post, day: datetime.date, schedule: WorkSchedule, account: int) -> tuple[object, ...]:
        span = schedule.span_on(day)
        return (self.org_id, account, post.employee_id, EntryKind.USE.value, day, 1, 0, "day", span.start, span.end, "")

    def _order_row(self, post: _Post, day: datetime.date, schedule: WorkSchedule) -> tuple[object, ...]:
        starts = _at(day, schedule.end)
        confirmed = _at(day + datetime.timedelta(days=1), 9 * 60)
        return (
            self.org_id, post.employee_id, day, starts, starts + datetime.timedelta(minutes=OVERTIME_MINUTES),
            OVERTIME_MINUTES, OVERTIME_MINUTES, confirmed, self.heads[post.org_unit_id],
        )  # fmt: skip

    def _when(self, days_after: int, minute: int) -> datetime.datetime:
        return min(_at(self.last + datetime.timedelta(days=days_after), minute), timezone.now())

    def _sheets(self, ids: list[int], posts: list[_Post]) -> int:
        """Every employee's 出勤簿, 本人確認 and 所属長確認 (the head over their unit at the month's end);
        a sheet someone already opened is confirmed in place."""
        unit = {p.employee_id: p.org_unit_id for p in posts}  # the last post of the month wins
        heads = self.heads
        sheets = AttendanceSheet.objects.for_organization(self.org_id).filter(
            year=self.first.year, month=self.first.month
        )
        existing = set(sheets.filter(employee_id__in=ids).values_list("employee_id", flat=True))
        staff_at, head_at = self._when(1, 17 * 60), self._when(2, 10 * 60)
        by_head: dict[int, list[int]] = {}
        for eid in existing:
            by_head.setdefault(heads[unit[eid]], []).append(eid)
        for head, eids in by_head.items():
            sheets.filter(employee_id__in=eids).update(
                status=SheetStatus.HEAD_CONFIRMED.value, staff_confirmed_at=staff_at, head_confirmed_at=head_at,
                head_confirmed_by_id=head,
            )  # fmt: skip
        rows = [
            (self.org_id, eid, self.first.year, self.first.month, SheetStatus.HEAD_CONFIRMED.value, staff_at, head_at,
             heads[unit[eid]])
            for eid in ids
            if eid not in existing
        ]  # fmt: skip
        fields = (
            "organization_id", "employee_id", "year", "month", "status", "staff_confirmed_at", "head_confirmed_at",
            "head_confirmed_by_id",
        )  # fmt: skip
        return RowInserter(AttendanceSheet, fields).insert(rows)

    def _closes(self, posts: list[_Post]) -> int:
        """勤怠締め of every unit that had staff in the month (by the 庶務担当 over it)."""
        units = sorted({p.org_unit_id for p in posts})
        clerks = _signers(self.org_id, Role.CLERK, units, self.last, self.actor)
        at = self._when(3, 12 * 60)
        rows = [(self.org_id, u, self.first.year, self.first.month, at, clerks[u]) for u in units]
        fields = ("organization_id", "org_unit_id", "year", "month", "closed_at", "closed_by_id")
        return RowInserter(MonthClose, fields).insert(rows)


def attendance_demo_months(*, acting_user: User, months: Sequence[datetime.date], seed: int) -> dict[str, int]:
    """Punches, 出勤簿 and 勤怠締め of the acting user's organization for each month (its 1st) in ``months``.

    Run inside the caller's transaction (the demo step's). A month already closed for some unit is skipped."""
    org_id = acting_user.organization_id
    wanted = sorted({m.replace(day=1) for m in months})
    closed = set(MonthClose.objects.for_organization(org_id).values_list("year", "month").distinct())
    todo = [m for m in wanted if (m.year, m.month) not in closed]
    counts: Counter[str] = Counter()
    if not todo:
        return dict(counts)
    last_day = month_end(todo[-1].year, todo[-1].month)
    counts["勤務時間の割振り(短時間)"] += _part_time_schedules(org_id, _posts(org_id, todo[0], last_day), todo[0])
    for first in todo:
        last = month_end(first.year, first.month)
        rng = random.Random(f"attendance-month-{seed}-{first:%Y%m}")  # noqa: S311  (deterministic demo data)
        counts.update(_Month(org_id, acting_user, first, last, rng).seed(_posts(org_id, first, last)))
    audit_record(
        actor=acting_user,
        action=events.DEMO_SEEDED,
        target_type="attendance.demo_month",
        organization_id=org_id,
        after={"months": [f"{m:%Y-%m}" for m in todo], "seed": seed, "rows": dict(counts)},
    )
    return dict(counts)
