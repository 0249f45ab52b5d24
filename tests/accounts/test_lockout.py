"""Login lockout: consecutive failures lock the account for a period; every attempt is audited with the IP."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone

from jinji.accounts import events
from jinji.accounts.forms import GENERIC_LOGIN_ERROR
from jinji.accounts.models import User
from jinji.audit.models import AuditEvent, AuditKind
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("lockout_settings")]

THRESHOLD = 3
IP = "10.20.30.40"


@pytest.fixture
def lockout_settings():  # type: ignore[no-untyped-def]
    with override_settings(JINJI_LOCKOUT_THRESHOLD=THRESHOLD, JINJI_LOCKOUT_MINUTES=30):
        yield


def attempt(user_or_name: User | str, password: str) -> User | None:
    username = user_or_name if isinstance(user_or_name, str) else user_or_name.username
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=IP)
    result = authenticate(request, username=username, password=password)
    assert result is None or isinstance(result, User)
    return result


def actions_for(user: User) -> list[str]:
    return list(
        AuditEvent.objects.filter(target_type="accounts.user", target_id=str(user.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_failures_below_threshold_then_success_resets_counter() -> None:
    user = UserFactory()
    for _ in range(THRESHOLD - 1):
        assert attempt(user, "wrong password") is None
    user.refresh_from_db()
    assert user.failed_login_count == THRESHOLD - 1
    assert user.locked_until is None

    assert attempt(user, TEST_PASSWORD) == user
    user.refresh_from_db()
    assert user.failed_login_count == 0
    assert actions_for(user) == [events.LOGIN_FAILED] * (THRESHOLD - 1) + [events.LOGIN_SUCCEEDED]

    # After the reset it takes the full threshold again to lock.
    for _ in range(THRESHOLD - 1):
        attempt(user, "wrong password")
    user.refresh_from_db()
    assert user.locked_until is None


def test_threshold_failures_lock_the_account_and_audit_it_with_the_ip() -> None:
    user = UserFactory()
    before = timezone.now()
    for _ in range(THRESHOLD):
        attempt(user, "wrong password")
    user.refresh_from_db()
    assert user.failed_login_count == THRESHOLD
    assert user.locked_until is not None
    expected = before + datetime.timedelta(minutes=30)
    assert abs((user.locked_until - expected).total_seconds()) < 60

    locked_event = AuditEvent.objects.get(action=events.ACCOUNT_LOCKED, target_id=str(user.pk))
    assert locked_event.kind == AuditKind.AUTH
    assert locked_event.ip_address == IP
    assert locked_event.organization_id == user.organization_id
    failed = AuditEvent.objects.filter(action=events.LOGIN_FAILED, target_id=str(user.pk))
    assert failed.count() == THRESHOLD
    assert set(failed.values_list("ip_address", flat=True)) == {IP}


def test_locked_user_with_the_right_password_is_refused() -> None:
    user = UserFactory()
    for _ in range(THRESHOLD):
        attempt(user, "wrong password")
    assert attempt(user, TEST_PASSWORD) is None
    user.refresh_from_db()
    assert user.locked_until is not None
    assert user.locked_until > timezone.now()
    assert actions_for(user)[-1] == events.LOGIN_REFUSED_LOCKED


def test_lock_expires_after_the_period() -> None:
    user = UserFactory()
    for _ in range(THRESHOLD):
        attempt(user, "wrong password")
    # Time travel: the lock period is over.
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - datetime.timedelta(seconds=1))

    assert attempt(user, TEST_PASSWORD) == user
    user.refresh_from_db()
    assert user.failed_login_count == 0
    assert user.locked_until is None


def test_after_an_expired_lock_counting_starts_again() -> None:
    user = UserFactory()
    for _ in range(THRESHOLD):
        attempt(user, "wrong password")
    User.objects.filter(pk=user.pk).update(locked_until=timezone.now() - datetime.timedelta(minutes=1))

    attempt(user, "wrong password")
    user.refresh_from_db()
    assert user.failed_login_count == 1
    assert user.locked_until is None


def test_unknown_login_id_is_audited_without_a_user() -> None:
    assert attempt("nobody-here", "whatever password") is None
    event = AuditEvent.objects.get(action=events.LOGIN_FAILED)
    assert event.actor_id is None
    assert event.target_label == "nobody-here"
    assert event.ip_address == IP
    assert event.after == {"reason": "unknown_user"}


def test_inactive_user_with_right_password_is_refused() -> None:
    user = UserFactory(is_active=False)
    assert attempt(user, TEST_PASSWORD) is None


def _login_error(client: Client, username: str, password: str) -> str:
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 200
    form = response.context["form"]
    return " ".join(form.non_field_errors())


def test_login_page_gives_one_message_whatever_the_reason() -> None:
    """Unknown ID, wrong password and locked account read the same: nothing tells whether the user exists."""
    user = UserFactory()
    client = Client(REMOTE_ADDR=IP)
    unknown = _login_error(client, "no-such-user", "wrong password")
    wrong = _login_error(client, user.username, "wrong password")
    for _ in range(THRESHOLD):
        _login_error(client, user.username, "wrong password")
    locked = _login_error(client, user.username, TEST_PASSWORD)
    assert unknown == wrong == locked == GENERIC_LOGIN_ERROR
    assert "ロック" in locked  # the message mentions the possibility, for every failure alike


def test_login_page_success_redirects_and_audits_ip() -> None:
    user = UserFactory()
    client = Client(REMOTE_ADDR=IP)
    response = client.post("/accounts/login/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=events.LOGIN_SUCCEEDED)
    assert event.actor_id == user.pk
    assert event.ip_address == IP


def test_logout_is_post_only_and_audited() -> None:
    user = UserFactory()
    client = Client()
    client.force_login(user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=events.LOGOUT, actor_id=user.pk).exists()
    assert "_auth_user_id" not in client.session
