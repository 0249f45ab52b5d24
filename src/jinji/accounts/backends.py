"""Authentication backend with lockout after repeated failures (see :func:`jinji.accounts.security.login_attempt`)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from jinji.accounts.models import User
from jinji.accounts.security import login_attempt


class LockoutModelBackend(ModelBackend):
    """ModelBackend that counts consecutive failures, locks the account, and audits every attempt."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None:
            username = kwargs.get(User.USERNAME_FIELD)
        if not username or password is None:
            return None
        ip_address = request.META.get("REMOTE_ADDR") if request is not None else None
        return login_attempt(username=username, password=password, ip_address=ip_address)
