"""Navigation entries for the logged-in user (filled in by the web layer)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav_items": []}
