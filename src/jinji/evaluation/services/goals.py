"""業績評価の目標 (set by the employee, agreed with the first evaluator), their mid-term and
end-of-period notes, and 面談 records."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem, NotPermitted
from jinji.evaluation import events
from jinji.evaluation.models import (
    CycleKind,
    Difficulty,
    Goal,
    Interview,
    InterviewKind,
    Sheet,
    Stage,
    TransitionAction,
)
from jinji.evaluation.permissions import Part, parts_on, require_part
from jinji.evaluation.services.common import bump, check_version, lock_sheet, problem, record, require_stage
from jinji.rules.errors import InvalidArgument
from jinji.rules.evaluation import check_weights

MAX_TEXT = 2000


@dataclass(frozen=True, slots=True)
class GoalInput:
    title: str
    target: str
    difficulty: str
    weight: int


def _goal_problems(goals: Sequence[GoalInput], max_goals: int) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not 1 <= len(goals) <= max_goals:
        problems.append(FieldProblem("goals", f"目標は1〜{max_goals}件で登録してください(現在 {len(goals)}件)"))
    for number, goal in enumerate(goals, start=1):
        if not goal.title.strip():
            problems.append(FieldProblem(f"goals.{number}.title", f"目標{number}: 目標を入力してください"))
        if not goal.target.strip():
            problems.append(FieldProblem(f"goals.{number}.target", f"目標{number}: 達成基準を入力してください"))
        if goal.difficulty not in Difficulty.values:
            problems.append(
                FieldProblem(f"goals.{number}.difficulty", f"目標{number}: 困難度は高・中・低から選んでください")
            )
        if len(goal.title) > 200 or len(goal.target) > MAX_TEXT:
            problems.append(FieldProblem(f"goals.{number}.title", f"目標{number}: 長すぎます"))
    try:
        check_weights([g.weight for g in goals], label="目標のウェイト")
    except InvalidArgument as exc:
        problems.append(FieldProblem("weight", str(exc)))
    return problems


def _performance_self_stage(sheet: Sheet, what: str) -> None:
    if sheet.cycle.kind != CycleKind.PERFORMANCE:
        raise problem("goals", "目標は業績評価のシートにだけ登録できます")
    require_stage(sheet, Stage.SELF, what)


def goals_save(
    *, acting_user: Any, sheet: Sheet, goals: Sequence[GoalInput], expected_version: int | None = None
) -> list[Goal]:
    """期首の目標登録 (replaces the list). Weights must total 100%; refused once agreed."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.EMPLOYEE, "目標の登録")
        check_version(locked, expected_version)
        _performance_self_stage(locked, "目標の登録")
        if locked.goals_agreed_at is not None:
            raise problem(
                "goals", "目標は評価者と合意済みのため変更できません。一次評価者に合意の取消しを依頼してください"
            )
        problems = _goal_problems(goals, locked.template.max_goals)
        if problems:
            raise DomainError(problems)
        Goal.objects.for_organization(locked.organization_id).filter(sheet=locked).delete()
        created = Goal.objects.bulk_create(
            Goal(
                organization_id=locked.organization_id,
                sheet=locked,
                order=number,
                title=g.title.strip(),
                target=g.target.strip(),
                difficulty=g.difficulty,
                weight=g.weight,
            )
            for number, g in enumerate(goals, start=1)
        )
        bump(locked)
        audit_record(
            actor=acting_user,
            action=events.GOALS_SAVE,
            target=locked,
            after={"goals": [{"title": g.title, "difficulty": g.difficulty, "weight": g.weight} for g in goals]},
        )
    return created


def goals_agree(*, acting_user: Any, sheet: Sheet, expected_version: int | None = None) -> Sheet:
    """目標の合意 (期首面談): the first evaluator agrees the goals; they are then fixed."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.FIRST, "目標の合意")
        check_version(locked, expected_version)
        _performance_self_stage(locked, "目標の合意")
        goals = list(Goal.objects.for_organization(locked.organization_id).filter(sheet=locked))
        if not goals:
            raise problem("goals", "合意する目標がありません(本人が目標を登録していません)")
        if locked.goals_agreed_at is not None:
            raise problem("goals", "目標は既に合意済みです")
        locked.goals_agreed_at = timezone.now()
        bump(locked, "goals_agreed_at")
        record(
            locked, action=TransitionAction.AGREE_GOALS, from_stage=Stage.SELF, to_stage=Stage.SELF, actor=acting_user
        )
        audit_record(actor=acting_user, action=events.GOALS_AGREE, target=locked, after={"goals": len(goals)})
    return locked


def goals_revoke(*, acting_user: Any, sheet: Sheet, reason: str) -> Sheet:
    """目標の合意の取消し (e.g. the work changed mid-period): the employee may edit the goals again."""
    if not reason.strip():
        raise problem("reason", "合意を取り消す理由を入力してください")
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.FIRST, "目標の合意の取消し")
        _performance_self_stage(locked, "目標の合意の取消し")
        if locked.goals_agreed_at is None:
            raise problem("goals", "目標はまだ合意されていません")
        before = locked.goals_agreed_at
        locked.goals_agreed_at = None
        bump(locked, "goals_agreed_at")
        record(
            locked,
            action=TransitionAction.REVOKE_GOALS,
            from_stage=Stage.SELF,
            to_stage=Stage.SELF,
            actor=acting_user,
            comment=reason,
        )
        audit_record(
            actor=acting_user,
            action=events.GOALS_REVOKE,
            target=locked,
            before={"goals_agreed_at": before},
            after={"goals_agreed_at": None, "reason": reason.strip()},
        )
    return locked


def goal_notes_save(*, acting_user: Any, sheet: Sheet, notes: Mapping[int, tuple[str, str]]) -> Sheet:
    """中間の振り返りと期末の実績 per goal (goal id → (midterm, result)), by the employee."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.EMPLOYEE, "目標の振り返りの入力")
        _performance_self_stage(locked, "目標の振り返りの入力")
        if locked.goals_agreed_at is None:
            raise problem("goals", "振り返りと実績は目標の合意後に入力できます")
        goals = {g.pk: g for g in Goal.objects.for_organization(locked.organization_id).filter(sheet=locked)}
        unknown = sorted(set(notes) - set(goals))
        if unknown:
            raise problem("goals", f"この評価シートにない目標です: {unknown}")
        for goal_id, (midterm, result) in notes.items():
            if len(midterm) > MAX_TEXT or len(result) > MAX_TEXT:
                raise problem(f"goals.{goal_id}", f"振り返り・実績は{MAX_TEXT}文字以内で入力してください")
            goal = goals[goal_id]
            goal.midterm_note, goal.result_note = midterm, result
            goal.save(update_fields=["midterm_note", "result_note", "updated_at"])
        bump(locked)
        audit_record(actor=acting_user, action=events.GOAL_REVIEW, target=locked, after={"goals": sorted(notes)})
    return locked


def interview_record(*, acting_user: Any, sheet: Sheet, kind: str, held_on: datetime.date, note: str) -> Interview:
    """面談の記録, by an evaluator of the sheet (the interviewer is the acting user's employee)."""
    problems: list[FieldProblem] = []
    if kind not in InterviewKind.values:
        problems.append(FieldProblem("kind", "面談の種類を選んでください"))
    if not note.strip():
        problems.append(FieldProblem("note", "面談の記録を入力してください"))
    elif len(note) > MAX_TEXT * 2:
        problems.append(FieldProblem("note", f"面談の記録は{MAX_TEXT * 2}文字以内で入力してください"))
    if held_on > timezone.localdate():
        problems.append(FieldProblem("held_on", "実施日に未来の日付は入力できません"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = lock_sheet(sheet)
        if not parts_on(acting_user, locked) & {Part.FIRST, Part.SECOND, Part.ADJUSTER}:
            raise NotPermitted([FieldProblem("", "面談の記録は評価者のみ行えます")])
        interview: Interview = Interview.objects.create(
            organization_id=locked.organization_id,
            sheet=locked,
            kind=kind,
            held_on=held_on,
            interviewer_id=acting_user.employee_id,
            note=note.strip(),
            recorded_by=acting_user,
        )
        audit_record(
            actor=acting_user,
            action=events.INTERVIEW_RECORD,
            target=locked,
            after={"kind": kind, "held_on": held_on},
        )
    return interview
