"""Strict CSP, secure headers, CSRF and session cookie settings on real pages."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.accounts.builders import make_user, signed_in
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def csp_directives(header: str) -> dict[str, list[str]]:
    parts = [p.strip() for p in header.split(";") if p.strip()]
    return {p.split()[0]: p.split()[1:] for p in parts}


def test_login_page_sends_a_strict_content_security_policy() -> None:
    response = Client().get("/accounts/login/")
    assert response.status_code == 200
    policy = csp_directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    every_source = " ".join(" ".join(v) for v in policy.values())
    assert "unsafe-inline" not in every_source
    assert "unsafe-eval" not in every_source
    assert "http" not in every_source  # nothing from other hosts (closed networks)


def test_pages_send_the_security_headers() -> None:
    response = Client().get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_not_cached_and_carry_csp() -> None:
    client = signed_in(make_user(OrganizationFactory()))
    response = client.get("/accounts/password/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_login_post_without_csrf_token_is_refused() -> None:
    user = make_user(OrganizationFactory())
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 403


def test_session_cookie_is_httponly_lax_and_ends_with_the_browser() -> None:
    client = signed_in(make_user(OrganizationFactory()))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"]
    assert not cookie["expires"]
    # The server side expires the session after SESSION_COOKIE_AGE (8 hours by default).
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_production_defaults_are_secure() -> None:
    """Without debug mode, cookies are Secure, HSTS is on and TOTP is required for privileged roles."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JINJI_") and k != "DJANGO_SETTINGS_MODULE"}
    env["JINJI_SECRET_KEY"] = "x" * 50
    env["JINJI_DATABASE_URL"] = "sqlite:///:memory:"
    code = (
        "from jinji.config import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.JINJI_REQUIRE_TOTP_FOR_PRIVILEGED, "
        "s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    src = str(Path(__file__).resolve().parents[2] / "src")
    env["PYTHONPATH"] = src
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"]
