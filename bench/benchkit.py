"""Shared set-up of the benchmarks that need Django (bench_seed, bench_search, bench_mass_transfer, bench_import …).

Each benchmark runs against a fresh SQLite file in a temporary directory (removed at exit
unless ``JINJI_BENCH_KEEP=1``) or the database given with ``--database-url``, migrated from
scratch, with DEBUG off so that query logging does not distort the timings. Import this
module before anything from Django. Other scripts use ``header``, ``setup_django``, ``seed``,
``timed``, ``percentile`` and ``pad``: keep their signatures.
"""

from __future__ import annotations

import atexit
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """nproc, CPU model, Python and SQLite versions, as one line."""
    nproc = os.cpu_count() or 0
    return (
        f"machine: nproc={nproc}, CPU={_cpu_model()}, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}, "
        f"load average {os.getloadavg()[0]:.2f} at start"
    )


def setup_django(database_url: str | None, label: str) -> str:
    """Point Jinji at a fresh database, configure Django and migrate; returns the database URL.

    Without ``database_url`` a SQLite file in a new temporary directory is used and removed at
    exit (set ``JINJI_BENCH_KEEP=1`` to keep it for inspection).
    """
    from cryptography.fernet import Fernet

    if database_url is None:
        directory = Path(tempfile.mkdtemp(prefix=f"jinji-{label}-"))
        database_url = f"sqlite:///{directory / 'bench.sqlite3'}"
        if os.environ.get("JINJI_BENCH_KEEP") != "1":
            atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ["JINJI_DATABASE_URL"] = database_url
    var_dir = Path(os.environ.setdefault("JINJI_VAR_DIR", str(Path(tempfile.gettempdir()) / "jinji-bench-var")))
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("JINJI_SECRET_KEY", "bench-" + "x" * 50)
    os.environ.setdefault("JINJI_MYNUMBER_KEYS", Fernet.generate_key().decode())
    os.environ["JINJI_DEBUG"] = "0"
    os.environ["JINJI_REQUIRE_TOTP"] = "0"
    os.environ["JINJI_SECURE_COOKIES"] = "0"
    os.environ["JINJI_ALLOWED_HOSTS"] = "testserver,localhost"
    os.environ["DJANGO_SETTINGS_MODULE"] = "jinji.config.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return database_url


@contextmanager
def timed(label: str, results: dict[str, float]) -> Iterator[None]:
    started = time.perf_counter()
    yield
    results[label] = time.perf_counter() - started
    print(f"  {label}: {results[label]:.2f} s", flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[max(0, min(98, round(q) - 1))]


def seed(employees: int, seed_value: int = 1) -> None:
    """The demo city with ``employees`` staff (progress silenced)."""
    from jinji.demo.seed import seed_demo

    seed_demo(employees=employees, seed=seed_value)


def git_revision() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False)
        return out.stdout.strip() or "?"
    except OSError:
        return "?"


def pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` display columns (全角 characters count two)."""
    import unicodedata

    used = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - used)


def header(title: str) -> None:
    print(f"== {title} ==")
    print(machine())
    print(f"git: {git_revision()} (plus uncommitted changes, if any); argv: {' '.join(sys.argv[1:]) or '(defaults)'}")
