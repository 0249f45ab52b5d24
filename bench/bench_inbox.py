"""Benchmark: the workflow inbox and list pages with many employees and workflow instances (issue 4).

    .venv/bin/python bench/bench_inbox.py [--employees 100000] [--instances 200000] [--requests 20]
                                          [--database-url URL]

Seeds デモ市 with N staff, gives every employee a login (approvers and applicants need users),
publishes the default 庶務事務 routes and then writes M applications in the shapes the engine
leaves them (決裁済 60%, 承認待ち at step 1/2/3 25%, 差戻し 10%, 取下げ・却下 5%) with their
steps, tasks, timeline rows, お知らせ and, for the 決裁済 通勤届, a 認定簿 row — all with
``bulk_create`` in chunks (the engine's services are exercised by the test suite; here only the
data volume matters), then runs ``ANALYZE`` as autovacuum (PostgreSQL) or a nightly job (SQLite)
would after such a load: without statistics SQLite plans the OR of "my applications" and the
as-of filters on the tenant index alone. Each page is then requested repeatedly through Django's test Client as the
user who sees the most on it (給与担当 with the whole organization's 決裁 step, the 市民課長, the
庶務担当, a staff member) and p50/p95 server time and the query count are printed. In the same
run a naive inbox (every pending task loaded, then one query per row for its application and
step, counts in Python) is timed for comparison. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import benchkit

CHUNK = 5_000
START = datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)
SHAPES = (
    ("approved", 60),
    ("step1", 10),
    ("step2", 8),
    ("step3", 7),
    ("sent_back", 10),
    ("withdrawn", 3),
    ("rejected", 2),
)
STEPS = (("係長承認", "approval"), ("課長承認", "approval"), ("決裁", "final_approval"))
TYPES = (
    ("commuting_notification", 35),
    ("address_change", 20),
    ("dependents_notification", 15),
    ("housing_notification", 12),
    ("bank_account_change", 10),
    ("name_change", 8),
)


def give_everyone_a_login(org_id: int) -> dict[int, int]:
    """employee id → user id, creating unusable-password users for employees without one."""
    from jinji.accounts.models import User
    from jinji.personnel.models import Employee

    have = dict(User.objects.filter(organization_id=org_id, employee__isnull=False).values_list("employee_id", "pk"))
    missing = (
        Employee.unscoped.filter(organization_id=org_id).exclude(pk__in=list(have)).values_list("pk", "staff_number")
    )
    users = [
        User(organization_id=org_id, username=f"u{number}", password="!", employee_id=pk) for pk, number in missing
    ]
    User.objects.bulk_create(users, batch_size=2_000)
    return dict(User.objects.filter(organization_id=org_id, employee__isnull=False).values_list("employee_id", "pk"))


def unit_heads(org_id: int, on: datetime.date, user_of: dict[int, int], fallback: int) -> dict[int, int]:
    """unit id → the user id of the nearest 所属長 walking up (the route's 係長/課長 steps, simplified)."""
    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Assignment

    parent = dict(
        OrgUnitVersion.unscoped.filter(as_of_q(on), organization_id=org_id).values_list("unit_id", "parent_id")
    )
    heads: dict[int, int] = {}
    rows = Assignment.unscoped.filter(as_of_q(on), organization_id=org_id, position__is_unit_head=True).values_list(
        "org_unit_id", "employee_id"
    )
    for unit_id, employee_id in rows:
        if employee_id in user_of:
            heads.setdefault(unit_id, user_of[employee_id])
    result: dict[int, int] = {}
    for unit_id in parent:
        current: int | None = unit_id
        seen = 0
        while current is not None and current not in heads and seen < 20:
            current, seen = parent.get(current), seen + 1
        result[unit_id] = heads.get(current, fallback) if current is not None else fallback
    return result


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    names, weights = zip(*table, strict=True)
    return rng.choices(names, weights=weights)[0]


class Writer:
    """Builds and bulk-inserts one chunk of applications with their rows."""

    def __init__(self, org_id: int, versions: dict[str, int], payroll: int, hr: int) -> None:
        self.org_id, self.versions, self.payroll, self.hr = org_id, versions, payroll, hr
        self.counts: dict[str, int] = defaultdict(int)
        self.determined: set[int] = set()

    def _final(self, app_type: str) -> int:
        return self.hr if app_type in ("address_change", "name_change") else self.payroll

    def write(self, specs: list[dict[str, Any]]) -> None:
        from jinji.workflow.models import WorkflowInstance

        instances = [
            WorkflowInstance(
                organization_id=self.org_id,
                definition_version_id=self.versions[s["type"]],
                application_type=s["type"],
                applicant_employee_id=s["employee"],
                applicant_id=s["user"],
                entered_by_id=s["entered_by"],
                applicant_unit_id=s["unit"],
                applicant_name=s["name"],
                applicant_unit_name=s["unit_name"],
                subject=f"申請 {s['on'].isoformat()}",
                payload={"distance_km": "12.3", "method": "vehicle", "route": "自宅〜市役所"},
                effective_on=s["on"],
                status=s["status"],
                round=1,
                submitted_at=s["at"],
                completed_at=s["at"] + datetime.timedelta(days=3)
                if s["status"] in ("approved", "withdrawn", "rejected")
                else None,
            )
            for s in specs
        ]
        WorkflowInstance.objects.bulk_create(instances, batch_size=1_000)
        self.counts["instances"] += len(instances)
        self._children(instances, specs)

    def _children(self, instances: list[Any], specs: list[dict[str, Any]]) -> None:
        from jinji.applications.models import AllowanceDetermination
        from jinji.core.bulk import RowUpdater
        from jinji.workflow.models import ActionLog, Notification, StepState, Task

        steps = [st for inst, s in zip(instances, specs, strict=True) for st in self._steps(inst, s)]
        StepState.objects.bulk_create(steps, batch_size=2_000)
        tasks: list[Any] = []
        logs: list[Any] = []
        notes: list[Any] = []
        current: list[tuple[int, int | None]] = []
        for i, (inst, s) in enumerate(zip(instances, specs, strict=True)):
            mine = steps[3 * i : 3 * i + 3]
            active = next((st for st in mine if st.status == "active"), None)
            current.append((inst.pk, active.pk if active else None))
            self._history(inst, s, mine, tasks, logs, notes)
        Task.objects.bulk_create(tasks, batch_size=2_000)
        ActionLog.objects.bulk_create(logs, batch_size=2_000)
        Notification.objects.bulk_create(notes, batch_size=2_000)
        RowUpdater(type(instances[0]), ["current_step_id"], organization_id=self.org_id).update(current)
        determinations = self._determinations(instances, specs)
        AllowanceDetermination.objects.bulk_create(determinations, batch_size=2_000)
        for name, rows in (
            ("steps", steps),
            ("tasks", tasks),
            ("logs", logs),
            ("notifications", notes),
            ("determinations", determinations),
        ):
            self.counts[name] += len(rows)

    def _steps(self, inst: Any, s: dict[str, Any]) -> list[Any]:
        from jinji.workflow.models import StepState

        approvers = [s["head"], s["head"], self._final(s["type"])]
        active = {"step1": 1, "step2": 2, "step3": 3}.get(s["shape"])
        result = []
        for order, (name, kind) in enumerate(STEPS, 1):
            if s["shape"] == "approved" or (active is not None and order < active):
                status = "completed"
            elif active == order:
                status = "active"
            elif s["shape"] in ("sent_back", "rejected", "withdrawn") and order == 1:
                status = "closed"
            else:
                status = "waiting"
            result.append(
                StepState(
                    organization_id=self.org_id,
                    instance_id=inst.pk,
                    round=1,
                    order=order,
                    name=name,
                    kind=kind,
                    status=status,
                    slots=[[approvers[order - 1]]],
                    activation=1 if status != "waiting" else 0,
                    activated_at=s["at"],
                )
            )
        return result

    def _history(
        self, inst: Any, s: dict[str, Any], steps: list[Any], tasks: list[Any], logs: list[Any], notes: list[Any]
    ) -> None:
        """Tasks, timeline rows and お知らせ of one application, as the engine would have left them."""
        from jinji.workflow.models import ActionLog, Notification, Task

        org = self.org_id
        logs.append(
            ActionLog(organization_id=org, instance_id=inst.pk, action="submit", actor_id=s["entered_by"], round=1)
        )
        for st in steps:
            who = st.slots[0][0]
            task = Task(
                organization_id=org,
                instance_id=inst.pk,
                step_id=st.pk,
                assignee_id=who,
                application_type=inst.application_type,
                applicant_unit_id=inst.applicant_unit_id,
            )
            if st.status == "completed":
                task.status, task.acted_by_id, task.acted_at = "approved", who, s["at"]
                action = "final_approve" if st.order == 3 else "approve"
                logs.append(
                    ActionLog(
                        organization_id=org,
                        instance_id=inst.pk,
                        action=action,
                        actor_id=who,
                        round=1,
                        step_order=st.order,
                        step_name=st.name,
                    )
                )
            elif st.status == "active":
                message = f"申請「{inst.subject}」の{st.name}をお願いします"
                notes.append(
                    Notification(
                        organization_id=org,
                        recipient_id=who,
                        kind="task_assigned",
                        instance_id=inst.pk,
                        message=message,
                    )
                )
            elif st.status == "closed":
                task.status, task.acted_at, task.comment = (
                    "sent_back" if s["shape"] == "sent_back" else "skipped",
                    s["at"],
                    "再確認してください",
                )
            else:
                continue
            tasks.append(task)
        if s["shape"] == "approved":
            message = f"「{inst.subject}」が決裁されました"
            notes.append(
                Notification(
                    organization_id=org, recipient_id=s["user"], kind="decided", instance_id=inst.pk, message=message
                )
            )

    def _determinations(self, instances: list[Any], specs: list[dict[str, Any]]) -> list[Any]:
        """A 認定簿 row for the first 決裁済 通勤届 of each employee."""
        from jinji.applications.models import AllowanceDetermination

        rows = []
        for inst, s in zip(instances, specs, strict=True):
            if s["shape"] != "approved" or s["type"] != "commuting_notification" or s["employee"] in self.determined:
                continue
            self.determined.add(s["employee"])
            rows.append(
                AllowanceDetermination(
                    organization_id=self.org_id,
                    employee_id=s["employee"],
                    kind="commuting",
                    basis={"distance_m": 12300},
                    monthly_amount=7_100,
                    nontaxable_amount=7_100,
                    taxable_amount=0,
                    decided_by_id=self.payroll,
                    decided_at=s["at"],
                    valid_from=s["on"],
                    source_application_id=inst.pk,
                )
            )
        return rows


@dataclass
class Population:
    """Who files and who approves: employees with their post, login, unit name and approver."""

    posts: list[tuple[int, int]]
    user_of: dict[int, int]
    unit_names: dict[int, str]
    people: dict[int, str]
    heads: dict[int, int]
    head: int
    staff: tuple[int, int]
    clerk: int


def population(org_id: int, on: datetime.date) -> Population:
    from jinji.accounts.models import User
    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Assignment, Employee

    user_of = give_everyone_a_login(org_id)
    head = User.objects.get(username="demo-head").pk
    primary = Assignment.unscoped.filter(as_of_q(on), organization_id=org_id, kind="primary")
    posts = list(primary.values_list("employee_id", "org_unit_id"))
    staff = User.objects.get(username="demo-staff")
    staff_unit = next(u for e, u in posts if e == staff.employee_id)
    units = OrgUnitVersion.unscoped.filter(as_of_q(on), organization_id=org_id)
    return Population(
        posts=posts,
        user_of=user_of,
        unit_names=dict(units.values_list("unit_id", "name")),
        people=dict(Employee.unscoped.filter(organization_id=org_id).values_list("pk", "family_name")),
        heads=unit_heads(org_id, on, user_of, fallback=head),
        head=head,
        staff=(staff.employee_id or 0, staff_unit),
        clerk=User.objects.get(username="demo-clerk").pk,
    )


def _spec(n: int, rng: random.Random, pop: Population, on: datetime.date) -> dict[str, Any]:
    """The n-th application: every 1,000th is demo-staff's own; every 50th entered by the 庶務担当."""
    employee, unit = pop.staff if n % 1000 == 0 else rng.choice(pop.posts)
    user = pop.user_of[employee]
    shape = _weighted(rng, SHAPES)
    return {
        "employee": employee,
        "user": user,
        "entered_by": pop.clerk if n % 50 == 7 else user,
        "unit": unit,
        "unit_name": pop.unit_names.get(unit, ""),
        "name": pop.people.get(employee, ""),
        "head": pop.heads.get(unit, pop.head),
        "type": _weighted(rng, TYPES),
        "shape": shape,
        "status": "in_progress" if shape.startswith("step") else shape,
        "on": on + datetime.timedelta(days=n % 360),
        "at": START + datetime.timedelta(minutes=n),
    }


def build(org_id: int, instances: int, on: datetime.date) -> dict[str, int]:
    """The default routes, a login for everyone, then ``instances`` applications in chunks."""
    from django.db import transaction

    from jinji.accounts.models import User
    from jinji.applications.services.definitions import definitions_seed
    from jinji.workflow.models import WorkflowDefinition

    rng = random.Random(4)
    hr = User.objects.get(username="demo-hr")
    definitions_seed(acting_user=hr)
    versions = dict(WorkflowDefinition.objects.values_list("application_type", "current_version_id"))
    pop = population(org_id, on)
    writer = Writer(org_id, versions, User.objects.get(username="demo-payroll").pk, hr.pk)
    for first in range(0, instances, CHUNK):
        specs = [_spec(n, rng, pop, on) for n in range(first, min(instances, first + CHUNK))]
        with transaction.atomic():
            writer.write(specs)
    return dict(writer.counts)


def _measure(
    client: Any, pages: list[tuple[str, str, dict[str, str]]], repeat: int
) -> dict[str, list[tuple[float, int]]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for _ in range(repeat):
        for label, path, params in pages:
            started = time.perf_counter()
            response = client.get(path, params)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (path, response.status_code)
            results[label].append((elapsed, -1))
    for label, path, params in pages:
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        results[label] = [(t, len(queries.captured_queries)) for t, _ in results[label]]
    return results


def naive_inbox(user_id: int) -> tuple[float, int]:
    """Every pending task loaded; one query per row of the first page for its application and step."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.workflow.models import StepState, Task, WorkflowInstance

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        pending = sorted(
            Task.unscoped.filter(assignee_id=user_id, status="pending"), key=lambda t: (t.created_at, t.pk)
        )
        counts: dict[str, int] = defaultdict(int)
        types = dict(
            WorkflowInstance.unscoped.filter(pk__in=[t.instance_id for t in pending]).values_list(
                "pk", "application_type"
            )
        )
        for task in pending:
            counts[types[task.instance_id]] += 1
        for task in pending[:50]:
            WorkflowInstance.unscoped.get(pk=task.instance_id)
            StepState.unscoped.get(pk=task.step_id)
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries)


def _line(label: str, samples: list[tuple[float, int]]) -> str:
    times = [t * 1000 for t, _ in samples]
    q = {c for _, c in samples}
    return (
        f"  {benchkit.pad(label, 30)} n={len(samples):>3}  p50 {statistics.median(times):7.1f} ms  "
        f"p95 {benchkit.percentile(times, 95):7.1f} ms  queries {'/'.join(str(c) for c in sorted(q))}"
    )


def pages_for(users: dict[str, Any], sample_instance: int, unit: int) -> list[tuple[str, Any, str, dict[str, str]]]:
    return [
        ("inbox (給与担当)", users["payroll"], "/workflow/inbox/", {}),
        ("inbox p.20 (給与担当)", users["payroll"], "/workflow/inbox/", {"page": "20"}),
        (
            "inbox 種別+日数 (給与担当)",
            users["payroll"],
            "/workflow/inbox/",
            {"type": "commuting_notification", "days": "30"},
        ),
        ("inbox (市民課長)", users["head"], "/workflow/inbox/", {}),
        ("inbox 所属 (市民課長)", users["head"], "/workflow/inbox/", {"unit": str(unit)}),
        ("申請一覧 (職員)", users["staff"], "/workflow/applications/", {}),
        ("申請一覧 決裁済 (庶務担当)", users["clerk"], "/workflow/applications/", {"status": "approved"}),
        ("所属の申請 (庶務担当)", users["clerk"], "/workflow/clerk/", {}),
        ("所属の申請 (人事担当・全庁)", users["hr"], "/workflow/clerk/", {"type": "address_change"}),
        ("お知らせ (給与担当)", users["payroll"], "/workflow/notifications/", {}),
        ("申請の詳細 (給与担当)", users["payroll"], f"/workflow/applications/{sample_instance}/", {}),
        ("認定簿 (給与担当)", users["payroll"], "/applications/determinations/", {"on": "2027-03-31"}),
        (
            "認定簿 所属 (給与担当)",
            users["payroll"],
            "/applications/determinations/",
            {"on": "2027-03-31", "unit": str(unit)},
        ),
        ("API inbox (給与担当)", users["payroll"], "/api/workflow/inbox", {}),
    ]


def measure_pages(users: dict[str, Any], org_id: int, repeat: int) -> dict[str, list[tuple[float, int]]]:
    """Each page of :func:`pages_for`, warmed up once, then ``repeat`` times (and once more for the queries)."""
    from django.test import Client

    from jinji.accounts.tokens import api_token_issue
    from jinji.personnel.models import Assignment
    from jinji.workflow.models import Task

    mine = Task.unscoped.filter(assignee=users["payroll"], status="pending")  # an application 給与担当 may open
    sample = mine.order_by("pk").values_list("instance_id", flat=True).first() or 0
    posts = Assignment.unscoped.filter(employee_id=users["staff"].employee_id, kind="primary")
    unit = posts.order_by("-valid_from").values_list("org_unit_id", flat=True).first() or 0
    results: dict[str, list[tuple[float, int]]] = {}
    for label, user, path, params in pages_for(users, sample, unit):
        client = Client()
        if path.startswith("/api/"):
            key = api_token_issue(acting_user=None, user=user, name="bench").key
            client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
        else:
            client.force_login(user)
        client.get(path, params)  # warm-up
        results.update(_measure(client, [(label, path, params)], repeat))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--instances", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    parser.add_argument("--database-url", default=None)
    parser.add_argument(
        "--reuse", action="store_true", help="with --database-url: skip seeding when デモ市 is already there"
    )
    args = parser.parse_args()
    benchkit.header(f"Workflow inbox and lists: {args.employees:,} employees, {args.instances:,} applications")
    url = benchkit.setup_django(args.database_url, "inbox")
    print(f"database: {url.split('@')[-1]}")
    from jinji.accounts.models import User
    from jinji.core.tenancy import tenant_context
    from jinji.demo.seed import demo_organization
    from jinji.workflow.models import Task, WorkflowInstance

    timings: dict[str, float] = {}
    reused = args.reuse and demo_organization() is not None
    if not reused:
        with benchkit.timed("seed-demo", timings):
            benchkit.seed(args.employees)
    users = {k: User.objects.get(username=f"demo-{k}") for k in ("payroll", "head", "staff", "clerk", "hr")}
    org_id = users["hr"].organization_id
    if not reused:
        with tenant_context(org_id), benchkit.timed("applications (bulk_create)", timings):
            counts = build(org_id, args.instances, datetime.date(2026, 4, 1))
        print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    else:
        print(f"  reusing the database: {WorkflowInstance.unscoped.count():,} applications")
    from django.db import connection

    with benchkit.timed("ANALYZE", timings), connection.cursor() as cursor:  # as autovacuum / a nightly job would
        cursor.execute("ANALYZE")
    for key in ("payroll", "head"):
        n = Task.unscoped.filter(assignee=users[key], status="pending").count()
        print(f"  pending in the inbox of demo-{key}: {n:,}")
    results = measure_pages(users, org_id, args.requests)
    print(f"pages via the test Client ({args.requests} requests each):")
    for label, samples in results.items():
        print(_line(label, samples))
    everything = [s for samples in results.values() for s in samples]
    print(_line("all pages", everything))
    naive = [naive_inbox(users["payroll"].pk) for _ in range(3)]
    print("naive inbox baseline (all pending tasks loaded, one query per row for application and step):")
    print(_line("naive inbox (給与担当)", naive))
    print(
        f"result: p50 {statistics.median([t for t, _ in everything]) * 1000:.1f} ms, "
        f"p95 {benchkit.percentile([t for t, _ in everything], 95) * 1000:.1f} ms over {len(everything)} requests; "
        f"naive inbox p50 {statistics.median([t for t, _ in naive]) * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
