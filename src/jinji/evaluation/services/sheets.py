"""評価の入力・提出・差戻し: each stage's actor enters ratings for their own stage only.

A stage is open to exactly one person (本人, 一次評価者, 二次評価者); once submitted it is
closed, and saving to it is refused until someone returns the sheet (差戻し) or HR reopens
a 確定 sheet. Every write locks the sheet row and is audited in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation import events
from jinji.evaluation.models import CycleKind, Goal, ItemRating, Sheet, Stage, TemplateItem, TransitionAction
from jinji.evaluation.permissions import PART_STAGE, require_part
from jinji.evaluation.scoring import Entry, allowed_ratings, entries_of, missing_entries, rules_for, stage_score
from jinji.evaluation.services.common import (
    STAGE_LABELS,
    bump,
    check_version,
    lock_sheet,
    problem,
    record,
    refuse_self_rating,
    require_stage,
)

STAGE_PART = {stage: part for part, stage in PART_STAGE.items()}
NEXT_STAGE = {Stage.SELF: Stage.FIRST, Stage.FIRST: Stage.SECOND, Stage.SECOND: Stage.ADJUST}
PREVIOUS_STAGE = {Stage.FIRST: Stage.SELF, Stage.SECOND: Stage.FIRST, Stage.ADJUST: Stage.SECOND}
COMMENT_FIELD = {Stage.SELF: "self_comment", Stage.FIRST: "first_comment", Stage.SECOND: "second_comment"}
MAX_COMMENT = 4000


@dataclass(frozen=True, slots=True)
class RatingInput:
    """A rating of one line (``""`` clears it) and the comment (所見) on it."""

    rating: str
    comment: str = ""


def _actor(acting_user: Any, sheet: Sheet, stage: str, what: str) -> None:
    require_part(acting_user, sheet, STAGE_PART[Stage(stage)], what)
    if stage != Stage.SELF:
        refuse_self_rating(acting_user, sheet)


def sheet_entries(sheet: Sheet) -> list[Entry]:
    """The lines rated on ``sheet`` (template items or goals). Two queries at most."""
    items = list(TemplateItem.unscoped.filter(template_id=sheet.template_id).order_by("order"))
    goals = list(Goal.objects.for_organization(sheet.organization_id).filter(sheet=sheet).order_by("order", "id"))
    return entries_of(sheet.cycle.kind, items, goals)


def stage_ratings(sheet: Sheet, stage: str) -> dict[str, str]:
    """``item:<id>``/``goal:<id>`` → rating given at ``stage``. One query."""
    rows = ItemRating.objects.for_organization(sheet.organization_id).filter(sheet=sheet, stage=stage)
    return {
        (f"item:{item}" if item is not None else f"goal:{goal}"): rating
        for item, goal, rating in rows.values_list("item_id", "goal_id", "rating")
    }


def _check_inputs(
    sheet: Sheet, entries: list[Entry], ratings: Mapping[str, RatingInput], allowed: tuple[str, ...]
) -> list[FieldProblem]:
    known = {e.key: e for e in entries}
    problems: list[FieldProblem] = []
    for key, given in ratings.items():
        entry = known.get(key)
        if entry is None:
            problems.append(FieldProblem(key, "この評価シートにない項目です"))
        elif given.rating and given.rating not in allowed:
            problems.append(
                FieldProblem(key, f"{entry.name}: 評価「{given.rating}」は選べません(選べる評価: {'・'.join(allowed)})")
            )
        elif len(given.comment) > MAX_COMMENT:
            problems.append(FieldProblem(key, f"{entry.name}: 所見は{MAX_COMMENT}文字以内で入力してください"))
    return problems


def _write_ratings(sheet: Sheet, stage: str, ratings: Mapping[str, RatingInput]) -> None:
    existing = {
        (f"item:{r.item_id}" if r.item_id is not None else f"goal:{r.goal_id}"): r
        for r in ItemRating.objects.for_organization(sheet.organization_id).filter(sheet=sheet, stage=stage)
    }
    for key, given in ratings.items():
        row = existing.get(key)
        if not given.rating:
            if row is not None:
                row.delete()
            continue
        if row is None:
            kind, _, pk = key.partition(":")
            ItemRating.objects.create(
                organization_id=sheet.organization_id,
                sheet=sheet,
                stage=stage,
                item_id=int(pk) if kind == "item" else None,
                goal_id=int(pk) if kind == "goal" else None,
                rating=given.rating,
                comment=given.comment,
            )
        elif (row.rating, row.comment) != (given.rating, given.comment):
            row.rating, row.comment = given.rating, given.comment
            row.save(update_fields=["rating", "comment", "updated_at"])


def sheet_ratings_save(
    *,
    acting_user: Any,
    sheet: Sheet,
    stage: str,
    ratings: Mapping[str, RatingInput],
    comment: str | None = None,
    expected_version: int | None = None,
) -> Sheet:
    """Save (a draft of) ``stage``'s ratings and overall comment. Only at that stage, only by its actor."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        _actor(acting_user, locked, stage, "評価の入力")
        check_version(locked, expected_version)
        require_stage(locked, stage, "評価の入力")
        entries = sheet_entries(locked)
        allowed = allowed_ratings(rules_for(locked.cycle.reference_date), locked.template.scale)
        problems = _check_inputs(locked, entries, ratings, allowed)
        if comment is not None and len(comment) > MAX_COMMENT:
            problems.append(
                FieldProblem(COMMENT_FIELD[Stage(stage)], f"コメントは{MAX_COMMENT}文字以内で入力してください")
            )
        if problems:
            raise DomainError(problems)
        _write_ratings(locked, stage, ratings)
        fields = []
        if comment is not None:
            setattr(locked, COMMENT_FIELD[Stage(stage)], comment)
            fields.append(COMMENT_FIELD[Stage(stage)])
        bump(locked, *fields)
        audit_record(
            actor=acting_user,
            action=events.SHEET_SAVE,
            target=locked,
            after={"stage": stage, "ratings": {k: v.rating for k, v in ratings.items()}},
        )
    return locked


def _next_actor_problem(sheet: Sheet, next_stage: str) -> DomainError | None:
    if sheet.evaluator_for(next_stage) is not None:
        return None
    who = {Stage.FIRST: "一次評価者", Stage.SECOND: "二次評価者", Stage.ADJUST: "調整者"}[Stage(next_stage)]
    return problem("evaluator", f"{who}が空席のため提出できません。人事担当に{who}の設定を依頼してください")


def _completeness(sheet: Sheet, stage: str, entries: list[Entry], ratings: Mapping[str, str]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if sheet.cycle.kind == CycleKind.PERFORMANCE and stage == Stage.SELF and sheet.goals_agreed_at is None:
        problems.append(
            FieldProblem(
                "goals", "目標が評価者と合意されていません(期首に目標を登録し、一次評価者の合意を得てください)"
            )
        )
    if not entries:
        problems.append(FieldProblem("goals", "評価する項目(目標)がありません"))
    problems.extend(FieldProblem(e.key, f"{e.name}: 評価を選んでください") for e in missing_entries(entries, ratings))
    return problems


def sheet_submit(*, acting_user: Any, sheet: Sheet, expected_version: int | None = None) -> Sheet:
    """提出: close the current stage (every line rated) and pass the sheet to the next evaluator."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        stage = locked.stage
        if stage == Stage.CONFIRMED:
            require_stage(locked, Stage.ADJUST, "提出")
        if stage not in NEXT_STAGE:
            raise problem("stage", "調整の段階では提出ではなく確定を行ってください")
        _actor(acting_user, locked, stage, "提出")
        check_version(locked, expected_version)
        entries = sheet_entries(locked)
        ratings = stage_ratings(locked, stage)
        problems = _completeness(locked, stage, entries, ratings)
        if problems:
            raise DomainError(problems)
        next_stage = NEXT_STAGE[Stage(stage)]
        vacant = _next_actor_problem(locked, next_stage)
        if vacant is not None:
            raise vacant
        scored = stage_score(rules_for(locked.cycle.reference_date), locked.template.scale, entries, ratings)
        assert scored is not None  # every line is rated (checked above)
        setattr(locked, f"{stage}_score", scored.display)
        setattr(locked, f"{stage}_rating", scored.rating)
        fields = [f"{stage}_score", f"{stage}_rating", "stage", "stage_entered_at"]
        if stage != Stage.SELF:
            locked.current_rating = scored.rating
            fields.append("current_rating")
        locked.stage, locked.stage_entered_at = next_stage, timezone.now()
        bump(locked, *fields)
        record(locked, action=TransitionAction.SUBMIT, from_stage=stage, to_stage=next_stage, actor=acting_user)
        audit_record(
            actor=acting_user,
            action=events.SHEET_SUBMIT,
            target=locked,
            before={"stage": stage},
            after={"stage": next_stage, "score": scored.display, "rating": scored.rating},
        )
    return locked


def sheet_send_back(*, acting_user: Any, sheet: Sheet, reason: str, expected_version: int | None = None) -> Sheet:
    """差戻し: the current evaluator sends the sheet back one stage, with the reason."""
    if not reason.strip():
        raise problem("reason", "差戻しの理由を入力してください")
    with transaction.atomic():
        locked = lock_sheet(sheet)
        stage = locked.stage
        if stage not in PREVIOUS_STAGE:
            raise problem("stage", f"{STAGE_LABELS[stage]}の段階では差戻しはできません")
        _actor(acting_user, locked, stage, "差戻し")
        check_version(locked, expected_version)
        back = PREVIOUS_STAGE[Stage(stage)]
        locked.stage, locked.stage_entered_at = back, timezone.now()
        bump(locked, "stage", "stage_entered_at")
        record(
            locked,
            action=TransitionAction.SEND_BACK,
            from_stage=stage,
            to_stage=back,
            actor=acting_user,
            comment=reason,
        )
        audit_record(
            actor=acting_user,
            action=events.SHEET_SEND_BACK,
            target=locked,
            before={"stage": stage},
            after={"stage": back, "reason": reason.strip()},
        )
    return locked
