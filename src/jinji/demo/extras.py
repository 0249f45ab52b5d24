"""The domain apps' demo data, added to デモ市 by ``jinji seed-demo`` after the city itself.

Each app keeps its demo seeder next to its own code (a service or a ``demo`` module); this module is
the one list of them. ``jinji.demo`` sits above every domain app, so it may import them, and the list
runs lowest layer first (talent → attendance → applications → evaluation …), so a step may rely on the
data of the steps before it. To add one: write ``def _mine(ctx: DemoContext) -> str`` calling your
app's seeder and add a :class:`DemoStep` with a new ``key`` at its layer's place in :data:`DEMO_STEPS`.

Each step runs once per organization, in its own transaction together with an audit event
(``demo.extra``, target id = the step's key) that marks it done; ``seed-demo --if-empty`` on an
existing デモ市 therefore adds only the steps registered since, and running it again changes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import transaction

from jinji.accounts.models import User
from jinji.audit.models import AuditEvent
from jinji.audit.services import audit_record
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context

DONE_ACTION = "demo.extra"
HR_LOGIN = "demo-hr"


@dataclass(frozen=True, slots=True)
class DemoContext:
    organization: Organization
    hr: User
    """デモ市's 人事担当 (``demo-hr``): the acting user of every step."""
    on: datetime.date
    """Today (the demo's reference day for grants and scenarios)."""
    seed: int


@dataclass(frozen=True, slots=True)
class DemoStep:
    key: str
    """Stable identifier, recorded when the step is done (never rename one)."""
    label: str
    run: Callable[[DemoContext], str]
    """Adds the data; returns a one-line summary in Japanese."""
    made_before: Callable[[DemoContext], bool] | None = None
    """True when the data is already there from before this list existed (a separate command)."""


def _talent_made(ctx: DemoContext) -> bool:
    from jinji.talent.events import DEMO_SEED

    return AuditEvent.objects.filter(organization_id=ctx.organization.pk, action=DEMO_SEED).exists()


def _talent(ctx: DemoContext) -> str:
    from jinji.talent.demo import talent_demo_seed

    counts = talent_demo_seed(organization=ctx.organization, on=ctx.on, seed=ctx.seed)
    return "、".join(f"{k} {v:,}" for k, v in counts.items())


def _leave(ctx: DemoContext) -> str:
    from jinji.attendance.services.definitions import attendance_definitions_seed
    from jinji.attendance.services.leave import leave_grant_year

    made = leave_grant_year(acting_user=ctx.hr, year=ctx.on.year)
    routes = attendance_definitions_seed(acting_user=ctx.hr)
    return f"{ctx.on.year}年の年次休暇 {made:,} 人、承認ルート {len(routes)} 件"


def _work_locations(ctx: DemoContext) -> str:
    from jinji.attendance.demo import attendance_demo_seed

    counts = attendance_demo_seed(acting_user=ctx.hr, on=ctx.on, seed=ctx.seed)
    return "、".join(f"{k} {v:,}" for k, v in counts.items()) or "追加なし"


def _attendance_months(ctx: DemoContext) -> str:
    """The two calendar months before today: a month's pay reads that month's 勤怠 for the regular staff
    and the month before for 会計年度任用職員 paid in arrears, so last month's run is complete."""
    from jinji.attendance.demo_month import attendance_demo_months

    last = (ctx.on.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    before = (last - datetime.timedelta(days=1)).replace(day=1)
    counts = attendance_demo_months(acting_user=ctx.hr, months=(before, last), seed=ctx.seed)
    return "、".join(f"{k} {v:,}" for k, v in counts.items()) or "追加なし"


def _application_routes(ctx: DemoContext) -> str:
    from jinji.applications.services.definitions import definitions_seed

    outcomes = definitions_seed(acting_user=ctx.hr)
    return f"承認ルート {sum(1 for o in outcomes if o.created)} 件"


def _payroll(ctx: DemoContext) -> str:
    from jinji.payroll.demo import seed_demo_payroll

    counts = seed_demo_payroll(organization=ctx.organization, acting_user=ctx.hr, on=ctx.on, seed=ctx.seed)
    return "、".join(f"{k} {v:,}" for k, v in counts.items())


def _evaluation_made(ctx: DemoContext) -> bool:
    from jinji.evaluation.models import Cycle

    return Cycle.objects.for_organization(ctx.organization).exists()


def _evaluation(ctx: DemoContext) -> str:
    from jinji.demo.people import HEAD_UNIT
    from jinji.evaluation.demo import seed_demo_evaluation
    from jinji.org.models import OrgUnit

    head = OrgUnit.objects.for_organization(ctx.organization).filter(code=HEAD_UNIT).values_list("pk", flat=True)
    counts = seed_demo_evaluation(ctx.organization, hr=ctx.hr, on=ctx.on, head_unit_id=head.first(), seed=ctx.seed)
    return "、".join(f"{k} {v:,}" for k, v in counts.items())


DEMO_STEPS: tuple[DemoStep, ...] = (
    DemoStep("talent", "人材育成のシナリオ", _talent, made_before=_talent_made),
    DemoStep("attendance.leave", "年次休暇の付与と休暇・時間外の承認ルート", _leave),
    DemoStep("attendance.locations", "勤務場所・勤務時間の割振り・テレワークの実績", _work_locations),
    DemoStep("attendance.months", "前2か月の打刻・出勤簿の確認・勤怠締め", _attendance_months),
    DemoStep("payroll.settings", "給与の設定(支給日・振込元口座・予算科目・社会保険・報酬・控除・住民税)", _payroll),
    DemoStep("applications.routes", "庶務事務の承認ルート", _application_routes),
    DemoStep(
        "evaluation.cycles", "人事評価の能力評価・業績評価サイクル(確定まで)", _evaluation, made_before=_evaluation_made
    ),
)
"""Lowest layer first (see the import-linter layers in pyproject.toml)."""


@dataclass(frozen=True, slots=True)
class StepOutcome:
    key: str
    label: str
    ran: bool
    summary: str = ""


def steps_done(organization: Organization) -> set[str]:
    rows = AuditEvent.objects.filter(organization_id=organization.pk, action=DONE_ACTION)
    return set(rows.values_list("target_id", flat=True))


def run_demo_extras(
    *,
    organization: Organization,
    on: datetime.date,
    seed: int = 1,
    steps: Sequence[DemoStep] = DEMO_STEPS,
    progress: Callable[[StepOutcome], None] | None = None,
) -> list[StepOutcome]:
    """Run each step not yet done for ``organization``, in order; each in one transaction with its marker."""
    with tenant_context(organization):
        hr = User.objects.filter(organization=organization, username=HR_LOGIN, is_active=True).first()
        if hr is None:
            raise DomainError(f"デモ市の人事担当({HR_LOGIN})がいません。先に jinji seed-demo を実行してください")
        ctx = DemoContext(organization=organization, hr=hr, on=on, seed=seed)
        done = steps_done(organization)
        outcomes: list[StepOutcome] = []
        for step in steps:
            if step.key in done or (step.made_before is not None and step.made_before(ctx)):
                outcome = StepOutcome(step.key, step.label, ran=False)
            else:
                with transaction.atomic():
                    summary = step.run(ctx)
                    audit_record(
                        actor=hr,
                        action=DONE_ACTION,
                        target_type="demo.step",
                        target_id=step.key,
                        target_label=step.label,
                        organization_id=organization.pk,
                        after={"summary": summary, "on": on, "seed": seed},
                    )
                outcome = StepOutcome(step.key, step.label, ran=True, summary=summary)
            outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    return outcomes
