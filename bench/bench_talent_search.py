"""Benchmark: 人材検索 and the スキルマップ over N staff, as 人事担当, vs a naive baseline in the same run.

    .venv/bin/python bench/bench_talent_search.py [--employees 20000] [--naive-employees 1000]
                                                  [--repeat 3] [--database-url URL] [--reuse]

Seeds デモ市 with N staff, then adds talent data in bulk (seeded, deterministic): confirmed DX
skills for ~60% (1–3 areas, levels 1–4), HR-verified IPA qualifications for ~30% (some 登録セキスペ
expired), a DX推進員 in ~80% of 課・出先機関, three courses with completions, this year's 自己申告
for ~40%. Signs in as demo-hr with Django's test Client and requests the search page with
varied filters (skill ≥ level, qualification, IPA level, completed course, past unit, role tag,
transfer wish, combinations, later pages) and the skill map at three depths and four levels,
recording the server time (the whole request in-process: middleware, selectors, template) and
the number of SQL queries. The naive baseline answers the same questions the obvious way: load
every employee, then per employee one query for skills, one for qualifications (search) or one
for the post and one for skills (map); it runs on ``--naive-employees`` and is extrapolated to N.
On PostgreSQL the script runs ``ANALYZE`` after loading, as autovacuum would shortly after a bulk
load: without statistics the planner takes every ``IN (subquery)`` for one row and nests loops
(a four-filter search then takes seconds instead of milliseconds). The skill map reads the
summary tables the confirmation service keeps (``jinji.talent.skill_summary``); the script times
their full rebuild, the fingerprint check each read pays, and a 所属長's confirmation (which moves
one count) separately, before the pages are requested. ``--reuse`` with ``--database-url`` skips
the seed and the talent data when the database already holds them. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import time
from collections import defaultdict
from typing import Any

import benchkit

Request = tuple[str, str, dict[str, str]]


def _add_talent_data(org_id: int, on: datetime.date, rng: random.Random) -> dict[str, int]:
    """Bulk-insert skills, qualifications, role tags, courses/enrolments and wishes; returns row counts."""
    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Assignment
    from jinji.talent.dates import fiscal_year_of
    from jinji.talent.models import (
        CareerWish,
        Course,
        EmployeeQualification,
        EmployeeSkill,
        Enrolment,
        Qualification,
        RoleTag,
        RoleTagAssignment,
        SkillArea,
        TrainingSession,
    )

    posts = list(
        Assignment.objects.filter(as_of_q(on), kind="primary")
        .values_list("employee_id", "org_unit_id")
        .order_by("employee_id")
    )
    areas = list(SkillArea.objects.values_list("pk", flat=True))
    quals = {q.code: q for q in Qualification.objects.filter(category="ipa")}
    skills, holdings, wishes, enrolments = [], [], [], []
    for employee_id, _ in posts:
        if rng.random() < 0.6:
            for area in rng.sample(areas, rng.randint(1, 3)):
                level = rng.choices([1, 2, 3, 4], weights=[40, 35, 18, 7])[0]
                skills.append(
                    EmployeeSkill(
                        organization_id=org_id, employee_id=employee_id, area_id=area, level=level, confirmed_on=on
                    )
                )
        if rng.random() < 0.3:
            for code in rng.sample(
                ["ipa_ip", "ipa_ip", "ipa_sg", "ipa_fe", "ipa_ap", "ipa_sc", "ipa_db", "ipa_pm"], rng.randint(1, 2)
            ):
                acquired = on - datetime.timedelta(days=rng.randint(30, 3000))
                expires = acquired + datetime.timedelta(days=3 * 365) if code == "ipa_sc" else None
                holdings.append(
                    EmployeeQualification(
                        organization_id=org_id,
                        employee_id=employee_id,
                        qualification=quals[code],
                        acquired_on=acquired,
                        expires_on=expires,
                        status="verified",
                    )
                )
        if rng.random() < 0.4:
            wishes.append(
                CareerWish(
                    organization_id=org_id,
                    employee_id=employee_id,
                    fiscal_year=fiscal_year_of(on),
                    transfer_wish=rng.choice(["stay", "transfer", "either"]),
                    career_intention=rng.choice(["specialist", "generalist", "management", "undecided"]),
                    dx_interest=rng.random() < 0.25,
                )
            )
    EmployeeSkill.objects.bulk_create(skills, batch_size=2000)
    EmployeeQualification.objects.bulk_create(holdings, batch_size=2000, ignore_conflicts=True)
    CareerWish.objects.bulk_create(wishes, batch_size=2000)
    leaf_units = set(
        OrgUnitVersion.objects.filter(as_of_q(on), level__in=["division", "office"]).values_list("unit_id", flat=True)
    )
    by_unit: defaultdict[int, list[int]] = defaultdict(list)
    for employee_id, unit_id in posts:
        by_unit[unit_id].append(employee_id)
    dx = RoleTag.objects.get(code="dx_promoter")
    tags = [
        RoleTagAssignment(
            organization_id=org_id,
            employee_id=rng.choice(people),
            tag=dx,
            org_unit_id=unit,
            valid_from=on - datetime.timedelta(days=200),
        )
        for unit, people in by_unit.items()
        if unit in leaf_units and rng.random() < 0.8
    ]
    RoleTagAssignment.objects.bulk_create(tags, batch_size=2000)
    for n, (code, name, kind, share) in enumerate(
        [
            ("R3", "係長級研修", "rank_based", 0.2),
            ("EL", "情報セキュリティeラーニング", "e_learning", 0.7),
            ("DXW", "DX推進員ワークショップ", "workshop", 0.05),
        ]
    ):
        course = Course.objects.create(organization_id=org_id, code=code, name=name, kind=kind, hours=3 + n)
        session = TrainingSession.objects.create(
            organization_id=org_id,
            course=course,
            name="第1回",
            starts_on=on - datetime.timedelta(days=60),
            ends_on=on - datetime.timedelta(days=60),
            capacity=len(posts),
        )
        enrolments += [
            Enrolment(
                organization_id=org_id,
                session=session,
                course=course,
                employee_id=e,
                origin="mandatory",
                status="completed" if rng.random() < 0.85 else "absent",
                completed_on=session.starts_on,
            )
            for e, _ in posts
            if rng.random() < share
        ]
    Enrolment.objects.bulk_create(enrolments, batch_size=2000)
    return {
        "skills": len(skills),
        "qualifications": len(holdings),
        "role tags": len(tags),
        "enrolments": len(enrolments),
        "wishes": len(wishes),
    }


def _requests(org_id: int, on: datetime.date, rng: random.Random) -> list[Request]:
    from jinji.core.models import as_of_q
    from jinji.org.models import OrgUnitVersion
    from jinji.personnel.models import Employee
    from jinji.talent.models import Course, Qualification, RoleTag, SkillArea

    areas = list(SkillArea.objects.values_list("pk", flat=True))
    quals = list(Qualification.objects.filter(category="ipa").values_list("pk", flat=True))
    courses = list(Course.objects.values_list("pk", flat=True))
    units = list(OrgUnitVersion.objects.filter(as_of_q(on)).values_list("unit_id", flat=True))
    dx = str(RoleTag.objects.get(code="dx_promoter").pk)
    names = list(Employee.objects.order_by("?")[:20].values_list("family_name", flat=True))
    s = "/talent/hr/search/"
    reqs: list[Request] = [("検索:条件なし", s, {})]
    reqs += [("検索:スキル≥レベル", s, {"area_1": str(a), "level_1": str(lv)}) for a in areas for lv in (2, 3, 4)]
    reqs += [("検索:資格", s, {"qualification": str(q)}) for q in quals[:10]]
    reqs += [("検索:IPAレベル", s, {"min_ipa_level": str(lv)}) for lv in (2, 3, 4)]
    reqs += [("検索:修了研修", s, {"course": str(c)}) for c in courses]
    reqs += [("検索:経験所属", s, {"past_unit": str(u)}) for u in rng.sample(units, 10)]
    reqs += [("検索:役割", s, {"role_tag": dx}), ("検索:役割", s, {"role_tag": dx, "page": "3"})]
    reqs += [("検索:異動希望", s, {"transfer_wish": w}) for w in ("transfer", "stay", "either")]
    reqs += [("検索:異動希望", s, {"transfer_wish": "transfer", "dx_interest": "on"})]
    reqs += [
        (
            "検索:組合せ",
            s,
            {
                "area_1": str(rng.choice(areas)),
                "level_1": "2",
                "area_2": str(rng.choice(areas)),
                "level_2": "2",
                "min_ipa_level": "2",
                "transfer_wish": "transfer",
            },
        )
        for _ in range(8)
    ]
    reqs += [("検索:氏名", s, {"q": n}) for n in names[:10]]
    reqs += [("検索:後のページ", s, {"area_1": str(areas[0]), "level_1": "1", "page": str(p)}) for p in (2, 5, 10)]
    m = "/talent/hr/skill-map/"
    reqs += [("スキルマップ", m, {"depth": str(d), "min_level": str(lv)}) for d in (0, 1, 2) for lv in (1, 2, 3, 4)]
    return reqs


def _measure(client: Any, reqs: list[Request], repeat: int) -> dict[str, list[tuple[float, float, int]]]:
    """(wall seconds, CPU seconds of this process, queries) per request; queries counted on a separate pass."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    results: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    counts: dict[str, int] = {}
    for kind, path, params in reqs:
        with CaptureQueriesContext(connection) as queries:
            client.get(path, params)
        counts[f"{kind}{sorted(params.items())}"] = len(queries.captured_queries)
    for _ in range(repeat):
        for kind, path, params in reqs:
            cpu, started = time.process_time(), time.perf_counter()
            response = client.get(path, params)
            elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
            assert response.status_code == 200, (path, params, response.status_code)
            results[kind].append((elapsed, cpu_used, counts[f"{kind}{sorted(params.items())}"]))
    return results


def _naive_search(org_id: int, on: datetime.date, area_id: int, level: int, limit: int) -> tuple[float, int, int]:
    """Skill ≥ level AND any verified qualification: every employee loaded, then 2 queries per employee."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.personnel.models import Employee
    from jinji.talent.models import EmployeeQualification, EmployeeSkill

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        hits = 0
        for e in Employee.objects.order_by("staff_number")[:limit]:
            skills = {s.area_id: s.level for s in EmployeeSkill.objects.filter(employee_id=e.pk)}
            quals = [q for q in EmployeeQualification.objects.filter(employee_id=e.pk) if q.status == "verified"]
            if skills.get(area_id, 0) >= level and quals:
                hits += 1
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries), hits


def _naive_map(org_id: int, on: datetime.date, limit: int) -> tuple[float, int]:
    """Per employee: the post on the date and the skills, counted in Python."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.core.models import as_of_q
    from jinji.personnel.models import Assignment, Employee
    from jinji.talent.models import EmployeeSkill

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        counts: defaultdict[tuple[int, int], int] = defaultdict(int)
        for e in Employee.objects.order_by("staff_number")[:limit]:
            post = Assignment.objects.filter(as_of_q(on), employee_id=e.pk, kind="primary").first()
            if post is None:
                continue
            for s in EmployeeSkill.objects.filter(employee_id=e.pk, level__gte=2):
                counts[(post.org_unit_id, s.area_id)] += 1
        elapsed = time.perf_counter() - started
    return elapsed, len(queries.captured_queries)


def _loaded() -> bool:
    from jinji.accounts.models import User
    from jinji.talent.models import EmployeeSkill

    return User.objects.filter(username="demo-hr").exists() and EmployeeSkill.unscoped.exists()


def _summary_costs(user: Any, on: datetime.date) -> None:
    """The skill map summary: a full rebuild, the fingerprint each read checks, a confirmation's upkeep."""
    from django.db import transaction

    from jinji.talent.models import SkillArea
    from jinji.talent.skill_summary import SummaryUpdate, skill_summary_rebuild, summary_stamp

    org_id = user.organization_id
    started = time.perf_counter()
    counts = skill_summary_rebuild(organization_id=org_id, on=on)
    rebuild = time.perf_counter() - started
    stamps = []
    for _ in range(5):
        started = time.perf_counter()
        summary_stamp(org_id)
        stamps.append(time.perf_counter() - started)
    cells = len(counts.holders)
    print(
        f"skill map summary: rebuild {rebuild * 1000:.0f} ms ({len(counts.staff):,} units, {cells:,} cells); "
        f"fingerprint check per read p50 {statistics.median(stamps) * 1000:.1f} ms"
    )
    upkeep = []
    area = SkillArea.objects.get(code="data")
    employee_id = _someone(org_id, on)
    for _ in range(5):  # rolled back: the counts stay as the rebuild left them
        with transaction.atomic():
            started = time.perf_counter()
            update = SummaryUpdate(org_id)
            update.done(employee_id=employee_id, area_id=area.pk, old_level=1, new_level=2)
            upkeep.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    print(
        "  upkeep inside one confirmation (lock, fingerprint before and after, move one count) "
        f"p50 {statistics.median(upkeep) * 1000:.1f} ms"
    )


def _selector_compare(user: Any, on: datetime.date, repeat: int) -> None:
    """The skill map selector alone: from the summary tables vs aggregated on the spot (what it did before)."""
    from jinji.talent.selectors import skill_map

    for label, summary_on in (("summary tables", on), ("aggregate (before)", on + datetime.timedelta(days=1))):
        samples: list[tuple[float, float, int]] = []
        for _ in range(repeat):
            for depth in (0, 1, 2):
                for level in (1, 2, 3, 4):
                    cpu, started = time.process_time(), time.perf_counter()
                    skill_map(
                        organization=user.organization_id,
                        user=user,
                        on=on,
                        min_level=level,
                        depth=depth,
                        summary_on=summary_on,
                    )
                    samples.append((time.perf_counter() - started, time.process_time() - cpu, 0))
        print(_line(f"selector: {label}", samples).replace("  queries 0", ""))


def _someone(org_id: int, on: datetime.date) -> int:
    from jinji.core.models import as_of_q
    from jinji.personnel.models import Assignment

    posts = Assignment.unscoped.filter(as_of_q(on), organization_id=org_id, kind="primary")
    return int(posts.values_list("employee_id", flat=True)[0])


def _line(label: str, samples: list[tuple[float, float, int]]) -> str:
    wall = [t * 1000 for t, _, _ in samples]
    cpu = [c * 1000 for _, c, _ in samples]
    counts = [q for _, _, q in samples]
    q = f"{min(counts)}" if min(counts) == max(counts) else f"{min(counts)}–{max(counts)}"
    return (
        f"  {benchkit.pad(label, 20)} n={len(samples):>4}  wall p50 {statistics.median(wall):6.1f} / p95 "
        f"{benchkit.percentile(wall, 95):6.1f} ms  CPU p50 {statistics.median(cpu):6.1f} / p95 "
        f"{benchkit.percentile(cpu, 95):6.1f} ms  queries {q}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--naive-employees", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--reuse", action="store_true", help="with --database-url: keep data already loaded")
    args = parser.parse_args()
    benchkit.header(f"Talent search and skill map with {args.employees:,} staff")
    url = benchkit.setup_django(args.database_url, "talent")
    print(f"database: {url.split('@')[-1]}")
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from jinji.accounts.models import User
    from jinji.core.tenancy import tenant_context
    from jinji.talent.models import SkillArea

    times: dict[str, float] = {}
    reused = args.reuse and args.database_url is not None and _loaded()
    if not reused:
        with benchkit.timed(f"seed デモ市 ({args.employees:,} staff)", times):
            benchkit.seed(args.employees)
    user = User.objects.get(username="demo-hr")
    on = timezone.localdate()
    rng = random.Random(8)
    with tenant_context(user.organization_id):
        if reused:
            print("  reusing the loaded database (--reuse)")
        else:
            with benchkit.timed("talent data (bulk)", times):
                rows = _add_talent_data(user.organization_id, on, rng)
            print("  rows: " + ", ".join(f"{k} {v:,}" for k, v in rows.items()))
        if connection.vendor == "postgresql":  # what autovacuum does shortly after a bulk load
            with benchkit.timed("ANALYZE", times), connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        _summary_costs(user, on)
        _selector_compare(user, on, args.repeat)
        reqs = _requests(user.organization_id, on, rng)
        data_area = SkillArea.objects.get(code="data").pk
    client = Client()
    client.force_login(user)
    _measure(client, reqs[:5], 1)  # warm-up: templates, caches
    results = _measure(client, reqs, args.repeat)
    total = sum(len(v) for v in results.values())
    print(f"pages via the test Client as demo-hr ({total} requests, {args.repeat} rounds):")
    for kind, samples in results.items():
        print(_line(kind, samples))
    search = [s for k, v in results.items() if k.startswith("検索") for s in v]
    skill_map = results["スキルマップ"]
    print(_line("検索(すべて)", search))
    with tenant_context(user.organization_id):
        cpu = time.process_time()
        naive_s, naive_sq, _ = _naive_search(user.organization_id, on, data_area, 3, args.naive_employees)
        cpu_s, cpu = time.process_time() - cpu, time.process_time()
        naive_m, naive_mq = _naive_map(user.organization_id, on, args.naive_employees)
        cpu_m = time.process_time() - cpu
    scale = args.employees / args.naive_employees
    print(f"naive baseline on {args.naive_employees:,} staff, extrapolated to {args.employees:,}:")
    for label, wall, cpu_used, queries in (
        ("search (skill ≥ 3 and a qualification)", naive_s, cpu_s, naive_sq),
        ("skill map", naive_m, cpu_m, naive_mq),
    ):
        print(
            f"  {label}: wall {wall * 1000:.0f} ms, CPU {cpu_used * 1000:.0f} ms, {queries:,} queries"
            f" → ≈{wall * scale:.1f} s wall, ≈{cpu_used * scale:.1f} s CPU, ≈{int(queries * scale):,} queries"
        )

    def summary(samples: list[tuple[float, float, int]]) -> str:
        wall = [t * 1000 for t, _, _ in samples]
        cpu = [c * 1000 for _, c, _ in samples]
        return (
            f"wall p50 {statistics.median(wall):.1f} / p95 {benchkit.percentile(wall, 95):.1f} ms, CPU p50 "
            f"{statistics.median(cpu):.1f} / p95 {benchkit.percentile(cpu, 95):.1f} ms, queries "
            f"{min(q for *_, q in samples)}–{max(q for *_, q in samples)}"
        )

    print(f"result: search {summary(search)}; skill map {summary(skill_map)}")
    print(
        f"        naive search ≈{naive_s * scale:.1f} s wall / {cpu_s * scale:.1f} s CPU, naive map "
        f"≈{naive_m * scale:.1f} s wall / {cpu_m * scale:.1f} s CPU at {args.employees:,} staff"
    )


if __name__ == "__main__":
    main()
