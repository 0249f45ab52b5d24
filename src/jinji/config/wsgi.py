"""WSGI entry point (``jinji serve`` runs it under gunicorn).

A REST API call with a bearer token (``/api/…``, ``Authorization: Bearer …``) goes through a
shorter middleware chain (``settings.API_MIDDLEWARE``): it has no session, cookie, CSRF token,
flash message, language choice, htmx or page to protect with CSP, and skipping those middlewares
saves about a sixth of a clock-in's CPU (bench/bench_clock.py). Everything else — pages, the API
reference page, calls without a token — takes the full ``settings.MIDDLEWARE``.
"""

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinji.config.settings")
_site = get_wsgi_application()


class _ApiHandler(WSGIHandler):
    """The same Django handler, built with ``settings.API_MIDDLEWARE`` as its chain."""

    def load_middleware(self, is_async: bool = False) -> None:
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = settings.API_MIDDLEWARE  # only while this handler builds its chain
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full


_api = _ApiHandler()


def is_token_api_call(environ: dict[str, Any]) -> bool:
    return str(environ.get("PATH_INFO", "")).startswith("/api/") and str(
        environ.get("HTTP_AUTHORIZATION", "")
    ).startswith("Bearer ")


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    handler = _api if is_token_api_call(environ) else _site
    return handler(environ, start_response)


# Import every URL module (views, the REST API's schemas) while the worker starts, not in its first
# request: that request otherwise takes about a second (measured by bench/bench_clock.py).
get_resolver().url_patterns  # noqa: B018
