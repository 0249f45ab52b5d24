"""Monthly close and summary: ``monthly_summary`` over every employee of デモ市 for a month of punches,
then 勤怠締め of every unit (sheets confirmed in bulk beforehand).

.venv/bin/python bench/bench_monthly_close.py [--staff 100000] [--database-url postgres://…] [--chunk 5000]
    [--naive-sample 500] [--spread 0]

Punches: each employee clocks in and out on every weekday of the month, at 8:25 and 18:40, or with
``--spread N`` each punch up to N minutes earlier at random — identical days share one computation of
the day's record, so the spread makes the measurement realistic (written as tuples through
``jinji.core.bulk.RowInserter`` — COPY on PostgreSQL — timed apart). ``monthly_summary`` (set-based,
``selectors/summary_bulk.py``) is called in chunks of ``--chunk`` employees (what payroll does); the
close runs ``month_close`` per unit as a 庶務担当 covering the whole organization. Naive baseline in
the same run: the 出勤簿 path (``monthly_rows`` + ``summary_of``: model instances and per-day display
rows, what ``monthly_summary`` did before) on ``--naive-sample`` employees, extrapolated linearly.

After each bulk load (the punches, the sheets) the script runs ``ANALYZE`` on the loaded table, timed
apart, as autovacuum would shortly after (it is off on the benchmark server): without statistics
PostgreSQL locks a unit's sheets by scanning every sheet of the month (23 ms a unit at 100,000 staff).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

YEAR, MONTH = 2026, 6


def _punches(org_id: int, employee_ids: list[int], user_id: int, spread: int) -> int:
    from django.db import transaction

    from jinji.attendance.models import ClockEvent, ClockKind, LocationKind
    from jinji.core.bulk import RowInserter

    jst = datetime.timezone(datetime.timedelta(hours=9))
    rnd = random.Random(5)
    fields = ("organization_id", "employee_id", "kind", "occurred_at", "received_at", "business_date",
              "location_kind", "idempotency_key", "entered_by_id")  # fmt: skip
    inserter = RowInserter(ClockEvent, fields)
    made = 0
    for day in range(1, 31):
        d = datetime.date(YEAR, MONTH, day)
        if d.weekday() >= 5:
            continue
        rows = []
        for kind, hm in ((ClockKind.CLOCK_IN, (8, 25)), (ClockKind.CLOCK_OUT, (18, 40))):
            at = datetime.datetime(YEAR, MONTH, day, *hm, tzinfo=jst)
            key = f"-{day}-{kind}"
            if spread:  # each punch its own minute in [hm − spread, hm]
                minutes = [datetime.timedelta(minutes=-rnd.randrange(spread + 1)) for _ in employee_ids]
                rows += [(org_id, eid, kind, at + m, at + m, d, LocationKind.MAIN_OFFICE, f"{eid}{key}", user_id)
                         for eid, m in zip(employee_ids, minutes, strict=True)]  # fmt: skip
            else:
                rows += [(org_id, eid, kind, at, at, d, LocationKind.MAIN_OFFICE, f"{eid}{key}", user_id)
                         for eid in employee_ids]  # fmt: skip
        with transaction.atomic():  # one commit per day of rows, not one per row
            made += inserter.insert(rows)
    return made


def _naive(org: object, ids: list[int]) -> float:
    """The summary as it was read before the set-based path: the 出勤簿 rows (model instances, per-day
    display rows) then ``summary_of`` — in chunks of 2,000 like the old benchmark."""
    from jinji.attendance.selectors.sheet import monthly_rows, summary_of

    started = time.perf_counter()
    for i in range(0, len(ids), 2000):
        rows = monthly_rows(organization=org, employee_ids=ids[i : i + 2000], year=YEAR, month=MONTH, upto=None)  # type: ignore[arg-type]
        for days in rows.values():
            summary_of(days, year=YEAR, month=MONTH)
    return time.perf_counter() - started


def _analyze(label: str, model: type, results: dict[str, float]) -> None:
    """Table statistics after a bulk load, as autovacuum (PostgreSQL) or a nightly job (SQLite) would."""
    from django.db import connection

    with benchkit.timed(label, results), connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=500)
    parser.add_argument("--spread", type=int, default=0, help="punch minutes vary by up to this many (0: all alike)")
    parser.add_argument("--chunk", type=int, default=5000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header("monthly summary and close (勤怠締め)")
    benchkit.setup_django(args.database_url, "close")
    from jinji.accounts.models import Role, RoleGrant, User
    from jinji.attendance.models import AttendanceSheet, ClockEvent, SheetStatus
    from jinji.attendance.selectors import monthly_summary
    from jinji.attendance.selectors.closes import month_end
    from jinji.attendance.services.close import month_close
    from jinji.core.bulk import RowInserter
    from jinji.core.models import Organization, as_of_q
    from jinji.core.tenancy import tenant_context
    from jinji.personnel.models import Assignment, AssignmentKind

    results: dict[str, float] = {}
    with benchkit.timed("seed", results):
        benchkit.seed(args.staff)
    org = Organization.objects.order_by("pk").first()
    assert org is not None
    with tenant_context(org):
        clerk = User.objects.filter(organization=org, is_active=True).order_by("pk").first()
        assert clerk is not None
        RoleGrant.objects.create(user=clerk, role=Role.CLERK, org_unit=None, valid_from=datetime.date(2000, 1, 1))
        posts = dict(Assignment.objects.filter(as_of_q(month_end(YEAR, MONTH)), kind=AssignmentKind.PRIMARY)
                     .values_list("employee_id", "org_unit_id"))  # fmt: skip
        ids = sorted(posts)
        with benchkit.timed("punches (bulk insert)", results):
            count = _punches(org.pk, ids, clerk.pk, args.spread)
        print(f"  {len(ids)} staff, {count} clock events")
        _analyze("ANALYZE punches", ClockEvent, results)
        with benchkit.timed("monthly_summary, all staff", results):
            total = 0
            for i in range(0, len(ids), args.chunk):
                summaries = monthly_summary(
                    organization=org, employee_ids=ids[i : i + args.chunk], year=YEAR, month=MONTH
                )
                total += sum(s.cap_minutes for s in summaries.values())
        print(f"  overtime counted: {total} minutes")
        naive_wall = _naive(org, ids[: args.naive_sample])
        naive_total = naive_wall * len(ids) / max(1, min(len(ids), args.naive_sample))
        RowInserter(AttendanceSheet, ("organization_id", "employee_id", "year", "month", "status")).insert(
            [(org.pk, e, YEAR, MONTH, SheetStatus.HEAD_CONFIRMED) for e in ids]
        )
        _analyze("ANALYZE sheets", AttendanceSheet, results)
        units = sorted(set(posts.values()))
        with benchkit.timed(f"month_close, {len(units)} units", results):
            for unit in units:
                month_close(acting_user=clerk, org_unit_id=unit, year=YEAR, month=MONTH)
    both = results["monthly_summary, all staff"] + results[f"month_close, {len(units)} units"]
    print(f"  summary + close: {both:.1f} s for {len(ids):,} staff; extrapolated to 100,000: "
          f"{both * 100_000 / len(ids):.1f} s; load average now {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"  naive (出勤簿 rows + summary_of): {naive_wall:.2f} s for "
          f"{min(len(ids), args.naive_sample):,} staff, extrapolated {naive_total:.0f} s for the summary alone; "
          f"ratio {naive_total / results['monthly_summary, all staff']:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
