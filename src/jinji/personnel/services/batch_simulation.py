"""Dry run of a 発令バッチ in memory: the problems of every row, and the plan of each good one.

A fixed number of queries for any batch size: the rows, the people, their posts, their
already-applied actions, the code lists, and the units once per 発令日.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from jinji.core.errors import FieldProblem
from jinji.personnel.models import ActionBatch, ActionStatus, ActionType, Employee, PersonnelAction
from jinji.personnel.services.applying import later_action_problem, separated_problem, spec_of
from jinji.personnel.services.planning import PRIMARY_AFFECTING, Period, Plan, plan_action
from jinji.personnel.services.posts import Catalog, concurrent_on, later_primary, load_periods, primary_on


@dataclass(slots=True)
class Person:
    id: int
    staff_number: str
    name: str
    separated_on: datetime.date | None


@dataclass(slots=True)
class Step:
    """One row of the batch as simulated."""

    action: PersonnelAction
    person: Person
    before: Period | None
    plan: Plan
    closed: list[tuple[Period, datetime.date | None]] = field(default_factory=list)
    """Periods this step ends, with their end date before it (for the undo record)."""
    separated_before: datetime.date | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Simulation:
    steps: list[Step]
    catalog: Catalog
    people: dict[int, Person]

    @property
    def ok_steps(self) -> list[Step]:
        return [s for s in self.steps if not s.problems]

    def field_problems(self) -> list[FieldProblem]:
        return [
            FieldProblem(name, f"{s.person.staff_number} {s.person.name}: {message}", row=s.action.row_number)
            for s in self.steps
            for name, message in s.problems
        ]


def draft_actions(batch: ActionBatch) -> QuerySet[PersonnelAction]:
    return PersonnelAction.objects.for_organization(batch.organization_id).filter(
        batch=batch, status=ActionStatus.DRAFT
    )


def _order_key(action: PersonnelAction) -> tuple[int, datetime.date, int, int]:
    from jinji.personnel.services.planning import APPLY_ORDER

    return (action.employee_id, action.effective_on, APPLY_ORDER.get(ActionType(action.action_type), 9), action.pk)


@dataclass(frozen=True, slots=True)
class Applied:
    """An already-applied 発令 of someone in the batch (only those that can conflict are loaded)."""

    effective_on: datetime.date
    action_type: str
    applied_at: datetime.datetime | None


def _applied_by_employee(
    batch: ActionBatch, employees: QuerySet[Any, Any], since: datetime.date, prepared_from: datetime.datetime
) -> dict[int, list[Applied]]:
    """Applied actions dated after ``since`` or applied after the first row was prepared. One query."""
    result: defaultdict[int, list[Applied]] = defaultdict(list)
    qs = (
        PersonnelAction.objects.for_organization(batch.organization_id)
        .filter(employee_id__in=employees, status=ActionStatus.APPLIED)
        .filter(Q(effective_on__gt=since) | Q(applied_at__gt=prepared_from))
        .order_by("effective_on")
        .values_list("employee_id", "effective_on", "action_type", "applied_at")
    )
    for employee_id, effective_on, action_type, applied_at in qs:
        result[employee_id].append(Applied(effective_on, action_type, applied_at))
    return dict(result)


def _history_problems(action: PersonnelAction, applied: list[Applied]) -> list[tuple[str, str]]:
    if action.action_type in PRIMARY_AFFECTING:
        later = [a for a in applied if a.effective_on > action.effective_on and a.action_type in PRIMARY_AFFECTING]
        if later:
            return [later_action_problem(later[0].effective_on, later[0].action_type)]
    since = [a for a in applied if a.applied_at is not None and a.applied_at > action.created_at]
    if since:
        other = since[-1]
        label = ActionType(other.action_type).label
        return [
            (
                "employee",
                f"この行の作成後に、この職員の発令({other.effective_on.isoformat()} {label})が確定されました。"
                "内容を確認し、行を作り直してください",
            )
        ]
    return []


def _step(action: PersonnelAction, person: Person, periods: list[Period], catalog: Catalog) -> Step:
    on = action.effective_on
    primary = primary_on(periods, on)
    plan = plan_action(
        spec_of(action), primary=primary, concurrent=concurrent_on(periods, on), unit_authority=catalog.units_on(on)
    )
    step = Step(action=action, person=person, before=primary, plan=plan, separated_before=person.separated_on)
    if person.separated_on and person.separated_on < on and action.action_type != ActionType.HIRE:
        step.problems.append(separated_problem(person.separated_on))
    after = later_primary(periods, on) if action.action_type in PRIMARY_AFFECTING else None
    if after is not None:
        step.problems.append(("effective_on", f"{after.valid_from.isoformat()}からの任用が既に登録されています"))
    if action.org_unit_id and action.org_unit_id not in catalog.units_on(on):
        step.problems.append(("org_unit", f"所属(ID {action.org_unit_id})は{on.isoformat()}に存在しません"))
    step.problems.extend(p for p in plan.problems if p not in step.problems)
    for period in plan.opens:
        step.problems.extend(p for p in catalog.post_problems(period.post, period.valid_from) if p not in step.problems)
    return step


def _commit_in_memory(step: Step, periods: list[Period]) -> None:
    for period, valid_to in step.plan.closes:
        step.closed.append((period, period.valid_to))
        period.valid_to = valid_to
    periods.extend(step.plan.opens)
    if step.plan.separated_on is not None:
        step.person.separated_on = step.plan.separated_on
    elif step.plan.clears_separation:
        step.person.separated_on = None


def simulate(batch: ActionBatch) -> Simulation:
    """Every draft row of ``batch`` planned in order per person, as if applied one after another."""
    org_id = batch.organization_id
    actions = sorted(draft_actions(batch), key=_order_key)
    catalog = Catalog.load(org_id)
    if not actions:
        return Simulation(steps=[], catalog=catalog, people={})
    employee_ids = draft_actions(batch).values("employee_id")
    since = min(a.effective_on for a in actions)
    people = {
        pk: Person(pk, number, f"{family} {given}", separated)
        for pk, number, family, given, separated in Employee.objects.for_organization(org_id)
        .filter(pk__in=employee_ids)
        .values_list("pk", "staff_number", "family_name", "given_name", "separated_on")
    }
    periods = load_periods(org_id, since=since, employee_q=Q(employee_id__in=employee_ids))
    applied = _applied_by_employee(batch, employee_ids, since, min(a.created_at for a in actions))
    seen: dict[tuple[int, datetime.date], int | None] = {}
    steps: list[Step] = []
    for action in actions:
        person = people[action.employee_id]
        mine = periods.setdefault(action.employee_id, [])
        step = _step(action, person, mine, catalog)
        key = (action.employee_id, action.effective_on)
        if action.action_type in PRIMARY_AFFECTING:
            if key in seen:
                first = seen[key]
                where = f"{first}行目" if first is not None else "別の行"
                step.problems = [("employee", f"同じ職員・同じ発令日の発令が重複しています({where}と重複)")]
            else:
                seen[key] = action.row_number
        step.problems[:0] = [
            p for p in _history_problems(action, applied.get(action.employee_id, [])) if p not in step.problems
        ]
        if not step.problems:
            _commit_in_memory(step, mine)
        steps.append(step)
    return Simulation(steps=steps, catalog=catalog, people=people)
