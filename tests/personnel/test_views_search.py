"""職員検索 and 職員詳細 pages: who may open them, what they find, bounded queries."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def _search(client: Client, town: Town, role: str, **params: str) -> str:
    client.force_login(town.user(role))
    response = client.get("/personnel/staff/", params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("query", ["サトウ", "さとう", "ｻﾄｳ", "鈴木", "スズキ", "100001", "１００００１", "佐藤 花子"])
def test_search_finds_by_name_kana_former_name_and_number(client: Client, town: Town, query: str) -> None:
    html = _search(client, town, "hr", q=query)
    assert "佐藤 花子" in html
    assert "高橋 一郎" not in html


def test_search_filters_by_unit_including_sub_units(client: Client, town: Town) -> None:
    html = _search(client, town, "hr", unit=str(town.dept.pk), include_sub_units="on")
    assert "佐藤 花子" in html
    assert "田中 美咲" in html
    assert "伊藤 健太" not in html
    html = _search(client, town, "hr", unit=str(town.jinji.pk))
    assert "田中 美咲" in html
    assert "佐藤 花子" not in html


def test_search_is_scoped_for_unit_head(client: Client, town: Town) -> None:
    html = _search(client, town, "unit_head")
    assert "高橋 一郎" in html  # 総務課
    assert "伊藤 健太" not in html  # 福祉部


def test_search_htmx_returns_only_the_results_fragment(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    response = client.get("/personnel/staff/", {"q": "タナカ"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "田中 美咲" in html


def test_search_bad_date_shows_japanese_error_next_to_field(client: Client, town: Town) -> None:
    html = _search(client, town, "hr", on="2026-13-45")
    assert "field--error" in html
    assert 'aria-describedby="id_on_error"' in html
    assert '<div id="id_on_error"><p class="field__error">日付を正しく入力してください。</p>' in html


@pytest.mark.parametrize("role", ["staff", "sysadmin", "auditor"])
def test_search_refuses_roles_without_staff_lists(client: Client, town: Town, role: str) -> None:
    client.force_login(town.user(role))
    assert client.get("/personnel/staff/").status_code == 403


def test_search_runs_a_bounded_number_of_queries(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (0, 30):
        town = build_town(extra_staff=extra)
        client.force_login(town.user("hr"))
        with django_assert_max_num_queries(15) as ctx:
            response = client.get("/personnel/staff/", {"q": ""})
        assert response.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
