"""Monthly close and summary: ``monthly_summary`` over every employee of デモ市 for a month of punches,
then 勤怠締め of every unit (sheets confirmed in bulk beforehand).

.venv/bin/python bench/bench_monthly_close.py [--staff 10000] [--database-url postgres://…] [--chunk 2000]

Punches: each employee clocks in and out on every weekday of the month (bulk-inserted, timed
apart). ``monthly_summary`` is called in chunks of ``--chunk`` employees (what payroll does); the
close runs ``month_close`` per unit as a 庶務担当 covering the whole organization.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

YEAR, MONTH = 2026, 6


def _punches(org_id: int, employee_ids: list[int], user_id: int) -> int:
    from jinji.attendance.models import ClockEvent, ClockKind, LocationKind

    jst = datetime.timezone(datetime.timedelta(hours=9))
    rows: list[ClockEvent] = []
    made = 0
    for day in range(1, 31):
        d = datetime.date(YEAR, MONTH, day)
        if d.weekday() >= 5:
            continue
        for eid in employee_ids:
            for kind, hm in ((ClockKind.CLOCK_IN, (8, 25)), (ClockKind.CLOCK_OUT, (18, 40))):
                at = datetime.datetime(YEAR, MONTH, day, *hm, tzinfo=jst)
                row = ClockEvent(organization_id=org_id, employee_id=eid, kind=kind, occurred_at=at, received_at=at)
                row.business_date, row.location_kind = d, LocationKind.MAIN_OFFICE
                row.idempotency_key, row.entered_by_id = f"{eid}-{day}-{kind}", user_id
                rows.append(row)
        if len(rows) > 50_000:
            ClockEvent.objects.bulk_create(rows, batch_size=5000)
            made += len(rows)
            rows = []
    ClockEvent.objects.bulk_create(rows, batch_size=5000)
    return made + len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header("monthly summary and close (勤怠締め)")
    benchkit.setup_django(args.database_url, "close")
    from jinji.accounts.models import Role, RoleGrant, User
    from jinji.attendance.models import AttendanceSheet, SheetStatus
    from jinji.attendance.selectors import monthly_summary
    from jinji.attendance.selectors.closes import month_end
    from jinji.attendance.services.close import month_close
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
            count = _punches(org.pk, ids, clerk.pk)
        print(f"  {len(ids)} staff, {count} clock events")
        with benchkit.timed("monthly_summary, all staff", results):
            total = 0
            for i in range(0, len(ids), args.chunk):
                summaries = monthly_summary(
                    organization=org, employee_ids=ids[i : i + args.chunk], year=YEAR, month=MONTH
                )
                total += sum(s.cap_minutes for s in summaries.values())
        print(f"  overtime counted: {total} minutes")
        AttendanceSheet.objects.bulk_create(
            [AttendanceSheet(organization_id=org.pk, employee_id=e, year=YEAR, month=MONTH,
                             status=SheetStatus.HEAD_CONFIRMED) for e in ids], batch_size=5000,
        )  # fmt: skip
        units = sorted(set(posts.values()))
        with benchkit.timed(f"month_close, {len(units)} units", results):
            for unit in units:
                month_close(acting_user=clerk, org_unit_id=unit, year=YEAR, month=MONTH)
    per_100k = (
        (results["monthly_summary, all staff"] + results[f"month_close, {len(units)} units"]) * 100_000 / len(ids)
    )
    print(f"  summary + close, extrapolated to 100,000 staff: {per_100k:.1f} s")


if __name__ == "__main__":
    main()
