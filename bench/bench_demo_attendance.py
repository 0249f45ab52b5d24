"""Benchmark: デモ市's past months of 勤怠 (the ``attendance.months`` step of ``jinji seed-demo``).

    .venv/bin/python bench/bench_demo_attendance.py [--employees 1500] [--database-url URL] [--baseline-seconds 20]

Seeds デモ市 and the attendance steps before it (年次休暇, 勤務場所・テレワーク), then times the step
(:mod:`jinji.attendance.demo_month`: two months of punches, 出勤簿, 勤怠締め). The naive baseline writes
the same rows one ``Model.save()`` each, in a transaction rolled back after ``--baseline-seconds``; its
total is extrapolated from the rows per second it reached. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import time
from collections.abc import Iterable, Sequence
from typing import Any
from unittest import mock

import benchkit

ON = datetime.date(2026, 11, 28)
BEFORE = ("attendance.leave", "attendance.locations")


class _Stop(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=1_500)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--baseline-seconds", type=float, default=20.0)
    args = parser.parse_args()
    benchkit.header(f"seed-demo past months of attendance, {args.employees:,} staff")
    url = benchkit.setup_django(args.database_url, "demo_attendance")
    print(f"database: {url.split('@')[-1]}")
    from django.db import transaction

    from jinji.accounts.models import User
    from jinji.attendance import demo_month
    from jinji.core.bulk import RowInserter
    from jinji.core.models import Organization
    from jinji.core.tenancy import tenant_context
    from jinji.demo.extras import DEMO_STEPS, run_demo_extras
    from jinji.demo.seed import seed_demo

    result = seed_demo(employees=args.employees, seed=1, as_of=datetime.date(2026, 4, 1))
    org = Organization.objects.get(pk=result.organization_id)
    run_demo_extras(organization=org, on=ON, seed=1, steps=[s for s in DEMO_STEPS if s.key in BEFORE])
    step = [s for s in DEMO_STEPS if s.key == "attendance.months"]

    class NaiveInserter(RowInserter):
        """One ``save()`` per row (what a per-employee ORM loop does)."""

        started = 0.0
        written = 0

        def __init__(self, model: Any, fields: Sequence[str]):
            super().__init__(model, fields)
            self.model = model
            self.names = [f.attname for f in self.given]

        def insert(self, rows: Iterable[Sequence[Any]]) -> int:
            count = 0
            for row in rows:
                self.model(**dict(zip(self.names, row, strict=True))).save()
                count += 1
                NaiveInserter.written += 1
                if time.perf_counter() - NaiveInserter.started > args.baseline_seconds:
                    raise _Stop
            return count

    months = [datetime.date(2026, 9, 1), datetime.date(2026, 10, 1)]
    with (
        mock.patch.object(demo_month, "RowInserter", NaiveInserter),
        tenant_context(org),
        transaction.atomic(),
    ):
        hr = User.objects.get(organization=org, username="demo-hr")
        NaiveInserter.started = time.perf_counter()
        with contextlib.suppress(_Stop):
            demo_month.attendance_demo_months(acting_user=hr, months=months, seed=1)
        naive_rows = NaiveInserter.written
        naive_seconds = time.perf_counter() - NaiveInserter.started
        transaction.set_rollback(True)

    started = time.perf_counter()
    outcome = run_demo_extras(organization=org, on=ON, seed=1, steps=step)[0]
    took = time.perf_counter() - started
    print(f"  set-based step: {took:.1f} s — {outcome.summary}")
    rows = sum(int(part.rsplit(" ", 1)[1].replace(",", "")) for part in outcome.summary.split("、"))
    if naive_rows:
        estimate = rows / (naive_rows / naive_seconds)
        print(f"  naive baseline: {naive_rows:,} rows in {naive_seconds:.1f} s → about {estimate:.0f} s for {rows:,}")
        print(f"result: {took:.1f} s set-based vs about {estimate:.0f} s naive (×{estimate / took:.0f})")


if __name__ == "__main__":
    main()
