"""API token authentication: SHA-256 lookup, expiry and revocation, tenant bound for the request only."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from jinji.accounts import events
from jinji.accounts.api_auth import token_user
from jinji.accounts.models import ApiToken, Role, User
from jinji.accounts.tokens import api_token_issue, api_token_revoke
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError, NotPermitted
from jinji.core.tenancy import current_organization_id_or_none
from tests.accounts.builders import World, build_world, grant, make_employee, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.api_urls")]


@pytest.fixture
def world() -> World:
    world = build_world(with_people=False)
    make_employee(world.org, world.div)
    make_employee(world.org, world.div)
    other = build_world(with_people=False)
    make_employee(other.org, other.div)
    return world


def call(key: str | None) -> tuple[int, dict[str, object]]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key is not None else {}
    response = Client().get("/api/whoami", **headers)  # type: ignore[arg-type]
    return response.status_code, response.json()


def test_valid_token_authenticates_and_binds_the_tenant(world: World) -> None:
    user = make_user(world.org, username="api-client")
    issued = api_token_issue(acting_user=None, user=user, name="連携")
    status, body = call(issued.key)
    assert status == 200
    assert body == {"username": "api-client", "tenant": world.org.pk, "employees": 2}
    issued.token.refresh_from_db()
    assert issued.token.last_used_at is not None


def _last_used(token: ApiToken) -> datetime.datetime | None:
    return ApiToken.unscoped.values_list("last_used_at", flat=True).get(pk=token.pk)


def test_last_used_is_written_at_most_once_a_minute(world: World) -> None:
    issued = api_token_issue(acting_user=None, user=make_user(world.org), name="連携")
    t0 = datetime.datetime(2026, 11, 2, 8, 30, tzinfo=datetime.UTC)
    assert token_user(issued.key, now=t0) is not None
    assert _last_used(issued.token) is None  # a plain look-up writes nothing
    found = token_user(issued.key, now=t0, touch=True)
    assert found is not None
    assert found[0].last_used_at == t0
    assert _last_used(issued.token) == t0
    token_user(issued.key, now=t0 + datetime.timedelta(seconds=59), touch=True)
    assert _last_used(issued.token) == t0
    later = t0 + datetime.timedelta(minutes=1)
    token_user(issued.key, now=later, touch=True)
    assert _last_used(issued.token) == later


@pytest.mark.parametrize("case", ["revoked", "inactive"])
def test_a_refused_token_is_not_marked_used(world: World, case: str) -> None:
    user = make_user(world.org)
    issued = api_token_issue(acting_user=None, user=user, name="連携")
    if case == "revoked":
        api_token_revoke(acting_user=None, token=issued.token)
    else:
        User.objects.filter(pk=user.pk).update(is_active=False)
    assert token_user(issued.key, touch=True) is None
    assert _last_used(issued.token) is None


def test_tenant_does_not_leak_past_the_request(world: World) -> None:
    user = make_user(world.org)
    issued = api_token_issue(acting_user=None, user=user, name="連携")
    assert call(issued.key)[0] == 200
    assert current_organization_id_or_none() is None


@pytest.mark.parametrize("case", ["missing", "garbage", "revoked", "expired", "inactive"])
def test_refused_tokens(world: World, case: str) -> None:
    user = make_user(world.org)
    issued = api_token_issue(acting_user=None, user=user, name="連携")
    key: str | None = issued.key
    if case == "missing":
        key = None
    elif case == "garbage":
        key = "jinji_not-a-real-token"
    elif case == "revoked":
        api_token_revoke(acting_user=None, token=issued.token)
    elif case == "expired":
        ApiToken.unscoped.filter(pk=issued.token.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif case == "inactive":
        User.objects.filter(pk=user.pk).update(is_active=False)
    status, _ = call(key)
    assert status == 401
    if case != "missing":
        assert AuditEvent.objects.filter(action=events.API_AUTH_FAILED).exists()


def test_only_the_hash_is_stored(world: World) -> None:
    issued = api_token_issue(acting_user=None, user=make_user(world.org), name="連携")
    stored = ApiToken.unscoped.values_list("key_hash", flat=True).get(pk=issued.token.pk)
    assert issued.key not in stored
    assert len(stored) == 64
    assert token_user(issued.key) is not None
    assert token_user(issued.key + "x") is None


def test_issue_requires_sysadmin_and_a_name(world: World) -> None:
    user = make_user(world.org)
    hr = make_user(world.org)
    grant(hr, Role.HR)
    with pytest.raises(NotPermitted):
        api_token_issue(acting_user=hr, user=user, name="x")
    admin = make_user(world.org)
    grant(admin, Role.SYSADMIN)
    with pytest.raises(DomainError) as caught:
        api_token_issue(acting_user=admin, user=user, name=" ", expires_at=timezone.now() - datetime.timedelta(days=1))
    assert {p.field for p in caught.value.problems} == {"名称", "有効期限"}
    issued = api_token_issue(acting_user=admin, user=user, name="ok")
    event = AuditEvent.objects.get(action=events.API_TOKEN_ISSUED)
    assert event.actor_id == admin.pk
    assert issued.key not in str(event.after)


def test_issue_token_command(world: World) -> None:
    user = make_user(world.org, username="batch")
    out, err = io.StringIO(), io.StringIO()
    call_command("issue_token", user="batch", name="夜間バッチ", expires="2099-12-31", stdout=out, stderr=err)
    key = out.getvalue().strip()
    found = token_user(key)
    assert found is not None
    token, token_owner = found
    assert token_owner == user
    assert token.name == "夜間バッチ"
    assert token.expires_at is not None
    assert timezone.localtime(token.expires_at).date() == datetime.date(2100, 1, 1)
    assert "再表示できません" in err.getvalue()
    with pytest.raises(CommandError, match="--user"):
        call_command("issue_token", user="nobody", name="x", stdout=out, stderr=err)
    with pytest.raises(CommandError, match="--expires"):
        call_command("issue_token", user="batch", name="x", expires="2099/12/31", stdout=out, stderr=err)
