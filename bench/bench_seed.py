"""Benchmark: ``jinji seed-demo --employees 100000`` on a fresh SQLite file.

    .venv/bin/python bench/bench_seed.py [--employees 100000] [--seed 1] [--database-url URL]

Times the whole seed (planning the people in Python, then one transaction of set-based
inserts) and prints rows per second and the size of the database file. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import benchkit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    benchkit.header(f"seed-demo --employees {args.employees:,}")
    url = benchkit.setup_django(args.database_url, "seed")
    print(f"database: {url.split('@')[-1]}")
    from jinji.demo.seed import seed_demo

    marks: list[tuple[str, float]] = []

    def progress(what: str, done: int, total: int) -> None:
        if done == total:
            marks.append((what, time.perf_counter()))

    started = time.perf_counter()
    result = seed_demo(employees=args.employees, seed=args.seed, progress=progress)
    total = time.perf_counter() - started
    rows = sum(result.rows.values())
    planned = marks[0][1] - started if marks else 0.0
    print(f"  plan people (pure Python): {planned:.1f} s")
    print(f"  write (one transaction, set-based inserts): {total - planned:.1f} s")
    for table, count in sorted(result.rows.items()):
        print(f"    {table}: {count:,}")
    size = ""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        size = f", file {path.stat().st_size / 1e6:.0f} MB"
    print(
        f"result: {args.employees:,} employees, {result.units:,} units, {rows:,} rows in {total:.1f} s "
        f"({rows / total:,.0f} rows/s{size})"
    )


if __name__ == "__main__":
    main()
