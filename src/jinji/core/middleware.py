"""Sets the tenant context from the logged-in user for the duration of a request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from jinji.core.tenancy import tenant_context


class TenantMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        org_id = getattr(user, "organization_id", None) if user is not None else None
        if user is not None and user.is_authenticated and org_id is not None:
            with tenant_context(org_id):
                return self.get_response(request)
        return self.get_response(request)
