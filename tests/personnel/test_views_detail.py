"""職員詳細 (with its timeline) and the 組織図 as of a date."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from jinji.core.tenancy import tenant_context
from jinji.org.services import org_unit_change
from jinji.personnel.services import dependent_add, personnel_action_apply, personnel_action_create
from tests.web.builders import Town, build_town

pytestmark = pytest.mark.django_db


@pytest.fixture
def town(db: None) -> Town:
    return build_town()


def _transfer(town: Town, on: datetime.date) -> None:
    hr = town.user("hr")
    with tenant_context(town.org):
        action = personnel_action_create(
            acting_user=hr, employee=town.staff[1], action_type="transfer", effective_on=on, org_unit=town.jinji
        )
        personnel_action_apply(acting_user=hr, action=action)


def test_detail_shows_profile_post_and_timeline(client: Client, town: Town) -> None:
    _transfer(town, datetime.date(2024, 4, 1))
    with tenant_context(town.org):
        dependent_add(
            acting_user=town.user("hr"),
            employee=town.staff[1],
            name="高橋 陽菜",
            name_kana="タカハシ ヒナ",
            relationship="child",
            birth_date=datetime.date(2020, 1, 5),
            valid_from=datetime.date(2020, 1, 5),
        )
    client.force_login(town.user("hr"))
    html = client.get(f"/personnel/staff/{town.staff[1].pk}/", {"on": "2025-01-01"}).content.decode()
    assert "高橋 一郎" in html
    assert "タカハシ イチロウ" in html
    assert "人事課" in html
    timeline = html[html.index('id="h-timeline"') :]
    assert "発令: 異動" in timeline
    assert "2024年4月1日" in timeline
    assert "扶養親族の認定" in timeline
    assert timeline.index("2008年4月1日") < timeline.index("2020年1月5日") < timeline.index("2024年4月1日")


def test_detail_as_of_a_date_before_the_transfer(client: Client, town: Town) -> None:
    _transfer(town, datetime.date(2024, 4, 1))
    client.force_login(town.user("hr"))
    html = client.get(f"/personnel/staff/{town.staff[1].pk}/", {"on": "2024-03-31"}).content.decode()
    post = html[html.index('id="h-post"') : html.index('id="h-pending"')]
    assert "総務課" in post
    assert "人事課" not in post
    pending = html[html.index('id="h-pending"') : html.index('id="h-dependents"')]
    assert "人事課" in pending  # the transfer still ahead on that date


def test_wareki_toggle_changes_dates_on_the_detail_page(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    url = f"/personnel/staff/{town.staff[1].pk}/"
    assert "2008年4月1日" in client.get(url).content.decode()
    client.post("/settings/wareki/", {"next": url})
    html = client.get(url).content.decode()
    assert "平成20年4月1日" in html
    assert "2008年4月1日" not in html


def test_staff_sees_own_record_but_not_a_colleague(client: Client, town: Town) -> None:
    client.force_login(town.user("staff"))
    assert client.get(f"/personnel/staff/{town.staff[1].pk}/").status_code == 200
    assert client.get(f"/personnel/staff/{town.staff[2].pk}/").status_code == 404


def test_unit_head_sees_unit_but_not_other_department(client: Client, town: Town) -> None:
    client.force_login(town.user("unit_head"))
    assert client.get(f"/personnel/staff/{town.staff[1].pk}/").status_code == 200
    assert client.get(f"/personnel/staff/{town.staff[3].pk}/").status_code == 404


def test_other_organization_is_not_found(client: Client, town: Town) -> None:
    other = build_town()
    client.force_login(town.user("hr"))
    assert client.get(f"/personnel/staff/{other.staff[0].pk}/").status_code == 404


def test_create_action_link_only_for_hr(client: Client, town: Town) -> None:
    url = f"/personnel/staff/{town.staff[1].pk}/"
    client.force_login(town.user("hr"))
    assert "発令を作成" in client.get(url).content.decode()
    client.force_login(town.user("unit_head"))
    assert "発令を作成" not in client.get(url).content.decode()


def test_org_chart_before_and_after_a_reorganization(client: Client, town: Town) -> None:
    with tenant_context(town.org):
        org_unit_change(
            acting_user=town.user("hr"),
            unit=town.jinji,
            effective_on=datetime.date(2026, 4, 1),
            name="職員課",
            parent=town.other_dept,
        )
    client.force_login(town.user("staff"))
    before = client.get("/personnel/org-chart/", {"on": "2026-03-31"}).content.decode()
    after = client.get("/personnel/org-chart/", {"on": "2026-04-01"}).content.decode()
    assert "人事課" in before
    assert "職員課" not in before
    assert "職員課" in after
    assert "人事課" not in after
    welfare = after[after.index("福祉部") :]
    assert "職員課" in welfare  # moved under 福祉部
    assert "<details" in before  # collapsible


def test_org_chart_counts_members(client: Client, town: Town) -> None:
    client.force_login(town.user("hr"))
    html = client.get("/personnel/org-chart/").content.decode()
    assert "2人(計 4人)" not in html  # 総務部 itself has nobody
    assert "0人(計 3人)" in html  # 総務部: 総務課 2 + 人事課 1
    assert "計 4 人" in html


def test_unit_members_scoped_and_refused_for_plain_staff(client: Client, town: Town) -> None:
    client.force_login(town.user("unit_head"))
    html = client.get(f"/personnel/org-chart/units/{town.soumu.pk}/members/").content.decode()
    assert "高橋 一郎" in html
    assert client.get(f"/personnel/org-chart/units/{town.other_dept.pk}/members/").status_code == 200
    other = client.get(f"/personnel/org-chart/units/{town.other_dept.pk}/members/").content.decode()
    assert "伊藤 健太" not in other
    client.force_login(town.user("staff"))
    assert client.get(f"/personnel/org-chart/units/{town.soumu.pk}/members/").status_code == 403


def test_org_chart_query_count_is_bounded(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (0, 30):
        town = build_town(extra_staff=extra)
        client.force_login(town.user("hr"))
        with django_assert_max_num_queries(12) as ctx:
            assert client.get("/personnel/org-chart/").status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]


def test_unit_history_page_lists_versions(client: Client, town: Town) -> None:
    with tenant_context(town.org):
        org_unit_change(
            acting_user=town.user("hr"), unit=town.jinji, effective_on=datetime.date(2026, 4, 1), name="職員課"
        )
    other = build_town()
    client.force_login(town.user("staff"))
    html = client.get(f"/org/units/{town.jinji.pk}/").content.decode()
    table = html[html.index("<caption>沿革</caption>") :]
    assert table.index("人事課") < table.index("職員課")
    assert "2026年4月1日" in html
    assert "総務部" in html
    assert client.get(f"/org/units/{other.jinji.pk}/").status_code == 404
    assert client.get("/org/reorganizations/").status_code == 403
    client.force_login(town.user("hr"))
    assert client.get("/org/reorganizations/").status_code == 200


def test_unit_members_query_count_is_bounded(client: Client, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    counts = []
    for extra in (0, 30):
        town = build_town(extra_staff=extra)
        client.force_login(town.user("unit_head"))
        with django_assert_max_num_queries(15) as ctx:
            html = client.get(f"/personnel/org-chart/units/{town.soumu.pk}/members/").content.decode()
        assert f"{2 + extra} 人" in html
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
