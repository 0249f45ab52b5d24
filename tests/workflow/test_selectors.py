"""Inbox, my applications, the clerk's view and the detail timeline: results, filters, bounded queries."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from jinji.core.errors import NotPermitted
from jinji.org.models import UnitLevel
from jinji.workflow.models import InstanceStatus, Task
from jinji.workflow.selectors import (
    InboxFilters,
    application_detail,
    clerk_applications,
    inbox_count,
    inbox_pending,
    my_applications,
    notifications_for,
)
from jinji.workflow.services import instance_delegate_decision, instance_send_back, notifications_mark_read
from tests.workflow.conftest import World, approve, staff, submit, unit

pytestmark = pytest.mark.django_db


def test_inbox_lists_pending_tasks_oldest_first_with_counts(world: World) -> None:
    first = submit(world, key="1")
    colleague = staff(world.org, world.kakari, world.positions["shuji"], "staff2", "同僚")
    second = submit(world, key="2", user=colleague)
    page = inbox_pending(user=world.kakaricho)
    assert [i.instance_id for i in page.items] == [first.pk, second.pk]
    assert (page.total, page.counts_by_type, page.approval_count) == (2, {"test_leave": 2}, 2)
    item = page.items[0]
    assert (item.application_type_label, item.step_name, item.step_kind_label) == ("休暇届(テスト)", "係長承認", "承認")
    assert (item.applicant_name, item.applicant_unit_name, item.instance_version) == ("職員 太郎", "人事係", 2)
    assert inbox_count(user=world.kakaricho) == 2
    assert inbox_pending(user=world.kacho).total == 0


def test_inbox_filters(world: World) -> None:
    mine = submit(world, key="1")
    annex = unit(world.org, "人事係分室", UnitLevel.OTHER, world.kakari)
    theirs = submit(world, key="2", user=staff(world.org, annex, None, "annex", "分室職員"))
    Task.objects.filter(instance=mine).update(created_at=timezone.now() - datetime.timedelta(days=5))
    old = inbox_pending(user=world.kakaricho, filters=InboxFilters(min_waiting_days=3))
    assert [i.instance_id for i in old.items] == [mine.pk]
    assert old.items[0].waiting_days == 5
    assert old.counts_by_type == {"test_leave": 2}, "counts ignore the filters"
    by_unit = inbox_pending(user=world.kakaricho, filters=InboxFilters(applicant_unit_id=annex.pk))
    assert [i.instance_id for i in by_unit.items] == [theirs.pk]
    assert inbox_pending(user=world.kakaricho, filters=InboxFilters(application_type="other")).total == 0


def test_tasks_carry_their_applications_type_and_unit(world: World) -> None:
    """The inbox filters on the task's own copies; they must match the application, post-review items too."""
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    instance_delegate_decision(instance=instance, acting_user=world.kakaricho, comment="出張")
    rows = set(Task.objects.filter(instance=instance).values_list("kind", "application_type", "applicant_unit_id"))
    assert rows == {("approval", "test_leave", world.kakari.pk), ("post_review", "test_leave", world.kakari.pk)}
    unit_filter = InboxFilters(applicant_unit_id=world.kakari.pk, kind="post_review")
    by_unit = inbox_pending(user=world.kacho, filters=unit_filter)
    assert [i.instance_id for i in by_unit.items] == [instance.pk]
    assert by_unit.total == 1


def test_inbox_total_by_kind_and_type_follows_the_counts(world: World) -> None:
    decided = approve(submit(world, key="1"), world.kakaricho, world.hr, world.zaisei_kacho)
    instance_delegate_decision(instance=decided, acting_user=world.kakaricho, comment="出張")
    waiting = approve(submit(world, key="2"), world.kakaricho, world.hr, world.zaisei_kacho)
    page = inbox_pending(user=world.kacho, filters=InboxFilters(kind="approval"))
    assert (page.total, page.approval_count, page.post_review_count) == (1, 1, 1)
    assert [i.instance_id for i in page.items] == [waiting.pk]
    reviews = inbox_pending(user=world.kacho, filters=InboxFilters(application_type="test_leave", kind="post_review"))
    assert ([i.instance_id for i in reviews.items], reviews.total) == ([decided.pk], 1)
    assert inbox_pending(user=world.kacho, filters=InboxFilters(application_type="other")).total == 0


def test_inbox_shows_post_review_items(world: World) -> None:
    instance = approve(submit(world), world.kakaricho, world.hr, world.zaisei_kacho)
    instance_delegate_decision(instance=instance, acting_user=world.kakaricho, comment="出張")
    page = inbox_pending(user=world.kacho)
    assert [(i.task_kind, i.status) for i in page.items] == [("post_review", InstanceStatus.APPROVED)]
    assert (page.approval_count, page.post_review_count) == (0, 1)


@pytest.mark.parametrize("count", [2, 12])
def test_inbox_query_count_does_not_grow(world: World, count: int, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        submit(world, key=str(n))
    with django_assert_max_num_queries(2):
        page = inbox_pending(user=world.kakaricho)
    assert page.total == count
    with django_assert_max_num_queries(2):
        by_type = inbox_pending(user=world.kakaricho, filters=InboxFilters(application_type="test_leave"))
    assert by_type.total == count, "the total by type follows from the counts, without a count query"
    with django_assert_max_num_queries(3):
        by_unit = inbox_pending(user=world.kakaricho, filters=InboxFilters(applicant_unit_id=world.kakari.pk))
    assert by_unit.total == count


@pytest.mark.parametrize("count", [2, 12])
def test_my_applications_query_count_does_not_grow(world: World, count: int, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        instance = submit(world, key=str(n))
        if n % 2:
            approve(instance, world.kakaricho)
    with django_assert_max_num_queries(2):
        page = my_applications(user=world.staff)
    assert page.total == count
    assert page.all_count == count
    assert page.counts_by_status == {InstanceStatus.IN_PROGRESS: count}
    assert {i.current_step_name for i in page.items} == {"係長承認", "人事・財政合議"}


def test_my_applications_include_proxy_entries_and_filter_by_status(world: World) -> None:
    own = submit(world, key="own")
    proxied = submit(world, key="p", user=world.clerk, applicant_employee_id=world.staff.employee_id)
    instance_send_back(instance=own, acting_user=world.kakaricho, comment="再確認")
    page = my_applications(user=world.staff)
    assert {i.id for i in page.items} == {own.pk, proxied.pk}
    assert page.counts_by_status == {InstanceStatus.SENT_BACK: 1, InstanceStatus.IN_PROGRESS: 1}
    assert [i.id for i in my_applications(user=world.staff, status=InstanceStatus.SENT_BACK).items] == [own.pk]
    clerk_page = my_applications(user=world.clerk)
    assert [(i.id, i.entered_by_proxy) for i in clerk_page.items] == [(proxied.pk, True)]


@pytest.mark.parametrize("count", [2, 12])
def test_clerk_sees_their_units_applications_only(world: World, count: int, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    ours = [submit(world, key=str(n)) for n in range(count)]
    submit(world, key="x", user=world.outsider)
    submit(world, key="draft", user=world.kakaricho, submit=False)
    with django_assert_max_num_queries(3 + 3):
        page = clerk_applications(user=world.clerk)
    assert {i.id for i in page.items} == {i.pk for i in ours}, "財政課 and others' drafts are not shown"
    assert clerk_applications(user=world.staff).total == 0
    assert clerk_applications(user=world.hr).total == count + 1


def test_detail_has_the_timeline_and_refuses_outsiders(world: World) -> None:
    instance = approve(submit(world, key="t"), world.kakaricho)
    instance_send_back(instance=instance, acting_user=world.hr, comment="添付がありません")
    detail = application_detail(instance_id=instance.pk, user=world.staff)
    assert [(e.action_label, e.actor_name, e.comment) for e in detail.timeline] == [
        ("申請", "職員", ""),
        ("承認", "係長", ""),
        ("差戻し", "人事担当", "添付がありません"),
    ]
    assert [s.status_label for s in detail.steps] == ["完了", "終了", "対象外(条件)", "未着手"]
    assert detail.attributes == {"days": "2"}
    for allowed in (world.kakaricho, world.clerk, world.hr):
        assert application_detail(instance_id=instance.pk, user=allowed).application.id == instance.pk
    with pytest.raises(NotPermitted, match="この申請を参照する権限がありません"):
        application_detail(instance_id=instance.pk, user=world.outsider)


def test_notifications_are_listed_and_marked_read(world: World) -> None:
    submit(world)
    page = notifications_for(user=world.kakaricho)
    assert page.unread_count == 1
    assert page.items[0].kind_label == "承認依頼"
    assert "係長承認をお願いします" in page.items[0].message
    assert notifications_mark_read(acting_user=world.kakaricho) == 1
    assert notifications_for(user=world.kakaricho).unread_count == 0


def test_list_counts_are_capped(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """Over the cap a count stops at cap + 1 (shown as 「N件以上」); under it every count is exact."""
    for n in range(5):
        submit(world, key=str(n))
    instance_send_back(instance=submit(world, key="back"), acting_user=world.kakaricho, comment="再確認")
    monkeypatch.setattr("jinji.workflow.selectors.applications.COUNT_CAP", 3)
    page = clerk_applications(user=world.hr)
    assert (page.total, page.all_count, page.count_cap) == (4, 4, 3)
    assert page.counts_by_status == {InstanceStatus.IN_PROGRESS: 4, InstanceStatus.SENT_BACK: 1}
    assert page.is_capped(page.total)
    assert not page.is_capped(page.counts_by_status[InstanceStatus.SENT_BACK])
    assert len(page.items) == 6, "the page itself is not capped"
    sent_back = clerk_applications(user=world.hr, status=InstanceStatus.SENT_BACK)
    assert (sent_back.total, sent_back.all_count) == (1, 4)


def test_capped_counts_of_an_empty_queryset() -> None:
    from jinji.workflow.models import WorkflowInstance
    from jinji.workflow.selectors._counts import capped_counts

    assert capped_counts({"none": WorkflowInstance.unscoped.none()}) == {"none": 0}


def test_inbox_pages_in_arrival_order(world: World) -> None:
    made = [submit(world, key=str(n)) for n in range(5)]
    pages = [inbox_pending(user=world.kakaricho, limit=2, offset=offset) for offset in (0, 2, 4)]
    assert [[i.instance_id for i in p.items] for p in pages] == [
        [made[0].pk, made[1].pk],
        [made[2].pk, made[3].pk],
        [made[4].pk],
    ]
    assert {p.total for p in pages} == {5}
