"""Route definitions as plain frozen data, and the evaluation of step conditions.

Conditions are structured comparisons (``{"field": "days", "op": "gt", "value": "3"}``)
against the application's declared numeric attributes; there is no expression language and
nothing is evaluated as code.
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jinji.core.errors import DomainError, FieldProblem


class Op(StrEnum):
    GT = "gt"
    GTE = "gte"
    LT = "lt"
    LTE = "lte"
    EQ = "eq"
    NE = "ne"

    @property
    def symbol(self) -> str:
        return _SYMBOLS[self]


_SYMBOLS = {Op.GT: ">", Op.GTE: "≥", Op.LT: "<", Op.LTE: "≤", Op.EQ: "=", Op.NE: "≠"}
_COMPARE: dict[Op, Callable[[Decimal, Decimal], bool]] = {
    Op.GT: operator.gt,
    Op.GTE: operator.ge,
    Op.LT: operator.lt,
    Op.LTE: operator.le,
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """``attribute op value``, e.g. 日数 > 3."""

    field: str
    op: Op
    value: Decimal

    def holds(self, attributes: Mapping[str, Decimal]) -> bool:
        return _COMPARE[self.op](attributes[self.field], self.value)

    def as_json(self) -> dict[str, str]:
        return {"field": self.field, "op": self.op.value, "value": str(self.value)}

    def describe(self, labels: Mapping[str, str]) -> str:
        return f"{labels.get(self.field, self.field)} {self.op.symbol} {self.value}"


@dataclass(frozen=True, slots=True)
class ApproverSpec:
    """Who approves, as data (see :class:`jinji.workflow.models.StepApprover`)."""

    kind: str
    min_rank: int | None = None
    unit_head_only: bool = True
    role: str = ""
    within_applicant_unit: bool = False
    user_id: int | None = None


@dataclass(frozen=True, slots=True)
class StepSpec:
    name: str
    kind: str
    approvers: tuple[ApproverSpec, ...]
    conditions: tuple[Comparison, ...] = ()
    fallback: ApproverSpec | None = None

    def applies(self, attributes: Mapping[str, Decimal]) -> bool:
        return all(c.holds(attributes) for c in self.conditions)


@dataclass(frozen=True, slots=True)
class DefinitionSpec:
    """A whole route: what an administrator edits and what a version stores."""

    name: str
    steps: tuple[StepSpec, ...]
    note: str = ""


def to_decimal(value: object) -> Decimal | None:
    """A finite Decimal from an int, Decimal or numeric string; None for anything else (floats too)."""
    if isinstance(value, bool | float):
        return None
    if isinstance(value, int | Decimal):
        number = Decimal(value)
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except decimal.InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def parse_conditions(raw: object, *, where: str) -> tuple[Comparison, ...]:
    """Conditions stored as JSON → comparisons; a malformed entry is a :class:`DomainError`."""
    if not isinstance(raw, list):
        raise DomainError([FieldProblem(field=where, message="条件の形式が正しくありません")])
    result: list[Comparison] = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise DomainError([FieldProblem(field=f"{where}.{i}", message="条件の形式が正しくありません")])
        value = to_decimal(item.get("value"))
        op = item.get("op")
        if value is None or not isinstance(op, str) or op not in Op.__members__.values():
            raise DomainError([FieldProblem(field=f"{where}.{i}", message="条件の形式が正しくありません")])
        if not isinstance(item.get("field"), str):
            raise DomainError([FieldProblem(field=f"{where}.{i}", message="条件の形式が正しくありません")])
        result.append(Comparison(field=str(item["field"]), op=Op(op), value=value))
    return tuple(result)


def parse_attributes(raw: Mapping[str, object], declared: Mapping[str, str]) -> dict[str, Decimal]:
    """Check an application's numeric attributes against the declared ones; every problem at once."""
    problems: list[FieldProblem] = []
    result: dict[str, Decimal] = {}
    for name in raw:
        if name not in declared:
            allowed = "、".join(f"{label}({key})" for key, label in declared.items()) or "なし"
            problems.append(
                FieldProblem(field=f"attributes.{name}", message=f"この申請種別にない項目です(使える項目: {allowed})")
            )
    for name, label in declared.items():
        if name not in raw:
            problems.append(FieldProblem(field=f"attributes.{name}", message=f"{label}を入力してください"))
            continue
        number = to_decimal(raw[name])
        if number is None:
            problems.append(FieldProblem(field=f"attributes.{name}", message=f"{label}は数値で入力してください"))
        else:
            result[name] = number
    if problems:
        raise DomainError(problems)
    return result


def attributes_json(attributes: Mapping[str, Decimal]) -> dict[str, str]:
    return {k: str(v) for k, v in attributes.items()}


def attributes_from_json(raw: Mapping[str, object]) -> dict[str, Decimal]:
    """Stored attributes (validated at submission) back to Decimals."""
    result: dict[str, Decimal] = {}
    for key, value in raw.items():
        number = to_decimal(value)
        if number is not None:
            result[key] = number
    return result
