"""From a definition version to a concrete route: which steps apply, and who approves each.

Approvers are resolved once, at (re)submission, "as of" the submission date; the instance
keeps the resolved user ids so later changes of the org tree do not move work in flight.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow.models import DefinitionStep, StepApprover
from jinji.workflow.registry import ResolutionContext, get_approver_resolver
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec, parse_conditions


@dataclass(frozen=True, slots=True)
class PlannedStep:
    order: int
    name: str
    kind: str
    applies: bool
    slots: tuple[tuple[int, ...], ...]
    fallback_user_ids: tuple[int, ...]


def _approver_spec(row: StepApprover) -> ApproverSpec:
    return ApproverSpec(
        kind=row.kind,
        min_rank=row.min_rank,
        unit_head_only=row.unit_head_only,
        role=row.role,
        within_applicant_unit=row.within_applicant_unit,
        user_id=row.user_id,
    )


def load_spec(version_id: int, *, name: str = "") -> DefinitionSpec:
    """The stored rows of a version as a :class:`DefinitionSpec`. Two queries."""
    steps = DefinitionStep.unscoped.filter(version_id=version_id).order_by("order").prefetch_related("approvers")
    result: list[StepSpec] = []
    for step in steps:
        rows = sorted(step.approvers.all(), key=lambda r: r.slot)
        fallback = next((r for r in rows if r.is_fallback), None)
        result.append(
            StepSpec(
                name=step.name,
                kind=step.kind,
                approvers=tuple(_approver_spec(r) for r in rows if not r.is_fallback),
                conditions=parse_conditions(step.conditions, where=f"steps.{step.order}.conditions"),
                fallback=_approver_spec(fallback) if fallback is not None else None,
            )
        )
    return DefinitionSpec(name=name, steps=tuple(result))


def resolve_users(spec: ApproverSpec, ctx: ResolutionContext) -> tuple[int, ...]:
    """Users for one approver spec, without the applicant and without repeats (in resolver order)."""
    resolver = get_approver_resolver(spec.kind)
    if resolver is None:
        return ()
    seen: list[int] = []
    for user_id in resolver.resolve(spec, ctx):
        if user_id != ctx.applicant_user_id and user_id not in seen:
            seen.append(user_id)
    return tuple(seen)


def plan_route(spec: DefinitionSpec, ctx: ResolutionContext, attributes: Mapping[str, Decimal]) -> list[PlannedStep]:
    """Every step with its resolved approvers; raises if an applying step has nobody to act."""
    planned: list[PlannedStep] = []
    problems: list[FieldProblem] = []
    for order, step in enumerate(spec.steps, start=1):
        applies = step.applies(attributes)
        fallback = resolve_users(step.fallback, ctx) if step.fallback is not None else ()
        slots: list[tuple[int, ...]] = []
        if applies:
            for approver in step.approvers:
                users = resolve_users(approver, ctx) or fallback
                if not users:
                    problems.append(_unresolved(order, step.name))
                    break
                slots.append(users)
        planned.append(
            PlannedStep(
                order=order,
                name=step.name,
                kind=step.kind,
                applies=applies,
                slots=tuple(slots),
                fallback_user_ids=fallback,
            )
        )
    if problems:
        raise DomainError(problems)
    return planned


def _unresolved(order: int, name: str) -> FieldProblem:
    return FieldProblem(
        field=f"route.steps.{order}",
        message=(
            f"ステップ{order}「{name}」の承認者が決まりません(該当する職が空席で、代替承認者も"
            "いません)。人事担当に承認ルートの確認を依頼してください"
        ),
    )
