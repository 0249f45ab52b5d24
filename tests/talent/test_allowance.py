"""資格手当: the selector payroll reads, month by month, with bounded queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from jinji.core.errors import DomainError, NotPermitted
from jinji.talent.models import QualificationAllowanceRule
from jinji.talent.selectors import qualification_allowances
from jinji.talent.services import allowance_rule_create, allowance_rule_end
from tests.factories import EmployeeFactory, EmployeeQualificationFactory, national
from tests.talent.world import Town


def rule(town: Town, codes: list[str], amount: int = 50_000, **kwargs: Any) -> QualificationAllowanceRule:
    values: dict[str, Any] = {"code": "ipa", "name": "情報処理資格手当", "valid_from": datetime.date(2026, 4, 1)}
    values.update(kwargs)
    return allowance_rule_create(
        acting_user=town.user("hr"),
        organization=town.org,
        monthly_amount=amount,
        qualifications=[national("Qualification", c) for c in codes],  # type: ignore[misc]
        **values,
    )


def holds(town: Town, who: str, code: str, **kwargs: Any) -> None:
    EmployeeQualificationFactory(employee=town.emp(who), qualification=national("Qualification", code), **kwargs)


def test_holders_of_listed_qualifications_get_one_line_per_rule(town: Town) -> None:
    rule(town, ["ipa_ap", "ipa_sc", "ipa_db"])
    holds(town, "alice", "ipa_ap")
    holds(town, "alice", "ipa_db")
    holds(town, "bob", "ipa_fe")  # not listed
    result = qualification_allowances(organization=town.org, month=datetime.date(2026, 5, 20))
    assert list(result) == [town.emp("alice").pk]
    [line] = result[town.emp("alice").pk]
    assert (line.code, line.amount) == ("ipa", 50_000)
    assert isinstance(line.amount, int)
    assert line.qualification_names == ("応用情報技術者", "データベーススペシャリスト")


def test_two_rules_stack(town: Town) -> None:
    rule(town, ["ipa_ap"], 30_000)
    rule(town, ["ipa_ap"], 10_000, code="dx", name="DX人材手当")
    holds(town, "alice", "ipa_ap")
    amounts = sorted(
        line.amount
        for line in qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 4, 1))[
            town.emp("alice").pk
        ]
    )
    assert amounts == [10_000, 30_000]


@pytest.mark.parametrize(
    ("kwargs", "paid"),
    [
        ({}, True),
        ({"status": "pending"}, False),
        ({"status": "rejected"}, False),
        ({"acquired_on": datetime.date(2026, 5, 2)}, False),  # acquired after the 1st of May
        ({"acquired_on": datetime.date(2026, 5, 1)}, True),
        ({"expires_on": datetime.date(2026, 4, 30)}, False),  # lapsed before the 1st
        ({"expires_on": datetime.date(2026, 5, 1)}, True),
    ],
)
def test_verified_and_valid_on_the_first_of_the_month(town: Town, kwargs: dict[str, Any], paid: bool) -> None:
    rule(town, ["ipa_sc"])
    holds(town, "alice", "ipa_sc", **kwargs)
    assert bool(qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 5, 31))) is paid


def test_the_rule_is_effective_dated_and_separated_staff_are_not_paid(town: Town) -> None:
    r = rule(town, ["ipa_ap"])
    holds(town, "alice", "ipa_ap")
    holds(town, "bob", "ipa_ap")
    bob = town.emp("bob")
    bob.separated_on = datetime.date(2026, 6, 30)
    bob.save()
    assert qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 3, 1)) == {}
    assert set(qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 6, 1))) == {
        town.emp("alice").pk,
        bob.pk,
    }
    assert set(qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 7, 1))) == {
        town.emp("alice").pk
    }
    allowance_rule_end(acting_user=town.user("hr"), rule=r, end_on=datetime.date(2026, 9, 30))
    assert qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 10, 1)) == {}


def test_overlapping_rule_with_the_same_code_and_bad_amounts_are_refused(town: Town) -> None:
    rule(town, ["ipa_ap"])
    with pytest.raises(DomainError, match="適用期間が重なります"):
        rule(town, ["ipa_sc"], valid_from=datetime.date(2027, 4, 1))
    with pytest.raises(DomainError) as caught:
        rule(town, [], amount=0, code="x")
    assert {p.field for p in caught.value.problems} == {"monthly_amount", "qualifications"}
    with pytest.raises(NotPermitted):
        allowance_rule_create(
            acting_user=town.user("alice"), organization=town.org, code="y", name="y", monthly_amount=1,
            qualifications=[national("Qualification", "ipa_ap")], valid_from=datetime.date(2026, 4, 1),  # type: ignore[list-item]
        )  # fmt: skip


@pytest.mark.parametrize("size", [3, 40])
def test_bounded_queries(town: Town, django_assert_max_num_queries: Any, size: int) -> None:
    rule(town, ["ipa_ap", "ipa_sc"])
    for _ in range(size):
        EmployeeQualificationFactory(
            employee=EmployeeFactory(organization=town.org), qualification=national("Qualification", "ipa_ap")
        )
    with django_assert_max_num_queries(3):
        result = qualification_allowances(organization=town.org.pk, month=datetime.date(2026, 4, 1))
    assert len(result) == size
