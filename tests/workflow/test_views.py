"""The workflow screens: inbox with counts, filters and 一括承認; the detail page and its actions; my and
the clerk's lists; お知らせ; route editing with errors next to the inputs. List pages keep a fixed
number of queries whatever the data size."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jinji.accounts.models import User
from jinji.workflow.models import DefinitionVersion, InstanceStatus, Notification, WorkflowInstance
from tests.workflow.conftest import LEAVE, World, approve, fresh, submit

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> str:
    return str(response.content.decode())


def test_inbox_lists_pending_with_counts_and_filters(world: World) -> None:
    first = submit(world, key="1")
    submit(world, key="2", days=5)
    client = client_for(world.kakaricho)
    page = body(client.get("/workflow/inbox/"))
    assert '<p class="card__value" id="count-approval">2</p>' in page
    assert page.count(f'value="{first.pk}:{first.version}"') == 1
    assert "休暇届(テスト)(2)" in page, "the type filter shows the count"
    assert "人事係" in page, "the unit filter offers the applicants' units"
    assert "0 件" in body(client.get("/workflow/inbox/", {"days": "3"}))
    assert "2 件" in body(client.get("/workflow/inbox/", {"type": LEAVE, "unit": world.kakari.pk}))
    assert "0 件" in body(client.get("/workflow/inbox/", {"unit": world.zaisei.pk}))
    assert "承認待ちの申請はありません" in body(client_for(world.outsider).get("/workflow/inbox/"))


def test_bulk_approve_moves_each_checked_item_and_reports_the_stale_one(world: World) -> None:
    first, second = submit(world, key="1"), submit(world, key="2")
    client = client_for(world.kakaricho)
    items = [f"{first.pk}:{first.version}", f"{second.pk}:{second.version - 1}"]
    response = client.post("/workflow/bulk-approve/", {"item": items, "comment": "まとめて確認"}, follow=True)
    page = body(response)
    assert "1件を承認しました" in page
    assert f"申請番号 {second.pk}" in page
    assert "他の人が先に処理しました" in page
    assert fresh(first).current_step.name == "人事・財政合議"  # type: ignore[union-attr]
    assert fresh(second).current_step.name == "係長承認"  # type: ignore[union-attr]
    assert "選んでください" in body(client.post("/workflow/bulk-approve/", {}, follow=True))


@pytest.mark.parametrize("count", [2, 10])
def test_list_pages_query_count_does_not_grow(world: World, count: int, django_assert_max_num_queries: Any) -> None:
    for n in range(count):
        instance = submit(world, key=str(n))
        if n % 2:
            approve(instance, world.kakaricho)
    for user, url, limit in (
        (world.kakaricho, "/workflow/inbox/", 12),
        (world.staff, "/workflow/applications/", 10),
        (world.clerk, "/workflow/clerk/", 14),
        (world.kakaricho, "/workflow/notifications/", 10),
    ):
        client = client_for(user)
        with django_assert_max_num_queries(limit):
            response = client.get(url)
        assert response.status_code == 200, url


def test_detail_shows_content_route_timeline_and_the_approver_form(world: World) -> None:
    instance = submit(world)
    page = body(client_for(world.kakaricho).get(f"/workflow/applications/{instance.pk}/"))
    assert "申請内容" in page
    assert "係長承認" in page
    assert 'name="do" value="approve"' in page
    assert 'name="do" value="withdraw"' not in page
    applicant_page = body(client_for(world.staff).get(f"/workflow/applications/{instance.pk}/"))
    assert 'name="do" value="approve"' not in applicant_page
    assert 'name="do" value="withdraw"' in applicant_page
    assert client_for(world.outsider).get(f"/workflow/applications/{instance.pk}/").status_code == 404


def test_actions_from_the_detail_page(world: World) -> None:
    instance = submit(world)
    url = f"/workflow/applications/{instance.pk}/act/"
    approver = client_for(world.kakaricho)
    no_reason = approver.post(url, {"do": "send_back", "version": instance.version, "comment": ""}, follow=True)
    assert "差戻しの理由をコメントに入力してください" in body(no_reason)
    approved = approver.post(url, {"do": "approve", "version": instance.version, "next": "inbox"})
    assert approved["Location"] == "/workflow/inbox/"
    again = approver.post(url, {"do": "approve", "version": instance.version}, follow=True)
    assert "他の人が先に処理しました" in body(again)
    hr = client_for(world.hr)
    current = fresh(instance)
    hr.post(url, {"do": "send_back", "version": current.version, "comment": "添付がありません"})
    assert fresh(instance).status == InstanceStatus.SENT_BACK
    applicant = client_for(world.staff)
    applicant.post(url, {"do": "resubmit", "version": fresh(instance).version})
    assert (fresh(instance).status, fresh(instance).round) == (InstanceStatus.IN_PROGRESS, 2)
    refused = client_for(world.outsider).post(url, {"do": "withdraw", "version": fresh(instance).version}, follow=True)
    assert "取下げできるのは申請者本人か" in body(refused)
    applicant.post(url, {"do": "withdraw", "version": fresh(instance).version, "comment": "不要になった"})
    assert fresh(instance).status == InstanceStatus.WITHDRAWN


def test_my_and_clerk_lists(world: World) -> None:
    submit(world, key="own")
    submit(world, key="x", user=world.outsider)
    mine = body(client_for(world.staff).get("/workflow/applications/"))
    assert "1 件" in mine
    assert '承認待ち<span class="wf-count">1</span>' in mine
    clerk = body(client_for(world.clerk).get("/workflow/clerk/"))
    assert "1 件" in clerk, "財政課 is not the clerk's unit"
    assert client_for(world.staff).get("/workflow/clerk/").status_code == 403


def test_notifications_page_marks_read(world: World) -> None:
    submit(world)
    client = client_for(world.kakaricho)
    page = body(client.get("/workflow/notifications/"))
    assert '<strong id="unread-count">1</strong>' in page
    assert "係長承認をお願いします" in page
    client.post("/workflow/notifications/read/")
    assert not Notification.objects.filter(recipient=world.kakaricho, read_at__isnull=True).exists()


def route_post(**changes: str) -> dict[str, str]:
    data = {
        "rows": "4",
        "name": "休暇届の承認ルート",
        "note": "部長を外す",
        "s1-name": "係長承認",
        "s1-kind": "approval",
        "s1-a0-kind": "position",
        "s1-a0-min_rank": "3",
        "s1-a0-head": "1",
        "s2-name": "課長決裁",
        "s2-kind": "final_approval",
        "s2-a0-kind": "position",
        "s2-a0-min_rank": "5",
        "s2-a0-head": "1",
    }
    return {**data, **changes}


def test_route_editing_shows_errors_next_to_inputs_and_publishes(world: World) -> None:
    client = client_for(world.hr)
    assert "休暇届(テスト)" in body(client.get("/workflow/definitions/"))
    form = body(client.get(f"/workflow/definitions/{LEAVE}/"))
    assert 'value="人事・財政合議"' in form
    broken = {
        "s1-a0-min_rank": "",
        "s3-name": "確認",
        "s3-kind": "approval",
        "s3-a0-kind": "user",
        "s3-a0-user": "nobody",
    }
    bad = client.post(f"/workflow/definitions/{LEAVE}/", route_post(**broken))
    assert bad.status_code == 400
    page = body(bad)
    assert 'id="err-s1-a0-min_rank"' in page
    assert "ログインID「nobody」の利用者はいません" in page
    assert DefinitionVersion.objects.count() == 1
    bad_route = client.post(f"/workflow/definitions/{LEAVE}/", route_post(**{"s2-kind": "approval"}))
    assert "決裁のステップが1つもありません" in body(bad_route)
    rank = client.post(f"/workflow/definitions/{LEAVE}/", route_post(**{"s1-a0-min_rank": "0"}))
    assert 'id="err-s1-a0-min_rank"' in body(rank)
    ok = client.post(f"/workflow/definitions/{LEAVE}/", route_post())
    assert ok.status_code == 302
    assert DefinitionVersion.objects.order_by("-number").values_list("number", flat=True).first() == 2
    new = submit(world, key="after")
    assert list(new.steps.values_list("name", flat=True)) == ["係長承認", "課長決裁"]
    assert client_for(world.staff).get("/workflow/definitions/").status_code == 403


def test_instances_in_flight_keep_their_version(world: World) -> None:
    before = submit(world, key="before")
    client_for(world.hr).post(f"/workflow/definitions/{LEAVE}/", route_post())
    assert WorkflowInstance.objects.get(pk=before.pk).steps.count() == 4


def test_list_says_more_than_the_cap(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        submit(world, key=str(n))
    monkeypatch.setattr("jinji.workflow.selectors.applications.COUNT_CAP", 2)
    page = body(client_for(world.hr).get("/workflow/clerk/"))
    assert "2件以上" in page
    assert '承認待ち<span class="wf-count">2+</span>' in page
    monkeypatch.setattr("jinji.workflow.selectors.applications.COUNT_CAP", 3)
    assert "3 件" in body(client_for(world.hr).get("/workflow/clerk/"))
