"""Clock-in throughput: POST /api/attendance/clock served by ``jinji serve`` with PostgreSQL on 127.0.0.1.

.venv/bin/python bench/bench_clock.py --database-url postgres://postgres@127.0.0.1:5432/jinji_bench_clock
    [--staff 5000] [--threads 8] [--workers 3] [--worker-threads 4] [--retry-share 10]

Seeds デモ市 (``--staff`` employees), gives each a login and an API token, starts ``jinji serve``
(the production server: gunicorn, gthread workers) on a free local port, then threads with
keep-alive connections (stdlib ``http.client``) send each staff member's 出勤 and 退勤 once, plus
a share of deliberate re-sends of a key already used (a phone retrying). A bounded number of
requests, local only. Afterwards it checks that every punch was recorded exactly once: 2 × staff
events, no duplicate keys, every re-send answered with the first event's id.
"""

from __future__ import annotations

import argparse
import datetime
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


def _server(port: int, workers: int, worker_threads: int) -> subprocess.Popen[bytes]:
    """The production server exactly as operators start it: ``jinji serve`` (system checks, then
    gunicorn with gthread workers and an access log line per request — written to /dev/null here),
    production settings (DEBUG off), persistent database connections."""
    env = dict(os.environ, JINJI_ALLOWED_HOSTS="127.0.0.1,localhost", JINJI_BIND=f"127.0.0.1:{port}",
               JINJI_WORKERS=str(workers), JINJI_THREADS=str(worker_threads))  # fmt: skip
    jinji = str(Path(sys.executable).parent / "jinji")
    proc = subprocess.Popen([jinji, "serve", "--log-level", "warning"], env=env, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.1)
    proc.terminate()
    raise SystemExit("jinji serve が起動しませんでした")


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of ``pids`` so far (Linux /proc; processes that are gone count 0)."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(parent: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(stat.parent.name))
        except (OSError, ValueError):
            continue
    return found


def _database_backends() -> list[int]:
    """PostgreSQL server processes serving the benchmark database (the workers' persistent connections)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        return [int(row[0]) for row in cursor.fetchall()]


def _punch_statements(keys: list[str], via_orm: bool) -> tuple[float, float]:
    """CPU per punch (this process, its PostgreSQL backend) of the punch's statements: the token look-up,
    the lock with the closed-month and policy reads, the recent punches, the event and its audit row.
    ``via_orm``: the naive baseline, the same statements through the ORM (what the endpoint ran before
    jinji.core.fastsql). Each punch in its own transaction, rolled back."""
    from django.db import connection, transaction
    from django.db.models import Q

    from jinji.accounts.api_auth import token_user
    from jinji.accounts.models import ApiToken
    from jinji.accounts.tokens import key_hash
    from jinji.attendance.models import AttendancePolicy, ClockEvent, MonthClose
    from jinji.attendance.selectors import punch_reads
    from jinji.audit.models import AuditEvent
    from jinji.core import fastsql
    from jinji.core.models import as_of_q
    from jinji.personnel.models import Assignment, AssignmentKind, Employee

    now = datetime.datetime.now(datetime.UTC)
    day = now.date()
    since = now - datetime.timedelta(hours=48)

    def orm(key: str) -> None:
        token = (ApiToken.unscoped.select_related("user").filter(key_hash=key_hash(key), revoked_at__isnull=True)
                 .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now)).first())  # fmt: skip
        assert token is not None
        org, emp = token.organization_id, token.user.employee_id
        list(Employee.unscoped.select_for_update().filter(pk=emp).values_list("pk", flat=True))
        units = Assignment.objects.for_organization(org).filter(as_of_q(day), employee_id=emp,
                                                                kind=AssignmentKind.PRIMARY)  # fmt: skip
        MonthClose.objects.for_organization(org).filter(
            org_unit_id__in=units.values("org_unit_id"), year=day.year, month=day.month
        ).exists()
        AttendancePolicy.objects.for_organization(org).first()
        window = Q(occurred_at__gte=since, occurred_at__lt=now, business_date__range=(since.date(), day))
        list(ClockEvent.objects.for_organization(org).filter(Q(idempotency_key="x") | window, employee_id=emp)
             .order_by("-occurred_at", "-pk"))  # fmt: skip
        event = ClockEvent.objects.create(organization_id=org, employee_id=emp, kind="in", occurred_at=now,
                                          received_at=now, business_date=day, location_kind="home",
                                          idempotency_key="x", entered_by=token.user)  # fmt: skip
        AuditEvent.objects.create(organization_id=org, actor_id=token.user_id, action="attendance.clocked",
                                  target_type="attendance.clockevent", target_id=str(event.pk),
                                  after={"kind": "in"})  # fmt: skip

    def fast(key: str) -> None:
        found = token_user(key, now=now)
        assert found is not None
        user = found[1]
        org, emp = user.organization_id, user.employee_id
        assert emp is not None
        punch_reads.lock_for_punch(organization_id=org, employee_id=emp, days=(day, day))
        punch_reads.recent_events(organization_id=org, employee_id=emp, key="x", since=since, until=now,
                                  first_day=since.date(), last_day=day)  # fmt: skip
        event = fastsql.insert(ClockEvent(organization_id=org, employee_id=emp, kind="in", occurred_at=now,
                                          received_at=now, business_date=day, location_kind="home",
                                          idempotency_key="x", entered_by=user))  # fmt: skip
        fastsql.insert(AuditEvent(organization_id=org, actor_id=user.pk, action="attendance.clocked",
                                  target_type="attendance.clockevent", target_id=str(event.pk),
                                  after={"kind": "in"}))  # fmt: skip

    run = orm if via_orm else fast
    connection.ensure_connection()
    backend = [int(connection.connection.info.backend_pid)]
    for key in keys[:20]:  # warm up (and prepare, on the fast path)
        with transaction.atomic():
            run(key)
            transaction.set_rollback(True)
    cpu, server = time.process_time(), _cpu_seconds(backend)
    for key in keys:
        with transaction.atomic():
            run(key)
            transaction.set_rollback(True)
    return (time.process_time() - cpu) / len(keys) * 1000, (_cpu_seconds(backend) - server) / len(keys) * 1000


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
    parser.add_argument("--staff", type=int, default=5000, help="2 × staff × 1.1 requests (5,000: ~35 s sustained)")
    parser.add_argument("--threads", type=int, default=8, help="client threads (one keep-alive connection each)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (JINJI_WORKERS)")
    parser.add_argument("--worker-threads", type=int, default=4, help="threads per worker (JINJI_THREADS)")
    parser.add_argument("--retry-share", type=int, default=10, help="percent of punches sent twice")
    args = parser.parse_args()
    if "127.0.0.1" not in args.database_url and "localhost" not in args.database_url:
        raise SystemExit("--database-url must point at 127.0.0.1")
    benchkit.header("clock-in endpoint (gunicorn + PostgreSQL)")
    benchkit.setup_django(args.database_url, "clock")
    results: dict[str, float] = {}
    with benchkit.timed("seed + tokens", results):
        tokens = _prepare(args.staff)
    orm = _punch_statements(tokens, via_orm=True)
    fast = _punch_statements(tokens, via_orm=False)
    print(f"  a punch's statements, CPU per punch (this process / its PostgreSQL backend), {len(tokens)} punches: "
          f"naive ORM {orm[0]:.2f} / {orm[1]:.2f} ms, jinji.core.fastsql {fast[0]:.2f} / {fast[1]:.2f} ms "
          f"({(orm[0] + orm[1]) / max(fast[0] + fast[1], 1e-9):.1f}x)")  # fmt: skip
    port = _free_port()
    server = _server(port, args.workers, args.worker_threads)
    jobs = _jobs(tokens, args.retry_share, random.Random(5))
    random.Random(7).shuffle(jobs)
    jobs.sort(key=lambda j: j[1]["kind"] == "in")  # pop() from the end: every 出勤 before its 退勤
    out: list[tuple[float, int, bool, int]] = []
    lock = threading.Lock()
    time.sleep(5)  # let the workers finish loading the application (wsgi.py imports every URL module)
    workers = _children(server.pid)
    server_cpu = _cpu_seconds(workers)
    try:
        started, cpu_started = time.perf_counter(), time.process_time()
        threads = [threading.Thread(target=_worker, args=(port, jobs, lock, out)) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        cpu = time.process_time() - cpu_started
        server_cpu = _cpu_seconds(workers) - server_cpu
        database_cpu = _cpu_seconds(_database_backends())  # connections opened during the run
    finally:
        server.terminate()
        server.wait()
    n = max(len(out), 1)
    ceiling = 2 * n / max(server_cpu + database_cpu + cpu, 1e-9)
    print(f"  CPU per request: gunicorn workers {server_cpu / n * 1000:.2f} ms, PostgreSQL backends "
          f"{database_cpu / n * 1000:.2f} ms, load generator {cpu / n * 1000:.2f} ms "
          f"(2 cores → at most {ceiling:.0f} requests/s on a quiet machine)")  # fmt: skip
    print(f"  load average after the run: {os.getloadavg()[0]:.2f}")
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
    from django.db import connection

    with connection.cursor() as cursor:  # the same check in plain SQL, independent of the ORM
        cursor.execute(
            "SELECT count(*), count(DISTINCT (employee_id, idempotency_key)), count(DISTINCT (employee_id, kind,"
            " business_date)) FROM attendance_clockevent"
        )
        rows, keys, slots = cursor.fetchone()
    print(f"  SQL: {rows} rows, {keys} distinct (employee, key), {slots} distinct (employee, kind, day)")
    ok = events == 2 * staff and dupes == 0 and set(statuses) <= {200, 201} and rows == keys == slots
    print("  every punch counted exactly once: " + ("yes" if ok else "NO"))


if __name__ == "__main__":
    main()
