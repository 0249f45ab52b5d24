"""応募資格: rules as data, evaluated without a database; and the service refusing an ineligible applicant."""

from __future__ import annotations

import datetime

import pytest

from jinji.core.errors import DomainError
from jinji.talent.eligibility import (
    MAX_AGE,
    MIN_EXPERIENCE,
    MIN_IPA_LEVEL,
    QUALIFICATION_ANY,
    Candidate,
    RuleSpec,
    unmet_rules,
)
from jinji.talent.models import Applicant, RuleKind
from jinji.talent.services import applicant_register, eligibility_rule_add, recruitment_category_create
from tests.factories import national
from tests.talent.world import TODAY, Town

ON = datetime.date(2026, 4, 1)
DIGITAL = RuleSpec(kind=QUALIFICATION_ANY, min_count=1, qualification_names={1: "基本情報技術者", 2: "応用情報技術者"})


def person(
    quals: dict[int, int | None] | None = None, *, born: datetime.date = datetime.date(1995, 1, 1), years: int = 0
) -> Candidate:
    return Candidate(birth_date=born, experience_years=years, qualification_levels=quals or {})


def test_one_listed_qualification_is_enough() -> None:
    assert unmet_rules([DIGITAL], person({2: 3}), on=ON) == []


def test_none_of_the_listed_qualifications_names_them_all() -> None:
    [message] = unmet_rules([DIGITAL], person({99: 1}), on=ON)
    assert "1つ以上" in message
    assert "基本情報技術者" in message
    assert "応用情報技術者" in message
    assert "該当 0件" in message


def test_min_count_two_needs_two_of_the_list() -> None:
    rule = RuleSpec(kind=QUALIFICATION_ANY, min_count=2, qualification_names={1: "A", 2: "B", 3: "C"})
    assert unmet_rules([rule], person({1: None, 3: None}), on=ON) == []
    assert unmet_rules([rule], person({1: None, 99: None}), on=ON) != []


@pytest.mark.parametrize(("levels", "ok"), [({1: 3}, True), ({1: 4}, True), ({1: 2, 2: None}, False), ({}, False)])
def test_min_ipa_level(levels: dict[int, int | None], ok: bool) -> None:
    rule = RuleSpec(kind=MIN_IPA_LEVEL, ipa_level=3)
    assert (unmet_rules([rule], person(levels), on=ON) == []) is ok


@pytest.mark.parametrize(
    ("born", "ok"),
    [
        (datetime.date(1997, 4, 2), True),  # 29 on 2026-04-01
        (datetime.date(1996, 4, 2), True),  # turns 30 on 4/2: still 29 on the reference date
        (datetime.date(1996, 4, 1), False),  # 30 on the reference date
    ],
)
def test_age_limit_counts_the_birthday_on_the_reference_date(born: datetime.date, ok: bool) -> None:
    rule = RuleSpec(kind=MAX_AGE, age_limit=29, age_reference_date=datetime.date(2026, 4, 1))
    assert (unmet_rules([rule], person(born=born), on=datetime.date(2025, 6, 1)) == []) is ok


def test_experience_and_all_rules_must_hold() -> None:
    rules = [DIGITAL, RuleSpec(kind=MIN_EXPERIENCE, years=3)]
    problems = unmet_rules(rules, person({1: 2}, years=2), on=ON)
    assert problems == ["職務経験3年以上が必要です(該当 2年)"]
    assert unmet_rules(rules, person({1: 2}, years=3), on=ON) == []


def test_unknown_rule_kind_is_reported_not_ignored() -> None:
    assert unmet_rules([RuleSpec(kind="formula")], person(), on=ON) == ["判定できない条件の種類です: formula"]


# --- the service -------------------------------------------------------------------------------


def _digital_category(town: Town) -> object:
    hr = town.user("hr")
    category = recruitment_category_create(
        acting_user=hr, organization=town.org, code="digital", name="デジタル職", appointment_type="regular"
    )
    listed = [national("Qualification", c) for c in ("ipa_fe", "ipa_ap", "ipa_sc")]
    eligibility_rule_add(acting_user=hr, category=category, kind=RuleKind.QUALIFICATION_ANY, qualifications=listed)
    return category


def _apply(town: Town, category: object, codes: list[str]) -> Applicant:
    return applicant_register(
        acting_user=town.user("hr"),
        category=category,  # type: ignore[arg-type]
        family_name="横浜",
        given_name="花子",
        family_name_kana="ヨコハマ",
        given_name_kana="ハナコ",
        birth_date=datetime.date(1998, 5, 5),
        qualifications=[national("Qualification", c) for c in codes],  # type: ignore[misc]
        on=TODAY,
    )


def test_applicant_holding_a_listed_qualification_is_registered(town: Town) -> None:
    applicant = _apply(town, _digital_category(town), ["ipa_ap"])
    assert applicant.status == "applied"
    assert [q.code for q in applicant.qualifications.all()] == ["ipa_ap"]


def test_applicant_without_one_is_refused_with_the_rule_and_nothing_saved(town: Town) -> None:
    category = _digital_category(town)
    with pytest.raises(DomainError) as caught:
        _apply(town, category, ["ipa_ip"])
    [problem] = caught.value.problems
    assert problem.field == "qualifications"
    assert problem.message.startswith("デジタル職の応募資格を満たしていません")
    assert "応用情報技術者" in problem.message
    assert not Applicant.objects.exists()
