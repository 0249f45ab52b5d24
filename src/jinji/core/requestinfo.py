"""Per-request facts that services record (the client IP for the audit trail)."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

_ip: ContextVar[str | None] = ContextVar("jinji_client_ip", default=None)


def current_ip() -> str | None:
    return _ip.get()


class RequestInfoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _ip.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            _ip.reset(token)
