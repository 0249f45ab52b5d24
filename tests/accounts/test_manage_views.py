"""利用者管理 pages: システム管理者 only, Japanese errors naming the field, bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jinji.accounts import events
from jinji.accounts.models import ApiToken, Role, RoleGrant, User
from jinji.accounts.scope import has_role, today
from jinji.accounts.tokens import key_hash
from jinji.audit.models import AuditEvent
from tests.accounts.builders import World, build_world, grant, make_employee, make_user, signed_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> World:
    return build_world(with_people=False)


@pytest.fixture
def admin(world: World) -> User:
    user = make_user(world.org, username="admin")
    grant(user, Role.SYSADMIN)
    return user


@pytest.fixture
def client(admin: User) -> Client:
    return signed_in(admin)


def test_user_list_is_for_sysadmin_only(world: World, admin: User) -> None:
    hr = make_user(world.org)
    grant(hr, Role.HR)
    response = signed_in(hr).get("/accounts/users/")
    assert response.status_code == 403
    html = response.content.decode()
    assert "権限がありません" in html
    assert "システム管理者" in html
    assert AuditEvent.objects.filter(action=events.ACCESS_DENIED, actor=hr).exists()
    anonymous = Client().get("/accounts/users/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")


def test_user_list_shows_only_own_organization(client: Client, world: World) -> None:
    make_user(world.org, username="mine")
    make_user(build_world(with_people=False).org, username="theirs")
    html = client.get("/accounts/users/").content.decode()
    assert "mine" in html
    assert "theirs" not in html


def _queries_for(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(path).status_code == 200
    return len(ctx.captured_queries)


def test_user_list_query_count_does_not_grow_with_users(client: Client, world: World) -> None:
    for _ in range(3):
        grant(make_user(world.org), Role.HR)
    few = _queries_for(client, "/accounts/users/")
    for _ in range(30):
        u = make_user(world.org)
        grant(u, Role.CLERK, unit=world.div)
        grant(u, Role.PAYROLL)
    assert _queries_for(client, "/accounts/users/") == few


def test_create_user_page(client: Client, world: World) -> None:
    emp = make_employee(world.org, world.div)
    response = client.post(
        "/accounts/users/new/",
        {
            "username": "suzuki",
            "display_name": "鈴木",
            "staff_number": emp.staff_number,
            "new_password1": "Shimanto-River-2024",
            "new_password2": "Shimanto-River-2024",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="suzuki")
    assert created.employee_id == emp.pk
    assert response["Location"] == f"/accounts/users/{created.pk}/"


def test_create_user_errors_name_the_field(client: Client) -> None:
    response = client.post(
        "/accounts/users/new/",
        {"username": "admin", "staff_number": "999999", "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "職員番号「999999」の職員が見つかりません" in form.errors["staff_number"]
    response = client.post(
        "/accounts/users/new/", {"username": "admin", "new_password1": "short", "new_password2": "short"}
    )
    form = response.context["form"]
    assert "既に使われています" in " ".join(form.errors["username"])
    assert form.errors["new_password1"]


def test_grant_add_and_end_through_the_page(client: Client, world: World) -> None:
    user = make_user(world.org)
    response = client.post(
        f"/accounts/users/{user.pk}/grants/",
        {"role": Role.CLERK, "org_unit": world.div.pk, "include_descendants": "on", "valid_from": today().isoformat()},
    )
    assert response.status_code == 302
    g = RoleGrant.unscoped.get(user=user)
    assert (g.role, g.org_unit_id) == (Role.CLERK, world.div.pk)
    detail = client.get(f"/accounts/users/{user.pk}/").content.decode()
    assert "総務課" in detail

    yesterday = today() - datetime.timedelta(days=1)
    assert client.post(f"/accounts/grants/{g.pk}/end/", {"end_on": yesterday.isoformat()}).status_code == 302
    assert not has_role(user, {Role.CLERK})


def test_grant_add_error_is_shown_on_the_field(client: Client, world: World) -> None:
    user = make_user(world.org)
    response = client.post(f"/accounts/users/{user.pk}/grants/", {"role": Role.UNIT_HEAD, "valid_from": today()})
    assert response.status_code == 400
    assert "所属長には対象所属が必要です" in response.context["grant_form"].errors["org_unit"]


def test_another_organizations_user_is_not_found(client: Client) -> None:
    stranger = make_user(build_world(with_people=False).org)
    assert client.get(f"/accounts/users/{stranger.pk}/").status_code == 404
    assert client.post(f"/accounts/users/{stranger.pk}/unlock/").status_code == 404
    foreign_grant = grant(stranger, Role.HR)
    assert client.post(f"/accounts/grants/{foreign_grant.pk}/end/", {"end_on": "2020-01-01"}).status_code == 404


def test_state_changes_are_post_only(client: Client, world: World) -> None:
    user = make_user(world.org)
    assert client.get(f"/accounts/users/{user.pk}/unlock/").status_code == 405
    assert client.get(f"/accounts/users/{user.pk}/grants/").status_code == 405


def test_token_is_shown_once_and_only_its_hash_is_stored(client: Client, world: World) -> None:
    user = make_user(world.org)
    response = client.post(f"/accounts/users/{user.pk}/tokens/", {"name": "給与システム連携"})
    assert response.status_code == 200
    key = response.context["issued_key"]
    assert key.startswith("jinji_")
    assert key in response.content.decode()
    token = ApiToken.unscoped.get(user=user)
    assert token.key_hash == key_hash(key)
    assert key not in str(ApiToken.unscoped.filter(pk=token.pk).values().get())
    assert key not in client.get(f"/accounts/users/{user.pk}/").content.decode()

    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_deactivate_and_unlock_buttons(client: Client, world: World) -> None:
    user = make_user(world.org)
    User.objects.filter(pk=user.pk).update(failed_login_count=9)
    client.post(f"/accounts/users/{user.pk}/unlock/")
    client.post(f"/accounts/users/{user.pk}/active/", {"is_active": "0"})
    user.refresh_from_db()
    assert user.failed_login_count == 0
    assert not user.is_active


def test_password_change_page(world: World) -> None:
    user = make_user(world.org)
    client = signed_in(user)
    wrong = client.post(
        "/accounts/password/",
        {"old_password": "nope", "new_password1": "Sakurajima-Ash-1914", "new_password2": "Sakurajima-Ash-1914"},
    )
    assert wrong.status_code == 200
    assert "現在のパスワードが正しくありません" in wrong.context["form"].errors["old_password"]
    mismatch = client.post(
        "/accounts/password/",
        {"old_password": "x", "new_password1": "Sakurajima-Ash-1914", "new_password2": "other"},
    )
    assert "一致しません" in " ".join(mismatch.context["form"].errors["new_password2"])
    ok = client.post(
        "/accounts/password/",
        {"old_password": TEST_PASSWORD, "new_password1": "Sakurajima-Ash-1914", "new_password2": "Sakurajima-Ash-1914"},
    )
    assert ok.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Sakurajima-Ash-1914")
    assert user.password_changed_at is not None
    # The session survives the change (session auth hash updated).
    assert client.get("/accounts/password/").status_code == 200
    assert AuditEvent.objects.filter(action=events.PASSWORD_CHANGED, actor=user).exists()
