"""Benchmark: monthly payslips for a synthetic municipality, batch entry point vs a naive loop.

    .venv/bin/python bench/bench_payslip.py [--employees N] [--seed S] [--naive-employees M]

Builds N synthetic employees (deterministic, seeded): ~80% regular staff on a synthetic
10-grade 給料表 (written as a municipality table and read through TableStore extra_roots),
~20% 会計年度任用職員 (monthly / daily / hourly), with dependants, 住居手当, 通勤手当
(transit, car, both), 地域手当, 管理職手当 for some senior staff, overtime for ~40%,
特殊勤務手当, 共済 items (or 短期組合員 + 厚生年金 + 雇用保険), 住民税 and other deductions.
Then times ``compute_payslips`` (tables resolved once for the pay date; best of ``--repeat``
runs) and, in the same run, a plain loop calling ``compute_payslip`` per employee (once),
checks both give the same results and prints payslips per wall-clock second and per
CPU-second of this process (the CPU figure is the one-core rate even on a busy machine), and
the ratio. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from jinji.rules.payslip import (
    AllowanceInput,
    AppointeePay,
    InsuranceInput,
    MonthAttendance,
    OtherDeduction,
    PayInput,
    PayResult,
    SalaryGrade,
    SpecialDutyCount,
    TaxInput,
    compute_payslip,
    compute_payslips,
)
from jinji.rules.tables import TableStore

PAID_ON = datetime.date(2026, 5, 21)
SCHEDULE = "bench_city"
UNION = "toyama_municipal"  # built-in sample union (富山県市町村職員共済組合)
# grade → (1号給, increment per 号給, number of 号給): synthetic, in the range of 行政職(一)
GRADES = {
    1: (196_000, 1_100, 93),
    2: (242_000, 1_300, 125),
    3: (272_000, 1_200, 113),
    4: (305_000, 1_150, 97),
    5: (330_000, 1_100, 85),
    6: (360_000, 1_050, 73),
    7: (400_000, 1_000, 65),
    8: (440_000, 1_000, 41),
    9: (500_000, 900, 37),
    10: (560_000, 800, 29),
}
GRADE_WEIGHTS = [10, 15, 25, 20, 12, 8, 5, 3, 1.5, 0.5]
MANAGEMENT_CLASSES = {6: (3, 4, 5), 7: (2, 3, 4), 8: (1, 2, 3), 9: (1, 2), 10: (1,)}
HEADER = """[provenance]
title = "ベンチマーク市 {title} (合成データ)"
source = "synthetic benchmark data, not law"
effective_from = 2026-04-01
promulgated_on = 2026-03-25
retrieved_on = 2026-11-28

"""


def write_local_tables(root: Path) -> TableStore:
    """The synthetic municipality's own tables: 給料表 and 特殊勤務手当."""
    grades = "".join(f"{g} = {[a + d * i for i in range(n)]}\n" for g, (a, d, n) in GRADES.items())
    tables = {
        f"salary_schedule.{SCHEDULE}": f'[data]\nschedule_id = "{SCHEDULE}"\nname = "ベンチマーク市給料表"\n'
        f"[data.grades]\n{grades}",
        "special_duty_allowance": '[[data.kinds]]\ncode = "tax"\nlabel = "税務手当"\nunit = "day"\namount = 500\n'
        '[[data.kinds]]\ncode = "epidemic"\nlabel = "感染症防疫作業手当"\nunit = "day"\namount = 2000\n'
        "short_amount = 1000\n",
    }
    for table_id, body in tables.items():
        (root / table_id).mkdir()
        (root / table_id / "2026-04-01.toml").write_text(HEADER.format(title=table_id) + body, encoding="utf-8")
    return TableStore(extra_roots=[root])


def _allowances(rng: random.Random, *, regular: bool, management: int) -> AllowanceInput:
    children = rng.choice([0, 0, 0, 1, 1, 2, 2, 3]) if regular else 0
    mode = rng.random()
    return AllowanceInput(
        children=children,
        special_period_children=rng.randint(0, children) if children else 0,
        other_dependents=1 if regular and rng.random() < 0.05 else 0,
        rent=rng.randrange(30_000, 90_000, 1_000) if regular and rng.random() < 0.3 else 0,
        transit_fare=rng.randrange(3_000, 40_000, 10) if mode < 0.55 else 0,
        vehicle_distance_m=rng.randrange(2_000, 40_000, 100) if 0.45 < mode < 0.9 else 0,
        parking_fee=rng.choice([0, 3_000, 6_000]) if 0.45 < mode < 0.9 else 0,
        regional_grade=rng.choice([3, 3, 3, 4, 0]) if regular else 0,
        management_class=management,
    )


def _attendance(rng: random.Random, *, overtime: bool, basis: str | None) -> MonthAttendance:
    heavy = overtime and rng.random() < 0.1
    duties = (SpecialDutyCount(rng.choice(["tax", "epidemic"]), rng.randint(1, 10)),) if rng.random() < 0.08 else ()
    return MonthAttendance(
        overtime_normal=rng.randint(60, 3_000) if overtime else 0,
        overtime_normal_night=rng.choice([0, 0, 60, 120]) if overtime else 0,
        overtime_rest_day=rng.choice([0, 0, 240, 480]) if overtime else 0,
        overtime_over60=rng.randint(30, 1_800) if heavy else 0,
        overtime_over60_night=rng.randint(0, 240) if heavy else 0,
        absence_minutes=rng.choice([60, 120, 465]) if basis in (None, "monthly") and rng.random() < 0.02 else 0,
        days_worked=rng.randint(12, 21) if basis == "daily" else 0,
        minutes_worked=rng.randint(3_000, 9_000) if basis == "hourly" else 0,
        special_duties=duties,
    )


def _employee(i: int, rng: random.Random) -> PayInput:
    regular = rng.random() >= 0.2
    grade = rng.choices(list(GRADES), weights=GRADE_WEIGHTS)[0]
    management = rng.choice(MANAGEMENT_CLASSES[grade]) if regular and grade >= 6 and rng.random() < 0.6 else 0
    basis = None if regular else rng.choices(["monthly", "daily", "hourly"], weights=[70, 15, 15])[0]
    birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(0, 365 * 44))
    if regular:
        step = rng.randint(1, max(1, GRADES[grade][2] * 3 // 5))
        insurance = InsuranceInput(
            scheme="mutual_aid",
            union=UNION,
            short_term_grade=rng.randint(18, 40),
            long_term_grade=rng.randint(15, 32),
            birth_date=birth,
        )
    else:
        insurance = InsuranceInput(
            scheme="mutual_aid",
            union=UNION,
            short_term_grade=rng.randint(8, 20),
            long_term_grade=rng.randint(5, 17),
            birth_date=birth,
            long_term_member=False,
            welfare_pension=True,
            prefecture="13",
            employment_insurance=True,
        )
    return PayInput(
        employee_id=f"E{i:06d}",
        paid_on=PAID_ON,
        salary=SalaryGrade(SCHEDULE, grade, step) if regular else None,
        appointee=None
        if basis is None
        else AppointeePay(
            basis,
            {"monthly": rng.randrange(180_000, 240_000, 100), "daily": 9_000, "hourly": 1_150}[basis],
            weekly_minutes=rng.choice([1_200, 1_740, 1_800, 2_325]),
        ),
        allowances=_allowances(rng, regular=regular, management=management),
        attendance=_attendance(rng, overtime=not management and rng.random() < 0.4, basis=basis),
        insurance=insurance,
        tax=TaxInput(column="kou" if rng.random() < 0.97 else "otsu", dependents=rng.choice([0, 0, 1, 2, 3])),
        resident_tax=rng.randrange(5_000, 40_000, 100) if rng.random() < 0.95 else 0,
        other_deductions=(OtherDeduction("mutual_society", "互助会費", 1_000),) if rng.random() < 0.6 else (),
    )


def synthetic_employees(n: int, seed: int) -> list[PayInput]:
    rng = random.Random(seed)
    return [_employee(i, rng) for i in range(n)]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def timed(run: Callable[[], list[PayResult]]) -> tuple[list[PayResult], float, float]:
    """Run once; return the results, wall seconds and CPU seconds of this process."""
    wall, cpu = time.perf_counter(), time.process_time()
    results = run()
    return results, time.perf_counter() - wall, time.process_time() - cpu


def report(name: str, n: int, wall: float, cpu: float) -> None:
    wall_rate = f"{n:,} in {wall:.2f} s wall = {n / wall:,.0f} payslips/s"
    print(f"{name} : {wall_rate}; {cpu:.2f} s CPU = {n / cpu:,.0f} payslips/CPU-s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--naive-employees", type=int, default=None, help="how many to time naively (default: all)")
    parser.add_argument("--seed", type=int, default=20260521)
    parser.add_argument("--repeat", type=int, default=3, help="batch runs; the fastest is reported (default 3)")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        store = write_local_tables(Path(tmp))
        started = time.perf_counter()
        inputs = synthetic_employees(args.employees, args.seed)
        built = time.perf_counter() - started
        runs = [timed(lambda: compute_payslips(inputs, paid_on=PAID_ON, store=store)) for _ in range(args.repeat)]
        batch = runs[0][0]
        batch_wall, batch_cpu = min(r[1] for r in runs), min(r[2] for r in runs)
        del runs[1:]
        naive_inputs = inputs[: args.naive_employees or len(inputs)]
        naive, naive_wall, naive_cpu = timed(lambda: [compute_payslip(inp, store=store) for inp in naive_inputs])
    same = naive == batch[: len(naive)]
    print(f"Payslip batch (rules core): {len(inputs):,} employees, pay date {PAID_ON}, seed {args.seed}")
    print(f"machine: nproc={os.cpu_count()}, CPU={cpu_model()}, Python {platform.python_version()}")
    print(f"load average before the run: {load:.2f}; inputs built in {built:.2f} s")
    report(f"batch  compute_payslips (best of {args.repeat})", len(batch), batch_wall, batch_cpu)
    report("naive  compute_payslip loop (1 run)     ", len(naive), naive_wall, naive_cpu)
    ratio_wall = (len(batch) / batch_wall) / (len(naive) / naive_wall)
    ratio_cpu = (len(batch) / batch_cpu) / (len(naive) / naive_cpu)
    print(f"ratio batch/naive : {ratio_wall:.1f}x wall, {ratio_cpu:.1f}x CPU")
    print(f"results identical : {'yes' if same else 'NO'}")
    overtime = sum(1 for r in batch if any(e.code == "overtime_pay" for e in r.earnings))
    print(f"mix: overtime {overtime / len(batch):.0%}, gross total {sum(r.gross for r in batch):,} yen")


if __name__ == "__main__":
    main()
