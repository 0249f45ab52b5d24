"""応募資格の判定: recruitment eligibility rules evaluated as plain data (no Django, nothing evaluated).

A category's rules are all required. Each rule is one of a few fixed kinds with typed
parameters; the result is the list of Japanese messages for the rules not met (empty = eligible).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from jinji.talent.dates import age_on

QUALIFICATION_ANY = "qualification_any"
MIN_IPA_LEVEL = "min_ipa_level"
MAX_AGE = "max_age"
MIN_EXPERIENCE = "min_experience"
KINDS = frozenset({QUALIFICATION_ANY, MIN_IPA_LEVEL, MAX_AGE, MIN_EXPERIENCE})


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One eligibility rule of a category, with the names needed for messages."""

    kind: str
    min_count: int = 1
    qualification_names: Mapping[int, str] = field(default_factory=dict)
    ipa_level: int | None = None
    age_limit: int | None = None
    age_reference_date: datetime.date | None = None
    years: int | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """What is known of an applicant: birth date, years of experience, qualifications held (id → IPA level)."""

    birth_date: datetime.date
    experience_years: int
    qualification_levels: Mapping[int, int | None]


def _names(names: Iterable[str]) -> str:
    return "、".join(names)


def _qualification_any(rule: RuleSpec, who: Candidate) -> str | None:
    held = [q for q in rule.qualification_names if q in who.qualification_levels]
    if len(held) >= rule.min_count:
        return None
    listed = _names(rule.qualification_names.values())
    return f"次の資格のうち{rule.min_count}つ以上が必要です(該当 {len(held)}件): {listed}"


def _min_ipa_level(rule: RuleSpec, who: Candidate) -> str | None:
    level = rule.ipa_level or 1
    if any(v is not None and v >= level for v in who.qualification_levels.values()):
        return None
    return f"IPAレベル{level}以上の情報処理技術者試験等の合格(登録)が必要です"


def _max_age(rule: RuleSpec, who: Candidate, on: datetime.date) -> str | None:
    if rule.age_limit is None:
        return None
    reference = rule.age_reference_date or on
    age = age_on(who.birth_date, reference)
    if age <= rule.age_limit:
        return None
    day = f"{reference.year}年{reference.month}月{reference.day}日"
    return f"{day}時点で{rule.age_limit}歳以下であることが必要です(該当 {age}歳)"


def _min_experience(rule: RuleSpec, who: Candidate) -> str | None:
    years = rule.years or 0
    if who.experience_years >= years:
        return None
    return f"職務経験{years}年以上が必要です(該当 {who.experience_years}年)"


def unmet_rules(rules: Iterable[RuleSpec], who: Candidate, *, on: datetime.date) -> list[str]:
    """Messages for every rule ``who`` does not meet on ``on`` (empty list = eligible)."""
    problems: list[str] = []
    for rule in rules:
        if rule.kind == QUALIFICATION_ANY:
            problem = _qualification_any(rule, who)
        elif rule.kind == MIN_IPA_LEVEL:
            problem = _min_ipa_level(rule, who)
        elif rule.kind == MAX_AGE:
            problem = _max_age(rule, who, on)
        elif rule.kind == MIN_EXPERIENCE:
            problem = _min_experience(rule, who)
        else:
            problem = f"判定できない条件の種類です: {rule.kind}"
        if problem is not None:
            problems.append(problem)
    return problems
