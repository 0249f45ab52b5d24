"""評価シートの作成: one sheet per employee in post on the cycle's 評価基準日, set-based.

For everyone holding a primary post (本務) on the date — 休職中 staff excepted — the template
is chosen by 職の序列 (or the 会計年度任用職員 template), the unit and its 部局 are recorded,
and the evaluators are resolved from the org tree as of the date (空席 flagged). Re-running
adds sheets only for people who have none (e.g. after a late 採用). A fixed number of queries
plus the bulk inserts, whatever the size.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.bulk import RowInserter
from jinji.evaluation import events
from jinji.evaluation.directory import StaffPost, UnitNode, staff_on, unit_heads_on, unit_tree_on
from jinji.evaluation.models import Cycle, CycleStatus, CycleTemplate, Sheet, SheetTemplate, Stage
from jinji.evaluation.permissions import require_hr
from jinji.evaluation.resolvers import MAX_DEPTH, EvaluatorResolver
from jinji.evaluation.services.common import problem


@dataclass(frozen=True, slots=True)
class GenerationResult:
    created: int
    already: int
    on_leave: int
    vacancies: int
    without_template: list[int] = field(default_factory=list)
    """Employee ids no template of the cycle covers (職の序列 outside every range)."""


def template_for(templates: Sequence[SheetTemplate], post: StaffPost) -> SheetTemplate | None:
    """The cycle's template for a post: the 会計年度 one for 会計年度任用職員, else by 職の序列."""
    if post.is_fiscal_year_appointee:
        fy = next((t for t in templates if t.for_fiscal_year_appointees), None)
        if fy is not None:
            return fy
    return next((t for t in templates if not t.for_fiscal_year_appointees and t.covers_rank(post.rank)), None)


def department_of(tree: Mapping[int, UnitNode], unit_id: int) -> int:
    """The root unit (部局) above ``unit_id`` in the tree."""
    current, depth = unit_id, 0
    while depth < MAX_DEPTH and current in tree and tree[current].parent_id in tree:
        parent = tree[current].parent_id
        assert parent is not None
        current, depth = parent, depth + 1
    return current


SHEET_FIELDS = (
    "organization_id",
    "cycle_id",
    "employee_id",
    "template_id",
    "unit_id",
    "department_id",
    "position_name",
    "rank",
    "is_fiscal_year_appointee",
    "first_evaluator_id",
    "second_evaluator_id",
    "adjuster_id",
    "vacancies",
    "has_vacancy",
    "stage",
    "stage_entered_at",
)
"""Columns written per sheet (the others take their model defaults: see :class:`RowInserter`)."""


def _sheet_row(
    cycle: Cycle,
    post: StaffPost,
    template: SheetTemplate,
    *,
    resolver: EvaluatorResolver,
    dept: int,
    now: datetime.datetime,
) -> tuple[Any, ...]:
    """One sheet as a row in the order of :data:`SHEET_FIELDS`."""
    found = resolver.resolve(post.employee_id, post.unit_id)
    return (
        cycle.organization_id,
        cycle.pk,
        post.employee_id,
        template.pk,
        post.unit_id,
        dept,
        post.position_name,
        post.rank,
        post.is_fiscal_year_appointee,
        found.first,
        found.second,
        found.adjuster,
        list(found.vacancies),
        bool(found.vacancies),
        Stage.SELF,
        now,
    )


def _plan(
    cycle: Cycle,
    templates: Sequence[SheetTemplate],
    existing: set[int],
    tree: Mapping[int, UnitNode],
    resolver: EvaluatorResolver,
) -> tuple[list[tuple[Any, ...]], int, list[int]]:
    """The sheet rows to create, the number skipped as 休職中, and the employees no template covers."""
    sheets: list[tuple[Any, ...]] = []
    on_leave, without = 0, []
    now = timezone.now()
    for post in staff_on(organization_id=cycle.organization_id, on=cycle.reference_date):
        if post.employee_id in existing:
            continue
        if post.is_on_leave:
            on_leave += 1
            continue
        template = template_for(templates, post)
        if template is None:
            without.append(post.employee_id)
            continue
        dept = department_of(tree, post.unit_id)
        sheets.append(_sheet_row(cycle, post, template, resolver=resolver, dept=dept, now=now))
    return sheets, on_leave, without


def cycle_generate_sheets(*, acting_user: Any, cycle: Cycle) -> GenerationResult:
    """Create the cycle's sheets (idempotent: people who already have one are skipped)."""
    require_hr(acting_user, "評価シートの作成")
    org_id, on = cycle.organization_id, cycle.reference_date
    with transaction.atomic():
        locked: Cycle = Cycle.objects.for_organization(org_id).select_for_update().get(pk=cycle.pk)
        if locked.status == CycleStatus.CLOSED:
            raise problem("status", "終了したサイクルには評価シートを作成できません")
        template_ids = CycleTemplate.objects.for_organization(org_id).filter(cycle=locked).values("template_id")
        templates = list(SheetTemplate.objects.for_organization(org_id).filter(pk__in=template_ids))
        existing = set(
            Sheet.objects.for_organization(org_id).filter(cycle=locked).values_list("employee_id", flat=True)
        )
        tree = unit_tree_on(organization_id=org_id, on=on)
        resolver = EvaluatorResolver(
            tree, unit_heads_on(organization_id=org_id, on=on), default_adjuster=locked.adjuster_id
        )
        sheets, on_leave, without = _plan(locked, templates, existing, tree, resolver)
        RowInserter(Sheet, SHEET_FIELDS).insert(sheets)
        locked.status = CycleStatus.OPEN
        locked.version += 1
        locked.save(update_fields=["status", "version"])
        result = GenerationResult(
            created=len(sheets),
            already=len(existing),
            on_leave=on_leave,
            vacancies=sum(1 for row in sheets if row[SHEET_FIELDS.index("has_vacancy")]),
            without_template=without,
        )
        audit_record(
            actor=acting_user,
            action=events.SHEETS_GENERATE,
            target=locked,
            after={
                "created": result.created,
                "already": result.already,
                "on_leave": on_leave,
                "vacancies": result.vacancies,
                "without_template": without[:100],
            },
        )
    return result
