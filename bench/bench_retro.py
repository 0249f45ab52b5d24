"""Benchmark: 差額 of N employees over 12 finalized months (issue 6: 100,000 × 12 within 3 minutes).

    .venv/bin/python bench/bench_retro.py [--employees N] [--naive-sample M] [--database-url URL]

Builds the same synthetic municipality as ``bench_payroll_run`` (its 10-grade 給料表 written as a
municipality table effective 2025-04-01), computes April 2026 with the monthly run and copies its
payslips into finalized runs for May 2026 – March 2027 (one INSERT … SELECT per month). Then a 人勧
revision is published: a new dated 給料表 file effective 2026-04-01 (+1.2 %, 円未満切捨て) — and
``retro_compute`` recomputes the 12 months and records every difference. The same is done first
for N/10 employees (runs limited to them) to show that the number of queries does not grow with N.

The naive baseline does what a straightforward ORM loop does, per employee and month: read the
assignment, dependants, commute, insurance, 住民税, deductions, call ``compute_payslip``, read the
finalized payslip and ``RetroDifference.objects.create`` each difference. It runs on a sample and is
extrapolated linearly to N × 12 (printed as such).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

import bench_payroll_run as base
import benchkit

FIRST = datetime.date(2026, 4, 1)
MONTHS = [datetime.date(2026 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(12)]  # 2026-04 … 2027-03


def write_tables(root: Path, *, revised: bool) -> None:
    """The 給料表 as first enacted (2025-04-01) and, when ``revised``, the 人勧 revision from 2026-04-01."""
    folder = root / "salary_schedule.bench_city"
    folder.mkdir(parents=True, exist_ok=True)
    for effective, factor in (("2025-04-01", 1000), ("2026-04-01", 1012)):
        path = folder / f"{effective}.toml"
        if effective == "2026-04-01" and not revised:
            path.unlink(missing_ok=True)
            continue
        grades = "".join(
            f"{g} = {[(a + d * i) * factor // 1000 for i in range(n)]}\n" for g, (a, d, n) in base.GRADES.items()
        )
        header = base.HEADER.replace("2026-04-01", effective).replace("2026-03-25", "2026-11-20")
        body = f'[data]\nschedule_id = "bench_city"\nname = "ベンチマーク市給料表"\n[data.grades]\n{grades}'
        path.write_text(header + body, encoding="utf-8")
    from jinji.core.rules_tables import _store_for

    _store_for.cache_clear()


def finalized_year(payer: object, employee_ids: list[int] | None) -> None:
    """12 finalized monthly runs: April computed, the other months copied from it (SQL)."""
    from django.db import connection

    from jinji.payroll.models import PayrollRun, RunStatus
    from jinji.payroll.persist import PAYSLIP_COLUMNS
    from jinji.payroll.retro_models import RetroCalculation
    from jinji.payroll.services.runs import run_compute, run_create

    RetroCalculation.unscoped.all().delete()
    PayrollRun.unscoped.all().delete()
    april = run_create(acting_user=None, payer=payer, month=FIRST, employee_ids=employee_ids)  # type: ignore[arg-type]
    april = run_compute(acting_user=None, run=april)
    cols = ", ".join(PAYSLIP_COLUMNS)
    copied = ", ".join("%s" if c == "run_id" else c for c in PAYSLIP_COLUMNS)
    for month in MONTHS[1:]:
        run = run_create(acting_user=None, payer=payer, month=month, employee_ids=employee_ids)  # type: ignore[arg-type]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO payroll_payslip ({cols}) SELECT {copied} FROM payroll_payslip WHERE run_id = %s",
                [run.pk, april.pk],
            )
        PayrollRun.unscoped.filter(pk=run.pk).update(headcount=april.headcount, total_net=april.total_net)
    PayrollRun.unscoped.all().update(status=RunStatus.FINALIZED)


def timed_retro(user: object, payer: object) -> tuple[float, float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.payroll.retro.services import retro_compute, retro_create

    with CaptureQueriesContext(connection) as ctx:
        started, cpu = time.perf_counter(), time.process_time()
        calc = retro_create(
            acting_user=user, payer=payer, first_month=MONTHS[0], last_month=MONTHS[-1],  # type: ignore[arg-type]
            pay_month=datetime.date(2027, 4, 1), reason="人事院勧告による給料表の改定 (合成)",
        )  # fmt: skip
        calc = retro_compute(acting_user=user, calculation=calc)  # type: ignore[arg-type]
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return wall, cpu, len(ctx.captured_queries), calc


def naive(org_id: int, calc_id: int, sample: list[int]) -> float:
    """Per-employee, per-month ORM loop (what the peers do), timed on ``sample`` × 12 months."""
    from jinji.core.models import as_of_q
    from jinji.core.rules_tables import rules_store
    from jinji.payroll.facts import Facts, allowance_input, insurance_input
    from jinji.payroll.models import EmployeeDeduction, InsuranceEnrolment, PayrollRun, Payslip, ResidentTax
    from jinji.payroll.retro_models import RetroDifference
    from jinji.personnel.models import Assignment, CommuteRoute, Dependent, Employee
    from jinji.rules.payslip import OtherDeduction, PayInput, SalaryGrade, TaxInput, compute_payslip

    store = rules_store()
    runs = list(PayrollRun.unscoped.filter(organization_id=org_id).order_by("month"))
    started = time.perf_counter()
    for eid in sample:
        for run in runs:
            on = run.paid_on
            employee = Employee.unscoped.get(pk=eid)
            a = Assignment.unscoped.select_related("salary_schedule").filter(as_of_q(on), employee_id=eid).first()
            assert a is not None
            assert a.salary_schedule is not None
            facts = Facts()
            deps = list(Dependent.unscoped.filter(as_of_q(on), employee_id=eid))
            commute = CommuteRoute.unscoped.filter(as_of_q(on), employee_id=eid).first()
            if commute is not None:
                facts.commute[eid] = (commute.method, commute.distance_hm * 100, commute.monthly_fare)
            ins = InsuranceEnrolment.unscoped.filter(as_of_q(on), employee_id=eid).first()
            if ins is not None:
                facts.insurance[eid] = ins
            tax = ResidentTax.unscoped.filter(employee_id=eid, fiscal_year=2025).first()
            others = tuple(
                OtherDeduction(d.item.code, d.item.name, d.amount)
                for d in EmployeeDeduction.unscoped.select_related("item").filter(as_of_q(on), employee_id=eid)
            )
            inp = PayInput(
                employee_id=str(eid),
                paid_on=on,
                salary=SalaryGrade(a.salary_schedule.code, a.grade or 1, a.step or 1),
                allowances=allowance_input(eid, facts, regular=True),
                insurance=insurance_input(eid, employee.birth_date, facts),
                tax=TaxInput(dependents=sum(1 for d in deps if d.for_tax)),
                resident_tax=tax.monthly_amount if tax else 0,
                other_deductions=others,
            )
            due = {i.code: i.amount for i in compute_payslip(inp, store=store).earnings}
            paid = {c: amt for c, _l, amt in Payslip.unscoped.get(run=run, employee_id=eid).earnings}
            for code in due.keys() | paid.keys():
                diff = due.get(code, 0) - paid.get(code, 0)
                if diff:
                    RetroDifference.unscoped.create(
                        organization_id=org_id, calculation_id=calc_id, employee_id=eid, source_month=run.month,
                        item_code=code, item_label=code, amount_paid=paid.get(code, 0), amount_due=due.get(code, 0),
                        diff=diff,
                    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--naive-sample", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tables = Path(tempfile.mkdtemp(prefix="jinji-bench-tables-"))
    os.environ["JINJI_RULES_LOCAL_TABLES"] = str(tables)
    benchkit.header(f"差額 ({args.employees:,} employees × 12 months)")
    url = benchkit.setup_django(args.database_url, "retro")
    print(f"database: {url.split('@')[-1]}")
    from jinji.core.tenancy import tenant_context

    write_tables(tables, revised=False)
    started = time.perf_counter()
    world = base.build(args.employees, args.seed)
    base.register_attendance(args.seed)
    org, payer, ids = world["org"], world["payer"], world["employees"]
    assert isinstance(ids, list)
    user = None  # a command-line run without a user, as `jinji payroll run` allows
    print(f"build synthetic data: {time.perf_counter() - started:.1f} s")
    with tenant_context(org.pk):  # type: ignore[attr-defined]
        figures = []
        for subset in (ids[: max(1, len(ids) // 10)], None):
            write_tables(tables, revised=False)
            started = time.perf_counter()
            finalized_year(payer, subset)
            setup = time.perf_counter() - started
            write_tables(tables, revised=True)
            wall, cpu, queries, calc = timed_retro(user, payer)
            figures.append((len(subset) if subset else len(ids), wall, cpu, queries, calc, setup))
        for n, wall, cpu, queries, calc, setup in figures:
            print(
                f"差額 N={n:,}: 12 months ({n * 12:,} payslips) in {wall:.1f} s wall, {cpu:.1f} s CPU "
                f"({n * 12 / wall:,.0f} payslips/s); {queries} queries; {calc.employees:,} employees with "  # type: ignore[attr-defined]
                f"differences, total {calc.total_diff:,} 円; anomalies {len(calc.anomalies)} "  # type: ignore[attr-defined]
                f"(set-up of the 12 finalized runs: {setup:.1f} s)"
            )
        print(f"load average now {os.getloadavg()[0]:.2f}")
        calc_id = figures[-1][4].pk  # type: ignore[attr-defined]
        sample = ids[: args.naive_sample]
        naive_wall = naive(org.pk, calc_id, sample)  # type: ignore[attr-defined]
        per = naive_wall / (len(sample) * 12)
        projected = per * len(ids) * 12
        full_wall = figures[-1][1]
        print(
            f"naive per-employee ORM loop: {len(sample):,} employees × 12 months in {naive_wall:.1f} s "
            f"({per * 1000:.2f} ms per payslip); extrapolated to {len(ids):,} × 12: {projected:,.0f} s; "
            f"ratio {projected / full_wall:.1f}x"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
