"""The REST API (django-ninja): routers from each app mounted here, errors as Japanese JSON.

OpenAPI document: ``/api/openapi.json``. Reference page: ``/api/docs`` — rendered on the
server from the same document (no Swagger UI from a CDN: Jinji runs without internet).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from jinji.core.errors import ConcurrentUpdate, DomainError, FieldProblem, NotPermitted
from jinji.org.api import router as org_router
from jinji.personnel.api import actions_router, employees_router

_PYDANTIC_MESSAGES = {
    "missing": "必須項目です",
    "date_from_datetime_parsing": "日付の形式が正しくありません(例: 2026-04-01)",
    "date_parsing": "日付の形式が正しくありません(例: 2026-04-01)",
    "date_type": "日付の形式が正しくありません(例: 2026-04-01)",
    "int_parsing": "整数で入力してください",
    "int_type": "整数で入力してください",
    "string_type": "文字列で入力してください",
    "bool_parsing": "true または false を指定してください",
    "enum": "選択肢にない値です",
    "literal_error": "選択肢にない値です",
    "greater_than_equal": "小さすぎる値です",
    "less_than_equal": "大きすぎる値です",
    "string_too_long": "長すぎます",
    "string_too_short": "短すぎます",
    "extra_forbidden": "この項目は指定できません",
    "json_invalid": "JSONの形式が正しくありません",
}


def _problem_dict(p: FieldProblem) -> dict[str, Any]:
    out: dict[str, Any] = {"field": p.field, "message": p.message}
    if p.row is not None:
        out["row"] = p.row
    return out


def error_body(detail: str, problems: list[FieldProblem]) -> dict[str, Any]:
    return {"detail": detail, "errors": [_problem_dict(p) for p in problems]}


def _validation_problems(errors: list[dict[str, Any]]) -> list[FieldProblem]:
    problems = []
    for err in errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in ("body", "query", "path", "payload", "filters")]
        field = ".".join(loc)
        message = _PYDANTIC_MESSAGES.get(str(err.get("type", "")), "値が正しくありません")
        problems.append(FieldProblem(field=field, message=message))
    return problems


class JapaneseJSONRenderer(JSONRenderer):
    """JSON with Japanese text as UTF-8 rather than ``\\uXXXX`` escapes."""

    json_dumps_params = {"ensure_ascii": False}  # noqa: RUF012


class ServerRenderedDocs(DocsBase):
    """API reference page rendered from the OpenAPI document, without external scripts."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for path, methods in schema.get("paths", {}).items():
            for method, op in methods.items():
                params = [
                    {"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                    for p in op.get("parameters", [])
                ]
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": op.get("summary", ""),
                        "description": op.get("description", ""),
                        "params": params,
                        "has_body": "requestBody" in op,
                        "tags": op.get("tags", []),
                    }
                )
        context = {
            "api": api,
            "operations": operations,
            "openapi_url": self.get_openapi_url(api, kwargs),
        }
        return render(request, "web/api_docs.html", context)


api = NinjaAPI(
    title="Jinji API",
    version="1",
    description="Jinji 人事管理システムの REST API。認証は `Authorization: Bearer <トークン>`。",
    urls_namespace="api",
    docs=ServerRenderedDocs(),
    renderer=JapaneseJSONRenderer(),
)
api.add_router("/employees", employees_router, tags=["職員"])
api.add_router("/org-units", org_router, tags=["組織"])
api.add_router("/personnel-actions", actions_router, tags=["発令"])
api.add_router("/workflow", "jinji.workflow.api.router", tags=["ワークフロー"])
api.add_router("/applications", "jinji.applications.api.router", tags=["庶務事務"])
api.add_router("/talent", "jinji.talent.api.router", tags=["人材育成"])
api.add_router("/evaluation", "jinji.evaluation.api.router", tags=["人事評価"])
api.add_router("/payroll", "jinji.payroll.api.router", tags=["給与"])
api.add_router("/attendance", "jinji.attendance.api.router", tags=["就業管理"])
api.add_router("/attendance/leave", "jinji.attendance.api_leave.router", tags=["就業管理"])
api.add_router("/attendance/overtime", "jinji.attendance.api_overtime.router", tags=["就業管理"])
api.add_router("/attendance/sheets", "jinji.attendance.api_sheet.router", tags=["就業管理"])


@api.exception_handler(ConcurrentUpdate)
def _concurrent(request: HttpRequest, exc: ConcurrentUpdate) -> HttpResponse:
    body = error_body("他の利用者が先に更新しました。最新の内容を取得してやり直してください。", exc.problems)
    return api.create_response(request, body, status=409)


@api.exception_handler(NotPermitted)
def _not_permitted(request: HttpRequest, exc: NotPermitted) -> HttpResponse:
    return api.create_response(request, error_body("この操作を行う権限がありません。", exc.problems), status=403)


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    return api.create_response(request, error_body("入力内容に誤りがあります。", exc.problems), status=400)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    body = error_body("入力内容に誤りがあります。", _validation_problems(exc.errors))
    return api.create_response(request, body, status=400)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request, error_body("認証が必要です。APIトークンを指定してください。", []), status=401
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(AuthorizationError)
def _forbidden(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
    return api.create_response(request, error_body("この操作を行う権限がありません。", []), status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, error_body("指定されたデータは見つかりません。", []), status=404)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, error_body(str(exc), []), status=exc.status_code)
