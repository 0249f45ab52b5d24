"""The 承認ルート edit form: rows of steps ⇄ :class:`DefinitionSpec`, and problems next to their inputs.

Each row is one step: name, kind, up to three approvers (合議 needs two or more), an optional
fallback approver (vacant post / designated 代決者) and an optional condition on a declared
attribute. Blank rows are ignored. The engine's problems (``steps.2.approvers.0.min_rank`` …) are
put next to the input they name; the rest are shown above the form.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.http import QueryDict

from jinji.accounts.models import Role, User
from jinji.core.errors import FieldProblem
from jinji.workflow.models import ApproverKind, StepKind
from jinji.workflow.specs import ApproverSpec, Comparison, DefinitionSpec, Op, StepSpec, to_decimal

APPROVER_SLOTS = 3
MIN_ROWS = 4
MAX_ROWS = 10
APPROVER_PARTS = ("kind", "min_rank", "head", "role", "user", "within")


@dataclass
class Field:
    """One input: its form name, the value to show and the errors to show next to it."""

    name: str
    value: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        return self.value in ("1", "on", "true")


@dataclass
class ApproverFields:
    kind: Field
    min_rank: Field
    head: Field
    role: Field
    user: Field
    within: Field

    @classmethod
    def named(cls, prefix: str, data: Mapping[str, str]) -> ApproverFields:
        parts = {p: Field(f"{prefix}-{p}", data.get(f"{prefix}-{p}", "")) for p in APPROVER_PARTS}
        return cls(**parts)


@dataclass
class Row:
    index: int
    name: Field
    kind: Field
    approvers: list[ApproverFields]
    fallback: ApproverFields
    cond_field: Field
    cond_op: Field
    cond_value: Field
    errors: list[str] = field(default_factory=list)

    def is_blank(self) -> bool:
        return not self.name.value.strip() and not any(a.kind.value for a in self.approvers)


@dataclass
class DefinitionForm:
    name: Field
    note: Field
    rows: list[Row]
    errors: list[str] = field(default_factory=list)
    order_to_row: dict[int, int] = field(default_factory=dict)

    @property
    def has_errors(self) -> bool:
        if self.errors or self.name.errors or self.note.errors:
            return True
        return any(r.errors or _row_fields_have_errors(r) for r in self.rows)


def _row_fields_have_errors(row: Row) -> bool:
    fields = [row.name, row.kind, row.cond_field, row.cond_op, row.cond_value]
    for approver in [*row.approvers, row.fallback]:
        fields.extend(getattr(approver, p) for p in APPROVER_PARTS)
    return any(f.errors for f in fields)


def _row(index: int, data: Mapping[str, str]) -> Row:
    p = f"s{index}"
    return Row(
        index=index,
        name=Field(f"{p}-name", data.get(f"{p}-name", "")),
        kind=Field(f"{p}-kind", data.get(f"{p}-kind", "")),
        approvers=[ApproverFields.named(f"{p}-a{j}", data) for j in range(APPROVER_SLOTS)],
        fallback=ApproverFields.named(f"{p}-fb", data),
        cond_field=Field(f"{p}-c-field", data.get(f"{p}-c-field", "")),
        cond_op=Field(f"{p}-c-op", data.get(f"{p}-c-op", "")),
        cond_value=Field(f"{p}-c-value", data.get(f"{p}-c-value", "")),
    )


def form_from_post(post: QueryDict) -> DefinitionForm:
    data = {k: post.get(k, "") for k in post}
    count = min(
        MAX_ROWS, max(MIN_ROWS, int(data.get("rows", MIN_ROWS)) if data.get("rows", "").isdigit() else MIN_ROWS)
    )
    return DefinitionForm(
        name=Field("name", data.get("name", "")),
        note=Field("note", data.get("note", "")),
        rows=[_row(i, data) for i in range(1, count + 1)],
    )


def _approver_data(prefix: str, spec: ApproverSpec | None, usernames: Mapping[int, str]) -> dict[str, str]:
    if spec is None:
        return {}
    return {
        f"{prefix}-kind": spec.kind,
        f"{prefix}-min_rank": "" if spec.min_rank is None else str(spec.min_rank),
        f"{prefix}-head": "1" if spec.unit_head_only else "",
        f"{prefix}-role": spec.role,
        f"{prefix}-user": usernames.get(spec.user_id or 0, ""),
        f"{prefix}-within": "1" if spec.within_applicant_unit else "",
    }


def form_from_spec(spec: DefinitionSpec | None, usernames: Mapping[int, str]) -> DefinitionForm:
    data: dict[str, str] = {"name": spec.name if spec else "", "note": ""}
    steps = spec.steps if spec else ()
    for i, step in enumerate(steps, start=1):
        data.update({f"s{i}-name": step.name, f"s{i}-kind": step.kind})
        for j, approver in enumerate(step.approvers[:APPROVER_SLOTS]):
            data.update(_approver_data(f"s{i}-a{j}", approver, usernames))
        data.update(_approver_data(f"s{i}-fb", step.fallback, usernames))
        if step.conditions:
            c = step.conditions[0]
            data.update({f"s{i}-c-field": c.field, f"s{i}-c-op": c.op.value, f"s{i}-c-value": f"{c.value:f}"})
    rows = min(MAX_ROWS, max(MIN_ROWS, len(steps) + 2))
    return DefinitionForm(
        name=Field("name", data["name"]),
        note=Field("note", ""),
        rows=[_row(i, data) for i in range(1, rows + 1)],
    )


def _approver_spec(fields: ApproverFields, users: Mapping[str, int]) -> ApproverSpec | None:
    kind = fields.kind.value
    if not kind:
        return None
    rank_text = fields.min_rank.value.strip()
    min_rank = int(rank_text) if rank_text.isdigit() else None
    if rank_text and min_rank is None:
        fields.min_rank.errors.append("職位の序列は1以上の整数で入力してください")
    user_id = None
    if kind == ApproverKind.USER:
        user_id = users.get(fields.user.value.strip())
        if fields.user.value.strip() and user_id is None:
            fields.user.errors.append(f"ログインID「{fields.user.value.strip()}」の利用者はいません")
    return ApproverSpec(
        kind=kind,
        min_rank=min_rank,
        unit_head_only=fields.head.checked,
        role=fields.role.value if kind == ApproverKind.ROLE else "",
        within_applicant_unit=fields.within.checked,
        user_id=user_id,
    )


def _conditions(row: Row) -> tuple[Comparison, ...]:
    if not row.cond_field.value:
        return ()
    value = to_decimal(row.cond_value.value)
    if row.cond_op.value not in Op.__members__.values():
        row.cond_op.errors.append("比較の方法を選んでください")
        return ()
    if value is None:
        row.cond_value.errors.append("条件の値は数値で入力してください")
        return ()
    return (Comparison(field=row.cond_field.value, op=Op(row.cond_op.value), value=value),)


def spec_from_form(form: DefinitionForm, users: Mapping[str, int]) -> DefinitionSpec:
    """The spec the rows describe (blank rows skipped); parse errors go on the inputs."""
    steps: list[StepSpec] = []
    form.order_to_row = {}
    for row in form.rows:
        if row.is_blank():
            continue
        approvers = tuple(a for a in (_approver_spec(f, users) for f in row.approvers) if a is not None)
        steps.append(
            StepSpec(
                name=row.name.value.strip(),
                kind=row.kind.value,
                approvers=approvers,
                conditions=_conditions(row),
                fallback=_approver_spec(row.fallback, users),
            )
        )
        form.order_to_row[len(steps)] = row.index
    return DefinitionSpec(name=form.name.value.strip(), steps=tuple(steps), note=form.note.value.strip())


_STEP_FIELD = re.compile(r"^steps\.(\d+)(?:\.(.+))?$")


def _target(form: DefinitionForm, problem_field: str) -> Field | list[str]:
    if problem_field in ("name", "note"):
        return getattr(form, problem_field)  # type: ignore[no-any-return]
    match = _STEP_FIELD.match(problem_field)
    row_index = form.order_to_row.get(int(match.group(1))) if match else None
    if match is None or row_index is None:
        return form.errors
    row = form.rows[row_index - 1]
    rest = match.group(2) or ""
    parts = rest.split(".")
    if parts[0] in ("name", "kind"):
        return getattr(row, parts[0])  # type: ignore[no-any-return]
    if parts[0] == "approvers":
        slot = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        part = parts[2] if len(parts) > 2 else "kind"
        approver = row.approvers[min(slot, APPROVER_SLOTS - 1)]
        return getattr(approver, part if part in APPROVER_PARTS else "kind")  # type: ignore[no-any-return]
    if parts[0] == "fallback":
        part = parts[1] if len(parts) > 1 else "kind"
        return getattr(row.fallback, part if part in APPROVER_PARTS else "kind")  # type: ignore[no-any-return]
    if parts[0] == "conditions":
        return row.cond_field
    return row.errors


def place_problems(form: DefinitionForm, problems: list[FieldProblem]) -> None:
    for problem in problems:
        target = _target(form, problem.field)
        (target.errors if isinstance(target, Field) else target).append(problem.message)


STEP_KINDS = StepKind.choices
APPROVER_KINDS = ApproverKind.choices
ROLES = [(r.value, r.label) for r in Role if r != Role.STAFF]
OPS = [(op.value, op.symbol) for op in Op]


def usernames_for(ids: set[int]) -> dict[int, str]:
    return dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))


def user_ids_for(organization_id: int, names: set[str]) -> dict[str, int]:
    rows = User.objects.filter(organization_id=organization_id, username__in=names).values_list("username", "pk")
    return dict(rows)


def named_users(form: DefinitionForm) -> set[str]:
    return {
        a.user.value.strip()
        for row in form.rows
        for a in [*row.approvers, row.fallback]
        if a.kind.value == ApproverKind.USER and a.user.value.strip()
    }


def spec_user_ids(spec: DefinitionSpec | None) -> set[int]:
    if spec is None:
        return set()
    ids = {a.user_id for s in spec.steps for a in s.approvers if a.user_id}
    ids |= {s.fallback.user_id for s in spec.steps if s.fallback is not None and s.fallback.user_id}
    return {i for i in ids if i is not None}
