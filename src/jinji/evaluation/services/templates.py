"""評価シート様式: an organization's own version of a template (the national model stays as is).

Versions are never edited: a change is a new version with the same 様式コード; cycles keep
the version they pinned, so past sheets always show the items they were rated on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation import events
from jinji.evaluation.models import CycleKind, Scale, SheetTemplate, TemplateItem
from jinji.evaluation.permissions import require_hr
from jinji.rules.errors import InvalidArgument
from jinji.rules.evaluation import check_weights


@dataclass(frozen=True, slots=True)
class ItemInput:
    name: str
    description: str
    weight: int


@dataclass(frozen=True, slots=True)
class TemplateInput:
    code: str
    name: str
    kind: str
    scale: str
    min_rank: int | None
    max_rank: int | None
    for_fiscal_year_appointees: bool
    items: Sequence[ItemInput]
    max_goals: int = 5
    description: str = ""


def _problems(data: TemplateInput) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not data.code.strip() or not data.name.strip():
        problems.append(FieldProblem("name", "様式コードと様式名を入力してください"))
    if data.kind not in CycleKind.values:
        problems.append(FieldProblem("kind", "評価の種類を選んでください"))
    if data.scale not in Scale.values:
        problems.append(FieldProblem("scale", "評価の尺度を選んでください"))
    if data.min_rank is not None and data.max_rank is not None and data.min_rank > data.max_rank:
        problems.append(FieldProblem("max_rank", "職の序列の範囲が逆です(以上 ≤ 以下 にしてください)"))
    if not 1 <= data.max_goals <= 10:
        problems.append(FieldProblem("max_goals", "目標の最大数は1〜10にしてください"))
    for number, item in enumerate(data.items, start=1):
        if not item.name.strip() or not item.description.strip():
            problems.append(
                FieldProblem(f"items.{number}", f"項目{number}: 評価項目と求められる行動を入力してください")
            )
    if data.kind == CycleKind.PERFORMANCE and data.items:
        problems.append(FieldProblem("items", "業績評価の様式には評価項目を登録できません(本人の目標で評価します)"))
    elif data.kind == CycleKind.COMPETENCY:
        try:
            check_weights([i.weight for i in data.items], label="評価項目のウェイト")
        except InvalidArgument as exc:
            problems.append(FieldProblem("weight", str(exc)))
    return problems


def template_create(
    *, acting_user: Any, organization_id: int, data: TemplateInput, based_on: SheetTemplate | None = None
) -> SheetTemplate:
    """A new version of 様式 ``data.code`` for the organization (version = highest so far + 1)."""
    require_hr(acting_user, "評価シート様式の作成")
    problems = _problems(data)
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        latest = (
            SheetTemplate.unscoped.select_for_update()
            .filter(Q(organization_id=organization_id) | Q(organization__isnull=True), code=data.code.strip())
            .aggregate(v=Max("version"))["v"]
        )
        template: SheetTemplate = SheetTemplate.unscoped.create(
            organization_id=organization_id,
            code=data.code.strip(),
            version=(latest or 0) + 1,
            name=data.name.strip(),
            kind=data.kind,
            scale=data.scale,
            min_rank=data.min_rank,
            max_rank=data.max_rank,
            for_fiscal_year_appointees=data.for_fiscal_year_appointees,
            max_goals=data.max_goals,
            description=data.description.strip(),
            based_on=based_on,
            created_by=acting_user,
        )
        TemplateItem.unscoped.bulk_create(
            TemplateItem(
                template=template,
                organization_id=organization_id,
                order=n,
                name=i.name.strip(),
                description=i.description.strip(),
                weight=i.weight,
            )
            for n, i in enumerate(data.items, start=1)
        )
        audit_record(
            actor=acting_user,
            action=events.TEMPLATE_CREATE,
            target=template,
            organization_id=organization_id,
            after={"code": template.code, "version": template.version, "items": [i.name for i in data.items]},
        )
    return template
