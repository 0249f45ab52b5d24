"""seed-demo's extras: each app's demo data added once, in order, all-or-nothing per step; later steps still run."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from jinji.applications.kinds import KINDS
from jinji.attendance.models import EntryKind, LeaveEntry
from jinji.audit.models import AuditEvent
from jinji.core.errors import DomainError
from jinji.core.models import Organization
from jinji.core.tenancy import tenant_context
from jinji.demo.extras import DEMO_STEPS, DemoContext, DemoStep, run_demo_extras
from jinji.demo.seed import DEMO_ORGANIZATION_CODE, seed_demo
from jinji.talent.models import Course
from jinji.workflow.models import WorkflowDefinition

pytestmark = pytest.mark.django_db
ON = datetime.date(2026, 11, 2)
ROUTES = next(s for s in DEMO_STEPS if s.key == "applications.routes")


@pytest.fixture
def city() -> Organization:
    seed_demo(employees=200, seed=1, as_of=datetime.date(2026, 4, 1))
    return Organization.objects.get(code=DEMO_ORGANIZATION_CODE)


def _routes(org: Organization) -> set[str]:
    with tenant_context(org):
        return set(WorkflowDefinition.objects.values_list("application_type", flat=True))


def test_every_step_runs_once_in_order(city: Organization) -> None:
    first = run_demo_extras(organization=city, on=ON)
    assert [(o.key, o.ran) for o in first] == [(s.key, True) for s in DEMO_STEPS]
    assert set(KINDS) <= _routes(city), "every 庶務事務 type has its route"
    with tenant_context(city):
        grants = LeaveEntry.objects.filter(entry_kind=EntryKind.GRANT).count()
        assert grants > 150, "this year's 年次休暇 for (nearly) everyone"
        assert Course.objects.exists(), "the talent scenarios"
    again = run_demo_extras(organization=city, on=ON)
    assert [o.ran for o in again] == [False] * len(DEMO_STEPS)
    with tenant_context(city):
        assert LeaveEntry.objects.filter(entry_kind=EntryKind.GRANT).count() == grants
    marks = AuditEvent.objects.filter(organization=city, action="demo.extra")
    assert sorted(marks.values_list("target_id", flat=True)) == sorted(s.key for s in DEMO_STEPS)


def test_a_step_registered_later_runs_on_an_existing_city(city: Organization) -> None:
    run_demo_extras(organization=city, on=ON)
    seen: list[DemoContext] = []

    def later(ctx: DemoContext) -> str:
        seen.append(ctx)
        return "追加"

    outcomes = run_demo_extras(organization=city, on=ON, steps=(*DEMO_STEPS, DemoStep("later", "後の機能", later)))
    assert [o.key for o in outcomes if o.ran] == ["later"]
    assert [(c.hr.username, c.on) for c in seen] == [("demo-hr", ON)]


def test_a_failing_step_changes_nothing_and_is_retried(city: Organization) -> None:
    def routes_then_fail(ctx: DemoContext) -> str:
        ROUTES.run(ctx)
        raise DomainError("失敗")

    broken = DemoStep("applications.routes", "庶務事務の承認ルート", routes_then_fail)
    with pytest.raises(DomainError, match="失敗"):
        run_demo_extras(organization=city, on=ON, steps=(broken,))
    assert not set(KINDS) & _routes(city), "the step's writes are rolled back"
    assert not AuditEvent.objects.filter(organization=city, action="demo.extra").exists()
    assert [o.ran for o in run_demo_extras(organization=city, on=ON, steps=(ROUTES,))] == [True]


def test_talent_scenarios_loaded_by_the_old_command_are_not_loaded_twice(city: Organization) -> None:
    call_command("talent_seed_demo", "--organization", DEMO_ORGANIZATION_CODE, stdout=StringIO())
    outcomes = {o.key: o.ran for o in run_demo_extras(organization=city, on=ON)}
    assert outcomes["talent"] is False
    assert outcomes["applications.routes"] is True


def test_seed_demo_alone_gives_the_full_demo_and_is_idempotent() -> None:
    out = StringIO()
    call_command("seed_demo", "--employees", "200", "--seed", "1", "--if-empty", stdout=out)
    assert "庶務事務の承認ルート: 承認ルート" in out.getvalue()
    org = Organization.objects.get(code=DEMO_ORGANIZATION_CODE)
    assert set(KINDS) <= _routes(org)
    again = StringIO()
    call_command("seed_demo", "--employees", "200", "--seed", "1", "--if-empty", stdout=again)
    assert "作成を省略しました" in again.getvalue()
    assert again.getvalue().count("追加済み") == len(DEMO_STEPS)


def test_city_only_skips_the_extras() -> None:
    call_command("seed_demo", "--employees", "60", "--city-only", stdout=StringIO())
    org = Organization.objects.get(code=DEMO_ORGANIZATION_CODE)
    assert _routes(org) == set()
    assert not AuditEvent.objects.filter(organization=org, action="demo.extra").exists()
