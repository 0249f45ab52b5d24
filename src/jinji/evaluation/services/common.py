"""Shared pieces of the evaluation services: row locks, version checks, refusals, the stage log."""

from __future__ import annotations

from typing import Any

from jinji.core.errors import ConcurrentUpdate, DomainError, FieldProblem, NotPermitted
from jinji.evaluation.models import Sheet, Stage, StageTransition
from jinji.evaluation.permissions import stage_index

STAGE_LABELS = {s.value: str(s.label) for s in Stage}


def lock_sheet(sheet: Sheet) -> Sheet:
    """The sheet row locked for the rest of the transaction, with its cycle and template."""
    locked: Sheet = (
        Sheet.objects.for_organization(sheet.organization_id)
        .select_for_update()
        .select_related("cycle", "template")
        .get(pk=sheet.pk)
    )
    return locked


def check_version(sheet: Sheet, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != sheet.version:
        raise ConcurrentUpdate([FieldProblem("version", "他の利用者が先に更新しました。画面を開き直してください")])


def bump(sheet: Sheet, *fields: str) -> None:
    sheet.version += 1
    sheet.save(update_fields=[*fields, "version"])


def require_stage(sheet: Sheet, stage: str, what: str) -> None:
    """Refuse ``what`` unless the sheet is at ``stage`` (a closed stage can no longer be edited)."""
    if sheet.stage == stage:
        return
    now = STAGE_LABELS[sheet.stage]
    wanted = STAGE_LABELS[stage]
    if sheet.stage == Stage.CONFIRMED:
        message = f"確定済みのため{what}はできません。訂正は人事担当による確定の取消し(再開)で行います"
    elif stage_index(sheet.stage) > stage_index(stage):
        message = f"{wanted}は提出済みのため{what}はできません(現在の段階: {now})"
    else:
        message = f"まだ{wanted}の段階ではないため{what}はできません(現在の段階: {now})"
    raise DomainError([FieldProblem("stage", message)])


def refuse_self_rating(acting_user: Any, sheet: Sheet) -> None:
    """An evaluator can never rate themself."""
    if acting_user.employee_id is not None and acting_user.employee_id == sheet.employee_id:
        raise NotPermitted([FieldProblem("evaluator", "自分自身を評価することはできません")])


def record(sheet: Sheet, *, action: str, from_stage: str, to_stage: str, actor: Any, comment: str = "") -> None:
    StageTransition.objects.create(
        organization_id=sheet.organization_id,
        sheet=sheet,
        action=action,
        from_stage=from_stage,
        to_stage=to_stage,
        actor=actor,
        comment=comment,
    )


def problem(field: str, message: str) -> DomainError:
    return DomainError([FieldProblem(field, message)])
