"""Benchmark: デモ市's payroll settings step of ``jinji seed-demo`` (``jinji.payroll.demo``) at 100,000 staff.

    .venv/bin/python bench/bench_demo_payroll.py [--employees 100000] [--database-url URL] [--baseline-seconds 20]

Seeds デモ市, then times the step (one query for the posts, prepared INSERTs per table). The naive
baseline writes the same rows one ``Model.save()`` each, in a transaction rolled back after
``--baseline-seconds``; its total is extrapolated from the rows per second it reached. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import time
from typing import Any

import benchkit

ON = datetime.date(2026, 11, 28)


class _Stop(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--baseline-seconds", type=float, default=20.0)
    args = parser.parse_args()
    benchkit.header(f"seed-demo payroll settings, {args.employees:,} staff")
    url = benchkit.setup_django(args.database_url, "demo_payroll")
    print(f"database: {url.split('@')[-1]}")
    from django.db import transaction

    from jinji.core.models import Organization
    from jinji.core.tenancy import tenant_context
    from jinji.demo.extras import DEMO_STEPS, run_demo_extras
    from jinji.demo.seed import seed_demo
    from jinji.payroll import demo

    result = seed_demo(employees=args.employees, seed=1, as_of=datetime.date(2026, 4, 1))
    org = Organization.objects.get(pk=result.organization_id)
    steps = [s for s in DEMO_STEPS if s.key == "payroll.settings"]

    class NaiveWriter(demo._Writer):
        """One ``save()`` per row (what a per-employee ORM loop does)."""

        started = 0.0
        written = 0

        def add(self, key: str, row: tuple[object, ...]) -> None:
            inserter = self.inserters[key]
            model: Any = {
                "insurance": demo.InsuranceEnrolment,
                "settings": demo.EmployeePaySetting,
                "deductions": demo.EmployeeDeduction,
                "resident_tax": demo.ResidentTax,
            }[key]
            model(**{f.attname: v for f, v in zip(inserter.given, row, strict=True)}).save()
            self.counts[key] += 1
            NaiveWriter.written += 1
            if time.perf_counter() - NaiveWriter.started > args.baseline_seconds:
                raise _Stop

    original = demo._Writer
    demo._Writer = NaiveWriter  # type: ignore[misc]
    try:
        with tenant_context(org), transaction.atomic():
            NaiveWriter.started = time.perf_counter()
            with contextlib.suppress(_Stop):
                demo.seed_demo_payroll(organization=org, acting_user=_hr(org), on=ON, seed=1)
            naive_rows = NaiveWriter.written
            naive_seconds = time.perf_counter() - NaiveWriter.started
            transaction.set_rollback(True)
    finally:
        demo._Writer = original  # type: ignore[misc]

    started = time.perf_counter()
    outcome = run_demo_extras(organization=org, on=ON, seed=1, steps=steps)[0]
    took = time.perf_counter() - started
    print(f"  set-based step: {took:.1f} s — {outcome.summary}")
    rows = sum(int(part.rsplit(" ", 1)[1].replace(",", "")) for part in outcome.summary.split("、"))
    if naive_rows:
        estimate = rows / (naive_rows / naive_seconds)
        print(f"  naive baseline: {naive_rows:,} rows in {naive_seconds:.1f} s → about {estimate:.0f} s for {rows:,}")
        print(f"result: {took:.1f} s set-based vs about {estimate:.0f} s naive (×{estimate / took:.0f})")


def _hr(org: Any) -> Any:
    from jinji.accounts.models import User

    return User.objects.get(organization=org, username="demo-hr")


if __name__ == "__main__":
    main()
