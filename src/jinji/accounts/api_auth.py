"""Token authentication for the REST API (django-ninja): ``Authorization: Bearer <key>``.

The key is looked up by its SHA-256; expired or revoked tokens and deactivated users are
refused. On success ``request.user`` is the token's user and the tenant context is that
user's organization for the rest of the request. The context is confined to the request by
:class:`jinji.accounts.middleware.ContextIsolationMiddleware`, which must be installed.
"""

from __future__ import annotations

import datetime
import functools

from django.db import connection
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from jinji.accounts import events
from jinji.accounts.middleware import bind_tenant_to_request
from jinji.accounts.models import ApiToken, User
from jinji.accounts.tokens import key_hash
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record
from jinji.core import fastsql

LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)
"""``last_used_at`` is written at most once a minute per token (no write on every call)."""


# PostgreSQL: the once-a-minute ``last_used_at`` write rides in the look-up's own statement (a
# data-modifying CTE), so a call costs one round trip and no separate commit. SQLite has no such
# CTE and writes it with a second statement.
_TOUCH_CTE = (
    "WITH touched AS (UPDATE accounts_apitoken SET last_used_at = %s"
    " WHERE key_hash = %s AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > %s)"
    " AND (last_used_at IS NULL OR last_used_at <= %s) AND user_id IN"
    " (SELECT id FROM accounts_user WHERE is_active AND organization_id = accounts_apitoken.organization_id)"
    " RETURNING id) "
)


@functools.cache
def _live_token_sql(*, touch: bool) -> str:
    columns = f"{fastsql.select_list(ApiToken, 't')}, {fastsql.select_list(User, 'u')}"
    select = (  # column lists from the models' metadata, values only as parameters
        f"SELECT {columns} FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id"  # noqa: S608
        " WHERE t.key_hash = %s AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > %s)"
    )
    return _TOUCH_CTE + select if touch else select


def token_user(key: str, *, now: datetime.datetime | None = None, touch: bool = False) -> tuple[ApiToken, User] | None:
    """The live token and its active user for a presented key, or None. With ``touch`` the token's
    ``last_used_at`` is set to ``now`` when it is older than :data:`LAST_USED_RESOLUTION`.

    Every API call runs this: plain SQL through :mod:`jinji.core.fastsql` (the ORM's query building
    cost ~3 ms of CPU per call), one statement on PostgreSQL."""
    moment = now or timezone.now()
    at = connection.ops.adapt_datetimefield_value(moment)
    digest = key_hash(key)
    in_cte = touch and connection.vendor == "postgresql"
    stale_before = moment - LAST_USED_RESOLUTION
    params = (
        [at, digest, at, connection.ops.adapt_datetimefield_value(stale_before), digest, at] if in_cte else [digest, at]
    )
    rows = fastsql.rows_as([ApiToken, User], fastsql.fetch(_live_token_sql(touch=in_cte), params))
    if not rows:
        return None
    token, user = rows[0]
    assert isinstance(token, ApiToken)
    assert isinstance(user, User)
    if not user.is_active or user.organization_id != token.organization_id:
        return None
    token.user = user
    if touch and (token.last_used_at is None or token.last_used_at <= stale_before):
        if not in_cte:
            fastsql.execute("UPDATE accounts_apitoken SET last_used_at = %s WHERE id = %s", [at, token.pk])
        token.last_used_at = moment
    return token, user


class ApiTokenAuth(HttpBearer):
    """ninja auth class: ``NinjaAPI(auth=ApiTokenAuth())`` or ``@router.get(..., auth=ApiTokenAuth())``."""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        now = timezone.now()
        found = token_user(token, now=now, touch=True) if token else None
        if found is None:
            audit_record(
                actor=None,
                action=events.API_AUTH_FAILED,
                target_type="accounts.apitoken",
                kind=AuditKind.AUTH,
                after={"path": request.path[:200]},
            )
            return None
        _, user = found
        request.user = user
        bind_tenant_to_request(request, user.organization_id)
        return user
