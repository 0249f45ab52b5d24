"""Benchmark: a June bonus run (期末・勤勉手当; gather → compute → persist) of N employees, and a naive loop.

    .venv/bin/python bench/bench_bonus_run.py [--employees N] [--naive-sample M] [--database-url URL]

The municipality is the one of ``bench_payroll_run`` (same bulk build, same synthetic 給料表),
plus 育児休業 (掛金免除) enrolments for 2% of the staff (their 在職期間・勤務期間 are counted day
by day) and 成績率 bands from an in-memory 人事評価 source (20% 優秀, 5% 特に優秀). The May
monthly run is computed first (untimed) so the bonus reads the previous month's pay of every
employee, as in production. Then ``run_create`` + ``run_compute`` of the bonus run are timed and
the queries counted for N and for N/10.

The naive baseline does, per employee, what a straightforward ORM loop does: read the
assignment, dependants, insurance, enrolment history, pay setting, bank account and May
payslip, call ``compute_bonus_payslip`` (tables resolved per call) and ``Payslip.objects.create``,
on ``--naive-sample`` employees, extrapolated linearly to N (printed as such).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import bench_payroll_run as monthly
import benchkit

BASE_DATE = datetime.date(2026, 6, 1)


def add_leave_and_ratings(org_id: int, ids: list[int], seed: int) -> None:
    """2% on 育児休業 3/1〜7/31 (insurance waived), and a 人事評価 source for the 成績率."""
    from jinji.payroll.models import InsuranceEnrolment
    from jinji.payroll.sources import register_performance_source

    rng = random.Random(seed)
    leave = [eid for eid in ids if rng.random() < 0.02]
    InsuranceEnrolment.unscoped.filter(employee_id__in=leave[:900]).update(valid_to=datetime.date(2026, 2, 28))
    InsuranceEnrolment.unscoped.bulk_create(
        [
            InsuranceEnrolment(
                organization_id=org_id, employee_id=eid, scheme="mutual_aid", union="toyama_municipal",
                short_term_grade=20, long_term_grade=20, contribution_waived=True,
                valid_from=datetime.date(2026, 3, 1), valid_to=datetime.date(2026, 7, 31),
            )
            for eid in leave[:900]
        ],
        batch_size=5000,
    )  # fmt: skip
    bands = {}
    for eid in ids:
        r = rng.random()
        if r < 0.05:
            bands[eid] = "outstanding"
        elif r < 0.25:
            bands[eid] = "excellent"
    register_performance_source(lambda **_: bands)


def timed_bonus(payer: object, employee_ids: list[int] | None) -> tuple[float, float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.payroll.models import PayrollRun, RunKind
    from jinji.payroll.services.runs import run_compute, run_create

    PayrollRun.unscoped.filter(kind=RunKind.BONUS).delete()
    with CaptureQueriesContext(connection) as ctx:
        started, cpu = time.perf_counter(), time.process_time()
        run = run_create(acting_user=None, payer=payer, month=BASE_DATE, kind=RunKind.BONUS, employee_ids=employee_ids)  # type: ignore[arg-type]
        run = run_compute(acting_user=None, run=run)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return wall, cpu, len(ctx.captured_queries), run


def naive(org_id: int, payer_id: int, sample: list[int], paid_on: datetime.date) -> float:
    """Per-employee ORM loop, timed on ``sample``."""
    from jinji.core.models import as_of_q
    from jinji.core.rules_tables import rules_store
    from jinji.payroll.facts import Facts, allowance_input
    from jinji.payroll.models import EmployeePaySetting, InsuranceEnrolment, PayrollRun, Payslip
    from jinji.personnel.models import Assignment, BankAccount, Dependent, Employee
    from jinji.rules.payslip import (
        Absence,
        BonusInput,
        InsuranceInput,
        SalaryGrade,
        TaxInput,
        compute_bonus_payslip,
        service_periods,
    )

    run = PayrollRun.unscoped.create(
        organization_id=org_id, payer_id=payer_id, month=datetime.date(2026, 12, 1), kind="bonus", paid_on=paid_on
    )
    store = rules_store()
    started = time.perf_counter()
    for eid in sample:
        employee = Employee.unscoped.get(pk=eid)
        a = Assignment.unscoped.select_related("salary_schedule").filter(as_of_q(BASE_DATE), employee_id=eid).first()
        assert a is not None
        assert a.salary_schedule is not None
        deps = list(Dependent.unscoped.filter(as_of_q(BASE_DATE), employee_id=eid))
        enrolments = list(InsuranceEnrolment.unscoped.filter(employee_id=eid).order_by("valid_from"))
        EmployeePaySetting.unscoped.filter(as_of_q(BASE_DATE), employee_id=eid).first()
        BankAccount.unscoped.filter(as_of_q(BASE_DATE), employee_id=eid).exists()
        may = Payslip.unscoped.filter(employee_id=eid, run__kind="monthly", run__month=monthly.PAID_MONTH).first()
        ins = enrolments[-1]
        absences = [Absence("childcare_leave", e.valid_from, e.valid_to) for e in enrolments if e.contribution_waived]
        inp = BonusInput(
            employee_id=str(eid), paid_on=paid_on,
            periods=service_periods(BASE_DATE, service=[(a.valid_from, a.valid_to)], absences=absences),
            salary=SalaryGrade(a.salary_schedule.code, a.grade or 1, a.step or 1),
            allowances=allowance_input(eid, Facts(), regular=True),
            insurance=InsuranceInput(
                scheme=ins.scheme, union=ins.union, prefecture=ins.prefecture, birth_date=employee.birth_date,
                employment_insurance=ins.employment_insurance,
            ),
            contribution_waived=ins.contribution_waived,
            tax=TaxInput(dependents=sum(1 for d in deps if d.for_tax)),
            previous_month_amount=max(may.taxable, 0) if may else 0,
        )  # fmt: skip
        r = compute_bonus_payslip(inp, base_date=BASE_DATE, store=store).pay
        Payslip.unscoped.create(
            organization_id=org_id, run=run, employee_id=eid, org_unit_id=a.org_unit_id, gross=r.gross,
            taxable=r.taxable_amount, social_insurance=r.social_insurance, income_tax=r.income_tax,
            total_deductions=r.total_deductions, net=r.net, earnings=[list(i[:3]) for i in r.earnings],
            deductions=[list(i[:3]) for i in r.deductions], tables=[str(t) for t in r.tables],
        )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tables = Path(tempfile.mkdtemp(prefix="jinji-bench-tables-"))
    monthly.write_schedule(tables)
    os.environ["JINJI_RULES_LOCAL_TABLES"] = str(tables)
    benchkit.header(f"bonus run ({args.employees:,} employees)")
    url = benchkit.setup_django(args.database_url, "bonus")
    print(f"database: {url.split('@')[-1]}")
    from jinji.core.tenancy import tenant_context

    started = time.perf_counter()
    world = monthly.build(args.employees, args.seed)
    monthly.register_attendance(args.seed)
    org, payer, ids = world["org"], world["payer"], world["employees"]
    assert isinstance(ids, list)
    add_leave_and_ratings(org.pk, ids, args.seed)  # type: ignore[attr-defined]
    print(f"build synthetic data: {time.perf_counter() - started:.1f} s")
    with tenant_context(org.pk):  # type: ignore[attr-defined]
        started = time.perf_counter()
        monthly.timed_run(payer, None)
        print(f"May monthly run (untimed set-up, previous month's pay): {time.perf_counter() - started:.1f} s")
        small_ids = ids[: max(1, len(ids) // 10)]
        _, _, small_queries, _ = timed_bonus(payer, small_ids)
        wall, cpu, queries, run = timed_bonus(payer, None)
        print(
            f"bonus run: {run.headcount:,} payslips in {wall:.2f} s wall, {cpu:.2f} s CPU of this process "  # type: ignore[attr-defined]
            f"({run.headcount / wall:,.0f}/s wall); load average now {os.getloadavg()[0]:.2f}; "  # type: ignore[attr-defined]
            f"net total {run.total_net:,} 円; anomalies {len(run.anomalies)}"  # type: ignore[attr-defined]
        )
        print(
            f"queries: {queries} for N={len(ids):,}, {small_queries} for N/10 "
            f"(difference = progress updates, one per 5,000-employee chunk: {queries - small_queries})"
        )
        sample = ids[: args.naive_sample]
        naive_wall = naive(org.pk, payer.pk, sample, run.paid_on)  # type: ignore[attr-defined]
        per = naive_wall / len(sample)
        projected = per * len(ids)
        print(
            f"naive per-employee ORM loop: {len(sample):,} employees in {naive_wall:.2f} s ({per * 1000:.2f} ms each); "
            f"extrapolated to {len(ids):,}: {projected:,.0f} s; ratio {projected / wall:.1f}x"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
