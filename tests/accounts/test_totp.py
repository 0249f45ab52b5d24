"""TOTP (二要素認証): mandatory for privileged roles when the setting is on; a verification step after the password."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinji.accounts import events
from jinji.accounts.models import PRIVILEGED_ROLES, Role, User
from jinji.accounts.scope import today
from jinji.audit.models import AuditEvent
from tests.accounts.builders import grant, make_user, signed_in
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

REQUIRE = override_settings(JINJI_REQUIRE_TOTP_FOR_PRIVILEGED=True)
OWN_PAGE = "/accounts/password/"
"""A page every signed-in user may open (does not depend on other apps' pages)."""


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def reset_throttle(device: TOTPDevice) -> None:
    """Forget the back-off django-otp starts after a wrong code (instead of waiting)."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    device.refresh_from_db()


def privileged_user(role: Role = Role.HR) -> User:
    user = make_user(OrganizationFactory())
    grant(user, role)
    return user


@REQUIRE
@pytest.mark.parametrize("role", sorted(PRIVILEGED_ROLES))
def test_privileged_role_must_set_up_totp_before_any_page(role: Role) -> None:
    client = signed_in(privileged_user(role))
    for path in ("/", "/accounts/password/", "/audit/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/totp/setup/?next=")


@REQUIRE
def test_setup_flow_shows_an_inline_qr_code_and_then_lets_the_user_in() -> None:
    user = privileged_user()
    client = signed_in(user)
    page = client.get("/accounts/totp/setup/?next=/")
    assert page.status_code == 200
    assert "設定を始める" in page.content.decode()

    started = client.post("/accounts/totp/setup/", {"next": "/"})
    assert started.status_code == 302
    device = TOTPDevice.objects.get(user=user)
    assert not device.confirmed

    page = client.get(started["Location"])
    html = page.content.decode()
    assert "<svg" in html
    assert "<path" in html
    assert not re.search(r"""(src|href)=["']https?://""", html)  # nothing loaded from elsewhere
    assert "otpauth://" not in html  # the secret is not leaked as a link
    assert " style=" not in html  # no inline styles: the strict CSP would block them

    wrong = client.post("/accounts/totp/setup/", {"token": "000000", "next": "/"})
    assert wrong.status_code == 200
    assert "確認コードが正しくありません" in wrong.content.decode()

    reset_throttle(device)
    done = client.post("/accounts/totp/setup/", {"token": code_for(device), "next": "/"})
    assert done.status_code == 302
    assert done["Location"] == "/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(OWN_PAGE).status_code == 200
    assert AuditEvent.objects.filter(action=events.TOTP_ENABLED, actor=user).exists()


@REQUIRE
def test_user_with_a_device_passes_a_code_after_the_password() -> None:
    user = privileged_user()
    device = TOTPDevice.objects.create(user=user, name="Jinji", confirmed=True)
    client = signed_in(user)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/totp/verify/")

    bad = client.post("/accounts/totp/verify/", {"token": "123456", "next": "/"})
    assert bad.status_code == 200
    assert "確認コードが正しくありません" in bad.content.decode()
    assert AuditEvent.objects.filter(action=events.TOTP_FAILED, actor=user).count() == 1

    reset_throttle(device)
    good = client.post("/accounts/totp/verify/", {"token": code_for(device), "next": "/"})
    assert good.status_code == 302
    assert good["Location"] == "/"
    assert client.get(OWN_PAGE).status_code == 200
    assert AuditEvent.objects.filter(action=events.TOTP_VERIFIED, actor=user).exists()


@REQUIRE
def test_staff_without_privileged_role_is_not_asked() -> None:
    user = make_user(OrganizationFactory())
    grant(user, Role.UNIT_HEAD, unit=None)  # not privileged (scope is irrelevant here)
    assert signed_in(user).get(OWN_PAGE).status_code == 200


@REQUIRE
def test_an_ended_privileged_grant_no_longer_requires_totp() -> None:
    user = make_user(OrganizationFactory())
    grant(user, Role.HR, valid_to=today() - datetime.timedelta(days=1))
    assert signed_in(user).get(OWN_PAGE).status_code == 200


@override_settings(JINJI_REQUIRE_TOTP_FOR_PRIVILEGED=False)
def test_setting_off_lets_privileged_users_in_without_totp() -> None:
    assert signed_in(privileged_user()).get(OWN_PAGE).status_code == 200


def test_verification_page_cannot_be_skipped_by_going_elsewhere() -> None:
    """Even with the policy off, a user who has a device must pass it on every page."""
    user = privileged_user()
    TOTPDevice.objects.create(user=user, name="Jinji", confirmed=True)
    client = signed_in(user)
    for path in ("/", "/accounts/users/", "/audit/export.csv"):
        assert client.get(path)["Location"].startswith("/accounts/totp/verify/"), path


def test_anonymous_setup_page_requires_login() -> None:
    response = Client().get("/accounts/totp/setup/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_password_alone_cannot_register_a_new_device() -> None:
    """With a device already set up, the setup page first asks for the current device's code."""
    user = privileged_user()
    TOTPDevice.objects.create(user=user, name="Jinji", confirmed=True)
    client = signed_in(user)
    for response in (client.get("/accounts/totp/setup/"), client.post("/accounts/totp/setup/", {"next": "/"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/totp/verify/")
    assert TOTPDevice.objects.filter(user=user).count() == 1
