"""The audit screen for 監査 and システム管理者: filters, bounded pages, CSV export with formula escaping."""

from __future__ import annotations

import csv
import datetime
import io
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jinji.accounts.models import Role, User
from jinji.audit.actions import ACCESS_DENIED, EXPORTED
from jinji.audit.csv_export import csv_safe
from jinji.audit.models import AuditEvent, AuditKind
from tests.accounts.builders import World, build_world, grant, make_user, signed_in
from tests.factories import AuditEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world(with_people=False)


@pytest.fixture
def auditor(world: World) -> User:
    user = make_user(world.org, username="kansa")
    grant(user, Role.AUDITOR)
    return user


@pytest.fixture
def client(auditor: User) -> Client:
    return signed_in(auditor)


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def event_on(moment: datetime.datetime, **fields: object) -> AuditEvent:
    with mock.patch("django.utils.timezone.now", return_value=moment):
        event: AuditEvent = AuditEventFactory(**fields)
    return event


def listed(client: Client, **params: str) -> list[str]:
    response = client.get("/audit/", params)
    assert response.status_code == 200
    return [row["event"].action for row in response.context["rows"]]


@pytest.mark.parametrize(
    ("role", "status"), [(Role.AUDITOR, 200), (Role.SYSADMIN, 200), (Role.HR, 403), (Role.STAFF, 403)]
)
def test_who_may_open_the_audit_screen(world: World, role: Role, status: int) -> None:
    user = make_user(world.org)
    if role != Role.STAFF:
        grant(user, role)
    client = signed_in(user)
    assert client.get("/audit/").status_code == status
    assert client.get("/audit/export.csv").status_code == status
    denied = AuditEvent.objects.filter(action=ACCESS_DENIED, actor=user).count()
    assert denied == (2 if status == 403 else 0)


def test_anonymous_is_sent_to_login() -> None:
    response = Client().get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_only_own_organizations_events(client: Client, world: World) -> None:
    AuditEventFactory(organization=world.org, action="mine.changed")
    AuditEventFactory(organization=build_world(with_people=False).org, action="theirs.changed")
    actions = listed(client)
    assert "mine.changed" in actions
    assert "theirs.changed" not in actions


def test_filters(client: Client, world: World) -> None:
    org = world.org
    event_on(at(datetime.date(2026, 3, 31), 23), organization=org, action="a.before", actor_label="sato")
    event_on(at(datetime.date(2026, 4, 1), 0), organization=org, action="a.first", actor_label="sato")
    event_on(at(datetime.date(2026, 4, 30), 23), organization=org, action="a.last", actor_label="suzuki")
    event_on(at(datetime.date(2026, 5, 1), 0), organization=org, action="a.after", actor_label="sato")
    AuditEventFactory(
        organization=org, action="emp.read", kind=AuditKind.READ, target_type="personnel.employee", target_id="42"
    )

    assert set(listed(client, date_from="2026-04-01", date_to="2026-04-30")) == {"a.first", "a.last"}
    assert set(listed(client, actor="sat")) == {"a.before", "a.first", "a.after"}
    assert set(listed(client, actor="suzu")) == {"a.last"}
    assert listed(client, action="a.after") == ["a.after"]
    assert listed(client, kind="read") == ["emp.read"]
    assert listed(client, target_type="personnel.employee", target_id="42") == ["emp.read"]


def test_bad_period_names_the_field(client: Client) -> None:
    response = client.get("/audit/", {"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert response.status_code == 200
    assert "期間(終了日)は開始日以降の日付にしてください" in response.context["form"].errors["date_to"]
    response = client.get("/audit/", {"date_from": "令和8年"})
    assert response.context["form"].errors["date_from"]


def _count_queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_pages_run_a_bounded_number_of_queries(client: Client, world: World, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    AuditEventFactory.create_batch(5, organization=world.org)
    few = _count_queries(client, "/audit/")
    AuditEventFactory.create_batch(130, organization=world.org)
    with django_assert_max_num_queries(few):
        response = client.get("/audit/?page=2")
    assert len(response.context["rows"]) == 50
    assert response.context["page"].paginator.num_pages == 3


def read_csv(client: Client, **params: str) -> tuple[str, list[list[str]]]:
    response = client.get("/audit/export.csv", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content).decode("utf-8")  # type: ignore[attr-defined]
    return raw, list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))


def test_csv_export_has_bom_header_and_contents(client: Client, world: World, auditor: User) -> None:
    event_on(
        at(datetime.date(2026, 4, 1), 9),
        organization=world.org,
        action="personnel.employee_updated",
        actor_label="jinji01",
        target_label="山田 太郎",
        before={"family_name": "山田"},
        after={"family_name": "佐藤"},
        ip_address="192.0.2.1",
    )
    raw, rows = read_csv(client, action="personnel.employee_updated")
    assert raw.startswith("\ufeff日時,")
    assert rows[0] == [
        "日時",
        "種別",
        "操作",
        "操作名",
        "実行者",
        "対象種別",
        "対象ID",
        "対象",
        "変更前",
        "変更後",
        "IPアドレス",
    ]
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == "2026-04-01 09:00:00"
    assert row[1] == "変更"
    assert row[4] == "jinji01"
    assert row[7] == "山田 太郎"
    assert row[8] == '{"family_name": "山田"}'
    assert row[9] == '{"family_name": "佐藤"}'
    assert row[10] == "192.0.2.1"
    # The export itself is recorded.
    exported = AuditEvent.objects.get(action=EXPORTED)
    assert exported.actor_id == auditor.pk
    assert exported.after == {"action": "personnel.employee_updated"}


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+81-3-1234", "'+81-3-1234"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("山田=太郎", "山田=太郎"),
        ("", ""),
    ],
)
def test_csv_cells_cannot_become_formulas(client: Client, world: World, label: str, expected: str) -> None:
    AuditEventFactory(organization=world.org, action="x.read", target_label=label, actor_label=label)
    _, rows = read_csv(client, action="x.read")
    assert rows[1][7] == expected
    assert rows[1][4] == expected


def test_csv_safe_handles_non_text() -> None:
    assert csv_safe(None) == ""
    assert csv_safe(-5) == "'-5"
    assert csv_safe(12) == "12"


def test_csv_export_uses_the_filters_and_own_organization(client: Client, world: World) -> None:
    AuditEventFactory(organization=world.org, action="keep.me")
    AuditEventFactory(organization=world.org, action="drop.me")
    AuditEventFactory(organization=build_world(with_people=False).org, action="keep.me")
    _, rows = read_csv(client, action="keep.me")
    assert [r[2] for r in rows[1:]] == ["keep.me"]
