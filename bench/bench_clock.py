"""Clock-in throughput: POST /api/attendance/clock served by gunicorn with PostgreSQL on 127.0.0.1.

.venv/bin/python bench/bench_clock.py --database-url postgres://postgres@127.0.0.1:5432/jinji_bench_clock
    [--staff 1000] [--threads 16] [--workers 4] [--retry-share 10]

Seeds デモ市 (``--staff`` employees), gives each a login and an API token, starts gunicorn on a
free local port, then threads with keep-alive connections (stdlib ``http.client``) send each
staff member's 出勤 and 退勤 once, plus a share of deliberate re-sends of a key already used (a
phone retrying). A bounded number of requests, local only. Afterwards it checks that every punch
was recorded exactly once: 2 × staff events, no duplicate keys, every re-send answered with the
first event's id.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchkit


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _prepare(staff: int) -> list[str]:
    from jinji.accounts.models import User
    from jinji.accounts.tokens import api_token_issue
    from jinji.core.models import Organization
    from jinji.core.tenancy import tenant_context
    from jinji.personnel.models import Employee

    benchkit.seed(staff)
    org = Organization.objects.order_by("pk").first()
    assert org is not None
    keys = []
    with tenant_context(org):
        linked = set(
            User.objects.filter(organization=org, employee__isnull=False).values_list("employee_id", flat=True)
        )
        employees = Employee.objects.exclude(pk__in=linked).order_by("pk")[:staff]
        users = User.objects.bulk_create(
            [User(organization=org, username=f"clock{e.pk}", employee=e, password="!") for e in employees]
        )
        for user in users:
            keys.append(api_token_issue(acting_user=None, user=user, name="bench").key)
    return keys


def _server(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, JINJI_ALLOWED_HOSTS="127.0.0.1,localhost")
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    cmd = [gunicorn, "jinji.config.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
           "--log-level", "warning"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("gunicorn が起動しませんでした")


def _jobs(tokens: list[str], retry_share: int, rng: random.Random) -> list[tuple[str, dict[str, str], bool]]:
    jobs: list[tuple[str, dict[str, str], bool]] = []
    for n, token in enumerate(tokens):
        for kind in ("in", "out"):
            body = {"kind": kind, "location_kind": "home", "idempotency_key": f"b{n}-{kind}"}
            jobs.append((token, body, False))
            if rng.randrange(100) < retry_share:
                jobs.append((token, body, True))
    return jobs


def _worker(
    port: int,
    queue: list[tuple[str, dict[str, str], bool]],
    lock: threading.Lock,
    out: list[tuple[float, int, bool, int]],
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while True:
        with lock:
            if not queue:
                break
            token, body, retry = queue.pop()
        started = time.perf_counter()
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json", "Host": "127.0.0.1"}
        conn.request("POST", "/api/attendance/clock", json.dumps(body), headers)
        response = conn.getresponse()
        data = json.loads(response.read() or b"{}")
        out.append((time.perf_counter() - started, response.status, retry, int(data.get("id", 0))))
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", required=True, help="PostgreSQL on 127.0.0.1 (a private database)")
    parser.add_argument("--staff", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--retry-share", type=int, default=10, help="percent of punches sent twice")
    args = parser.parse_args()
    if "127.0.0.1" not in args.database_url and "localhost" not in args.database_url:
        raise SystemExit("--database-url must point at 127.0.0.1")
    benchkit.header("clock-in endpoint (gunicorn + PostgreSQL)")
    benchkit.setup_django(args.database_url, "clock")
    results: dict[str, float] = {}
    with benchkit.timed("seed + tokens", results):
        tokens = _prepare(args.staff)
    port = _free_port()
    server = _server(port, args.workers)
    jobs = _jobs(tokens, args.retry_share, random.Random(5))
    random.Random(7).shuffle(jobs)
    jobs.sort(key=lambda j: j[1]["kind"] == "in")  # pop() from the end: every 出勤 before its 退勤
    out: list[tuple[float, int, bool, int]] = []
    lock = threading.Lock()
    try:
        started = time.perf_counter()
        threads = [threading.Thread(target=_worker, args=(port, jobs, lock, out)) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    _report(out, elapsed, len(tokens))


def _report(out: list[tuple[float, int, bool, int]], elapsed: float, staff: int) -> None:
    from django.db.models import Count

    from jinji.attendance.models import ClockEvent

    latencies = [o[0] * 1000 for o in out]
    statuses: dict[int, int] = {}
    for o in out:
        statuses[o[1]] = statuses.get(o[1], 0) + 1
    print(f"  requests: {len(out)} in {elapsed:.2f} s = {len(out) / elapsed:.0f} requests/s")
    print(f"  latency ms: p50 {benchkit.percentile(latencies, 50):.1f}, p95 {benchkit.percentile(latencies, 95):.1f}, "
          f"p99 {benchkit.percentile(latencies, 99):.1f}; statuses {statuses}")  # fmt: skip
    events = ClockEvent.unscoped.count()
    dupes = ClockEvent.unscoped.values("employee_id", "idempotency_key").annotate(n=Count("id")).filter(n__gt=1).count()
    print(f"  verification: {events} clock events for {staff} staff × 2 (expected {2 * staff}); duplicate keys {dupes}")
    ok = events == 2 * staff and dupes == 0 and set(statuses) <= {200, 201}
    print("  every punch counted exactly once: " + ("yes" if ok else "NO"))


if __name__ == "__main__":
    main()
