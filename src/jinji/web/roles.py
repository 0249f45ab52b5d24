"""The roles the logged-in user holds today (read once per request, for navigation and home)."""

from __future__ import annotations

from django.http import HttpRequest

from jinji.accounts.models import Role
from jinji.accounts.scope import roles_on

_CACHE_ATTR = "_jinji_roles"


def request_roles(request: HttpRequest) -> frozenset[Role]:
    """Roles ``request.user`` holds today (:func:`jinji.accounts.scope.roles_on`); cached on the request."""
    cached: frozenset[Role] | None = getattr(request, _CACHE_ATTR, None)
    if cached is None:
        cached = roles_on(request.user)
        setattr(request, _CACHE_ATTR, cached)
    return cached


def role_labels(roles: frozenset[Role]) -> list[str]:
    """Japanese labels of ``roles`` in the order of :class:`Role`."""
    return [str(role.label) for role in Role if role in roles]
