"""Per-day plan resolver (``attendance.selectors.plan.day_plans``) and the unit PDF of the 出勤簿.

.venv/bin/python bench/bench_shift_plan.py [--staff 5000] [--chunk 2000] [--naive-sample 300] [--database-url …]

Seeds デモ市, defines a 3-day 消防 pattern (当番 8:30〜翌8:30 / 非番 / 週休) and puts every second
employee on it (rotations bulk-inserted), with a 週休日の振替 for every tenth. Then times
``day_plans`` for June over all staff in chunks of ``--chunk`` (a fixed number of queries per
chunk), against a naive baseline in the same run: ``day_plans`` called once per employee for
``--naive-sample`` staff, extrapolated linearly. Finally renders the largest unit's 出勤簿 PDF
(``printing.unit_pdf_render``) and prints staff, pages and seconds.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit

FIRST, LAST = datetime.date(2026, 6, 1), datetime.date(2026, 6, 30)
FIRE = "当番,勤務,08:30,08:30,12:00-13:00 17:00-18:00 22:00-04:30\n非番,非番\n週休,週休日"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--staff", type=int, default=5000)
    parser.add_argument("--chunk", type=int, default=2000)
    parser.add_argument("--naive-sample", type=int, default=300)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header("per-day plan (rotations, 振替) and the unit 出勤簿 PDF")
    benchkit.setup_django(args.database_url, "shiftplan")
    from collections import Counter

    from django.utils import timezone

    from jinji.accounts.models import Role, RoleGrant, User
    from jinji.attendance.models import RestDayTransfer, ShiftRotation, UnitSheetPdfJob
    from jinji.attendance.printing import unit_pdf_render
    from jinji.attendance.selectors.plan import day_plans
    from jinji.attendance.shifts.services import shift_pattern_save
    from jinji.core.models import Organization, as_of_q
    from jinji.core.tenancy import tenant_context
    from jinji.personnel.models import Assignment, AssignmentKind

    results: dict[str, float] = {}
    with benchkit.timed("seed", results):
        benchkit.seed(args.staff)
    org = Organization.objects.order_by("pk").first()
    assert org is not None
    with tenant_context(org):
        hr = User.objects.filter(organization=org, is_active=True).order_by("pk").first()
        assert hr is not None
        RoleGrant.objects.create(user=hr, role=Role.HR, org_unit=None, valid_from=datetime.date(2000, 1, 1))
        RoleGrant.objects.create(user=hr, role=Role.CLERK, org_unit=None, valid_from=datetime.date(2000, 1, 1))
        pattern, _ = shift_pattern_save(acting_user=hr, code="FIRE3", name="消防3日周期", days_text=FIRE)
        posts = dict(Assignment.objects.filter(as_of_q(LAST), kind=AssignmentKind.PRIMARY)
                     .values_list("employee_id", "org_unit_id"))  # fmt: skip
        ids = sorted(posts)
        ShiftRotation.objects.bulk_create(
            ShiftRotation(organization=org, employee_id=e, pattern=pattern, valid_from=datetime.date(2026, 4, 1),
                          start_offset=e % 3)
            for e in ids[::2]
        )  # fmt: skip
        now = timezone.now()
        RestDayTransfer.objects.bulk_create(
            RestDayTransfer(organization=org, employee_id=e, work_on=datetime.date(2026, 6, 6),
                            rest_on=datetime.date(2026, 6, 10), reason="bench", entered_by=hr, entered_at=now)
            for e in ids[1::10]
        )  # fmt: skip
        print(f"  {len(ids)} staff, {len(ids[::2])} on rotations, {len(ids[1::10])} transfers")
        with benchkit.timed("day_plans, all staff (chunks)", results):
            days = 0
            for i in range(0, len(ids), args.chunk):
                plans = day_plans(organization=org, employee_ids=ids[i : i + args.chunk], first=FIRST, last=LAST)
                days += sum(len(p) for p in plans.values())
        sample = ids[: args.naive_sample]
        started = time.perf_counter()
        for e in sample:
            day_plans(organization=org, employee_ids=[e], first=FIRST, last=LAST)
        naive = (time.perf_counter() - started) * len(ids) / max(1, len(sample))
        batch = results["day_plans, all staff (chunks)"]
        print(f"  {days:,} employee-days planned; naive per-employee calls extrapolated: {naive:.1f} s "
              f"(ratio {naive / batch:.1f}x); load average now {os.getloadavg()[0]:.2f}")  # fmt: skip
        unit, staff = Counter(posts.values()).most_common(1)[0]
        job = UnitSheetPdfJob.objects.create(organization=org, org_unit_id=unit, year=2026, month=6,
                                             requested_by=hr, requested_at=now)  # fmt: skip
        label = f"unit 出勤簿 PDF, {staff} staff"
        with benchkit.timed(label, results):
            unit_pdf_render(job)
        job.refresh_from_db()
        per_staff = results[label] / max(1, staff) * 1000
        print(f"  PDF: status {job.status}, {len(bytes(job.pdf or b'')):,} bytes, {per_staff:.0f} ms per staff member")


if __name__ == "__main__":
    main()
