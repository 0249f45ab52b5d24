"""人員分布率 (quota) checks: at most a share of the staff in the upper 区分.

The national rules cap the upper 昇給区分: the share of 係員 who may get 区分 A or B was
raised from 20% to 25% by the 2024 勧告, in force 2025-04-01 (reference §C1/§C2 [S50]).
Caps for the 勤勉手当 成績率 are each authority's 規則. Both live in the dated table
``evaluation_quotas``. The allowed head count is ⌊total × share⌋ (a share of 25% of 10
people allows 2), so the cap is never exceeded by rounding up.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from jinji.rules.errors import InvalidArgument, TableInvalid
from jinji.rules.pay.bonus_tables import RATINGS as BONUS_BANDS
from jinji.rules.pay.step_increase import STEP_INCREASE_CLASSES
from jinji.rules.pay.table_fields import list_field, ratio_field
from jinji.rules.tables import TableStore, TableVersion, register_schema, table_on, typed

TABLE_ID = "evaluation_quotas"
STEP_INCREASE = "step_increase"
BONUS = "bonus"
SCHEMES: Mapping[str, tuple[str, ...]] = {STEP_INCREASE: STEP_INCREASE_CLASSES, BONUS: BONUS_BANDS}


@dataclass(frozen=True, slots=True)
class QuotaRule:
    """At most ``max_share`` of the population may fall in ``bands`` of ``scheme``."""

    scheme: str
    bands: tuple[str, ...]
    max_share: Fraction
    label: str


@dataclass(frozen=True, slots=True)
class QuotaViolation:
    """A cap exceeded: ``count`` people in ``bands`` where ``allowed`` may be (of ``total``)."""

    rule: QuotaRule
    count: int
    allowed: int
    total: int

    @property
    def message(self) -> str:
        percent = self.rule.max_share * 100
        exact = Decimal(percent.numerator) / Decimal(percent.denominator)
        share = f"{percent.numerator}" if percent.denominator == 1 else f"{exact:.1f}"
        return (
            f"{self.rule.label}は{self.total}人中{self.allowed}人({share}%)までです"
            f"(現在 {self.count}人、{self.count - self.allowed}人超過)"
        )


def _rule(raw: Mapping[str, Any]) -> QuotaRule:
    scheme = str(raw["scheme"])
    if scheme not in SCHEMES:
        raise TableInvalid(f"rules.scheme は {'・'.join(SCHEMES)} のいずれかです: {scheme!r}")
    bands = tuple(str(b) for b in raw["bands"])
    if not bands or any(b not in SCHEMES[scheme] for b in bands):
        raise TableInvalid(f"rules.bands は {'・'.join(SCHEMES[scheme])} から選んでください: {bands}")
    share = ratio_field(raw["max_share"], "rules.max_share")
    if share > 1:
        raise TableInvalid(f"rules.max_share は100%以下にしてください: {raw['max_share']!r}")
    return QuotaRule(scheme=scheme, bands=bands, max_share=share, label=str(raw["label"]))


@register_schema(TABLE_ID)
def parse_quotas(data: Mapping[str, Any]) -> tuple[QuotaRule, ...]:
    """Schema: ``[[data.rules]]`` scheme, bands, max_share, label."""
    return tuple(_rule(raw) for raw in list_field(data, "rules"))


def quota_rules(on: datetime.date, store: TableStore | None = None) -> TableVersion[tuple[QuotaRule, ...]]:
    """The caps in force on ``on``."""
    version: TableVersion[tuple[QuotaRule, ...]] = table_on(TABLE_ID, on, store)
    typed(version, tuple)
    return version


def allowed_count(total: int, share: Fraction) -> int:
    """⌊total × share⌋: the most people a share allows (never rounded up)."""
    if total < 0:
        raise InvalidArgument(f"人数に負の値は指定できません: {total}")
    return int(total * share)  # int() of a non-negative Fraction truncates toward zero (floor)


def check_quotas(
    rules: tuple[QuotaRule, ...], scheme: str, counts: Mapping[str, int], *, total: int | None = None
) -> list[QuotaViolation]:
    """The caps of ``scheme`` that ``counts`` (区分 → people) exceed; empty when within every cap.

    ``total`` is the population the shares are of (default: everyone in ``counts``); a larger
    one counts people not yet rated, e.g. on a progress dashboard.
    """
    if scheme not in SCHEMES:
        raise InvalidArgument(f"区分の種類は {'・'.join(SCHEMES)} のいずれかです: {scheme!r}")
    unknown = sorted(set(counts) - set(SCHEMES[scheme]))
    if unknown:
        raise InvalidArgument(f"{scheme} にない区分があります: {unknown}")
    rated = sum(counts.values())
    if total is None:
        total = rated
    elif total < rated:
        raise InvalidArgument(f"母数 ({total}人) が区分の人数の合計 ({rated}人) より少なくなっています")
    violations: list[QuotaViolation] = []
    for rule in rules:
        if rule.scheme != scheme:
            continue
        count = sum(counts.get(band, 0) for band in rule.bands)
        allowed = allowed_count(total, rule.max_share)
        if count > allowed:
            violations.append(QuotaViolation(rule=rule, count=count, allowed=allowed, total=total))
    return violations
