"""Benchmark: bulk payslip PDF (給与明細書の一括印刷) — chunked rendering into one PDF vs one PDF per payslip.

    .venv/bin/python bench/bench_payslip_print.py [--payslips N] [--chunk C] [--naive-sample M]

Renders N synthetic payslips (12 earnings and 10 deduction lines each, like a regular employee with
overtime and 共済) with :func:`jinji.payroll.printing.render_payslips_pdf` in chunks of C (what the
print job does for one PDF part), and, in the same run, the naive way — one WeasyPrint document and one
PDF per payslip, as the per-employee download does — on a sample of M, extrapolated linearly. Prints
payslips per second (wall and CPU of this process), the ratio, the PDF size and the peak RSS of the
process. Not a pass/fail test. No database work is timed (the views are built in memory).
"""

from __future__ import annotations

import argparse
import datetime
import resource
import time

import benchkit


def _views(n: int) -> list[object]:
    from jinji.payroll.models import PayrollRun
    from jinji.payroll.selectors import PayslipView

    run = PayrollRun(month=datetime.date(2026, 5, 1), paid_on=datetime.date(2026, 5, 21), kind="monthly")
    earnings = [(f"e{i}", f"手当{i}", 10_000 + i) for i in range(11)]
    deductions = [(f"d{i}", f"控除{i}", 1_000 + i) for i in range(10)]
    return [
        PayslipView(
            id=i, run=run, employee_id=i, staff_number=f"{i:06d}", name=f"職員 {i}", gross=300_000,
            total_deductions=60_000, net=240_000, taxable=250_000,
            earnings=[("base_salary", "給料", 190_000), *earnings], deductions=deductions, tables=[],
        )
        for i in range(n)
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--payslips", type=int, default=250)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--naive-sample", type=int, default=20)
    args = parser.parse_args()
    benchkit.header("一括印刷 (給与明細書 PDF)")
    benchkit.setup_django(None, "print")
    from django.template.loader import render_to_string

    from jinji.payroll.printing import render_payslips_pdf
    from jinji.personnel.notices import render_pdf

    views = _views(args.payslips)
    chunks = [views[i : i + args.chunk] for i in range(0, len(views), args.chunk)]
    wall, cpu = time.perf_counter(), time.process_time()
    pdf = render_payslips_pdf(chunks)  # type: ignore[arg-type]
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"chunked: {args.payslips} payslips in {wall:.1f} s wall / {cpu:.1f} s CPU "
          f"({args.payslips / wall:.1f}/s wall, {args.payslips / cpu:.1f}/s CPU), {len(pdf) / 1024:.0f} KiB, "
          f"peak RSS {peak_mb:.0f} MiB")  # fmt: skip
    sample = views[: args.naive_sample]
    n_wall, n_cpu = time.perf_counter(), time.process_time()
    for view in sample:
        render_pdf(render_to_string("payroll/payslip_pdf.html", {"slip": view}))
    n_wall, n_cpu = time.perf_counter() - n_wall, time.process_time() - n_cpu
    per = n_cpu / len(sample)
    each_wall = n_wall / len(sample) * 1000
    print(
        f"naive (one PDF per payslip, {len(sample)} sampled): {per * 1000:.0f} ms CPU each "
        f"(wall {each_wall:.0f} ms) → {per * args.payslips:.1f} s CPU for {args.payslips} (extrapolated)"
    )
    print(f"ratio (CPU): {per * args.payslips / cpu:.1f}×")


if __name__ == "__main__":
    main()
