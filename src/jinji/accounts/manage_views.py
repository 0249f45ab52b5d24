"""利用者管理 for システム管理者: users, role grants, locks, TOTP reset, API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jinji.accounts import selectors, services, tokens
from jinji.accounts.decorators import require_role
from jinji.accounts.forms import (
    GrantEndForm,
    GrantForm,
    PasswordResetForm,
    TokenIssueForm,
    UserCreateForm,
    apply_problems,
)
from jinji.accounts.models import Role, RoleGrant, User
from jinji.accounts.scope import today
from jinji.accounts.security import user_is_locked
from jinji.core.errors import DomainError

PAGE_SIZE = 50

_USER_FIELDS = {
    "ログインID": "username",
    "パスワード": "new_password1",
    "職員": "staff_number",
    "職員番号": "staff_number",
}
_GRANT_FIELDS = {"役割": "role", "対象所属": "org_unit", "適用開始日": "valid_from", "適用終了日": "valid_to"}


def _me(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def _target_user(request: HttpRequest, user_id: int) -> User:
    found = selectors.user_get(organization_id=_me(request).organization_id, user_id=user_id)
    if found is None:
        raise Http404("利用者が見つかりません")
    return found


@require_GET
@require_role(Role.SYSADMIN)
def user_list(request: HttpRequest) -> HttpResponse:
    """利用者一覧 (検索・ページ送り)."""
    search = request.GET.get("q", "").strip()[:100]
    day = today()
    qs = selectors.user_list(organization_id=_me(request).organization_id, on=day, search=search)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"user": u, "locked": user_is_locked(u), "grants": u.current_grants} for u in page.object_list]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows, "q": search})


@require_http_methods(["GET", "POST"])
@require_role(Role.SYSADMIN)
def user_create(request: HttpRequest) -> HttpResponse:
    """利用者の作成."""
    me = _me(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        employee_id = None
        if data["staff_number"]:
            employee_id = selectors.employee_id_for_staff_number(
                organization_id=me.organization_id, staff_number=data["staff_number"]
            )
            if employee_id is None:
                form.add_error("staff_number", f"職員番号「{data['staff_number']}」の職員が見つかりません")
        if not form.errors:
            try:
                user = services.user_create(
                    acting_user=me,
                    username=data["username"],
                    password=data["new_password1"],
                    display_name=data["display_name"],
                    email=data["email"],
                    employee_id=employee_id,
                )
            except DomainError as exc:
                apply_problems(form, exc, _USER_FIELDS)
            else:
                messages.success(request, f"利用者「{user.username}」を作成しました。")
                return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_create.html", {"form": form})


def _detail_context(request: HttpRequest, user: User, **forms: Any) -> dict[str, Any]:
    me = _me(request)
    day = today()
    grants = list(selectors.user_grants(user=user))
    unit_ids = {g.org_unit_id for g in grants if g.org_unit_id is not None}
    labels = selectors.org_unit_labels(organization_id=me.organization_id, unit_ids=unit_ids, on=day)
    unit_choices = selectors.org_unit_choices(organization_id=me.organization_id, on=day)
    return {
        "target": user,
        "locked": user_is_locked(user),
        "has_totp": selectors.has_confirmed_totp(user),
        "grant_rows": [
            {"grant": g, "unit": labels.get(g.org_unit_id or 0, ""), "current": g.is_valid_on(day)} for g in grants
        ],
        "tokens": list(selectors.user_tokens(user=user)),
        "grant_form": forms.get("grant_form") or GrantForm(unit_choices=unit_choices),
        "end_form": GrantEndForm(initial={"end_on": day}),
        "password_form": forms.get("password_form") or PasswordResetForm(),
        "token_form": forms.get("token_form") or TokenIssueForm(),
        "issued_key": forms.get("issued_key", ""),
        "today": day,
    }


@require_GET
@require_role(Role.SYSADMIN)
def user_detail(request: HttpRequest, user_id: int) -> HttpResponse:
    """利用者の詳細: 権限の一覧と付与・終了、ロック解除、二要素認証の解除、APIトークン."""
    user = _target_user(request, user_id)
    return render(request, "accounts/user_detail.html", _detail_context(request, user))


@require_POST
@require_role(Role.SYSADMIN)
def grant_add(request: HttpRequest, user_id: int) -> HttpResponse:
    me = _me(request)
    user = _target_user(request, user_id)
    form = GrantForm(
        request.POST, unit_choices=selectors.org_unit_choices(organization_id=me.organization_id, on=today())
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            grant = services.role_grant_add(
                acting_user=me,
                user=user,
                role=data["role"],
                org_unit_id=data["org_unit"],
                include_descendants=data["include_descendants"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            )
        except DomainError as exc:
            apply_problems(form, exc, _GRANT_FIELDS)
        else:
            messages.success(request, f"{grant.get_role_display()}の権限を付与しました。")
            return redirect("accounts:user_detail", user_id=user.pk)
    context = _detail_context(request, user, grant_form=form)
    return render(request, "accounts/user_detail.html", context, status=400)


@require_POST
@require_role(Role.SYSADMIN)
def grant_end(request: HttpRequest, grant_id: int) -> HttpResponse:
    me = _me(request)
    grant: RoleGrant | None = selectors.grant_get(organization_id=me.organization_id, grant_id=grant_id)
    if grant is None:
        raise Http404("権限付与が見つかりません")
    form = GrantEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "最終有効日: 日付を入力してください")
    else:
        try:
            services.role_grant_end(acting_user=me, grant=grant, end_on=form.cleaned_data["end_on"])
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{grant.get_role_display()}の権限を終了しました。")
    return redirect("accounts:user_detail", user_id=grant.user_id)


@require_POST
@require_role(Role.SYSADMIN)
def user_unlock(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _target_user(request, user_id)
    services.user_unlock(acting_user=_me(request), user=user)
    messages.success(request, "ロックを解除しました。")
    return redirect("accounts:user_detail", user_id=user.pk)


@require_POST
@require_role(Role.SYSADMIN)
def user_set_active(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _target_user(request, user_id)
    active = request.POST.get("is_active") == "1"
    try:
        services.user_set_active(acting_user=_me(request), user=user, is_active=active)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "利用者を有効にしました。" if active else "利用者を無効にしました。")
    return redirect("accounts:user_detail", user_id=user.pk)


@require_POST
@require_role(Role.SYSADMIN)
def user_password_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _target_user(request, user_id)
    form = PasswordResetForm(request.POST)
    if form.is_valid():
        try:
            services.user_password_reset(
                acting_user=_me(request), user=user, new_password=form.cleaned_data["new_password1"]
            )
        except DomainError as exc:
            apply_problems(form, exc, {"新しいパスワード": "new_password1"})
        else:
            messages.success(request, "パスワードを再設定しました。")
            return redirect("accounts:user_detail", user_id=user.pk)
    return render(request, "accounts/user_detail.html", _detail_context(request, user, password_form=form), status=400)


@require_POST
@require_role(Role.SYSADMIN)
def user_totp_reset(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _target_user(request, user_id)
    services.user_totp_reset(acting_user=_me(request), user=user)
    messages.success(request, "二要素認証を解除しました。次回ログイン時に再設定が必要です。")
    return redirect("accounts:user_detail", user_id=user.pk)


@require_POST
@require_role(Role.SYSADMIN)
def token_issue(request: HttpRequest, user_id: int) -> HttpResponse:
    user = _target_user(request, user_id)
    form = TokenIssueForm(request.POST)
    issued_key = ""
    status = 400
    if form.is_valid():
        try:
            issued = tokens.api_token_issue(
                acting_user=_me(request), user=user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except DomainError as exc:
            apply_problems(form, exc, {"名称": "name", "有効期限": "expires_on"})
        else:
            issued_key, status, form = issued.key, 200, TokenIssueForm()
    context = _detail_context(request, user, token_form=form, issued_key=issued_key)
    return render(request, "accounts/user_detail.html", context, status=status)


@require_POST
@require_role(Role.SYSADMIN)
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    me = _me(request)
    token = selectors.token_get(organization_id=me.organization_id, token_id=token_id)
    if token is None:
        raise Http404("APIトークンが見つかりません")
    try:
        tokens.api_token_revoke(acting_user=me, token=token)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"APIトークン「{token.name}」を失効させました。")
    return redirect("accounts:user_detail", user_id=token.user_id)
