"""Token authentication for the REST API (django-ninja): ``Authorization: Bearer <key>``.

The key is looked up by its SHA-256; expired or revoked tokens and deactivated users are
refused. On success ``request.user`` is the token's user and the tenant context is that
user's organization for the rest of the request. The context is confined to the request by
:class:`jinji.accounts.middleware.ContextIsolationMiddleware`, which must be installed.
"""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from jinji.accounts import events
from jinji.accounts.middleware import bind_tenant_to_request
from jinji.accounts.models import ApiToken, User
from jinji.accounts.tokens import key_hash
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record

LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
"""``last_used_at`` is written at most once a minute per token (no write on every call)."""


def token_user(key: str, *, now: datetime.datetime | None = None) -> tuple[ApiToken, User] | None:
    """The live token and its active user for a presented key, or None. One query."""
    moment = now or timezone.now()
    token = (
        ApiToken.unscoped.select_related("user", "user__employee")
        .filter(key_hash=key_hash(key), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=moment))
        .first()
    )
    if token is None or not token.user.is_active or token.user.organization_id != token.organization_id:
        return None
    return token, token.user


def _touch(token: ApiToken, now: datetime.datetime) -> None:
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.unscoped.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class ApiTokenAuth(HttpBearer):
    """ninja auth class: ``NinjaAPI(auth=ApiTokenAuth())`` or ``@router.get(..., auth=ApiTokenAuth())``."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        now = timezone.now()
        found = token_user(token, now=now) if token else None
        if found is None:
            audit_record(
                actor=None,
                action=events.API_AUTH_FAILED,
                target_type="accounts.apitoken",
                kind=AuditKind.AUTH,
                after={"path": request.path[:200]},
            )
            return None
        api_token, user = found
        _touch(api_token, now)
        request.user = user
        bind_tenant_to_request(request, user.organization_id)
        return user
