"""The layout every page extends: language, landmarks, navigation by role, no external assets, CSP."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from jinji.accounts.models import Role
from tests.factories import RoleGrantFactory, UserFactory

pytestmark = pytest.mark.django_db


def _login(client: Client, role: str | None) -> None:
    user = UserFactory() if role is None else RoleGrantFactory(role=role).user
    client.force_login(user)


def test_home_requires_login(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_layout_has_language_landmarks_and_org_name(client: Client) -> None:
    user = RoleGrantFactory(role=Role.HR).user
    client.force_login(user)
    html = client.get("/").content.decode()
    assert '<html lang="ja">' in html
    assert 'href="#main"' in html
    assert 'id="main"' in html
    assert "<header" in html
    assert "<nav" in html
    assert "<main" in html
    assert user.organization.name in html
    assert "人事担当" in html


def test_layout_has_no_inline_script_or_style_and_no_external_url(client: Client) -> None:
    _login(client, Role.HR)
    response = client.get("/")
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline <script> is blocked by the CSP"
    assert "<style" not in html
    assert " style=" not in html
    assert not re.search(r"""(?:src|href|action)=["']?(?:https?:)?//""", html)
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_wareki_toggle_is_post_only_and_kept_in_session(client: Client) -> None:
    _login(client, Role.HR)
    assert client.get("/settings/wareki/").status_code == 405
    response = client.post("/settings/wareki/", {"next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert client.session["jinji_show_wareki"] is True
    client.post("/settings/wareki/", {"next": "/"})
    assert client.session["jinji_show_wareki"] is False
