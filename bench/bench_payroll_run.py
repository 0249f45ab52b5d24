"""Benchmark: a monthly payroll run (gather → compute → persist) of N employees, and a naive loop.

    .venv/bin/python bench/bench_payroll_run.py [--employees N] [--naive-sample M] [--database-url URL]

Builds a synthetic municipality with bulk inserts (one payer, 50 units, N staff on a synthetic
10-grade 給料表 written as a municipality table; 共済 enrolment for 85%, 協会けんぽ+厚生年金+雇用保険
for the rest, dependants for 40%, commute for 90%, bank accounts, 住民税 and other deductions),
then times ``run_create`` + ``run_compute`` (what ``jinji payroll run`` does) and counts the
queries for N and for N/10. 勤怠 comes from an in-memory source registered for the bench
(overtime for ~40%), so the attendance app's own selector is not part of the timing.

The naive baseline does, per employee, what a straightforward ORM loop does: read the
assignment, dependants, commute, insurance, 住民税, deductions and bank account, call
``compute_payslip`` (tables resolved per call), and ``Payslip.objects.create``. It runs on a
sample of ``--naive-sample`` employees and is extrapolated linearly to N (printed as such).
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

import benchkit

PAID_MONTH = datetime.date(2026, 5, 1)
GRADES = {g: (190_000 + 30_000 * g, 1_100, 120) for g in range(1, 11)}
HEADER = """[provenance]
title = "ベンチマーク市 給料表 (合成データ)"
source = "synthetic benchmark data, not law"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-28

"""


def write_schedule(root: Path) -> None:
    grades = "".join(f"{g} = {[a + d * i for i in range(n)]}\n" for g, (a, d, n) in GRADES.items())
    (root / "salary_schedule.bench_city").mkdir(parents=True)
    body = f'[data]\nschedule_id = "bench_city"\nname = "ベンチマーク市給料表"\n[data.grades]\n{grades}'
    (root / "salary_schedule.bench_city" / "2026-04-01.toml").write_text(HEADER + body, encoding="utf-8")


def build(n: int, seed: int) -> dict[str, object]:
    """The municipality, with bulk inserts. Returns ids the benchmark needs."""
    from jinji.core.models import Organization
    from jinji.org.models import AppointingAuthority, OrgUnit, OrgUnitVersion, Payer, SalarySchedule
    from jinji.payroll.models import DeductionItem, EmployeeDeduction, InsuranceEnrolment, PayrollCalendar, ResidentTax
    from jinji.personnel.models import Assignment, BankAccount, CommuteRoute, Dependent, Employee

    rng = random.Random(seed)
    far = datetime.date(2000, 4, 1)
    org = Organization.objects.create(code="169999", name="ベンチ市")
    auth = AppointingAuthority.objects.create(organization=org, code="A1", name="市長", kind="mayor")
    payer = Payer.objects.create(organization=org, code="P01", name="市長部局", name_kana="ﾍﾞﾝﾁｼ")
    PayrollCalendar.objects.create(organization=org, payer=payer)
    schedule = SalarySchedule.objects.create(
        organization=org, code="bench_city", name="ベンチ市給料表", max_grade=10, valid_from=far
    )
    units = OrgUnit.unscoped.bulk_create(
        [OrgUnit(organization=org, appointing_authority=auth, code=f"U{i:03d}", valid_from=far) for i in range(50)]
    )
    OrgUnitVersion.unscoped.bulk_create(
        [
            OrgUnitVersion(organization=org, unit=u, name=f"第{i}課", level="division", valid_from=far)
            for i, u in enumerate(units)
        ]
    )
    items = DeductionItem.unscoped.bulk_create(
        [DeductionItem(organization=org, code=c, name=nm) for c, nm in (("gojokai", "互助会費"), ("union", "組合費"))]
    )
    emps = Employee.unscoped.bulk_create(
        [
            Employee(
                organization=org, staff_number=f"{i:07d}", family_name="山田", given_name=f"太郎{i}",
                family_name_kana="ヤマダ", given_name_kana="タロウ", hired_on=far,
                birth_date=datetime.date(1960 + i % 40, 1 + i % 12, 1),
            )
            for i in range(n)
        ],
        batch_size=5000,
    )  # fmt: skip
    rows: dict[str, list[object]] = {k: [] for k in ("asg", "ins", "dep", "com", "bank", "tax", "ded")}
    for i, e in enumerate(emps):
        grade = rng.choice(range(1, 11))
        rows["asg"].append(
            Assignment(
                organization=org, employee=e, org_unit=units[i % 50], appointing_authority=auth, payer=payer,
                appointment_type="regular", salary_schedule=schedule, grade=grade, step=rng.randint(1, 120),
                work_pattern="full_time", weekly_minutes=2325, valid_from=far,
            )
        )  # fmt: skip
        mutual = rng.random() < 0.85
        rows["ins"].append(
            InsuranceEnrolment(
                organization=org, employee=e, scheme="mutual_aid" if mutual else "employee_plans",
                union="toyama_municipal" if mutual else "", prefecture="" if mutual else "13",
                short_term_grade=rng.randint(10, 40), long_term_grade=rng.randint(5, 30),
                employment_insurance=not mutual, valid_from=far,
            )
        )  # fmt: skip
        if rng.random() < 0.4:
            rows["dep"].append(
                Dependent(
                    organization=org, employee=e, name="山田花子", name_kana="ヤマダハナコ", relationship="spouse",
                    birth_date=datetime.date(1985, 1, 1), valid_from=far,
                )
            )  # fmt: skip
        if rng.random() < 0.9:
            rows["com"].append(
                CommuteRoute(
                    organization=org, employee=e, method="transport", distance_hm=rng.randint(20, 400),
                    monthly_fare=rng.randrange(3000, 40000, 10), valid_from=far,
                )
            )  # fmt: skip
        rows["bank"].append(
            BankAccount(
                organization=org, employee=e, bank_code="0001", bank_name="ミズホ", branch_code="001",
                branch_name="ホンテン", account_type="1", account_number=f"{i:07d}", holder_kana="ヤマダ タロウ",
                valid_from=far,
            )
        )  # fmt: skip
        rows["tax"].append(
            ResidentTax(organization=org, employee=e, fiscal_year=2025, municipality_code="162019",
                        june_amount=12000, monthly_amount=rng.randrange(5000, 30000, 100))
        )  # fmt: skip
        if rng.random() < 0.3:
            rows["ded"].append(
                EmployeeDeduction(organization=org, employee=e, item=items[i % 2], amount=1500, valid_from=far)
            )
    for model, key in (
        (Assignment, "asg"), (InsuranceEnrolment, "ins"), (Dependent, "dep"), (CommuteRoute, "com"),
        (BankAccount, "bank"), (ResidentTax, "tax"), (EmployeeDeduction, "ded"),
    ):  # fmt: skip
        model.unscoped.bulk_create(rows[key], batch_size=5000)
    return {"org": org, "payer": payer, "employees": [e.pk for e in emps]}


def register_attendance(seed: int) -> None:
    from jinji.payroll.sources import AttendanceMonth, register_attendance_source
    from jinji.rules.payslip import MonthAttendance

    rng = random.Random(seed)
    cache: dict[int, AttendanceMonth] = {}

    def source(*, organization_id: int, units: dict[int, int], year: int, month: int) -> dict[int, AttendanceMonth]:
        blank = AttendanceMonth(MonthAttendance(), True)
        for eid in units:
            if eid not in cache:
                ot = rng.randrange(60, 2400, 15) if rng.random() < 0.4 else 0
                cache[eid] = AttendanceMonth(MonthAttendance(overtime_normal=ot), True) if ot else blank
        return {eid: cache[eid] for eid in units}

    register_attendance_source(source)


def timed_run(payer: object, employee_ids: list[int] | None) -> tuple[float, float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jinji.payroll.models import PayrollRun
    from jinji.payroll.services.runs import run_compute, run_create

    PayrollRun.unscoped.all().delete()
    with CaptureQueriesContext(connection) as ctx:
        started, cpu = time.perf_counter(), time.process_time()
        run = run_create(acting_user=None, payer=payer, month=PAID_MONTH, employee_ids=employee_ids)  # type: ignore[arg-type]
        run = run_compute(acting_user=None, run=run)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return wall, cpu, len(ctx.captured_queries), run


def naive(org_id: int, payer_id: int, sample: list[int], paid_on: datetime.date) -> float:
    """Per-employee ORM loop (what the peers do), timed on ``sample``."""
    from jinji.core.models import as_of_q
    from jinji.core.rules_tables import rules_store
    from jinji.payroll.facts import Facts, allowance_input, insurance_input
    from jinji.payroll.models import EmployeeDeduction, InsuranceEnrolment, PayrollRun, Payslip, ResidentTax
    from jinji.personnel.models import Assignment, BankAccount, CommuteRoute, Dependent, Employee
    from jinji.rules.payslip import OtherDeduction, PayInput, SalaryGrade, TaxInput, compute_payslip

    run = PayrollRun.unscoped.create(
        organization_id=org_id, payer_id=payer_id, month=PAID_MONTH, kind="bonus", paid_on=paid_on
    )
    store = rules_store()
    started = time.perf_counter()
    for eid in sample:
        employee = Employee.unscoped.get(pk=eid)
        a = Assignment.unscoped.select_related("salary_schedule").filter(as_of_q(paid_on), employee_id=eid).first()
        assert a is not None
        assert a.salary_schedule is not None
        facts = Facts()
        deps = list(Dependent.unscoped.filter(as_of_q(paid_on), employee_id=eid))
        commute = CommuteRoute.unscoped.filter(as_of_q(paid_on), employee_id=eid).first()
        if commute is not None:
            facts.commute[eid] = (commute.method, commute.distance_hm * 100, commute.monthly_fare)
        ins = InsuranceEnrolment.unscoped.filter(as_of_q(paid_on), employee_id=eid).first()
        if ins is not None:
            facts.insurance[eid] = ins  # a model instance has the same attributes as the named row
        tax = ResidentTax.unscoped.filter(employee_id=eid, fiscal_year=2025).first()
        others = tuple(
            OtherDeduction(d.item.code, d.item.name, d.amount)
            for d in EmployeeDeduction.unscoped.select_related("item").filter(as_of_q(paid_on), employee_id=eid)
        )
        BankAccount.unscoped.filter(as_of_q(paid_on), employee_id=eid).exists()
        inp = PayInput(
            employee_id=str(eid), paid_on=paid_on,
            salary=SalaryGrade(a.salary_schedule.code, a.grade or 1, a.step or 1),
            allowances=allowance_input(eid, facts, regular=True),
            insurance=insurance_input(eid, employee.birth_date, facts),
            tax=TaxInput(dependents=sum(1 for d in deps if d.for_tax)),
            resident_tax=tax.monthly_amount if tax else 0,
            other_deductions=others,
        )  # fmt: skip
        r = compute_payslip(inp, store=store)
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
    write_schedule(tables)
    os.environ["JINJI_RULES_LOCAL_TABLES"] = str(tables)
    benchkit.header(f"payroll run ({args.employees:,} employees)")
    url = benchkit.setup_django(args.database_url, "payroll")
    print(f"database: {url.split('@')[-1]}")
    from jinji.core.tenancy import tenant_context

    started = time.perf_counter()
    world = build(args.employees, args.seed)
    print(f"build synthetic data: {time.perf_counter() - started:.1f} s")
    from django.db import connection

    with connection.cursor() as cursor:  # what autovacuum does shortly after a bulk load (a nightly job on SQLite)
        cursor.execute("ANALYZE")
    register_attendance(args.seed)
    org, payer, ids = world["org"], world["payer"], world["employees"]
    assert isinstance(ids, list)
    with tenant_context(org.pk):  # type: ignore[attr-defined]
        small_ids = ids[: max(1, len(ids) // 10)]
        _, _, small_queries, _ = timed_run(payer, small_ids)
        wall, cpu, queries, run = timed_run(payer, None)
        inserts = queries - small_queries
        print(
            f"monthly run: {run.headcount:,} payslips in {wall:.2f} s wall, {cpu:.2f} s CPU of this process "  # type: ignore[attr-defined]
            f"({run.headcount / wall:,.0f}/s wall); load average now {os.getloadavg()[0]:.2f}; "  # type: ignore[attr-defined]
            f"net total {run.total_net:,} 円; anomalies {len(run.anomalies)}"  # type: ignore[attr-defined]
        )
        print(
            f"queries: {queries} for N={len(ids):,}, {small_queries} for N/10 "
            f"(difference = progress updates, one per 5,000-employee chunk: {inserts})"
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
