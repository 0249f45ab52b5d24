"""Org master: tree as of a date (before/after a prepared 組織改正), changes, abolition, validation."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.org.models import AppointingAuthority, OrgUnit, OrgUnitVersion, UnitLevel
from jinji.org.selectors import (
    org_tree,
    org_tree_flat,
    unit_by_code,
    unit_descendant_ids,
    unit_history,
    unit_path_names,
)
from jinji.org.services import (
    NewUnit,
    UnitChange,
    org_reorganization_cancel,
    org_reorganization_create,
    org_unit_abolish,
    org_unit_change,
    org_unit_create,
)
from tests.factories import AuthorityFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2000, 4, 1)
REORG = D(2099, 4, 1)
"""Far in the future, so a prepared reorganization can still be cancelled whatever today is."""


@dataclass
class Org:
    org: Organization
    authority: AppointingAuthority
    user: Any
    somubu: OrgUnit
    somuka: OrgUnit
    jinjika: OrgUnit
    fukushibu: OrgUnit

    def create(self, code: str, name: str, level: str = UnitLevel.DIVISION, parent: OrgUnit | None = None) -> OrgUnit:
        return org_unit_create(
            acting_user=self.user,
            organization=self.org,
            code=code,
            name=name,
            level=level,
            appointing_authority=self.authority,
            valid_from=START,
            parent=parent,
        )


@pytest.fixture
def o(db: None) -> Iterator[Org]:
    org = OrganizationFactory()
    with tenant_context(org):
        authority = AuthorityFactory(organization=org)
        user = UserFactory(organization=org)
        partial = Org(org, authority, user, *([None] * 4))  # type: ignore[arg-type]
        partial.somubu = partial.create("100", "総務部", UnitLevel.DEPARTMENT)
        partial.somuka = partial.create("110", "総務課", parent=partial.somubu)
        partial.jinjika = partial.create("120", "人事課", parent=partial.somubu)
        partial.fukushibu = partial.create("200", "福祉部", UnitLevel.DEPARTMENT)
        yield partial


def shape(nodes: Any) -> list[Any]:
    return [(n.name, shape(n.children)) if n.children else n.name for n in nodes]


def test_tree_as_of_date(o: Org) -> None:
    assert shape(org_tree(organization=o.org, on=D(2020, 1, 1))) == [("総務部", ["総務課", "人事課"]), "福祉部"]
    assert org_tree(organization=o.org, on=D(1999, 1, 1)) == []
    flat = org_tree_flat(organization=o.org, on=D(2020, 1, 1))
    assert [(n.name, n.depth) for n in flat] == [("総務部", 0), ("総務課", 1), ("人事課", 1), ("福祉部", 0)]


def test_tree_is_one_query_whatever_the_size(o: Org, django_assert_num_queries: Any) -> None:
    for i in range(30):
        o.create(f"3{i:02d}", f"係{i}", UnitLevel.SECTION, parent=o.somuka)
    with django_assert_num_queries(1):
        tree = org_tree(organization=o.org, on=D(2020, 1, 1))
    assert len(tree[0].children[0].children) == 30
    with django_assert_num_queries(1):
        assert len(unit_descendant_ids(organization=o.org, unit_ids=[o.somubu.pk], on=D(2020, 1, 1))) == 33


def test_prepared_reorganization_takes_effect_on_its_date(o: Org) -> None:
    org_reorganization_create(
        acting_user=o.user,
        organization=o.org,
        name="令和81年度組織改正",
        effective_on=REORG,
        new_units=[
            NewUnit(
                code="300", name="デジタル推進部", level=UnitLevel.DEPARTMENT, appointing_authority_id=o.authority.pk
            ),
            NewUnit(
                code="310",
                name="DX推進課",
                level=UnitLevel.DIVISION,
                appointing_authority_id=o.authority.pk,
                parent_code="300",
            ),
        ],
        changes=[
            UnitChange(unit_id=o.jinjika.pk, name="職員課", parent_id=o.fukushibu.pk),
            UnitChange(unit_id=o.somuka.pk, name="総務企画課"),
        ],
        abolished_unit_ids=[],
    )
    before = D(2099, 3, 31)
    assert shape(org_tree(organization=o.org, on=before)) == [("総務部", ["総務課", "人事課"]), "福祉部"]
    assert shape(org_tree(organization=o.org, on=REORG)) == [
        ("総務部", ["総務企画課"]),
        ("福祉部", ["職員課"]),
        ("デジタル推進部", ["DX推進課"]),
    ]
    history = unit_history(organization=o.org, unit_id=o.jinjika.pk)
    assert [(h.name, h.version_valid_from, h.version_valid_to) for h in history] == [
        ("人事課", START, before),
        ("職員課", REORG, None),
    ]
    assert unit_by_code(organization=o.org, code="310", on=before) is None
    info = unit_by_code(organization=o.org, code="310", on=REORG)
    assert info is not None
    assert info.name == "DX推進課"
    assert unit_path_names(organization=o.org, on=REORG, unit_ids=[info.id]) == {info.id: "デジタル推進部 DX推進課"}
    assert AuditEvent.objects.filter(action="org.reorganization.create").exists()


def test_reorganization_can_be_cancelled_before_its_date(o: Org) -> None:
    reorg = org_reorganization_create(
        acting_user=o.user,
        organization=o.org,
        name="改正",
        effective_on=REORG,
        new_units=[
            NewUnit(code="300", name="新部", level=UnitLevel.DEPARTMENT, appointing_authority_id=o.authority.pk)
        ],
        changes=[UnitChange(unit_id=o.somuka.pk, name="総務企画課")],
        abolished_unit_ids=[o.jinjika.pk],
    )
    org_reorganization_cancel(acting_user=o.user, reorganization=reorg)
    assert shape(org_tree(organization=o.org, on=REORG)) == [("総務部", ["総務課", "人事課"]), "福祉部"]
    assert OrgUnitVersion.objects.filter(unit=o.somuka).count() == 1
    assert OrgUnit.objects.get(pk=o.jinjika.pk).valid_to is None
    with pytest.raises(DomainError, match="既に取り消されています"):
        org_reorganization_cancel(acting_user=o.user, reorganization=reorg)


def test_reorganization_refuses_cycles_and_missing_parents_and_changes_nothing(o: Org) -> None:
    with pytest.raises(DomainError) as err:
        org_reorganization_create(
            acting_user=o.user,
            organization=o.org,
            name="誤り",
            effective_on=REORG,
            changes=[UnitChange(unit_id=o.somubu.pk, parent_id=o.somuka.pk)],
        )
    assert "循環" in str(err.value)
    with pytest.raises(DomainError, match="存在しません"):
        org_reorganization_create(
            acting_user=o.user,
            organization=o.org,
            name="誤り",
            effective_on=REORG,
            new_units=[
                NewUnit(
                    code="900",
                    name="x",
                    level=UnitLevel.DIVISION,
                    appointing_authority_id=o.authority.pk,
                    parent_code="nope",
                )
            ],
        )
    assert OrgUnitVersion.objects.count() == 4
    assert not OrgUnit.objects.filter(code="900").exists()


def test_abolish_refused_while_sub_units_continue(o: Org) -> None:
    with pytest.raises(DomainError, match="110, 120"):
        org_unit_abolish(acting_user=o.user, unit=o.somubu, last_day=D(2030, 3, 31))
    org_unit_abolish(acting_user=o.user, unit=o.jinjika, last_day=D(2030, 3, 31))
    assert [n.name for n in org_tree(organization=o.org, on=D(2030, 4, 1))[0].children] == ["総務課"]


def test_change_closes_current_version_and_edits_same_day_version(o: Org) -> None:
    org_unit_change(acting_user=o.user, unit=o.somuka, effective_on=D(2030, 4, 1), name="総務管理課")
    org_unit_change(acting_user=o.user, unit=o.somuka, effective_on=D(2030, 4, 1), short_name="総管")
    versions = list(OrgUnitVersion.objects.filter(unit=o.somuka).order_by("valid_from"))
    assert [(v.name, v.short_name, v.valid_to) for v in versions] == [
        ("総務課", "", D(2030, 3, 31)),
        ("総務管理課", "総管", None),
    ]
    with pytest.raises(DomainError, match="2030-04-01からの版"):
        org_unit_change(acting_user=o.user, unit=o.somuka, effective_on=D(2025, 4, 1), name="x")
    with pytest.raises(DomainError, match="自分自身"):
        org_unit_change(acting_user=o.user, unit=o.somuka, effective_on=D(2031, 4, 1), parent=o.somuka)


def test_create_refuses_duplicate_code_and_bad_level(o: Org) -> None:
    with pytest.raises(DomainError) as err:
        o.create("110", "重複課", level="bureau")
    assert {p.field for p in err.value.problems} == {"code", "level"}


def test_code_lists_created_audited_and_listed(o: Org) -> None:
    from jinji.org.selectors import job_category_list, position_list, salary_schedule_list
    from jinji.org.services import job_category_create, position_create, salary_schedule_create

    position_create(acting_user=o.user, organization=o.org, code="KACHO", name="課長", rank=5, valid_from=START)
    position_create(acting_user=o.user, organization=o.org, code="SHUJI", name="主事", rank=1, valid_from=START)
    job_category_create(acting_user=o.user, organization=o.org, code="GYOSEI", name="一般行政職")
    salary_schedule_create(
        acting_user=o.user, organization=o.org, code="gyosei_1", name="行政職給料表(一)", max_grade=7, valid_from=START
    )
    assert [p.name for p in position_list(organization=o.org, on=D(2020, 1, 1))] == ["課長", "主事"]
    assert job_category_list(organization=o.org).count() == 1
    assert salary_schedule_list(organization=o.org, on=D(1999, 1, 1)).count() == 0
    with pytest.raises(DomainError, match="既に使われています"):
        job_category_create(acting_user=o.user, organization=o.org, code="GYOSEI", name="重複")
    with pytest.raises(DomainError, match="最高級"):
        salary_schedule_create(
            acting_user=o.user, organization=o.org, code="x", name="x", max_grade=0, valid_from=START
        )
    assert AuditEvent.objects.filter(action="org.position.create").count() == 2
