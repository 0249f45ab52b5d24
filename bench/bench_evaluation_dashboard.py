"""Benchmark: the 人事評価 HR progress dashboard for a cycle of N staff (issue 7).

    .venv/bin/python bench/bench_evaluation_dashboard.py [--employees 20000] [--requests 30]
                                                        [--naive-sample 2000] [--database-url URL]

Seeds デモ市 with N staff, creates a 能力評価 cycle on the national-model templates and
generates its sheets through the service (timed: evaluator resolution for everyone), then
spreads the sheets over the stages with ratings (bulk updates, as if the cycle were half way).
It then requests the dashboard page (全体: stages, overdue, 空席, distribution by 部局 and by
level, quota check) and the drill-down into the largest 部局 as 人事担当, many times, and prints
p50/p95 server time and the query count of each. For comparison, in the same run, a naive
dashboard that loops over the sheets in Python and looks up each sheet's 部局 and employee (one
query each) is timed on a sample and extrapolated to N. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import random
import time
from collections import Counter, defaultdict
from typing import Any

import benchkit

STAGE_SHARE = (("self", 0.30), ("first", 0.25), ("second", 0.15), ("adjust", 0.10), ("confirmed", 0.20))
RATING_WEIGHTS = (("S", 5), ("A", 20), ("B", 60), ("C", 12), ("D", 3))
TODAY = datetime.date(2026, 10, 20)  # after the 自己評価 deadline: the 自己評価 sheets are overdue
SLOWEST: dict[str, list[tuple[float, str]]] = {}
"""The three slowest queries of the last request of each page (seconds, SQL)."""


def make_cycle(hr: Any) -> tuple[Any, float]:
    from jinji.evaluation.models import CycleKind, SheetTemplate
    from jinji.evaluation.services import CycleInput, cycle_create, cycle_generate_sheets
    from jinji.personnel.models import Employee

    templates = SheetTemplate.unscoped.filter(organization__isnull=True, kind=CycleKind.COMPETENCY)
    data = CycleInput(
        name="令和8年度 能力評価",
        kind=CycleKind.COMPETENCY,
        period_start=datetime.date(2025, 10, 1),
        period_end=datetime.date(2026, 9, 30),
        reference_date=datetime.date(2026, 9, 30),
        self_due=datetime.date(2026, 10, 15),
        first_due=datetime.date(2026, 10, 31),
        second_due=datetime.date(2026, 11, 15),
        adjust_due=datetime.date(2026, 11, 30),
    )
    from jinji.personnel.models import Assignment

    deputy = (  # 副市長 as the default 調整者 (the top of the tree has no 所属長 above it)
        Assignment.objects.filter(position__name="副市長", kind="primary").values_list("employee", flat=True).first()
    )
    cycle = cycle_create(
        acting_user=hr,
        organization_id=hr.organization_id,
        data=data,
        template_ids=[t.pk for t in templates],
        adjuster=Employee.objects.filter(pk=deputy).first(),
    )
    started = time.perf_counter()
    result = cycle_generate_sheets(acting_user=hr, cycle=cycle)
    seconds = time.perf_counter() - started
    print(
        f"  generated {result.created:,} sheets in {seconds:.2f} s (空席あり {result.vacancies:,}, "
        f"休職 {result.on_leave:,}, 様式なし {len(result.without_template):,})"
    )
    return cycle, seconds


def spread(cycle: Any) -> None:
    """Move the sheets to stages and give ratings with bulk updates (benchmark set-up only)."""
    from jinji.evaluation.models import Sheet

    rng = random.Random(7)
    ids = list(Sheet.objects.filter(cycle=cycle).values_list("pk", flat=True))
    rng.shuffle(ids)
    ratings, weights = zip(*RATING_WEIGHTS, strict=True)
    start = 0
    for stage, share in STAGE_SHARE:
        part = ids[start : start + int(len(ids) * share)] if stage != "confirmed" else ids[start:]
        start += len(part)
        by_rating: defaultdict[str, list[int]] = defaultdict(list)
        for pk in part:
            by_rating[rng.choices(ratings, weights)[0] if stage not in ("self", "first") else ""].append(pk)
        for rating, pks in by_rating.items():
            for i in range(0, len(pks), 900):
                fields = {"stage": stage, "current_rating": rating}
                if stage == "confirmed":
                    fields["final_rating"] = rating
                Sheet.objects.filter(pk__in=pks[i : i + 900]).update(**fields)


def measure(client: Any, url: str, requests: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up (template loading, table files)
    times: list[float] = []
    queries = 0
    size = 0
    slowest: list[tuple[float, str]] = []
    for _ in range(requests):
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
        queries, size = len(ctx.captured_queries), len(response.content)
        slowest = sorted(((float(q["time"]), q["sql"]) for q in ctx.captured_queries), reverse=True)[:3]
    SLOWEST[url] = slowest
    return times, queries, size


def naive_dashboard(cycle: Any, limit: int) -> tuple[float, int]:
    """Stages, overdue and distribution by 部局 computed in Python, one lookup per sheet."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.core.models import as_of_q
    from jinji.evaluation.models import Sheet
    from jinji.org.models import OrgUnitVersion

    stages: Counter[str] = Counter()
    by_department: defaultdict[str, Counter[str]] = defaultdict(Counter)
    overdue: list[str] = []
    with CaptureQueriesContext(connection) as ctx:
        started = time.perf_counter()
        for sheet in Sheet.objects.filter(cycle=cycle).order_by("id")[:limit]:
            stages[sheet.stage] += 1
            name = (
                OrgUnitVersion.objects.filter(as_of_q(cycle.reference_date), unit_id=sheet.department_id)
                .values_list("name", flat=True)
                .first()
            )
            by_department[name or ""][sheet.current_rating] += 1
            if sheet.stage == "self" and cycle.self_due < TODAY:
                overdue.append(sheet.employee.staff_number)
        seconds = time.perf_counter() - started
    return seconds, len(ctx.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--naive-sample", type=int, default=2_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header(f"人事評価 progress dashboard, {args.employees:,} staff")
    url = benchkit.setup_django(args.database_url, "evaluation")
    print(f"database: {url.split('@')[-1]}")
    from unittest import mock

    from django.db import connection
    from django.db.models import Count
    from django.test import Client

    from jinji.accounts.models import User
    from jinji.core.tenancy import tenant_context
    from jinji.evaluation.models import Sheet

    times: dict[str, float] = {}
    with benchkit.timed("seed デモ市", times):
        benchkit.seed(args.employees)
    hr = User.objects.get(username="demo-hr")
    with tenant_context(hr.organization_id):
        cycle, _ = make_cycle(hr)
        spread(cycle)
        total = Sheet.objects.filter(cycle=cycle).count()
        biggest = (
            Sheet.objects.filter(cycle=cycle).values("department_id").annotate(n=Count("id")).order_by("-n").first()
        )
    with connection.cursor() as cursor:  # as autovacuum / a nightly ANALYZE would have done during the cycle
        cursor.execute("VACUUM ANALYZE evaluation_sheet" if connection.vendor == "postgresql" else "ANALYZE")
    client = Client()
    client.force_login(hr)
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        pages = {
            "dashboard (全体)": f"/evaluation/cycles/{cycle.pk}/dashboard/",
            f"dashboard (部局 {biggest['n']:,} sheets)": f"/evaluation/cycles/{cycle.pk}/dashboard/?department={biggest['department_id']}",  # noqa: E501
            "calibration (HR, all)": f"/evaluation/cycles/{cycle.pk}/calibration/",
        }
        results = {label: measure(client, page, args.requests) for label, page in pages.items()}
    for (label, (samples, queries, size)), page in zip(results.items(), pages.values(), strict=True):
        p50, p95 = benchkit.percentile(samples, 50) * 1000, benchkit.percentile(samples, 95) * 1000
        print(f"  {label}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {queries} queries, {size / 1024:.0f} KiB")
        for seconds, sql in SLOWEST[page]:
            print(f"      {seconds * 1000:5.1f} ms  {sql[:110]}")
    with tenant_context(hr.organization_id):
        seconds, queries = naive_dashboard(cycle, args.naive_sample)
    sample = min(args.naive_sample, total)
    extrapolated = seconds / sample * total
    print(
        f"  naive loop: {seconds:.2f} s and {queries:,} queries for {sample:,} sheets "
        f"→ ≈{extrapolated:.1f} s and ≈{queries / sample * total:,.0f} queries extrapolated to {total:,}"
    )
    main_p95 = benchkit.percentile(results["dashboard (全体)"][0], 95)
    print(
        f"result: {total:,} sheets; dashboard p95 {main_p95 * 1000:.0f} ms with "
        f"{results['dashboard (全体)'][1]} queries; naive ≈{extrapolated / main_p95:.0f}× slower ({connection.vendor})"
    )


if __name__ == "__main__":
    main()
