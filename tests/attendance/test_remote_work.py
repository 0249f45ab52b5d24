"""在宅勤務・ワーケーションの申請: parsing, the weekly cap across week boundaries, overlaps, the yearly
workation cap, the approval effect (re-checked under the lock), the clock page and the 出勤簿."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from jinji.accounts.models import User
from jinji.attendance.models import AttendancePolicy, LocationKind, RemoteWorkDay
from jinji.attendance.remote_work import CODE, parse_remote
from jinji.attendance.services.definitions import attendance_definitions_seed
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.workflow.models import InstanceStatus, WorkflowInstance
from jinji.workflow.services import instance_approve, instance_create
from tests.attendance.conftest import World

pytestmark = pytest.mark.django_db

# June 2026: Monday 1, 8, 15 …; 2026-07-20 is 海の日 (a Monday).


def _apply(user: User, **payload: str) -> WorkflowInstance:
    data = {"kind": "home", "reason": "資料作成", **payload}
    return instance_create(acting_user=user, application_type=CODE, subject="在宅勤務", payload=data,
                           attributes={"days": 1})  # fmt: skip


def _approved(w: World, dates: str, kind: str = "home", **extra: str) -> WorkflowInstance:
    done = instance_approve(instance=_apply(w.staff, dates=dates, kind=kind, **extra), acting_user=w.head)
    assert done.status == InstanceStatus.APPROVED, done.effect_error
    return done


def _messages(exc: pytest.ExceptionInfo[DomainError]) -> str:
    return " / ".join(str(p) for p in exc.value.problems)


@pytest.fixture
def routes(world: World) -> World:
    attendance_definitions_seed(acting_user=world.hr)
    return world


def test_a_range_skips_weekly_rest_days_and_holidays() -> None:
    ask = parse_remote({"kind": "home", "start": "2026-07-17", "end": "2026-07-21", "reason": "x"})
    assert ask.days == (datetime.date(2026, 7, 17), datetime.date(2026, 7, 21))  # 土日・海の日 (7/20) skipped
    listed = parse_remote({"kind": "home", "dates": "2026-06-04, 2026-06-02 2026-06-04", "reason": "x"})
    assert listed.days == (datetime.date(2026, 6, 2), datetime.date(2026, 6, 4))
    assert listed.place == "自宅"
    saturday = parse_remote({"kind": "home", "start": "2026-06-06", "reason": "x"})
    assert saturday.days == (datetime.date(2026, 6, 6),)  # a single day is taken as chosen


@pytest.mark.parametrize(
    ("payload", "field", "fragment"),
    [
        ({"kind": "office"}, "区分", "在宅勤務"),
        ({"kind": "home", "reason": "x"}, "開始日", "開始日"),
        ({"kind": "home", "start": "2026-06-31", "reason": "x"}, "開始日", "2026-06-31"),
        ({"kind": "home", "start": "2026-06-05", "end": "2026-06-01", "reason": "x"}, "終了日", "開始日以降"),
        ({"kind": "home", "start": "2026-06-06", "end": "2026-06-07", "reason": "x"}, "開始日", "勤務日がありません"),
        ({"kind": "workation", "start": "2026-06-01", "reason": "x"}, "勤務地", "ワーケーションの勤務地"),
        ({"kind": "home", "start": "2026-06-01"}, "理由", "理由"),
    ],
)
def test_bad_requests_name_the_field(payload: dict[str, str], field: str, fragment: str) -> None:
    with pytest.raises(DomainError) as exc:
        parse_remote(payload)
    assert any(p.field == field and fragment in p.message for p in exc.value.problems), _messages(exc)


def test_weekly_cap_counts_approved_days_and_stops_at_the_week_boundary(routes: World) -> None:
    _approved(routes, "2026-06-01 2026-06-02")  # Mon, Tue: the cap (2) of week 6/1–6/7 is used up
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, dates="2026-06-05")
    text = _messages(exc)
    assert "2026年6月1日〜2026年6月7日の週は在宅勤務が3日" in text
    assert "上限(週2日)" in text
    assert "承認済み2日" in text
    _apply(routes.staff, dates="2026-06-08")  # next Monday: a new week
    # A range across the boundary: Thu 6/4 … Tue 6/9 is refused for the first week only.
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, start="2026-06-04", end="2026-06-09")
    text = _messages(exc)
    assert "2026年6月1日〜2026年6月7日の週" in text
    assert "2026年6月8日は申請中の在宅勤務と重なっています" in text
    assert "6月8日〜" not in text  # week 6/8–6/14 stays within the cap: 6/8 (pending, not counted twice) + 6/9


def test_pending_days_count_toward_the_weekly_cap(routes: World) -> None:
    _apply(routes.staff, dates="2026-06-15")
    _apply(routes.staff, dates="2026-06-16")
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, dates="2026-06-17")
    assert "申請中2日" in _messages(exc)
    _apply(routes.staff2, dates="2026-06-17")  # another employee has their own cap


def test_overlapping_requests_are_refused(routes: World) -> None:
    _approved(routes, "2026-06-03")
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, dates="2026-06-03", kind="workation", place="白浜町", contact="090-0000-0000")
    assert "2026年6月3日は既に在宅勤務が承認されています" in _messages(exc)
    _apply(routes.staff, dates="2026-06-10")
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, start="2026-06-10", end="2026-06-10")
    assert "2026年6月10日は申請中の在宅勤務と重なっています" in _messages(exc)


def test_workation_yearly_cap_per_fiscal_year(routes: World) -> None:
    AttendancePolicy.objects.create(telework_max_days_per_week=2, workation_max_days_per_year=3)
    where = {"kind": "workation", "place": "白浜町", "contact": "090-0000-0000"}
    _approved(routes, "2026-06-01 2026-06-02", **where)
    with pytest.raises(DomainError) as exc:
        _apply(routes.staff, start="2026-06-03", end="2026-06-04", **where)
    assert "2026年度のワーケーションが4日になり、上限(年度3日)を超えます" in _messages(exc)
    _apply(routes.staff, dates="2026-06-03 2027-04-01", **where)  # 2027-04-01 is fiscal 2027
    # Workation days do not use the weekly telework cap: 3 days in one week are fine.
    assert RemoteWorkDay.objects.filter(kind=LocationKind.WORKATION).count() == 2


def test_approval_records_the_days_with_an_audit_event(routes: World) -> None:
    done = _approved(routes, "", kind="workation", place="白浜町", contact="090-1111-2222", start="2026-06-04",
                     end="2026-06-08")  # fmt: skip
    rows = list(RemoteWorkDay.objects.order_by("day"))
    assert [r.day for r in rows] == [datetime.date(2026, 6, 4), datetime.date(2026, 6, 5), datetime.date(2026, 6, 8)]
    assert {(r.kind, r.place, r.contact, r.application_id) for r in rows} == {
        ("workation", "白浜町", "090-1111-2222", done.pk)
    }
    event = AuditEvent.objects.get(action="attendance.remote_work_recorded")
    assert event.actor_id == routes.head.pk


def test_approval_rechecks_the_cap_and_records_nothing_when_it_is_broken(routes: World) -> None:
    first = _apply(routes.staff, dates="2026-06-22")
    second = _apply(routes.staff, dates="2026-06-23")
    AttendancePolicy.objects.create(telework_max_days_per_week=1)  # HR lowers the cap meanwhile
    assert instance_approve(instance=first, acting_user=routes.head).status == InstanceStatus.APPROVED
    failed = instance_approve(instance=second, acting_user=routes.head)
    assert failed.status == InstanceStatus.EFFECT_FAILED
    assert "上限(週1日)" in failed.effect_error
    assert list(RemoteWorkDay.objects.values_list("day", flat=True)) == [datetime.date(2026, 6, 22)]


def test_clock_page_preselects_the_approved_kind_and_the_sheet_shows_it(routes: World) -> None:
    today = timezone.localdate()
    _approved(routes, today.isoformat(), kind="workation", place="白浜町", contact="090-1111-2222")
    c = Client()
    c.force_login(routes.staff)
    body = c.get("/attendance/").content.decode()
    assert 'value="workation" checked' in body
    assert 'value="main_office" checked' not in body
    assert 'value="白浜町"' in body
    assert "本日はワーケーション(白浜町)の承認済みの予定です" in body
    sheet = c.get(f"/attendance/sheet/?year={today.year}&month={today.month}").content.decode()
    assert "予定: ワーケーション(白浜町)" in sheet
    other = Client()
    other.force_login(routes.staff2)
    assert 'value="main_office" checked' in other.get("/attendance/").content.decode()


def test_staff_page_submits_and_lists_the_days(routes: World) -> None:
    c = Client()
    c.force_login(routes.staff)
    form = {"kind": "home", "dates": "2026-06-01 2026-06-02 2026-06-03", "reason": "資料作成", "idempotency_key": "k1"}
    response = c.post("/attendance/remote/", form, follow=True)
    assert "上限(週2日)" in response.content.decode()
    assert not WorkflowInstance.objects.filter(application_type=CODE).exists()
    form["dates"] = "2026-06-01"
    c.post("/attendance/remote/", form)
    assert WorkflowInstance.objects.filter(application_type=CODE).count() == 1
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _approved(routes, tomorrow.isoformat())
    page = c.get("/attendance/remote/").content.decode()
    assert 'id="remote-days"' in page
    assert "在宅(自宅)" in page


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_never_break_the_weekly_cap() -> None:
    import threading

    from django.db import connection

    from jinji.core.tenancy import tenant_context
    from tests.attendance.conftest import build_world
    from tests.attendance.test_correction_concurrency import _approve_in_thread

    if connection.vendor != "postgresql":
        pytest.skip("行ロックの同時実行は PostgreSQL でのみ検証します")
    world = build_world()
    with tenant_context(world.org):
        attendance_definitions_seed(acting_user=world.hr)
        policy = AttendancePolicy.objects.create(telework_max_days_per_week=7)
        ids = [_apply(world.staff, dates=f"2026-06-0{d}").pk for d in range(1, 5)]  # Mon–Thu, all pending
        policy.telework_max_days_per_week = 2
        policy.save()
    errors: list[str] = []
    threads = [threading.Thread(target=_approve_in_thread, args=(i, world.head.pk, world.org.pk, errors)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with tenant_context(world.org):
        assert RemoteWorkDay.objects.count() == 2
    assert len(errors) == 2
    assert all("上限(週2日)" in e for e in errors)
