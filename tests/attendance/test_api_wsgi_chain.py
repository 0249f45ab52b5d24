"""The production WSGI entry point: a token-authenticated API call takes the short middleware chain
(settings.API_MIDDLEWARE) and still gets the security headers, the audit IP and a clean tenant;
pages and token-less calls keep the full chain."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from jinji.accounts import events as account_events
from jinji.accounts.tokens import api_token_issue
from jinji.attendance import events
from jinji.attendance.models import ClockEvent
from jinji.audit.models import AuditEvent
from jinji.config.wsgi import application, is_token_api_call
from jinji.core.tenancy import current_organization_id_or_none
from tests.accounts.builders import make_user
from tests.attendance.conftest import World
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    """As Django's test client does: the real handler would close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _call(
    method: str, path: str, *, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method, "PATH_INFO": path, "SERVER_NAME": "localhost", "SERVER_PORT": "80",
        "HTTP_HOST": "localhost", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr, "REMOTE_ADDR": "198.51.100.7", "CONTENT_LENGTH": str(len(body)),
        "CONTENT_TYPE": "application/json", **(headers or {}),
    }  # fmt: skip
    started: list[tuple[str, list[tuple[str, str]]]] = []
    content = b"".join(application(environ, lambda status, hdrs, *_: started.append((status, hdrs))))
    status, hdrs = started[0]
    return int(status.split()[0]), {k.lower(): v for k, v in hdrs}, content


def test_a_token_call_takes_the_short_chain_and_keeps_headers_audit_and_tenant(world: World) -> None:
    key = api_token_issue(acting_user=None, user=world.staff, name="phone").key
    payload = json.dumps({"kind": "in", "location_kind": "home", "idempotency_key": "w1"}).encode()
    status, headers, content = _call("POST", "/api/attendance/clock", body=payload,
                                     headers={"HTTP_AUTHORIZATION": f"Bearer {key}"})  # fmt: skip
    assert status == 201, content
    assert json.loads(content)["created"] is True
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert "permissions-policy" in headers
    assert "set-cookie" not in headers
    assert "content-security-policy" not in headers  # no page: the short chain has no CSP middleware
    event = ClockEvent.objects.get()
    audit = AuditEvent.objects.get(action=events.CLOCKED, target_id=str(event.pk))
    assert audit.ip_address == "198.51.100.7"
    assert audit.actor_id == world.staff.pk


def test_the_tokens_tenant_does_not_outlive_the_request(world: World) -> None:
    outsider = make_user(OrganizationFactory())  # another body's login, no employee
    key = api_token_issue(acting_user=None, user=outsider, name="x").key
    assert current_organization_id_or_none() == world.org.pk  # the fixture's context
    status, _, _ = _call("POST", "/api/attendance/clock", body=b'{"kind": "in", "location_kind": "home",'
                         b' "idempotency_key": "k"}', headers={"HTTP_AUTHORIZATION": f"Bearer {key}"})  # fmt: skip
    assert status == 403  # authenticated (tenant bound to the other body), but not an employee
    assert current_organization_id_or_none() == world.org.pk


def test_a_bad_token_is_refused_and_audited_on_the_short_chain(world: World) -> None:
    status, _, content = _call("POST", "/api/attendance/clock", body=b"{}",
                               headers={"HTTP_AUTHORIZATION": "Bearer jinji_nope"})  # fmt: skip
    assert status == 401
    assert "detail" in json.loads(content)
    assert AuditEvent.objects.filter(action=account_events.API_AUTH_FAILED, ip_address="198.51.100.7").exists()
    assert not ClockEvent.objects.exists()


def test_pages_and_token_less_calls_keep_the_full_chain() -> None:
    assert not is_token_api_call({"PATH_INFO": "/api/docs"})
    assert not is_token_api_call({"PATH_INFO": "/attendance/", "HTTP_AUTHORIZATION": "Bearer x"})
    assert is_token_api_call({"PATH_INFO": "/api/attendance/clock", "HTTP_AUTHORIZATION": "Bearer x"})
    status, headers, _ = _call("GET", "/accounts/login/")
    assert status == 200
    assert "content-security-policy" in headers  # the full chain's CSP middleware ran
