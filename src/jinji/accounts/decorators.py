"""Role checks for views: ``@require_role(Role.HR)`` or ``RoleRequiredMixin``.

Anonymous users are sent to the sign-in page; signed-in users without any of the roles
today get a Japanese 403 page, and the refusal is audited. Object-level checks (which
employee) are the job of ``jinji.personnel.permissions``; this only checks the role.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection
from typing import Any, ClassVar, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from jinji.accounts import events
from jinji.accounts.models import Role, User
from jinji.accounts.scope import has_role
from jinji.audit.models import AuditKind
from jinji.audit.services import audit_record

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])

FORBIDDEN_TEMPLATE = "accounts/forbidden.html"


def forbidden(request: HttpRequest, *, message: str = "", roles: Collection[Role] = ()) -> HttpResponse:
    """The Japanese 403 page; records the refusal in the audit log."""
    user = request.user
    if isinstance(user, User) and user.is_authenticated:
        audit_record(
            actor=user,
            action=events.ACCESS_DENIED,
            target_type="url",
            target_id=request.path[:64],
            target_label=request.path[:200],
            kind=AuditKind.AUTH,
            after={"required_roles": sorted(str(r) for r in roles)} if roles else None,
        )
    context = {"message": message, "required_roles": [Role(r).label for r in roles]}
    response = TemplateResponse(request, FORBIDDEN_TEMPLATE, context, status=403)
    response.render()
    return response


def role_check(request: HttpRequest, roles: Collection[Role]) -> HttpResponse | None:
    """None when the request's user holds one of ``roles`` today; otherwise the response to send."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not isinstance(user, User) or not has_role(user, roles):
        return forbidden(request, roles=roles)
    return None


def require_role(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """View decorator: the user must hold at least one of ``roles`` today."""
    if not roles:
        raise ValueError("require_role には少なくとも1つの役割を指定してください")

    def decorator(view: ViewFunc) -> ViewFunc:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            refused = role_check(request, roles)
            return refused if refused is not None else view(request, *args, **kwargs)

        wrapped.required_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


class RoleRequiredMixin:
    """Class-based views: set ``required_roles``; checked before ``dispatch``."""

    required_roles: ClassVar[frozenset[Role]] = frozenset()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.required_roles:
            raise ValueError(f"{type(self).__name__}.required_roles が空です")
        refused = role_check(request, self.required_roles)
        if refused is not None:
            return refused
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]
