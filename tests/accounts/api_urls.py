"""A tiny API used only by the token-authentication tests (the real API mounts its own routers)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI

from jinji.accounts.api_auth import ApiTokenAuth
from jinji.core.tenancy import current_organization_id
from jinji.personnel.models import Employee

api = NinjaAPI(urls_namespace="test_api_auth", auth=ApiTokenAuth(), docs_url=None)


@api.get("/whoami")
def whoami(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "username": user.get_username(),
        "tenant": current_organization_id(),
        "employees": Employee.objects.count(),
    }


urlpatterns = [path("api/", api.urls)]
