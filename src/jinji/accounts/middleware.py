"""Request-level security: context isolation, the TOTP gate, and extra security headers."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from contextlib import ExitStack
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from jinji.accounts.models import PRIVILEGED_ROLES, User
from jinji.accounts.scope import has_role
from jinji.core.tenancy import tenant_context

GetResponse = Callable[[HttpRequest], HttpResponse]

_EXIT_STACK_ATTR = "_jinji_request_exit_stack"

TOTP_EXEMPT_VIEWS = frozenset({"accounts:login", "accounts:logout", "accounts:totp_setup", "accounts:totp_verify"})
"""Pages a signed-in user can reach before passing the TOTP step."""

PERMISSIONS_POLICY = "camera=(), microphone=(), payment=(), usb=(), geolocation=(self)"


class ContextIsolationMiddleware:
    """Run each request in its own copy of the context variables (tenant, client IP).

    Whatever the request sets — e.g. the tenant bound by API token authentication — is
    gone when the response leaves, so a worker thread never carries one request's tenant
    into the next. Install it first.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return contextvars.copy_context().run(self._handle, request)

    def _handle(self, request: HttpRequest) -> HttpResponse:
        with ExitStack() as stack:
            setattr(request, _EXIT_STACK_ATTR, stack)
            return self.get_response(request)


def bind_tenant_to_request(request: HttpRequest, organization_id: int) -> None:
    """Make ``organization_id`` the tenant until this request ends (for auth outside the session)."""
    stack: ExitStack | None = getattr(request, _EXIT_STACK_ATTR, None)
    if stack is None:
        raise ImproperlyConfigured(
            "jinji.accounts.middleware.ContextIsolationMiddleware が MIDDLEWARE に設定されていません"
        )
    stack.enter_context(tenant_context(organization_id))


def totp_step_needed(user: User) -> str | None:
    """'verify' when the user has a TOTP device, 'setup' when policy demands one, else None.

    Policy: with ``JINJI_REQUIRE_TOTP_FOR_PRIVILEGED`` on, a user holding any role in
    :data:`PRIVILEGED_ROLES` today must set up TOTP. A user who set one up voluntarily is
    always asked for it.
    """
    from jinji.accounts.selectors import has_confirmed_totp

    if has_confirmed_totp(user):
        return "verify"
    if settings.JINJI_REQUIRE_TOTP_FOR_PRIVILEGED and has_role(user, PRIVILEGED_ROLES):
        return "setup"
    return None


class TotpRequiredMiddleware:
    """Send a signed-in user who has not passed TOTP to the verification (or setup) page.

    Install after ``django_otp.middleware.OTPMiddleware``. Token-authenticated API calls
    are anonymous at this point and are not affected.
    """

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not isinstance(user, User) or not user.is_authenticated:  # lazy objects pass isinstance
            return None
        match = request.resolver_match
        if match is not None and match.view_name in TOTP_EXEMPT_VIEWS:
            return None
        is_verified = getattr(user, "is_verified", None)
        if callable(is_verified) and is_verified():
            return None
        step = totp_step_needed(user)
        if step is None:
            return None
        target = reverse("accounts:totp_verify" if step == "verify" else "accounts:totp_setup")
        return HttpResponseRedirect(f"{target}?{urlencode({'next': request.get_full_path()})}")


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy, CORP, and no caching of signed-in pages."""

    def __init__(self, get_response: GetResponse):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "Cache-Control" not in response.headers:
            add_never_cache_headers(response)
        return response
