"""職員検索 (normalisation, filters, scope, constant queries), detail, timeline, unit members."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from jinji.accounts.models import Role
from jinji.audit.models import AuditEvent, AuditKind
from jinji.personnel.models import ActionType
from jinji.personnel.search_text import normalize, search_words
from jinji.personnel.selectors import employee_detail, employee_search, employee_timeline, org_unit_members
from jinji.personnel.services import (
    bank_account_add,
    dependent_add,
    personnel_action_apply,
    personnel_action_create,
)
from tests.factories import RoleGrantFactory, UserFactory
from tests.personnel.world import APRIL, World

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 15)


def names(world: World, user: Any = None, **kwargs: Any) -> list[str]:
    page = employee_search(organization=world.org, user=user or world.hr, on=kwargs.pop("on", TODAY), **kwargs)
    return [row.full_name for row in page.items]


def test_normalize_folds_width_kana_and_spaces() -> None:
    assert normalize("ﾔﾏﾀﾞ　ﾀﾛｳ") == normalize("やまだ たろう") == "ヤマダタロウ"
    assert normalize("１２３ＡＢＣ") == "123abc"
    assert search_words(" 山田\u3000太郎 ") == ["山田", "太郎"]


@pytest.mark.parametrize(
    "query",
    [
        "サトウ",
        "さとう",
        "ｻﾄｳ",
        "佐藤",
        "佐藤 花子",
        "佐藤花子",
        "はなこ",
        "鈴木",
        "スズキ",
        "すずき",
        "２００００１",
        "200001",
    ],
)
def test_search_finds_by_name_kana_former_name_and_staff_number(world: World, query: str) -> None:
    world.hire(
        "佐藤",
        "花子",
        family_name_kana="さとう",
        given_name_kana="ﾊﾅｺ",
        former_family_name="鈴木",
        former_family_name_kana="スズキ",
    )
    world.hire("高橋", "一郎", family_name_kana="タカハシ", given_name_kana="イチロウ")
    assert names(world, query=query) == ["佐藤 花子"]


def test_kana_is_stored_as_full_width_katakana(world: World) -> None:
    e = world.hire("佐藤", "花子", family_name_kana="さとう", given_name_kana="ﾊﾅｺ")
    assert (e.family_name_kana, e.given_name_kana) == ("サトウ", "ハナコ")


def test_unit_filter_with_sub_units_type_and_date(world: World) -> None:
    world.hire("総務", "一", unit=world.somuka)
    world.hire("人事", "二", unit=world.jinjika, appointment_type="fiscal_year_part", work_pattern="part_time")
    world.hire("福祉", "三", unit=world.fukushika)
    assert names(world, unit_id=world.somubu.pk) == []
    assert names(world, unit_id=world.somubu.pk, include_sub_units=True) == ["総務 一", "人事 二"]
    assert names(world, appointment_type="fiscal_year_part") == ["人事 二"]
    assert names(world, on=datetime.date(2010, 1, 1)) == []
    assert len(names(world, on=datetime.date(2010, 1, 1), include_inactive=True)) == 3


def test_search_rows_show_post_as_of_the_date(world: World) -> None:
    e = world.hire("佐藤", "花子")
    action = personnel_action_create(
        acting_user=world.hr, employee=e, action_type=ActionType.TRANSFER, effective_on=APRIL, org_unit=world.jinjika
    )
    personnel_action_apply(acting_user=world.hr, action=action)
    before = employee_search(organization=world.org, user=world.hr, on=TODAY).items[0]
    after = employee_search(organization=world.org, user=world.hr, on=APRIL).items[0]
    assert (before.unit_name, after.unit_name) == ("総務課", "人事課")
    assert (after.position_name, after.grade, after.step, after.appointment_type_label) == ("主事", 2, 20, "正規")


def test_paging(world: World) -> None:
    for i in range(7):
        world.hire("山田", f"{i}郎")
    page = employee_search(organization=world.org, user=world.hr, on=TODAY, page=2, page_size=3)
    assert (page.total, page.num_pages, len(page.items), page.start_index, page.has_next) == (7, 3, 3, 4, True)


def test_staff_sees_only_themself(world: World) -> None:
    e = world.hire("佐藤", "花子")
    world.hire("高橋", "一郎")
    staff = UserFactory(organization=world.org, employee=e)
    assert names(world, user=staff) == ["佐藤 花子"]


@pytest.mark.parametrize("count", [5, 50])
def test_search_runs_a_constant_number_of_queries(world: World, count: int, django_assert_max_num_queries: Any) -> None:
    for i in range(count):
        world.hire("山田", f"{i}郎", unit=[world.somuka, world.jinjika, world.fukushika][i % 3])
    with django_assert_max_num_queries(6):
        page = employee_search(organization=world.org, user=world.hr, on=TODAY, query="やまだ", page_size=100)
    assert len(page.items) == count
    with django_assert_max_num_queries(7):
        employee_search(
            organization=world.org, user=world.hr, on=TODAY, unit_id=world.somubu.pk, include_sub_units=True
        )


def test_detail_masks_bank_accounts_and_audits_reads(world: World) -> None:
    e = world.hire("佐藤", "花子")
    dependent_add(
        acting_user=world.hr,
        employee=e,
        valid_from=datetime.date(2020, 1, 1),
        name="佐藤 次郎",
        name_kana="サトウ ジロウ",
        relationship="child",
        birth_date=datetime.date(2019, 12, 1),
    )
    bank_account_add(
        acting_user=world.hr,
        employee=e,
        valid_from=datetime.date(2015, 4, 1),
        bank_code="0001",
        bank_name="みずほ銀行",
        branch_code="001",
        branch_name="東京営業部",
        account_type="1",
        account_number="1234567",
        holder_kana="サトウ ハナコ",
    )
    detail = employee_detail(
        organization=world.org, user=world.hr, employee_id=e.pk, on=TODAY, reveal_bank_accounts=True
    )
    assert detail is not None
    assert detail.primary is not None
    assert (detail.primary.unit_name, detail.primary.position_name) == ("総務課", "主事")
    assert [d.name for d in detail.dependents] == ["佐藤 次郎"]
    assert detail.bank_accounts[0].account_number == "****567"  # HR may not see account numbers
    payroll = UserFactory(organization=world.org)
    RoleGrantFactory(user=payroll, role=Role.PAYROLL)
    shown = employee_detail(organization=world.org, user=payroll, employee_id=e.pk, on=TODAY, reveal_bank_accounts=True)
    assert shown is not None
    assert shown.bank_accounts[0].account_number == "1234567"
    reads = AuditEvent.objects.filter(kind=AuditKind.READ, target_id=str(e.pk))
    assert set(reads.values_list("action", flat=True)) == {"personnel.employee.view", "personnel.bank_account.view"}


def test_detail_of_someone_out_of_scope_is_none(world: World) -> None:
    e, other = world.hire("佐藤", "花子"), world.hire("高橋", "一郎")
    staff = UserFactory(organization=world.org, employee=e)
    assert employee_detail(organization=world.org, user=staff, employee_id=other.pk, on=TODAY) is None
    assert employee_timeline(organization=world.org, user=staff, employee_id=other.pk) is None


def test_detail_and_timeline_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    e = world.hire("佐藤", "花子")
    for step in (21, 22, 23):
        action = personnel_action_create(
            acting_user=world.hr,
            employee=e,
            action_type=ActionType.STEP_INCREASE,
            effective_on=datetime.date(2015 + step - 20, 4, 1),
            step=step,
        )
        personnel_action_apply(acting_user=world.hr, action=action)
    with django_assert_max_num_queries(16):
        employee_detail(organization=world.org, user=world.hr, employee_id=e.pk, on=TODAY)
    with django_assert_max_num_queries(12):
        timeline = employee_timeline(organization=world.org, user=world.hr, employee_id=e.pk)
    assert timeline is not None
    titles = [t.title for t in timeline]
    assert titles.count("発令: 昇給") == 3
    assert titles[0] == "入庁"
    assert [t.on for t in timeline] == sorted(t.on for t in timeline)


def test_unit_members_primary_and_concurrent(world: World) -> None:
    head = world.hire("課長", "一", unit=world.fukushika, position=world.kacho)
    world.hire("主事", "二", unit=world.fukushika)
    guest = world.hire("兼務", "三", unit=world.somuka)
    action = personnel_action_create(
        acting_user=world.hr,
        employee=guest,
        action_type=ActionType.CONCURRENT_POST,
        effective_on=datetime.date(2025, 4, 1),
        org_unit=world.fukushika,
    )
    personnel_action_apply(acting_user=world.hr, action=action)
    rows = org_unit_members(organization=world.org, user=world.hr, unit_id=world.fukushika.pk, on=TODAY)
    assert [(r.full_name, r.assignment_kind) for r in rows] == [
        ("課長 一", "primary"),
        ("主事 二", "primary"),
        ("兼務 三", "concurrent"),
    ]
    assert rows[0].id == head.pk


def test_search_query_count_does_not_grow_with_data(world: World) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            employee_search(organization=world.org, user=world.hr, on=TODAY, query="ヤマダ", page_size=100)
        return len(ctx.captured_queries)

    for i in range(5):
        world.hire("山田", f"{i}郎")
    small = count_queries()
    for i in range(45):
        world.hire("山田", f"{i}次", unit=world.fukushika)
    assert count_queries() == small


def test_count_stops_at_the_limit_but_paging_continues(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from jinji.personnel.selectors import search

    monkeypatch.setattr(search, "COUNT_LIMIT", 3)
    for i in range(6):
        world.hire("山田", f"{i}郎")
    first = employee_search(organization=world.org, user=world.hr, on=TODAY, page_size=2)
    assert (first.total, first.total_is_exact, first.total_display, first.has_next) == (4, False, "3以上", True)
    last = employee_search(organization=world.org, user=world.hr, on=TODAY, page_size=2, page=3)
    assert len(last.items) == 2
    small = employee_search(organization=world.org, user=world.hr, on=TODAY, query="1郎")
    assert (small.total, small.total_is_exact) == (1, True)
