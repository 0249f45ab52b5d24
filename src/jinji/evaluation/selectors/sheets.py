"""Lists of sheets: my own (本人), my evaluatees (評価者の受信箱); a bounded number of queries each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from jinji.accounts.scope import AnyUser
from jinji.evaluation.directory import employee_names, unit_names_on
from jinji.evaluation.models import CycleStatus, Sheet, Stage
from jinji.evaluation.permissions import PART_STAGE, Part, signed_in

INBOX_LIMIT = 300


@dataclass(frozen=True, slots=True)
class SheetRow:
    id: int
    cycle_name: str
    kind_label: str
    staff_number: str
    name: str
    unit_name: str
    position_name: str
    stage: str
    stage_label: str
    due: datetime.date | None
    overdue: bool
    part: str
    """The viewer's part on the sheet (employee/first/second/adjuster)."""
    my_turn: bool
    result: str
    """The 全体評語 the viewer may see ("" when not visible)."""
    has_vacancy: bool


def _rows(sheets: list[Sheet], me: int, today: datetime.date) -> list[SheetRow]:
    org_id = sheets[0].organization_id if sheets else 0
    names = employee_names(organization_id=org_id, employee_ids={s.employee_id for s in sheets})
    by_date: dict[datetime.date, set[int]] = {}
    for s in sheets:
        if s.unit_id is not None:
            by_date.setdefault(s.cycle.reference_date, set()).add(s.unit_id)
    units: dict[tuple[datetime.date, int], str] = {}
    for on, ids in by_date.items():
        units.update({(on, k): v for k, v in unit_names_on(organization_id=org_id, on=on, unit_ids=ids).items()})
    rows = []
    for s in sheets:
        named = (
            (Part.FIRST, s.first_evaluator_id),
            (Part.SECOND, s.second_evaluator_id),
            (Part.ADJUSTER, s.adjuster_id),
            (Part.EMPLOYEE, s.employee_id),
        )
        parts = [p for p, who in named if who == me]
        part = next((p for p in parts if PART_STAGE[p] == s.stage), parts[0])
        due = s.cycle.due_for(s.stage)
        mine = part == Part.EMPLOYEE
        visible = (s.disclosed_at is not None) if mine else s.stage == Stage.CONFIRMED
        number, name = names.get(s.employee_id, ("", ""))
        rows.append(
            SheetRow(
                id=s.pk,
                cycle_name=s.cycle.name,
                kind_label=s.cycle.get_kind_display(),
                staff_number=number,
                name=name,
                unit_name=units.get((s.cycle.reference_date, s.unit_id or 0), ""),
                position_name=s.position_name,
                stage=s.stage,
                stage_label=Stage(s.stage).label,
                due=due,
                overdue=due is not None and due < today,
                part=part.value,
                my_turn=PART_STAGE[part] == s.stage,
                result=s.final_rating if visible else "",
                has_vacancy=s.has_vacancy,
            )
        )
    return rows


def my_sheets(*, user: AnyUser, today: datetime.date) -> list[SheetRow]:
    """The signed-in employee's own sheets, newest cycle first. Three queries or fewer."""
    me = signed_in(user)
    if me is None or me.employee_id is None:
        return []
    sheets = list(
        Sheet.objects.for_organization(me.organization_id)
        .filter(employee_id=me.employee_id)
        .exclude(cycle__status=CycleStatus.PREPARING)
        .select_related("cycle")
        .order_by("-cycle__period_start", "cycle__kind")
    )
    return _rows(sheets, me.employee_id, today)


def evaluator_todo_count(*, user: AnyUser) -> int:
    """How many sheets wait for the user as 一次・二次評価者 or 調整者 now. One query."""
    me = signed_in(user)
    if me is None or me.employee_id is None:
        return 0
    mine = me.employee_id
    waiting = (
        Q(first_evaluator_id=mine, stage=Stage.FIRST)
        | Q(second_evaluator_id=mine, stage=Stage.SECOND)
        | Q(adjuster_id=mine, stage=Stage.ADJUST)
    )
    return (
        Sheet.objects.for_organization(me.organization_id)
        .filter(waiting)
        .exclude(employee_id=mine)
        .exclude(cycle__status=CycleStatus.PREPARING)
        .count()
    )


@dataclass(frozen=True, slots=True)
class Inbox:
    todo: list[SheetRow]
    waiting: list[SheetRow]
    done: list[SheetRow]
    truncated: bool


def evaluator_inbox(*, user: AnyUser, today: datetime.date, cycle_id: int | None = None) -> Inbox:
    """The sheets the user evaluates (一次・二次・調整), split into 対応が必要 / 他の段階 / 確定.

    Only sheets naming the user as an evaluator: an evaluator never sees anyone else's sheets.
    """
    me = signed_in(user)
    if me is None or me.employee_id is None:
        return Inbox([], [], [], truncated=False)
    mine = me.employee_id
    qs = (
        Sheet.objects.for_organization(me.organization_id)
        .filter(Q(first_evaluator_id=mine) | Q(second_evaluator_id=mine) | Q(adjuster_id=mine))
        .exclude(employee_id=mine)
        .exclude(cycle__status=CycleStatus.PREPARING)
        .select_related("cycle")
        .order_by("-cycle__period_start", "employee__staff_number")
    )
    if cycle_id is not None:
        qs = qs.filter(cycle_id=cycle_id)
    sheets = list(qs[: INBOX_LIMIT + 1])
    rows = _rows(sheets[:INBOX_LIMIT], mine, today)
    return Inbox(
        todo=[r for r in rows if r.my_turn],
        waiting=[r for r in rows if not r.my_turn and r.stage != Stage.CONFIRMED],
        done=[r for r in rows if r.stage == Stage.CONFIRMED],
        truncated=len(sheets) > INBOX_LIMIT,
    )
