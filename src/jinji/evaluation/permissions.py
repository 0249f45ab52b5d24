"""Who may see and do what with an 評価シート: the one place that decides it.

- The employee (本人): their own sheets; their own entries always; the evaluators' entries and
  the result only after 開示 (disclosure).
- 一次・二次評価者, 調整者: the sheets they are named on (as of the cycle, or set by HR); the
  entries of their own stage, and of earlier stages once those were submitted; everything
  once the sheet is 確定.
- 人事担当: every sheet of the organization (and the cycle management).
- Nobody else — holding 所属長 as a role gives no access: evaluators are named per sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q

from jinji.accounts.models import Role, User
from jinji.accounts.scope import AnyUser, has_role
from jinji.core.errors import FieldProblem, NotPermitted
from jinji.evaluation.models import Sheet, Stage

STAGE_ORDER = (Stage.SELF, Stage.FIRST, Stage.SECOND, Stage.ADJUST, Stage.CONFIRMED)
HR_ROLES = frozenset({Role.HR})


class Part(StrEnum):
    """The part a user plays on a sheet."""

    EMPLOYEE = "employee"
    FIRST = "first"
    SECOND = "second"
    ADJUSTER = "adjuster"
    HR = "hr"


PART_STAGE = {
    Part.EMPLOYEE: Stage.SELF,
    Part.FIRST: Stage.FIRST,
    Part.SECOND: Stage.SECOND,
    Part.ADJUSTER: Stage.ADJUST,
}


def stage_index(stage: str) -> int:
    return STAGE_ORDER.index(Stage(stage))


def signed_in(user: AnyUser) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def is_hr(user: AnyUser) -> bool:
    return signed_in(user) is not None and has_role(user, HR_ROLES)


def require_hr(user: AnyUser, what: str) -> User:
    """The user when they hold 人事担当; else :class:`NotPermitted` naming ``what``."""
    me = signed_in(user)
    if me is None or not has_role(me, HR_ROLES):
        raise NotPermitted([FieldProblem("", f"{what}は人事担当のみ行えます")])
    return me


def parts_on(user: AnyUser, sheet: Sheet, *, hr: bool | None = None) -> frozenset[Part]:
    """Every part ``user`` plays on ``sheet`` (``hr`` may be passed when already known)."""
    me = signed_in(user)
    if me is None or me.organization_id != sheet.organization_id:
        return frozenset()
    parts: set[Part] = set()
    if me.employee_id is not None:
        named = {
            Part.EMPLOYEE: sheet.employee_id,
            Part.FIRST: sheet.first_evaluator_id,
            Part.SECOND: sheet.second_evaluator_id,
            Part.ADJUSTER: sheet.adjuster_id,
        }
        parts.update(part for part, who in named.items() if who == me.employee_id)
    if hr if hr is not None else has_role(me, HR_ROLES):
        parts.add(Part.HR)
    return frozenset(parts)


def visible_sheets_q(user: AnyUser) -> Q:
    """Q on :class:`Sheet` for the sheets ``user`` may open (HR: all of the organization)."""
    me = signed_in(user)
    if me is None:
        return Q(pk__in=[])
    base = Q(organization_id=me.organization_id)
    if has_role(me, HR_ROLES):
        return base
    if me.employee_id is None:
        return Q(pk__in=[])
    mine = me.employee_id
    return base & (Q(employee_id=mine) | Q(first_evaluator_id=mine) | Q(second_evaluator_id=mine) | Q(adjuster_id=mine))


@dataclass(frozen=True, slots=True)
class Visibility:
    """Which stages' entries a user may read on one sheet, and whether the result is visible."""

    stages: frozenset[str]
    result: bool
    evaluator_notes: bool

    def shows(self, stage: str) -> bool:
        return stage in self.stages


NOTHING = Visibility(stages=frozenset(), result=False, evaluator_notes=False)
RATED = (Stage.SELF, Stage.FIRST, Stage.SECOND)


def visibility(parts: frozenset[Part], sheet: Sheet) -> Visibility:
    """What ``parts`` may read of ``sheet`` at its current stage."""
    if Part.HR in parts:
        return Visibility(stages=frozenset(RATED), result=True, evaluator_notes=True)
    current = stage_index(sheet.stage)
    confirmed = sheet.stage == Stage.CONFIRMED
    stages: set[str] = set()
    result = notes = False
    for part in parts - {Part.EMPLOYEE}:
        own = stage_index(PART_STAGE[part])
        for stage in RATED:
            index = stage_index(stage)
            if confirmed or index == own or (index < own and index < current):
                stages.add(stage)
        result, notes = result or confirmed or part == Part.ADJUSTER, True
    if Part.EMPLOYEE in parts:
        stages.add(Stage.SELF)
        if sheet.disclosed_at is not None:
            stages.update(RATED)
            result = notes = True
    if not parts:
        return NOTHING
    return Visibility(stages=frozenset(stages), result=result, evaluator_notes=notes)


def require_part(user: AnyUser, sheet: Sheet, part: Part, what: str) -> User:
    """The user when they play ``part`` on ``sheet``; else :class:`NotPermitted`."""
    me = signed_in(user)
    if me is None or part not in parts_on(me, sheet):
        labels = {
            Part.EMPLOYEE: "本人",
            Part.FIRST: "一次評価者",
            Part.SECOND: "二次評価者",
            Part.ADJUSTER: "調整者",
            Part.HR: "人事担当",
        }
        raise NotPermitted([FieldProblem("", f"{what}は{labels[part]}のみ行えます")])
    return me
