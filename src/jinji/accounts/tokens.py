"""API tokens (APIトークン): issue and revoke. Only the SHA-256 of a key is stored; the key is shown once."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jinji.accounts import events
from jinji.accounts.models import ApiToken, User
from jinji.accounts.services import require_sysadmin
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem

KEY_PREFIX = "jinji_"


def key_hash(key: str) -> str:
    """SHA-256 (hex) of a presented key: what the database stores and looks up."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    """A newly issued token; ``key`` exists only here and is never stored."""

    token: ApiToken
    key: str


def api_token_issue(
    *, acting_user: User | None, user: User, name: str, expires_at: datetime.datetime | None = None
) -> IssuedToken:
    """APIトークンを発行する (システム管理者、またはコンソール)。返す ``key`` は一度だけ表示する."""
    require_sysadmin(acting_user, organization_id=user.organization_id)
    name = name.strip()
    problems: list[FieldProblem] = []
    if not name:
        problems.append(FieldProblem(field="名称", message="名称を入力してください"))
    if expires_at is not None and expires_at <= timezone.now():
        problems.append(FieldProblem(field="有効期限", message="未来の日時を指定してください"))
    if not user.is_active:
        problems.append(FieldProblem(field="利用者", message="無効な利用者にはトークンを発行できません"))
    if problems:
        raise DomainError(problems)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token: ApiToken = ApiToken.unscoped.create(
            organization_id=user.organization_id,
            user=user,
            name=name,
            key_hash=key_hash(key),
            expires_at=expires_at,
        )
        audit_record(
            actor=acting_user,
            action=events.API_TOKEN_ISSUED,
            target=token,
            after={"user": user.get_username(), "name": name, "expires_at": expires_at},
        )
    return IssuedToken(token=token, key=key)


def api_token_revoke(*, acting_user: User | None, token: ApiToken) -> ApiToken:
    """APIトークンを失効させる (以後そのトークンでは認証できない)."""
    require_sysadmin(acting_user, organization_id=token.organization_id)
    with transaction.atomic():
        locked: ApiToken = ApiToken.unscoped.select_for_update().get(pk=token.pk)
        if locked.revoked_at is not None:
            raise DomainError([FieldProblem(field="APIトークン", message="このトークンは既に失効しています")])
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        audit_record(
            actor=acting_user, action=events.API_TOKEN_REVOKED, target=locked, after={"revoked_at": locked.revoked_at}
        )
    return locked
