"""The 庶務事務 application types and their registration with the workflow engine.

Each module holds one type: how its payload is read and checked (``clean``, every problem naming
``payload.<field>``), how it is shown (``summarize``), what 決裁 does (``effect``) and, for the
allowance notices, the amount it gives (``estimate``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinji.applications.kinds import address, bank, commute, dependents, housing, name
from jinji.applications.kinds.base import Cleaned, Context, Kind
from jinji.core.errors import DomainError, FieldProblem
from jinji.rules.errors import RulesError
from jinji.workflow.registry import ApplicationDraft, register_application_type

KINDS: dict[str, Kind] = {
    k.code: k for k in (address.KIND, name.KIND, bank.KIND, commute.KIND, housing.KIND, dependents.KIND)
}
"""By code, in the order the 申請 screen lists them."""


def get_kind(code: str) -> Kind:
    kind = KINDS.get(code)
    if kind is None:
        raise DomainError([FieldProblem(field="application_type", message=f"申請種別「{code}」はありません")])
    return kind


def amount_problems(kind: Kind, payload: Mapping[str, Any], ctx: Context) -> list[FieldProblem]:
    """A clean allowance notice whose amount cannot be computed (no legal table for the date …)."""
    if kind.estimate is None or ctx.effective_on is None:
        return []
    try:
        kind.estimate(payload, ctx)
    except RulesError as exc:
        return [
            FieldProblem(
                field="effective_on", message=f"発効日{ctx.effective_on.isoformat()}の手当額を計算できません: {exc}"
            )
        ]
    return []


def checked(kind: Kind, payload: Mapping[str, Any], ctx: Context) -> Cleaned:
    """``kind.clean`` and, when the content is fine, the amount check."""
    cleaned = kind.clean(payload, ctx)
    if cleaned.problems:
        return cleaned
    return Cleaned(cleaned.payload, amount_problems(kind, cleaned.payload, ctx), cleaned.attributes)


def _validator(kind: Kind) -> Callable[[ApplicationDraft], list[FieldProblem]]:
    def validate(draft: ApplicationDraft) -> list[FieldProblem]:
        ctx = Context(draft.organization_id, draft.applicant_employee_id, draft.effective_on)
        return checked(kind, draft.payload, ctx).problems

    return validate


def register_all() -> None:
    """Register every type with the engine (``ApplicationsConfig.ready``)."""
    for kind in KINDS.values():
        register_application_type(
            kind.code,
            kind.label,
            effect=kind.effect,
            validate=_validator(kind),
            attributes=kind.attributes,
            requires_effective_date=True,
            summarize=kind.summarize,
        )


__all__ = ["KINDS", "Cleaned", "Context", "Kind", "checked", "get_kind", "register_all"]
