"""What every 庶務事務 application type provides, and the helpers their effects share."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinji.accounts.models import User
from jinji.applications.allowances import AllowanceResult
from jinji.core.errors import DomainError, FieldProblem
from jinji.personnel.models import Employee
from jinji.workflow.models import WorkflowInstance


@dataclass(frozen=True, slots=True)
class Context:
    """Who the application is for and from when (for checks that read the personnel master)."""

    organization_id: int
    employee_id: int
    effective_on: datetime.date | None


@dataclass(frozen=True, slots=True)
class Cleaned:
    """A payload as it will be stored, the problems found, and the numeric attributes for routing."""

    payload: dict[str, Any]
    problems: list[FieldProblem]
    attributes: dict[str, str] = field(default_factory=dict)


CleanFn = Callable[[Mapping[str, Any], Context], Cleaned]
EffectFn = Callable[[WorkflowInstance, User], None]
SummarizeFn = Callable[[Mapping[str, Any]], Sequence[tuple[str, str]]]
EstimateFn = Callable[[Mapping[str, Any], Context], AllowanceResult | None]


@dataclass(frozen=True, slots=True)
class Kind:
    """One application type of the 庶務事務 (see :mod:`jinji.applications.kinds`)."""

    code: str
    label: str
    description: str
    clean: CleanFn
    effect: EffectFn
    summarize: SummarizeFn
    evidence_label: str
    evidence_required: bool = False
    allowance: str | None = None
    """The allowance this notice determines (routes to 給与担当); None for plain change notices."""
    attributes: Mapping[str, str] = field(default_factory=dict)
    estimate: EstimateFn | None = None


def applicant_employee(instance: WorkflowInstance) -> Employee:
    """The employee an approved application is about (the personnel services take the row)."""
    employee: Employee | None = (
        Employee.objects.for_organization(instance.organization_id).filter(pk=instance.applicant_employee_id).first()
    )
    if employee is None:
        raise DomainError([FieldProblem(field="applicant", message="申請者の職員が見つかりません")])
    return employee


def effective_date(instance: WorkflowInstance) -> datetime.date:
    if instance.effective_on is None:
        raise DomainError([FieldProblem(field="effective_on", message="発効日がありません")])
    return instance.effective_on


def yen_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}円"


def yes_no(value: object) -> str:
    return "はい" if value else "いいえ"
