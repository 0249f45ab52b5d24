"""調整と確定, 開示, 確定の取消し (reopening), and HR's setting of evaluators.

After 確定 nothing changes except through :func:`sheet_reopen`, which HR does with a reason;
the reopening, like every transition, is in the sheet's stage log and the audit log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jinji.audit.services import audit_record
from jinji.core.errors import DomainError, FieldProblem
from jinji.evaluation import events
from jinji.evaluation.models import Cycle, Sheet, Stage, StageTransition, TransitionAction
from jinji.evaluation.permissions import Part, require_hr, require_part
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
from jinji.personnel.models import Employee
from jinji.personnel.services.auditing import audit_bulk
from jinji.rules.evaluation import RATINGS

REOPEN_TO = (Stage.SELF, Stage.FIRST, Stage.SECOND, Stage.ADJUST)


@dataclass(frozen=True, slots=True)
class Decision:
    """The 調整者's 全体評語 for one sheet (``comment`` required when it differs from the 二次評価)."""

    sheet_id: int
    rating: str
    comment: str = ""


def _decision_problems(sheet: Sheet, rating: str, comment: str, row: int | None = None) -> list[FieldProblem]:
    if rating not in RATINGS:
        return [FieldProblem("final_rating", f"全体評語は {'・'.join(RATINGS)} から選んでください", row=row)]
    if rating != sheet.second_rating and not comment.strip():
        message = f"二次評価({sheet.second_rating or '未評価'})と異なる評語にする場合は調整の理由を入力してください"
        return [FieldProblem("adjust_comment", message, row=row)]
    return []


def _confirm(acting_user: Any, sheet: Sheet, rating: str, comment: str) -> None:
    before = {"stage": sheet.stage, "final_rating": sheet.final_rating, "second_rating": sheet.second_rating}
    now = timezone.now()
    sheet.final_rating = sheet.current_rating = rating
    sheet.adjust_comment = comment.strip()
    sheet.stage, sheet.stage_entered_at, sheet.confirmed_at = Stage.CONFIRMED, now, now
    bump(sheet, "final_rating", "current_rating", "adjust_comment", "stage", "stage_entered_at", "confirmed_at")
    record(
        sheet,
        action=TransitionAction.CONFIRM,
        from_stage=Stage.ADJUST,
        to_stage=Stage.CONFIRMED,
        actor=acting_user,
        comment=comment.strip(),
    )
    audit_record(
        actor=acting_user,
        action=events.SHEET_CONFIRM,
        target=sheet,
        before=before,
        after={"stage": Stage.CONFIRMED, "final_rating": rating, "reason": comment.strip()},
    )


def sheet_confirm(
    *, acting_user: Any, sheet: Sheet, final_rating: str, comment: str = "", expected_version: int | None = None
) -> Sheet:
    """調整・確定: the 調整者 fixes the 全体評語 (a change from the 二次評価 needs a reason)."""
    with transaction.atomic():
        locked = lock_sheet(sheet)
        require_part(acting_user, locked, Part.ADJUSTER, "調整・確定")
        refuse_self_rating(acting_user, locked)
        check_version(locked, expected_version)
        require_stage(locked, Stage.ADJUST, "確定")
        problems = _decision_problems(locked, final_rating, comment)
        if problems:
            raise DomainError(problems)
        _confirm(acting_user, locked, final_rating, comment)
    return locked


def sheets_confirm_many(*, acting_user: Any, organization_id: int, decisions: Sequence[Decision]) -> int:
    """Calibration: confirm many sheets at once, all or nothing (each problem names its row)."""
    ids = [d.sheet_id for d in decisions]
    with transaction.atomic():
        locked = {
            s.pk: s
            for s in Sheet.objects.for_organization(organization_id)
            .select_for_update()
            .select_related("cycle", "template")
            .filter(pk__in=ids)
        }
        problems: list[FieldProblem] = []
        for row, decision in enumerate(decisions, start=1):
            sheet = locked.get(decision.sheet_id)
            if sheet is None:
                problems.append(FieldProblem("sheet", "評価シートが見つかりません", row=row))
                continue
            try:
                require_part(acting_user, sheet, Part.ADJUSTER, "調整・確定")
                refuse_self_rating(acting_user, sheet)
                require_stage(sheet, Stage.ADJUST, "確定")
            except DomainError as error:
                problems.extend(FieldProblem(p.field, p.message, row=row) for p in error.problems)
                continue
            problems.extend(_decision_problems(sheet, decision.rating, decision.comment, row=row))
        if problems:
            raise DomainError(problems)
        for decision in decisions:
            _confirm(acting_user, locked[decision.sheet_id], decision.rating, decision.comment)
    return len(decisions)


def sheets_disclose(*, acting_user: Any, cycle: Cycle, sheet_ids: Sequence[int] | None = None) -> int:
    """開示: make the 確定 results of the cycle (or of ``sheet_ids``) visible to the employees."""
    require_hr(acting_user, "評価結果の開示")
    with transaction.atomic():
        qs = (
            Sheet.objects.for_organization(cycle.organization_id)
            .select_for_update()
            .filter(cycle=cycle, stage=Stage.CONFIRMED, disclosed_at__isnull=True)
        )
        if sheet_ids is not None:
            qs = qs.filter(pk__in=list(sheet_ids))
        sheets = list(qs)
        if not sheets:
            return 0
        now = timezone.now()
        for sheet in sheets:
            sheet.disclosed_at = now
            sheet.version += 1
        Sheet.objects.bulk_update(sheets, ["disclosed_at", "version"], batch_size=1000)
        StageTransition.objects.bulk_create(
            [
                StageTransition(
                    organization_id=s.organization_id,
                    sheet=s,
                    action=TransitionAction.DISCLOSE,
                    from_stage=Stage.CONFIRMED,
                    to_stage=Stage.CONFIRMED,
                    actor=acting_user,
                )
                for s in sheets
            ],
            batch_size=1000,
        )
        audit_bulk(
            actor=acting_user,
            action=events.SHEET_DISCLOSE,
            targets=sheets,
            afters=[{"disclosed_at": now, "final_rating": s.final_rating} for s in sheets],
            organization_id=cycle.organization_id,
        )
    return len(sheets)


def sheet_reopen(*, acting_user: Any, sheet: Sheet, to_stage: str, reason: str) -> Sheet:
    """確定の取消し (再開): HR reopens a 確定 sheet at ``to_stage``, with the reason, recorded.

    The result is taken back (not 確定, not 開示) until it is confirmed again.
    """
    require_hr(acting_user, "確定の取消し")
    problems: list[FieldProblem] = []
    if to_stage not in REOPEN_TO:
        problems.append(FieldProblem("to_stage", "再開する段階を自己評価・一次評価・二次評価・調整から選んでください"))
    if not reason.strip():
        problems.append(FieldProblem("reason", "確定を取り消す理由を入力してください"))
    if problems:
        raise DomainError(problems)
    with transaction.atomic():
        locked = lock_sheet(sheet)
        if locked.stage != Stage.CONFIRMED:
            raise problem("stage", f"確定していないシートは再開できません(現在の段階: {STAGE_LABELS[locked.stage]})")
        before = {"stage": locked.stage, "final_rating": locked.final_rating, "disclosed_at": locked.disclosed_at}
        locked.stage, locked.stage_entered_at = to_stage, timezone.now()
        locked.final_rating = ""
        locked.current_rating = locked.second_rating if to_stage == Stage.ADJUST else locked.current_rating
        locked.confirmed_at = locked.disclosed_at = None
        bump(locked, "stage", "stage_entered_at", "final_rating", "current_rating", "confirmed_at", "disclosed_at")
        record(
            locked,
            action=TransitionAction.REOPEN,
            from_stage=Stage.CONFIRMED,
            to_stage=to_stage,
            actor=acting_user,
            comment=reason.strip(),
        )
        audit_record(
            actor=acting_user,
            action=events.SHEET_REOPEN,
            target=locked,
            before=before,
            after={"stage": to_stage, "reason": reason.strip()},
        )
    return locked


def _evaluator_problems(sheet: Sheet, chosen: dict[str, Employee | None]) -> list[FieldProblem]:
    labels = {"first_evaluator": "一次評価者", "second_evaluator": "二次評価者", "adjuster": "調整者"}
    problems: list[FieldProblem] = []
    for field, employee in chosen.items():
        if employee is None:
            continue
        if employee.organization_id != sheet.organization_id:
            problems.append(FieldProblem(field, f"{labels[field]}: 他の団体の職員は指定できません"))
        elif employee.pk == sheet.employee_id:
            problems.append(FieldProblem(field, f"{labels[field]}: 本人を自分の評価者にすることはできません"))
    first, second = chosen["first_evaluator"], chosen["second_evaluator"]
    if first is not None and second is not None and first.pk == second.pk:
        problems.append(FieldProblem("second_evaluator", "一次評価者と二次評価者は別の職員にしてください"))
    return problems


def sheet_set_evaluators(
    *,
    acting_user: Any,
    sheet: Sheet,
    first_evaluator: Employee | None,
    second_evaluator: Employee | None,
    adjuster: Employee | None,
    reason: str,
) -> Sheet:
    """評価者の個別指定 by HR (e.g. a vacant post, a conflict of interest). Refused after 確定."""
    require_hr(acting_user, "評価者の変更")
    chosen = {"first_evaluator": first_evaluator, "second_evaluator": second_evaluator, "adjuster": adjuster}
    with transaction.atomic():
        locked = lock_sheet(sheet)
        if locked.stage == Stage.CONFIRMED:
            raise problem("stage", "確定済みのため評価者は変更できません。先に確定を取り消してください")
        problems = _evaluator_problems(locked, chosen)
        if not reason.strip():
            problems.append(FieldProblem("reason", "評価者を変更する理由を入力してください"))
        if problems:
            raise DomainError(problems)
        before = {f: getattr(locked, f"{f}_id") for f in chosen}
        for field, employee in chosen.items():
            setattr(locked, field, employee)
        vacancies = [
            s
            for s, who in ((Stage.FIRST, first_evaluator), (Stage.SECOND, second_evaluator), (Stage.ADJUST, adjuster))
            if who is None
        ]
        locked.vacancies, locked.has_vacancy = [str(v) for v in vacancies], bool(vacancies)
        locked.evaluators_overridden = True
        bump(locked, *chosen, "vacancies", "has_vacancy", "evaluators_overridden")
        record(
            locked,
            action=TransitionAction.OVERRIDE,
            from_stage=locked.stage,
            to_stage=locked.stage,
            actor=acting_user,
            comment=reason.strip(),
        )
        audit_record(
            actor=acting_user,
            action=events.SHEET_EVALUATORS,
            target=locked,
            before=before,
            after={**{f: e.pk if e else None for f, e in chosen.items()}, "reason": reason.strip()},
        )
    return locked
