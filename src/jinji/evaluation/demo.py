"""デモ市の人事評価: a whole 能力評価 and 業績評価 cycle, from the national templates to 確定.

For the demo municipality (after ``jinji seed-demo``): both cycles are created with the national
model templates (総務省の様式), sheets are generated for every employee (evaluators resolved from the
org tree on the 評価基準日), and a few dozen sheets are carried through the real services to each
stage: 自己評価 submitted (一次評価待ち), 二次評価待ち, 調整待ち, and 確定 with ratings, starting with
demo-head's unit so demo-head finds evaluations to do. The HR dashboard then shows progress,
overdue items and the distribution of ratings; ``performance_ratios()`` gives the bonus run its
成績率 bands and the step-increase proposal has 能力評価 results to read.

Staff who act on a sheet (the employee, the 一次・二次評価者) need a login; those who have none get
one that cannot sign in (``demo-ev-<職員番号>``, unusable password), so the audit trail names them.
The cycles' default adjuster (調整者) is demo-hr's employee.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.evaluation.models import Cycle, CycleKind, Sheet, SheetTemplate, Stage
from jinji.evaluation.scoring import allowed_ratings, rules_for
from jinji.evaluation.services import (
    CycleInput,
    GoalInput,
    RatingInput,
    cycle_create,
    cycle_generate_sheets,
    goals_agree,
    goals_save,
    sheet_confirm,
    sheet_ratings_save,
    sheet_submit,
)
from jinji.evaluation.services.sheets import sheet_entries
from jinji.personnel.models import Employee

PROGRESS: tuple[tuple[str, int], ...] = (
    (Stage.CONFIRMED, 14),
    (Stage.ADJUST, 3),
    (Stage.SECOND, 3),
    (Stage.FIRST, 4),
)
"""How many sheets of each cycle are carried to each stage (the rest stay at 自己評価)."""
RATING_WEIGHTS = {"S": 4, "A": 22, "B": 58, "C": 13, "D": 3}
GOALS = (
    GoalInput("窓口・電話対応の待ち時間短縮", "平均待ち時間を前年度比1割短縮する", "standard", 40),
    GoalInput("担当業務の手順書の整備", "年度内に手順書を改訂し課内で共有する", "standard", 30),
    GoalInput("申請手続のオンライン化", "担当する申請1件をオンライン申請に移行する", "high", 30),
)
DEMO_LOGIN_PREFIX = "demo-ev-"


@dataclass(frozen=True, slots=True)
class Periods:
    performance: tuple[datetime.date, datetime.date]
    competency: tuple[datetime.date, datetime.date]


def periods_before(on: datetime.date) -> Periods:
    """The last half-year (業績評価: 4/1–9/30 or 10/1–3/31) and year (能力評価: 10/1–9/30) ended before ``on``."""
    year = on.year
    sep30 = datetime.date(year, 9, 30) if on > datetime.date(year, 9, 30) else datetime.date(year - 1, 9, 30)
    mar31 = datetime.date(year, 3, 31) if on > datetime.date(year, 3, 31) else datetime.date(year - 1, 3, 31)
    later_half = (datetime.date(sep30.year, 4, 1), sep30)
    half = later_half if sep30 > mar31 else (datetime.date(mar31.year - 1, 10, 1), mar31)
    return Periods(performance=half, competency=(datetime.date(sep30.year - 1, 10, 1), sep30))


def _cycle(
    hr: User, organization: Organization, kind: str, name: str, period: tuple[datetime.date, datetime.date]
) -> Cycle:
    start, end = period
    day = datetime.timedelta(days=1)
    templates = SheetTemplate.unscoped.filter(organization__isnull=True, kind=kind).values_list("pk", flat=True)
    cycle = cycle_create(
        acting_user=hr,
        organization_id=organization.pk,
        data=CycleInput(
            name=name,
            kind=kind,
            period_start=start,
            period_end=end,
            reference_date=end,
            self_due=end + 15 * day,
            first_due=end + 31 * day,
            second_due=end + 46 * day,
            adjust_due=end + 61 * day,
        ),
        template_ids=list(templates),
        adjuster=hr.employee,
    )
    cycle_generate_sheets(acting_user=hr, cycle=cycle)
    return cycle


def _chosen(cycle: Cycle, hr: User, head_unit_id: int | None, count: int) -> list[Sheet]:
    """Sheets with both evaluators resolved, demo-head's unit first, then whole units in code order."""
    sheets = list(
        Sheet.objects.for_organization(cycle.organization_id)
        .filter(cycle=cycle, first_evaluator__isnull=False, second_evaluator__isnull=False, adjuster__isnull=False)
        .exclude(employee_id=hr.employee_id)
        .select_related("cycle", "template")
        .order_by("unit_id", "employee_id")
    )
    sheets.sort(key=lambda s: (s.unit_id != head_unit_id, s.unit_id, s.employee_id))
    return sheets[:count]


def _logins(organization: Organization, sheets: Sequence[Sheet], hr: User) -> dict[int, User]:
    """employee id → the user acting for them; missing ones are created (no password: cannot sign in)."""
    people = [hr.employee_id] + [
        e for s in sheets for e in (s.employee_id, s.first_evaluator_id, s.second_evaluator_id, s.adjuster_id)
    ]
    needed = {e for e in people if e is not None}
    users: dict[int, User] = {
        u.employee_id: u
        for u in User.objects.filter(organization=organization, employee_id__in=needed)
        if u.employee_id is not None
    }
    staff_numbers = dict(
        Employee.objects.for_organization(organization).filter(pk__in=needed).values_list("pk", "staff_number")
    )
    for employee_id in sorted(needed - set(users)):
        user = User(organization=organization, username=f"{DEMO_LOGIN_PREFIX}{staff_numbers[employee_id]}")
        user.employee_id = employee_id
        user.set_unusable_password()
        user.save()
        users[employee_id] = user
    return users


def _rate(sheet: Sheet, stage: str, user: User, rating: str) -> Sheet:
    allowed = allowed_ratings(rules_for(sheet.cycle.reference_date), sheet.template.scale)
    value = rating if rating in allowed else allowed[len(allowed) // 2]
    entries = sheet_entries(sheet)
    return sheet_ratings_save(
        acting_user=user, sheet=sheet, stage=stage, ratings={e.key: RatingInput(value) for e in entries}
    )


def _advance(sheet: Sheet, target: str, users: dict[int, User], rating: str) -> Sheet:
    """Carry ``sheet`` through the stages up to ``target`` with the real services (each audited)."""
    me = users[sheet.employee_id]
    if sheet.cycle.kind == CycleKind.PERFORMANCE:
        assert sheet.first_evaluator_id is not None
        goals_save(acting_user=me, sheet=sheet, goals=list(GOALS))
        sheet = goals_agree(acting_user=users[sheet.first_evaluator_id], sheet=sheet)
    steps = [
        (Stage.SELF, me, "B"),
        (Stage.FIRST, users[sheet.first_evaluator_id or 0], rating),
        (Stage.SECOND, users[sheet.second_evaluator_id or 0], rating),
    ]
    order = [Stage.FIRST, Stage.SECOND, Stage.ADJUST, Stage.CONFIRMED]
    for stage, actor, given in steps[: order.index(Stage(target)) + 1]:
        sheet = _rate(sheet, stage, actor, given)
        sheet = sheet_submit(acting_user=actor, sheet=sheet)
    if target == Stage.CONFIRMED:
        allowed = allowed_ratings(rules_for(sheet.cycle.reference_date), sheet.template.scale)
        adjuster = users[sheet.adjuster_id or 0]
        sheet = sheet_confirm(acting_user=adjuster, sheet=sheet, final_rating=rating if rating in allowed else "B")
    return sheet


def seed_demo_evaluation(
    organization: Organization, *, hr: User, on: datetime.date, head_unit_id: int | None = None, seed: int = 1
) -> dict[str, int]:
    """Both cycles of the year before ``on`` with sheets at every stage; returns counts by what was made."""
    if Cycle.objects.for_organization(organization).exists():
        raise DomainError("このデモ団体には既に評価サイクルがあります")
    rng = random.Random(seed)  # noqa: S311  (synthetic demo data, not security)
    periods = periods_before(on)
    counts: dict[str, int] = {}
    with transaction.atomic():
        for kind, label, period in (
            (CycleKind.COMPETENCY, "能力評価", periods.competency),
            (CycleKind.PERFORMANCE, "業績評価", periods.performance),
        ):
            cycle = _cycle(hr, organization, kind, f"{period[1].year}年{period[1].month}月期 {label}", period)
            total = sum(n for _, n in PROGRESS)
            sheets = _chosen(cycle, hr, head_unit_id, total)
            users = _logins(organization, sheets, hr)
            targets = [stage for stage, n in PROGRESS for _ in range(n)]
            for sheet, target in zip(sheets, targets, strict=False):
                rating = rng.choices(list(RATING_WEIGHTS), weights=list(RATING_WEIGHTS.values()))[0]
                _advance(sheet, target, users, rating)
            counts[f"{label}シート"] = Sheet.objects.for_organization(organization).filter(cycle=cycle).count()
            counts[f"{label}確定"] = (
                Sheet.objects.for_organization(organization).filter(cycle=cycle, stage=Stage.CONFIRMED).count()
            )
    return counts
