"""What applying one 発令 does to an employee's posts: pure computation, no database.

Single apply, the correction replay and the set-based mass transfer all use :func:`plan_action`,
so the three agree on the meaning of every action type:

- 採用: opens the first primary (本務) post from the 発令日 (also a re-hire after 退職).
- 昇任・昇格・異動・昇給・休職・復職: ends the current primary post the day before the 発令日
  and opens a new one with the changed fields (blank fields stay as they were); the new
  post keeps the old one's end date (任期). 休職 sets ``is_on_leave``; 復職 clears it.
- 退職・任期満了: the 発令日 is the 退職日 (last day). The primary post and any 兼務 end on
  it; ``Employee.separated_on`` is set to it.
- 兼務・併任: adds a concurrent/secondment post at ``org_unit`` from the 発令日 to ``end_on``.
- 兼務・併任の解除: ends the concurrent post at ``org_unit`` the day before the 発令日.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from jinji.personnel.models import ActionType, AssignmentKind, WorkPattern

ONE_DAY = datetime.timedelta(days=1)
DEFAULT_WEEKLY_MINUTES = 2325
PRIMARY_CHANGES = frozenset(
    {
        ActionType.PROMOTION,
        ActionType.GRADE_PROMOTION,
        ActionType.TRANSFER,
        ActionType.STEP_INCREASE,
        ActionType.LEAVE_OF_ABSENCE,
        ActionType.REINSTATEMENT,
    }
)
SEPARATIONS = frozenset({ActionType.SEPARATION, ActionType.TERM_EXPIRY})
PRIMARY_AFFECTING = PRIMARY_CHANGES | SEPARATIONS | {ActionType.HIRE}
CONCURRENT_TYPES = frozenset({ActionType.CONCURRENT_POST, ActionType.CONCURRENT_END})
APPLY_ORDER = {
    ActionType.CONCURRENT_END: 0,
    ActionType.HIRE: 1,
    **dict.fromkeys(PRIMARY_CHANGES, 2),
    ActionType.CONCURRENT_POST: 3,
    ActionType.SEPARATION: 4,
    ActionType.TERM_EXPIRY: 4,
}
"""Order of several actions for one person on one day."""

POST_FIELDS = (
    "org_unit_id",
    "position_id",
    "job_category_id",
    "appointing_authority_id",
    "payer_id",
    "appointment_type",
    "salary_schedule_id",
    "grade",
    "step",
    "work_pattern",
    "weekly_minutes",
)
"""Assignment fields a 発令 may set (blank/None in the action = unchanged)."""


@dataclass(frozen=True, slots=True)
class Post:
    """An assignment's terms, without its period."""

    org_unit_id: int
    appointing_authority_id: int
    appointment_type: str
    work_pattern: str
    weekly_minutes: int
    position_id: int | None = None
    job_category_id: int | None = None
    payer_id: int | None = None
    salary_schedule_id: int | None = None
    grade: int | None = None
    step: int | None = None
    is_on_leave: bool = False
    kind: str = AssignmentKind.PRIMARY

    def as_fields(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(slots=True)
class Period:
    """An assignment as the planner sees it: its terms and period, and its row id if saved."""

    post: Post
    valid_from: datetime.date
    valid_to: datetime.date | None
    id: int | None = None
    ref: object = None
    """The unsaved Assignment object this period stands for (batch apply)."""


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """The parts of a 発令 the planner needs (from a model row or an import row)."""

    action_type: str
    effective_on: datetime.date
    values: Mapping[str, object]
    end_on: datetime.date | None = None
    post_kind: str = ""


@dataclass(slots=True)
class Plan:
    """Result of planning one action: periods to close, periods to open, separation."""

    closes: list[tuple[Period, datetime.date]] = field(default_factory=list)
    opens: list[Period] = field(default_factory=list)
    separated_on: datetime.date | None = None
    clears_separation: bool = False
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(field, message in Japanese)."""


def spec_values(source: object) -> dict[str, object]:
    """The post fields set on ``source`` (an action or input row); blank and None are left out."""
    values: dict[str, object] = {}
    for name in POST_FIELDS:
        value = getattr(source, name, None)
        if value is not None and value != "":
            values[name] = value
    return values


def _new_primary(spec: ActionSpec, unit_authority: Mapping[int, int]) -> Post | tuple[str, str]:
    v = spec.values
    unit_id = v.get("org_unit_id")
    if not isinstance(unit_id, int):
        return ("org_unit", "採用には所属が必要です")
    if not v.get("appointment_type"):
        return ("appointment_type", "採用には任用区分が必要です")
    authority = v.get("appointing_authority_id") or unit_authority.get(unit_id)
    if not isinstance(authority, int):
        return ("org_unit", "任命権者を決められません(所属が発令日に存在しません)")
    return Post(
        org_unit_id=unit_id,
        appointing_authority_id=authority,
        appointment_type=str(v["appointment_type"]),
        work_pattern=str(v.get("work_pattern") or WorkPattern.FULL_TIME),
        weekly_minutes=int(str(v.get("weekly_minutes") or DEFAULT_WEEKLY_MINUTES)),
        position_id=_int(v.get("position_id")),
        job_category_id=_int(v.get("job_category_id")),
        payer_id=_int(v.get("payer_id")),
        salary_schedule_id=_int(v.get("salary_schedule_id")),
        grade=_int(v.get("grade")),
        step=_int(v.get("step")),
    )


def _int(value: object) -> int | None:
    return value if isinstance(value, int) else None


def _changed(current: Post, spec: ActionSpec, unit_authority: Mapping[int, int]) -> Post:
    changes: dict[str, object] = dict(spec.values)
    unit_id = changes.get("org_unit_id")
    if isinstance(unit_id, int) and "appointing_authority_id" not in changes and unit_id in unit_authority:
        changes["appointing_authority_id"] = unit_authority[unit_id]
    if spec.action_type == ActionType.LEAVE_OF_ABSENCE:
        changes["is_on_leave"] = True
    elif spec.action_type == ActionType.REINSTATEMENT:
        changes["is_on_leave"] = False
    return dataclasses.replace(current, **changes)  # type: ignore[arg-type]


_REQUIRED = {
    ActionType.PROMOTION: (("position_id",), "昇任には新しい職が必要です"),
    ActionType.GRADE_PROMOTION: (("grade",), "昇格には新しい級が必要です"),
    ActionType.STEP_INCREASE: (("step",), "昇給には新しい号給が必要です"),
    ActionType.TRANSFER: (("org_unit_id", "position_id"), "異動には新しい所属または職が必要です"),
}


def _plan_primary_change(spec: ActionSpec, primary: Period | None, plan: Plan, authority: Mapping[int, int]) -> None:
    on = spec.effective_on
    if primary is None:
        plan.problems.append(("employee", "発令日に在職していません(本務の任用がありません)"))
        return
    if primary.valid_from >= on:
        plan.problems.append(("effective_on", f"発令日({on.isoformat()})に始まる任用が既にあります"))
        return
    needed, message = _REQUIRED.get(ActionType(spec.action_type), ((), ""))
    field_name = needed[0].removesuffix("_id") if needed else "action_type"
    if needed and not any(spec.values.get(name) not in (None, "") for name in needed):
        plan.problems.append((field_name, message))
        return
    if spec.action_type == ActionType.LEAVE_OF_ABSENCE and primary.post.is_on_leave:
        plan.problems.append(("action_type", "既に休職中です"))
        return
    if spec.action_type == ActionType.REINSTATEMENT and not primary.post.is_on_leave:
        plan.problems.append(("action_type", "休職中ではないため復職できません"))
        return
    new_post = _changed(primary.post, spec, authority)
    if new_post == primary.post:
        plan.problems.append(("action_type", "変更される内容がありません"))
        return
    plan.closes.append((primary, on - ONE_DAY))
    plan.opens.append(Period(post=new_post, valid_from=on, valid_to=primary.valid_to))


def _plan_separation(spec: ActionSpec, primary: Period | None, concurrent: list[Period], plan: Plan) -> None:
    on = spec.effective_on
    if primary is None:
        plan.problems.append(("employee", "退職日に在職していません(本務の任用がありません)"))
        return
    if primary.valid_to is None or primary.valid_to > on:
        plan.closes.append((primary, on))
    for period in concurrent:
        if period.valid_to is None or period.valid_to > on:
            plan.closes.append((period, on))
    plan.separated_on = on


def _plan_concurrent(spec: ActionSpec, primary: Period | None, concurrent: list[Period], plan: Plan) -> None:
    on = spec.effective_on
    unit_id = _int(spec.values.get("org_unit_id"))
    if unit_id is None:
        plan.problems.append(("org_unit", "兼務・併任の所属が必要です"))
        return
    if spec.action_type == ActionType.CONCURRENT_END:
        match = [p for p in concurrent if p.post.org_unit_id == unit_id]
        if not match:
            plan.problems.append(("org_unit", "解除する兼務・併任がありません"))
            return
        plan.closes.extend((p, on - ONE_DAY) for p in match)
        return
    if primary is None:
        plan.problems.append(("employee", "発令日に在職していません(本務の任用がありません)"))
        return
    if spec.end_on is not None and spec.end_on < on:
        plan.problems.append(("end_on", "終了日が発令日より前です"))
        return
    if any(p.post.org_unit_id == unit_id for p in concurrent):
        plan.problems.append(("org_unit", "同じ所属の兼務・併任が既にあります"))
        return
    kind = spec.post_kind if spec.post_kind in (AssignmentKind.CONCURRENT, AssignmentKind.SECONDMENT) else "concurrent"
    post = dataclasses.replace(
        primary.post,
        org_unit_id=unit_id,
        position_id=_int(spec.values.get("position_id")),
        salary_schedule_id=None,
        grade=None,
        step=None,
        is_on_leave=False,
        kind=kind,
    )
    plan.opens.append(Period(post=post, valid_from=on, valid_to=spec.end_on))


def plan_action(
    spec: ActionSpec,
    *,
    primary: Period | None,
    concurrent: list[Period],
    unit_authority: Mapping[int, int],
) -> Plan:
    """What applying ``spec`` does, given the primary post in force on the 発令日 (or None),
    the concurrent posts in force then, and each unit's 任命権者 (unit id → authority id).

    ``plan.problems`` (Japanese) is non-empty when the action cannot be applied.
    """
    plan = Plan()
    action_type = spec.action_type
    if action_type == ActionType.HIRE:
        if primary is not None:
            plan.problems.append(("employee", "発令日に既に在職しています(採用できません)"))
            return plan
        post = _new_primary(spec, unit_authority)
        if isinstance(post, tuple):
            plan.problems.append(post)
            return plan
        plan.opens.append(Period(post=post, valid_from=spec.effective_on, valid_to=None))
        plan.clears_separation = True
    elif action_type in PRIMARY_CHANGES:
        _plan_primary_change(spec, primary, plan, unit_authority)
    elif action_type in SEPARATIONS:
        _plan_separation(spec, primary, concurrent, plan)
    elif action_type in CONCURRENT_TYPES:
        _plan_concurrent(spec, primary, concurrent, plan)
    else:
        plan.problems.append(("action_type", f"未知の発令種別です: {action_type}"))
    return plan
