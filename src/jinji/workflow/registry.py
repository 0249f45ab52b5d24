"""What domain apps register with the engine (the engine imports none of them).

- Application types (申請種別): ``register_application_type(code, label, effect=…, validate=…)``.
  The effect runs inside the final approval's transaction; if it raises, the approval is rolled
  back and the instance shows the error (status 反映エラー).
- Approver resolvers: ``register_approver_resolver(kind, resolve, check=…)`` for the strategies
  that need the org tree or grants (職位, 役割); the engine only knows the named-user strategy.
- A directory: questions about the applicant and a clerk's scope that need personnel data.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from jinji.core.errors import DomainError, FieldProblem

if TYPE_CHECKING:
    from jinji.accounts.models import User
    from jinji.workflow.models import WorkflowInstance
    from jinji.workflow.specs import ApproverSpec


@dataclass(frozen=True, slots=True)
class ApplicationDraft:
    """An application as submitted, for the type's ``validate`` (before anything is saved)."""

    organization_id: int
    application_type: str
    applicant_employee_id: int
    subject: str
    payload: Mapping[str, Any]
    attributes: Mapping[str, Decimal]
    effective_on: datetime.date | None


EffectFn = Callable[["WorkflowInstance", "User"], None]
"""Applies a finally approved application (same transaction). Raise DomainError to refuse."""

ValidateFn = Callable[[ApplicationDraft], Sequence[FieldProblem]]
"""Problems with an application's content (empty = fine), checked on every (re)submission."""

SummarizeFn = Callable[[Mapping[str, Any]], Sequence[tuple[str, str]]]
"""(label, value) pairs describing a payload, for inbox and detail screens."""


@dataclass(frozen=True, slots=True)
class ApplicationType:
    code: str
    label: str
    effect: EffectFn
    validate: ValidateFn | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    """Declared numeric attributes (name → Japanese label) that conditions may test."""
    requires_effective_date: bool = False
    summarize: SummarizeFn | None = None


_types: dict[str, ApplicationType] = {}


def register_application_type(
    code: str,
    label: str,
    *,
    effect: EffectFn,
    validate: ValidateFn | None = None,
    attributes: Mapping[str, str] | None = None,
    requires_effective_date: bool = False,
    summarize: SummarizeFn | None = None,
) -> ApplicationType:
    """Register (or replace) an application type; call from the domain app's ``AppConfig.ready``."""
    registered = ApplicationType(
        code=code,
        label=label,
        effect=effect,
        validate=validate,
        attributes=dict(attributes or {}),
        requires_effective_date=requires_effective_date,
        summarize=summarize,
    )
    _types[code] = registered
    return registered


def unregister_application_type(code: str) -> None:
    """Remove a registration (tests)."""
    _types.pop(code, None)


def get_application_type(code: str) -> ApplicationType:
    try:
        return _types[code]
    except KeyError:
        raise DomainError(
            [FieldProblem(field="application_type", message=f"申請種別「{code}」は登録されていません")]
        ) from None


def application_types() -> list[ApplicationType]:
    return sorted(_types.values(), key=lambda t: t.code)


def application_type_label(code: str) -> str:
    registered = _types.get(code)
    return registered.label if registered is not None else code


@dataclass(frozen=True, slots=True)
class ResolutionContext:
    """What a resolver may ask about: the applicant, their unit, and the date of the question."""

    organization_id: int
    applicant_employee_id: int
    applicant_user_id: int | None
    applicant_unit_id: int | None
    on: datetime.date
    cache: dict[str, Any] = field(default_factory=dict, compare=False)
    """Scratch space shared by the resolvers of one submission (e.g. the unit's ancestors)."""


ResolveFn = Callable[["ApproverSpec", ResolutionContext], Sequence[int]]
"""User ids who may act (empty when the post is vacant)."""

CheckFn = Callable[["ApproverSpec", int], Sequence[str]]
"""Problems (Japanese) making the spec unresolvable in principle for the organization id."""


@dataclass(frozen=True, slots=True)
class ApproverResolver:
    kind: str
    resolve: ResolveFn
    check: CheckFn | None = None


_resolvers: dict[str, ApproverResolver] = {}


def register_approver_resolver(kind: str, resolve: ResolveFn, *, check: CheckFn | None = None) -> None:
    _resolvers[kind] = ApproverResolver(kind=kind, resolve=resolve, check=check)


def get_approver_resolver(kind: str) -> ApproverResolver | None:
    return _resolvers.get(kind)


@dataclass(frozen=True, slots=True)
class ApplicantInfo:
    """The applicant as of a date: the name used at work and the unit of the primary post."""

    employee_id: int
    display_name: str
    unit_id: int | None
    unit_name: str


@dataclass(frozen=True, slots=True)
class UnitScope:
    """The org units a user covers: all (``whole_organization``) or ``unit_ids``."""

    whole_organization: bool
    unit_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.whole_organization and not self.unit_ids


NO_SCOPE = UnitScope(whole_organization=False, unit_ids=frozenset())


class Directory(Protocol):
    """Personnel questions the engine asks; implemented by ``jinji.personnel.workflow_hooks``."""

    def applicant(self, *, organization_id: int, employee_id: int, on: datetime.date) -> ApplicantInfo | None: ...

    def may_enter_for(self, *, user: User, employee_id: int, on: datetime.date) -> bool:
        """Whether ``user`` may enter applications on behalf of the employee (代理入力)."""
        ...

    def entry_scope(self, *, user: User, on: datetime.date) -> UnitScope:
        """The units whose applications ``user`` handles as 庶務担当 (and may enter for)."""
        ...


class _NoDirectory:
    """Fails closed until the personnel app registers its directory."""

    def applicant(self, *, organization_id: int, employee_id: int, on: datetime.date) -> ApplicantInfo | None:
        return None

    def may_enter_for(self, *, user: User, employee_id: int, on: datetime.date) -> bool:
        return False

    def entry_scope(self, *, user: User, on: datetime.date) -> UnitScope:
        return NO_SCOPE


_directory: list[Directory] = [_NoDirectory()]


def register_directory(directory: Directory) -> None:
    _directory[0] = directory


def get_directory() -> Directory:
    return _directory[0]
