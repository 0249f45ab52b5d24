"""One 評価シート as a given user may see it, with what that user may do on it now.

Entries the user may not read (e.g. the evaluators' ratings before 開示, for the employee)
are left out here, not merely hidden by the template. Opening someone else's sheet is
recorded in the audit log (参照). About ten queries whatever the sheet's size.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from jinji.accounts.scope import AnyUser
from jinji.audit.services import audit_read
from jinji.evaluation import events
from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import (
    Complaint,
    CycleKind,
    Difficulty,
    Goal,
    Interview,
    ItemRating,
    Sheet,
    Stage,
    StageTransition,
    TemplateItem,
)
from jinji.evaluation.permissions import PART_STAGE, Part, Visibility, parts_on, signed_in, visibility, visible_sheets_q
from jinji.evaluation.scoring import Entry, StageScore, allowed_ratings, entries_of, rules_for, stage_score
from jinji.rules.evaluation import ScoringRules

RATED = (Stage.SELF, Stage.FIRST, Stage.SECOND)


@dataclass(frozen=True, slots=True)
class RatingView:
    rating: str
    comment: str


@dataclass(frozen=True, slots=True)
class LineView:
    key: str
    name: str
    description: str
    weight: int
    difficulty_label: str
    ratings: dict[str, RatingView]
    goal: Goal | None


@dataclass(frozen=True, slots=True)
class StageResult:
    stage: str
    label: str
    score: Decimal | None
    rating: str
    comment: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: datetime.datetime
    action_label: str
    from_label: str
    to_label: str
    actor: str
    comment: str


@dataclass(frozen=True, slots=True)
class SheetDetail:
    sheet: Sheet
    parts: frozenset[Part]
    visibility: Visibility
    staff_number: str
    employee_name: str
    unit_name: str
    evaluators: list[tuple[str, str]]
    lines: list[LineView]
    results: list[StageResult]
    interviews: list[Interview]
    history: list[HistoryEntry]
    complaints: list[Complaint]
    allowed_ratings: tuple[str, ...]
    editing_stage: str | None
    """The stage the user may enter ratings for now (None: read only)."""
    draft_score: StageScore | None
    due: datetime.date | None

    @property
    def is_performance(self) -> bool:
        return self.sheet.cycle.kind == CycleKind.PERFORMANCE

    def can(self, part: Part) -> bool:
        return part in self.parts

    @property
    def my_stage_is_current(self) -> bool:
        return self.editing_stage is not None

    @property
    def can_confirm(self) -> bool:
        return Part.ADJUSTER in self.parts and self.sheet.stage == Stage.ADJUST and self._not_self

    @property
    def can_send_back(self) -> bool:
        return (self.sheet.stage in (Stage.FIRST, Stage.SECOND) and self.editing_stage is not None) or self.can_confirm

    @property
    def goals_open(self) -> bool:
        return self.is_performance and self.sheet.stage == Stage.SELF

    @property
    def can_edit_goals(self) -> bool:
        return self.goals_open and Part.EMPLOYEE in self.parts and self.sheet.goals_agreed_at is None

    @property
    def can_agree_goals(self) -> bool:
        return self.goals_open and Part.FIRST in self.parts and self._not_self

    @property
    def can_review_goals(self) -> bool:
        return self.goals_open and Part.EMPLOYEE in self.parts and self.sheet.goals_agreed_at is not None

    @property
    def can_interview(self) -> bool:
        return bool(self.parts & {Part.FIRST, Part.SECOND, Part.ADJUSTER}) and self._not_self

    @property
    def can_complain(self) -> bool:
        return Part.EMPLOYEE in self.parts and self.sheet.disclosed_at is not None

    @property
    def awaiting_disclosure(self) -> bool:
        return Part.EMPLOYEE in self.parts and Part.HR not in self.parts and self.sheet.disclosed_at is None

    @property
    def is_hr(self) -> bool:
        return Part.HR in self.parts

    @property
    def _not_self(self) -> bool:
        return Part.EMPLOYEE not in self.parts


def _lines(sheet: Sheet, seen: Visibility) -> tuple[list[Entry], list[LineView]]:
    items = list(TemplateItem.unscoped.filter(template_id=sheet.template_id).order_by("order"))
    goals = list(Goal.objects.for_organization(sheet.organization_id).filter(sheet=sheet).order_by("order", "id"))
    ratings: dict[str, dict[str, RatingView]] = {}
    for r in ItemRating.objects.for_organization(sheet.organization_id).filter(sheet=sheet):
        if seen.shows(r.stage):
            key = f"item:{r.item_id}" if r.item_id is not None else f"goal:{r.goal_id}"
            ratings.setdefault(key, {})[r.stage] = RatingView(r.rating, r.comment)
    by_goal = {f"goal:{g.pk}": g for g in goals}
    labels = dict(Difficulty.choices)
    entries = entries_of(sheet.cycle.kind, items, goals)
    lines = [
        LineView(
            e.key,
            e.name,
            e.description,
            e.weight,
            labels.get(e.difficulty, "") if e.key in by_goal else "",
            ratings.get(e.key, {}),
            by_goal.get(e.key),
        )
        for e in entries
    ]
    return entries, lines


def _results(sheet: Sheet, seen: Visibility) -> list[StageResult]:
    comments = {Stage.SELF: sheet.self_comment, Stage.FIRST: sheet.first_comment, Stage.SECOND: sheet.second_comment}
    results = [
        StageResult(
            stage,
            Stage(stage).label,
            getattr(sheet, f"{stage}_score"),
            getattr(sheet, f"{stage}_rating"),
            comments[stage],
        )
        for stage in RATED
        if seen.shows(stage)
    ]
    if seen.result and sheet.stage == Stage.CONFIRMED:
        results.append(StageResult(Stage.CONFIRMED, "確定(調整後)", None, sheet.final_rating, sheet.adjust_comment))
    return results


def _history(sheet: Sheet) -> list[HistoryEntry]:
    labels = {s.value: str(s.label) for s in Stage}
    rows = StageTransition.objects.for_organization(sheet.organization_id).filter(sheet=sheet).select_related("actor")
    return [
        HistoryEntry(
            t.acted_at, t.get_action_display(), labels[t.from_stage], labels[t.to_stage], str(t.actor), t.comment
        )
        for t in rows.order_by("acted_at", "id")
    ]


def _editing_stage(sheet: Sheet, parts: frozenset[Part]) -> str | None:
    for part in parts - {Part.HR}:
        stage = PART_STAGE[part]
        if stage == sheet.stage and stage in RATED and (part == Part.EMPLOYEE or Part.EMPLOYEE not in parts):
            return stage
    return None


def _draft(
    rules: ScoringRules, sheet: Sheet, editing: str | None, entries: list[Entry], lines: list[LineView]
) -> StageScore | None:
    """The score of the user's saved (not yet submitted) ratings, when every line has one."""
    if editing is None:
        return None
    given = {line.key: line.ratings[editing].rating for line in lines if editing in line.ratings}
    return stage_score(rules, sheet.template.scale, entries, given)


def sheet_detail(*, user: AnyUser, sheet_id: int) -> SheetDetail | None:
    """The sheet as ``user`` may see it, or None when they may not open it (or it does not exist)."""
    me = signed_in(user)
    if me is None:
        return None
    sheet = (
        Sheet.objects.for_organization(me.organization_id)
        .filter(visible_sheets_q(me), pk=sheet_id)
        .select_related("cycle", "template")
        .first()
    )
    if sheet is None:
        return None
    parts = parts_on(me, sheet)
    seen = visibility(parts, sheet)
    ids = {sheet.employee_id, sheet.first_evaluator_id, sheet.second_evaluator_id, sheet.adjuster_id}
    names = employee_names(organization_id=sheet.organization_id, employee_ids={i for i in ids if i is not None})
    units = unit_names_on(
        organization_id=sheet.organization_id,
        on=sheet.cycle.reference_date,
        unit_ids=[sheet.unit_id] if sheet.unit_id else [],
    )
    editing = _editing_stage(sheet, parts)
    entries, lines = _lines(sheet, seen)
    rules = rules_for(sheet.cycle.reference_date)
    if Part.EMPLOYEE not in parts:
        audit_read(actor=me, action=events.SHEET_READ, target=sheet, detail={"parts": sorted(parts)})
    evaluator_fields = (
        ("一次評価者", sheet.first_evaluator_id),
        ("二次評価者", sheet.second_evaluator_id),
        ("調整者", sheet.adjuster_id),
    )
    return SheetDetail(
        sheet=sheet,
        parts=parts,
        visibility=seen,
        staff_number=names.get(sheet.employee_id, ("", ""))[0],
        employee_name=names.get(sheet.employee_id, ("", ""))[1],
        unit_name=units.get(sheet.unit_id or 0, ""),
        evaluators=[(label, names[e][1] if e in names else "(空席)") for label, e in evaluator_fields],
        lines=lines,
        results=_results(sheet, seen),
        interviews=list(Interview.objects.for_organization(sheet.organization_id).filter(sheet=sheet)),
        history=_history(sheet),
        complaints=list(Complaint.objects.for_organization(sheet.organization_id).filter(sheet=sheet))
        if parts & {Part.EMPLOYEE, Part.HR}
        else [],
        allowed_ratings=allowed_ratings(rules, sheet.template.scale),
        editing_stage=editing,
        draft_score=_draft(rules, sheet, editing, entries, lines),
        due=sheet.cycle.due_for(sheet.stage) if sheet.stage != Stage.CONFIRMED else None,
    )
