"""The home page per role, the navigation by role, and page-wide rules (no external URL, CSP)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from jinji.core.tenancy import tenant_context
from jinji.personnel.services import personnel_action_apply, personnel_action_create
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def _home(client: Client, town: Town, role: str) -> str:
    client.force_login(town.user(role))
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_staff_home_shows_own_profile(client: Client, town: Town) -> None:
    html = _home(client, town, "staff")
    assert "わたしの情報" in html
    assert "高橋 一郎" in html
    assert "総務課" in html
    assert "人事の状況" not in html
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert "組織図" in nav
    assert "職員検索" not in nav
    assert "発令" not in nav


def test_unit_head_home_lists_their_unit(client: Client, town: Town) -> None:
    html = _home(client, town, "unit_head")
    assert "総務課(下位組織を含む)の職員 2人" in html
    assert "高橋 一郎" in html
    assert "伊藤 健太" not in html


def test_hr_home_shows_counts_and_upcoming_actions(client: Client, town: Town) -> None:
    with tenant_context(town.org):
        action = personnel_action_create(
            acting_user=town.user("hr"),
            employee=town.staff[1],
            action_type="transfer",
            effective_on=timezone.localdate() + datetime.timedelta(days=30),
            org_unit=town.jinji,
        )
        personnel_action_apply(acting_user=town.user("hr"), action=action)
    html = _home(client, town, "hr")
    assert "人事の状況" in html
    assert re.search(r'card__value">4</p><p class="card__label">在職者数', html)
    assert "今後の発令" in html
    upcoming = html[html.index("今後の発令") :]
    assert "高橋 一郎" in upcoming
    nav = html[html.index("<nav") : html.index("</nav>")]
    assert "発令" in nav
    assert "一括異動" in nav


@pytest.mark.parametrize("role", ["sysadmin", "auditor"])
def test_admin_roles_get_a_menu_and_no_personnel_data(client: Client, town: Town, role: str) -> None:
    html = _home(client, town, role)
    assert "職員検索" not in html
    assert "高橋" not in html


def test_home_on_a_phone_uses_the_responsive_stylesheet(client: Client, town: Town) -> None:
    html = _home(client, town, "staff")
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in html
    css = client.get("/static/jinji/jinji.css")
    body = b"".join(css.streaming_content).decode() if css.streaming else css.content.decode()  # type: ignore[attr-defined]
    assert "@media (max-width: 40rem)" in body


def _pages(town: Town) -> list[str]:
    return [
        "/",
        "/personnel/staff/",
        "/personnel/staff/?q=サトウ",
        f"/personnel/staff/{town.staff[0].pk}/",
        "/personnel/org-chart/",
        f"/personnel/org-chart/units/{town.soumu.pk}/members/",
        "/personnel/actions/",
        "/personnel/actions/new/",
        "/personnel/batches/",
        "/personnel/import/",
        "/org/reorganizations/",
        f"/org/units/{town.jinji.pk}/",
        "/api/docs",
    ]


def test_no_page_references_an_external_url_and_csp_is_sent(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    for url in _pages(town):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert not EXTERNAL.search(html), url
        assert "<style" not in html, url
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>(?!\s*</script>)", html), url
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "script-src 'self'" in csp


def test_static_assets_are_served_by_the_app(client: Client) -> None:
    for path in ("/static/jinji/vendor/htmx.min.js", "/static/jinji/jinji.js", "/static/jinji/jinji.css"):
        assert client.get(path).status_code == 200, path


@pytest.mark.parametrize("role", ["hr", "unit_head", "staff"])
def test_home_query_count_is_bounded(client: Client, role: str, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (0, 30):
        town = build_town(extra_staff=extra)
        client.force_login(town.user(role))
        with django_assert_max_num_queries(25) as ctx:
            assert client.get("/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
