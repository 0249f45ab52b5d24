"""打刻 (clock-in/out): server time authoritative, one event per tap, offline punches flagged,
IP policy per office, proxy entry by the 庶務担当 of the employee's unit."""

from __future__ import annotations

import datetime
import ipaddress
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.accounts.scope import covered_unit_ids
from jinji.attendance import events
from jinji.attendance.models import (
    OFFICE_KINDS,
    ClockEvent,
    ClockKind,
    ClockSource,
    LocationKind,
    WorkLocation,
)
from jinji.attendance.selectors import punch_reads
from jinji.attendance.selectors.closes import primary_unit_ids_on
from jinji.audit.services import audit_record
from jinji.core import fastsql
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.core.tenancy import checked_organization_id
from jinji.org.selectors import unit_descendant_ids
from jinji.rules.attendance import JST

DOUBLE_TAP_SECONDS = 10
"""A second tap of the same kind within this many seconds returns the first event."""
OFFLINE_WINDOW = datetime.timedelta(hours=72)
"""Queued offline punches are accepted this long after their device time."""
CLOCK_SKEW = datetime.timedelta(minutes=5)
DEFAULT_TELEWORK_DAYS = 2
"""Telework days a week allowed when the organization has no 就業管理の設定."""
SHIFT_SPAN = datetime.timedelta(hours=24)
"""A clock-out belongs to an open clock-in at most this long before it (夜勤 across midnight)."""
TELEWORK_KINDS = (LocationKind.HOME, LocationKind.WORKATION)


@dataclass(frozen=True, slots=True)
class PunchRequest:
    """What the clock page or the API sends. ``device_time`` only for a queued offline punch;
    ``at`` only for proxy entry by the 庶務担当 (with ``reason``)."""

    employee_id: int
    kind: str
    location_kind: str
    idempotency_key: str
    location_id: int | None = None
    location_note: str = ""
    client_ip: str | None = None
    device_time: datetime.datetime | None = None
    at: datetime.datetime | None = None
    reason: str = ""


@dataclass(frozen=True, slots=True)
class PunchResult:
    event: ClockEvent
    created: bool
    message: str


def _problem(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field=field, message=message)])


def _check_permission(user: User, req: PunchRequest, on: datetime.date) -> ClockSource:
    if req.at is None:
        if user.employee_id != req.employee_id:
            raise NotPermitted([FieldProblem("職員", "本人以外の打刻は庶務担当の代理入力でのみ行えます")])
        return ClockSource.OFFLINE if req.device_time is not None else ClockSource.ONLINE
    if not req.reason.strip():
        raise _problem("理由", "代理入力の理由を入力してください")
    coverage = covered_unit_ids(user, (Role.CLERK,), on=on, descendants=unit_descendant_ids)
    # Scoped to the clerk's organization: another organization's employee has no unit here.
    unit_id = primary_unit_ids_on(organization=user.organization_id, employee_ids=[req.employee_id], on=on).get(
        req.employee_id
    )
    if unit_id is None or not coverage.covers(unit_id):
        raise NotPermitted([FieldProblem("職員", "担当する所属の職員についてのみ代理入力できます")])
    return ClockSource.PROXY


def _location(user: User, req: PunchRequest, source: ClockSource) -> WorkLocation | None:
    if req.location_kind not in LocationKind.values:
        raise _problem("勤務場所", "本庁・出先機関・サテライトオフィス・在宅・ワーケーションから選んでください")
    if req.location_kind == LocationKind.WORKATION and not req.location_note.strip():
        raise _problem("勤務地", "ワーケーションの場合は勤務地(滞在先)を入力してください")
    if req.location_kind not in OFFICE_KINDS:
        return None
    if req.location_id is None:
        raise _problem("勤務場所", f"{LocationKind(req.location_kind).label}の場合はどの勤務場所かを選んでください")
    location: WorkLocation | None = (
        WorkLocation.objects.for_organization(user.organization_id).filter(pk=req.location_id).first()
    )
    if location is None or location.kind != req.location_kind or not location.is_active:
        raise _problem("勤務場所", "選んだ勤務場所は登録されていないか、区分が違います")
    if source is ClockSource.ONLINE and not ip_allowed(location.allowed_networks, req.client_ip):
        raise _problem("勤務場所", f"「{location.name}」での打刻は庁舎のネットワークからのみできます")
    return location


def ip_allowed(networks: str, client_ip: str | None) -> bool:
    """Whether ``client_ip`` is inside one of ``networks`` (CIDR lines); no networks → allowed."""
    cidrs = [line.strip() for line in networks.splitlines() if line.strip()]
    if not cidrs:
        return True
    if not client_ip:
        return False
    try:
        address = ipaddress.ip_address(client_ip)
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(c, strict=False) for c in cidrs)


def _moment(req: PunchRequest, now: datetime.datetime, source: ClockSource) -> datetime.datetime:
    if source is ClockSource.PROXY:
        assert req.at is not None
        moment = req.at
    elif source is ClockSource.OFFLINE:
        assert req.device_time is not None
        moment = req.device_time
        if now - moment > OFFLINE_WINDOW:
            raise _problem("打刻時刻", "72時間より前の打刻は送信できません。修正申請で届け出てください")
    else:
        return now
    if timezone.is_naive(moment):
        raise _problem("打刻時刻", "タイムゾーン付きで指定してください(例: 2026-04-01T08:30:00+09:00)")
    if moment > now + CLOCK_SKEW:
        raise _problem("打刻時刻", "未来の時刻は打刻できません")
    return moment


def _check_open_month(
    state: punch_reads.PunchState, organization_id: int, employee_id: int, day: datetime.date
) -> None:
    """Refuse a punch into a month closed for the unit of the employee's 本務 on ``day`` (read with the
    lock for the two possible business dates; a query for any other)."""
    closed = state.closed.get(day)
    if closed is None:
        closed = punch_reads.month_closed_for(organization_id=organization_id, employee_id=employee_id, day=day)
    if closed:
        raise _problem(
            "打刻時刻", f"{day.year}年{day.month}月は勤怠締め済みのため打刻できません。修正申請で届け出てください"
        )


def _existing(organization_id: int, employee_id: int, key: str) -> ClockEvent | None:
    events_ = ClockEvent.objects.for_organization(organization_id)
    return events_.filter(employee_id=employee_id, idempotency_key=key).first()


@dataclass(frozen=True, slots=True)
class _Recent:
    """What one query tells about the employee before a punch: the event already recorded under the
    key (a resend), the previous punch, and the telework days of the punch's week (for the note)."""

    found: ClockEvent | None
    previous: ClockEvent | None
    telework_days: frozenset[datetime.date]


def _week_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    monday = day - datetime.timedelta(days=day.weekday())
    return monday, monday + datetime.timedelta(days=6)


def _recent(organization_id: int, employee_id: int, key: str, moment: datetime.datetime) -> _Recent:
    """One query (instead of one each for the key, the previous punch and the week's telework): the
    event with ``key``, and the employee's events from 48 hours before ``moment`` (and from the Monday
    of its week) to ``moment`` (or the Sunday, for a queued offline punch), bounded by business date so
    the (organization, employee, business_date) index serves it."""
    monday, sunday = _week_of(moment.astimezone(JST).date())
    since = min(moment - 2 * SHIFT_SPAN, datetime.datetime.combine(monday, datetime.time(), JST))
    until = max(moment, datetime.datetime.combine(sunday + datetime.timedelta(days=1), datetime.time(), JST))
    rows = punch_reads.recent_events(
        organization_id=organization_id,
        employee_id=employee_id,
        key=key,
        since=since,
        until=until,
        first_day=since.astimezone(JST).date() - datetime.timedelta(days=1),
        last_day=until.astimezone(JST).date(),
    )
    found = next((r for r in rows if r.idempotency_key == key), None)
    earliest = moment - 2 * SHIFT_SPAN
    previous = next((r for r in rows if earliest <= r.occurred_at <= moment), None)
    days = frozenset(
        r.business_date
        for r in rows
        if r.kind == ClockKind.CLOCK_IN and r.location_kind in TELEWORK_KINDS and monday <= r.business_date <= sunday
    )
    return _Recent(found, previous, days)


def _hhmm(moment: datetime.datetime) -> str:
    return moment.astimezone(JST).strftime("%H:%M")


@dataclass(frozen=True, slots=True)
class _Placement:
    business_date: datetime.date
    without_clock_in: bool
    message: str


def _place(req: PunchRequest, moment: datetime.datetime, previous: ClockEvent | None) -> _Placement:
    """The business date of the punch, refusing one that contradicts the previous punch."""
    today = moment.astimezone(JST).date()
    if req.kind == ClockKind.CLOCK_IN:
        if previous is not None and previous.kind == ClockKind.CLOCK_IN and previous.business_date == today:
            raise _problem("打刻", f"既に出勤の打刻があります({_hhmm(previous.occurred_at)})。退勤を打刻してください")
        return _Placement(today, False, f"出勤を記録しました({_hhmm(moment)})")
    if previous is not None and previous.kind == ClockKind.CLOCK_IN and moment - previous.occurred_at <= SHIFT_SPAN:
        return _Placement(previous.business_date, False, f"退勤を記録しました({_hhmm(moment)})")
    if previous is not None and previous.kind == ClockKind.CLOCK_OUT and previous.business_date == today:
        raise _problem("打刻", f"既に退勤の打刻があります({_hhmm(previous.occurred_at)})")
    message = (
        f"退勤を記録しました({_hhmm(moment)})。出勤の打刻がありません。"
        "庶務担当に出勤時刻の代理入力を依頼するか、修正申請をしてください"
    )
    return _Placement(today, True, message)


def _adopt_orphan_out(event: ClockEvent) -> None:
    """A late-arriving clock-in (offline, proxy) completes an out recorded without one."""
    orphan = (
        ClockEvent.objects.for_organization(event.organization_id)
        .filter(
            employee_id=event.employee_id,
            kind=ClockKind.CLOCK_OUT,
            without_clock_in=True,
            occurred_at__gt=event.occurred_at,
            occurred_at__lte=event.occurred_at + SHIFT_SPAN,
        )
        .order_by("occurred_at")
        .first()
    )
    if orphan is not None:
        orphan.without_clock_in = False
        orphan.business_date = event.business_date
        orphan.save(update_fields=["without_clock_in", "business_date"])


def _validate_basic(req: PunchRequest) -> str:
    key = req.idempotency_key.strip()
    if not key or len(key) > 64:
        raise _problem("再送識別子", "1〜64文字で指定してください")
    if req.kind not in ClockKind.values:
        raise _problem("打刻種別", "出勤 (in) または退勤 (out) を指定してください")
    return key


def clock_punch(*, acting_user: User, request: PunchRequest, now: datetime.datetime | None = None) -> PunchResult:
    """Record one punch (see module docstring); a repeated key or a double tap returns the first event.

    Hot path (a staff member's online punch), one transaction of four statements: the per-employee
    lock (which also reads whether the month is closed and the telework policy), one read of the key
    and the recent punches, the insert and the audit row."""
    now = now or timezone.now()
    key = _validate_basic(request)
    org_id, employee_id = acting_user.organization_id, request.employee_id
    source = _check_permission(acting_user, request, now.astimezone(JST).date())
    location = _location(acting_user, request, source)
    try:
        moment = _moment(request, now, source)
    except DomainError:
        if (found := _existing(org_id, employee_id, key)) is not None:  # a resend of a punch accepted earlier
            return PunchResult(found, False, "この打刻は既に記録されています")
        raise
    day = moment.astimezone(JST).date()
    with transaction.atomic():
        # The business date is the punch's day, or the day before for a clock-out after midnight.
        state = punch_reads.lock_for_punch(
            organization_id=org_id, employee_id=employee_id, days=(day, day - datetime.timedelta(days=1))
        )
        if state is None:
            raise NotPermitted([FieldProblem("職員", "この団体の職員ではありません")])
        recent = _recent(org_id, employee_id, key, moment)
        if recent.found is not None:
            return PunchResult(recent.found, False, "この打刻は既に記録されています")
        previous = recent.previous
        if (
            previous is not None
            and previous.kind == request.kind
            and moment - previous.occurred_at <= datetime.timedelta(seconds=DOUBLE_TAP_SECONDS)
        ):
            return PunchResult(previous, False, "続けて押された打刻は1回として記録しました")
        placement = _place(request, moment, previous)
        _check_open_month(state, org_id, employee_id, placement.business_date)
        event = _create(
            acting_user, request, key=key, moment=moment, now=now, source=source, location=location, placement=placement
        )
        if event.kind == ClockKind.CLOCK_IN and source is not ClockSource.ONLINE:
            _adopt_orphan_out(event)
        _audit(acting_user, event)
    return PunchResult(
        event, True, placement.message + _telework_note(event, recent.telework_days, state.telework_limit)
    )


def _create(
    user: User,
    req: PunchRequest,
    *,
    key: str,
    moment: datetime.datetime,
    now: datetime.datetime,
    source: ClockSource,
    location: WorkLocation | None,
    placement: _Placement,
) -> ClockEvent:
    # No savepoint: the employee's punches are locked and the key checked, so a conflict is near impossible;
    # if one happens the DomainError leaves the surrounding atomic block, which rolls everything back.
    try:
        event = fastsql.insert(  # plain INSERT: this runs on every punch (see jinji.core.fastsql)
            ClockEvent(
                organization_id=checked_organization_id(user.organization_id),
                employee_id=req.employee_id,
                kind=req.kind,
                occurred_at=moment,
                received_at=now,
                business_date=placement.business_date,
                source=source,
                location_kind=req.location_kind,
                location=location,
                location_note=req.location_note.strip()[:100],
                without_clock_in=placement.without_clock_in,
                idempotency_key=key,
                entered_by=user,
                reason=req.reason.strip()[:200],
                ip_address=req.client_ip,
            )
        )
    except IntegrityError:
        raise _problem("再送識別子", "同じ打刻が同時に送信されました。画面を更新して確認してください") from None
    return event


def _audit(user: User, event: ClockEvent) -> None:
    audit_record(
        actor=user,
        action=events.CLOCKED_BY_PROXY if event.source == ClockSource.PROXY else events.CLOCKED,
        target=event,
        target_label=f"{event.get_kind_display()} {event.occurred_at.astimezone(JST):%Y-%m-%d %H:%M}",
        after={
            "employee": event.employee_id,
            "kind": event.kind,
            "occurred_at": event.occurred_at,
            "source": event.source,
            "location_kind": event.location_kind,
            "location": event.location_id,
            "reason": event.reason,
        },
    )


def _telework_note(event: ClockEvent, earlier_days: frozenset[datetime.date], stored_limit: int | None) -> str:
    """A warning when a 在宅・ワーケーション clock-in exceeds the organization's days a week (policy).
    ``earlier_days``: the week's telework clock-in days already recorded (read under the lock);
    ``stored_limit``: the organization's policy (None: none stored)."""
    if event.kind != ClockKind.CLOCK_IN or event.location_kind not in TELEWORK_KINDS:
        return ""
    days = len(earlier_days | {event.business_date})
    limit = DEFAULT_TELEWORK_DAYS if stored_limit is None else stored_limit
    if days <= limit:
        return ""
    return f"。今週のテレワークが {days}日 となり、団体の上限(週{limit}日)を超えています。所属長に報告してください"
