"""Checks on a route definition before it is published; every problem in Japanese, at once.

- every step can be resolved in principle (a known strategy with valid parameters, and the
  resolver's own check, e.g. the named user exists or some position has the rank);
- at least one 決裁 step; no step after the 決裁 on any route; no dead ends;
- conditions only test the attributes the application type declares, and can be met.

Routes are enumerated exactly: every condition compares one attribute with a constant, so the
truth of all conditions is constant between the constants used; one sample value per interval
(and each constant itself) covers every possible application.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from decimal import Decimal

from jinji.accounts.models import Role
from jinji.core.errors import DomainError, FieldProblem
from jinji.workflow.models import ApproverKind, StepKind
from jinji.workflow.registry import ApplicationType, get_application_type, get_approver_resolver
from jinji.workflow.specs import ApproverSpec, DefinitionSpec, StepSpec

MAX_SAMPLE_ROUTES = 4096
_KIND_LABELS = dict(StepKind.choices)
_APPROVER_LABELS = dict(ApproverKind.choices)


def validate_definition(*, organization_id: int, application_type: str, spec: DefinitionSpec) -> list[FieldProblem]:
    """All problems with ``spec`` for ``application_type`` (empty list = publishable)."""
    try:
        app_type = get_application_type(application_type)
    except DomainError as exc:
        return list(exc.problems)
    problems: list[FieldProblem] = []
    if not spec.name.strip():
        problems.append(FieldProblem(field="name", message="名称を入力してください"))
    if not spec.steps:
        problems.append(FieldProblem(field="steps", message="ステップを1つ以上指定してください"))
        return problems
    for order, step in enumerate(spec.steps, start=1):
        problems.extend(_step_problems(order, step, organization_id, app_type))
    if not any(p.field.endswith(".conditions") or ".conditions." in p.field for p in problems):
        problems.extend(_route_problems(spec, app_type))
    return problems


def _step_label(order: int, step: StepSpec) -> str:
    return f"ステップ{order}「{step.name}」" if step.name.strip() else f"ステップ{order}"


def _step_problems(order: int, step: StepSpec, organization_id: int, app_type: ApplicationType) -> list[FieldProblem]:
    where, label = f"steps.{order}", _step_label(order, step)
    problems: list[FieldProblem] = []
    if not step.name.strip():
        problems.append(FieldProblem(field=f"{where}.name", message=f"{label}: ステップ名を入力してください"))
    if step.kind not in StepKind.values:
        problems.append(FieldProblem(field=f"{where}.kind", message=f"{label}: 種類は承認・合議・決裁のいずれかです"))
    elif step.kind == StepKind.CONSULTATION and len(step.approvers) < 2:
        problems.append(
            FieldProblem(field=f"{where}.approvers", message=f"{label}: 合議には承認者を2つ以上指定してください")
        )
    elif step.kind != StepKind.CONSULTATION and len(step.approvers) != 1:
        kind_label = _KIND_LABELS[step.kind]
        problems.append(
            FieldProblem(
                field=f"{where}.approvers",
                message=f"{label}: {kind_label}の承認者の決め方はちょうど1つ指定してください(複数人の同意は合議)",
            )
        )
    for i, approver in enumerate(step.approvers):
        problems.extend(_approver_problems(approver, organization_id, f"{where}.approvers.{i}", f"{label}の承認者"))
    if step.fallback is not None:
        problems.extend(_approver_problems(step.fallback, organization_id, f"{where}.fallback", f"{label}の代替承認者"))
    for i, condition in enumerate(step.conditions):
        if condition.field not in app_type.attributes:
            declared = "、".join(f"{v}({k})" for k, v in app_type.attributes.items()) or "なし"
            problems.append(
                FieldProblem(
                    field=f"{where}.conditions.{i}",
                    message=(
                        f"{label}の条件: 項目「{condition.field}」は申請種別「{app_type.label}」で"
                        f"宣言されていません(宣言済み: {declared})"
                    ),
                )
            )
    return problems


def _approver_problems(spec: ApproverSpec, organization_id: int, where: str, label: str) -> list[FieldProblem]:
    resolver = get_approver_resolver(spec.kind)
    if resolver is None:
        usable = "・".join(v for k, v in _APPROVER_LABELS.items() if get_approver_resolver(k) is not None)
        message = f"{label}: 決め方「{spec.kind}」は使えません(使えるもの: {usable})"
        return [FieldProblem(field=f"{where}.kind", message=message)]
    messages: list[tuple[str, str]] = []
    if spec.kind == ApproverKind.POSITION and (spec.min_rank is None or spec.min_rank < 1):
        messages.append(("min_rank", "職位の序列を1以上の整数で指定してください"))
    elif spec.kind == ApproverKind.ROLE and spec.role not in Role.values:
        messages.append(("role", f"役割「{spec.role}」はありません"))
    elif spec.kind == ApproverKind.USER and spec.user_id is None:
        messages.append(("user", "利用者を指定してください"))
    elif resolver.check is not None:
        messages.extend(("kind", m) for m in resolver.check(spec, organization_id))
    return [FieldProblem(field=f"{where}.{part}", message=f"{label}: {m}") for part, m in messages]


def _sample_values(constants: Sequence[Decimal]) -> list[Decimal]:
    """One value in each interval between the sorted constants, and each constant itself."""
    points = sorted(set(constants))
    samples = [points[0] - 1]
    for low, high in itertools.pairwise(points):
        samples.extend([low, (low + high) / 2])
    samples.extend([points[-1], points[-1] + 1])
    return samples


def _sample_attributes(spec: DefinitionSpec) -> list[dict[str, Decimal]]:
    constants: dict[str, list[Decimal]] = {}
    for step in spec.steps:
        for c in step.conditions:
            constants.setdefault(c.field, []).append(c.value)
    if not constants:
        return [{}]
    names = sorted(constants)
    axes = [_sample_values(constants[n]) for n in names]
    count = 1
    for axis in axes:
        count *= len(axis)
    if count > MAX_SAMPLE_ROUTES:
        raise DomainError(
            [FieldProblem(field="steps", message="条件の組合せが多すぎて検証できません。条件を減らしてください")]
        )
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*axes)]


def _describe(sample: Mapping[str, Decimal], labels: Mapping[str, str]) -> str:
    if not sample:
        return "すべての申請"
    return "、".join(f"{labels.get(k, k)}が{v.normalize():f}" for k, v in sample.items()) + "の申請"


def _route_problems(spec: DefinitionSpec, app_type: ApplicationType) -> list[FieldProblem]:
    if not any(step.kind == StepKind.FINAL_APPROVAL for step in spec.steps):
        return [
            FieldProblem(field="steps", message="決裁のステップが1つもありません。最後に決裁のステップを置いてください")
        ]
    try:
        samples = _sample_attributes(spec)
    except DomainError as exc:
        return list(exc.problems)
    problems: dict[str, FieldProblem] = {}
    used: set[int] = set()
    for sample in samples:
        included = [(i, s) for i, s in enumerate(spec.steps, start=1) if s.applies(sample)]
        used.update(i for i, _ in included)
        where = _describe(sample, app_type.attributes)
        finals = [i for i, s in included if s.kind == StepKind.FINAL_APPROVAL]
        if not finals:
            message = f"{where}は決裁のステップに到達しません(行き止まり)。条件のない決裁を最後に置いてください"
            problems.setdefault(message, FieldProblem(field="steps", message=message))
            continue
        after = [(i, s) for i, s in included if i > finals[0]]
        if after:
            final_step = spec.steps[finals[0] - 1]
            i, step = after[0]
            message = (
                f"{where}では決裁「{final_step.name}」の後にステップ{i}「{step.name}」が続きます"
                "(決裁の後にステップは置けません)"
            )
            problems.setdefault(message, FieldProblem(field=f"steps.{i}", message=message))
    for order, step in enumerate(spec.steps, start=1):
        if order not in used:
            message = f"{_step_label(order, step)}の条件はどの申請でも満たされません(到達しないステップ)"
            problems.setdefault(message, FieldProblem(field=f"steps.{order}.conditions", message=message))
    return list(problems.values())
