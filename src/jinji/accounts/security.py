"""Sign-in security services: lockout, password change, TOTP (二要素認証). Every event is audited.

Failures are recorded and committed (they are facts, not errors to roll back), so these
functions report failure by their return value instead of raising.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jinji.accounts import events
from jinji.accounts.models import User
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem

TOTP_DEVICE_NAME = "Jinji"


def _auth_event(
    action: str, *, user: User | None, actor: User | None, ip_address: str | None, detail: dict[str, object]
) -> None:
    audit_record(
        actor=actor,
        action=action,
        target=user,
        target_type="accounts.user",
        after=detail or None,
        kind=AuditKind.AUTH,
        organization_id=None if user is None else user.organization_id,
        ip_address=ip_address,
    )


def _record_failure(user: User, *, now: datetime.datetime, ip_address: str | None) -> None:
    threshold = int(settings.JINJI_LOCKOUT_THRESHOLD)
    user.failed_login_count += 1
    fields = ["failed_login_count"]
    _auth_event(
        events.LOGIN_FAILED,
        user=user,
        actor=None,
        ip_address=ip_address,
        detail={"failed_login_count": user.failed_login_count},
    )
    if user.failed_login_count >= threshold:
        user.locked_until = now + datetime.timedelta(minutes=int(settings.JINJI_LOCKOUT_MINUTES))
        fields.append("locked_until")
        _auth_event(
            events.ACCOUNT_LOCKED,
            user=user,
            actor=None,
            ip_address=ip_address,
            detail={"failed_login_count": user.failed_login_count, "locked_until": user.locked_until},
        )
    user.save(update_fields=fields)


def login_attempt(*, username: str, password: str, ip_address: str | None) -> User | None:
    """Check a password with lockout; the user on success, None on any failure (reason only in the audit log).

    After ``JINJI_LOCKOUT_THRESHOLD`` consecutive failures the account is locked for
    ``JINJI_LOCKOUT_MINUTES``; while locked even the right password is refused. A success
    resets the counter. When a lock has expired, counting starts again from zero.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if user is None:
            User().set_password(password)  # same work as for a real user: no timing hint
            audit_record(
                actor=None,
                action=events.LOGIN_FAILED,
                target_type="accounts.user",
                target_label=username[:200],
                after={"reason": "unknown_user"},
                kind=AuditKind.AUTH,
                ip_address=ip_address,
            )
            return None
        now = timezone.now()
        if user.locked_until is not None and user.locked_until > now:
            user.check_password(password)
            _auth_event(
                events.LOGIN_REFUSED_LOCKED,
                user=user,
                actor=None,
                ip_address=ip_address,
                detail={"locked_until": user.locked_until},
            )
            return None
        if user.locked_until is not None:
            user.failed_login_count, user.locked_until = 0, None
            user.save(update_fields=["failed_login_count", "locked_until"])
        if user.check_password(password) and user.is_active:
            if user.failed_login_count:
                user.failed_login_count = 0
                user.save(update_fields=["failed_login_count"])
            _auth_event(events.LOGIN_SUCCEEDED, user=user, actor=user, ip_address=ip_address, detail={})
            return user
        _record_failure(user, now=now, ip_address=ip_address)
        return None


def user_is_locked(user: User, *, now: datetime.datetime | None = None) -> bool:
    return user.locked_until is not None and user.locked_until > (now or timezone.now())


def record_logout(*, user: User) -> None:
    """Audit a sign-out (call before the session is flushed)."""
    _auth_event(events.LOGOUT, user=user, actor=user, ip_address=None, detail={})


def password_problems(password: str, *, user: User | None, field: str) -> list[FieldProblem]:
    """The password policy (settings.AUTH_PASSWORD_VALIDATORS) as Japanese problems naming ``field``."""
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        return [FieldProblem(field=field, message=str(message)) for message in exc.messages]
    return []


def user_password_change(*, acting_user: User, old_password: str, new_password: str) -> User:
    """A user changes their own password (現在のパスワード required; policy applied)."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=acting_user.pk)
        if not user.check_password(old_password):
            raise DomainError([FieldProblem(field="現在のパスワード", message="現在のパスワードが正しくありません")])
        if old_password == new_password:
            raise DomainError([FieldProblem(field="新しいパスワード", message="現在と異なるパスワードにしてください")])
        problems = password_problems(new_password, user=user, field="新しいパスワード")
        if problems:
            raise DomainError(problems)
        user.set_password(new_password)
        user.password_changed_at = timezone.now()
        user.save(update_fields=["password", "password_changed_at"])
        _auth_event(events.PASSWORD_CHANGED, user=user, actor=acting_user, ip_address=None, detail={})
    return user


def totp_setup_start(*, acting_user: User) -> TOTPDevice:
    """Create a fresh unconfirmed TOTP device for the user (replacing any earlier unconfirmed one)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=acting_user.pk).first()
        TOTPDevice.objects.filter(user_id=acting_user.pk, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=acting_user, name=TOTP_DEVICE_NAME, confirmed=False)
        _auth_event(events.TOTP_SETUP_STARTED, user=acting_user, actor=acting_user, ip_address=None, detail={})
    return device


def totp_setup_confirm(*, acting_user: User, device: TOTPDevice, token: str) -> bool:
    """Confirm a new device with a code from the app; on success it replaces the user's earlier device."""
    if device.user_id != acting_user.pk or device.confirmed:
        raise DomainError([FieldProblem(field="確認コード", message="設定中の二要素認証が見つかりません")])
    with transaction.atomic():
        locked = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not locked.verify_token(token.strip()):
            _auth_event(events.TOTP_FAILED, user=acting_user, actor=acting_user, ip_address=None, detail={})
            return False
        TOTPDevice.objects.filter(user_id=acting_user.pk, confirmed=True).delete()
        locked.confirmed = True
        locked.save(update_fields=["confirmed"])
        _auth_event(events.TOTP_ENABLED, user=acting_user, actor=acting_user, ip_address=None, detail={})
    device.refresh_from_db()
    return True


def totp_verify(*, acting_user: User, token: str) -> TOTPDevice | None:
    """The sign-in step after the password: the confirmed device that accepts ``token``, or None.

    django-otp throttles repeated wrong codes per device (growing delay).
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(user_id=acting_user.pk, confirmed=True).first()
        if device is not None and device.verify_token(token.strip()):
            _auth_event(events.TOTP_VERIFIED, user=acting_user, actor=acting_user, ip_address=None, detail={})
            return device
        _auth_event(events.TOTP_FAILED, user=acting_user, actor=acting_user, ip_address=None, detail={})
        return None
