"""The ``jinji`` console command: everything an operator runs.

``jinji serve`` runs the production server (gunicorn); ``jinji gen-keys`` prints fresh
secrets; any other word is a Django management command, with hyphens allowed
(``jinji seed-demo --employees 1000`` runs ``seed_demo``).
"""

from __future__ import annotations

import os
import sys


def _serve(args: list[str]) -> int:
    """Run the system checks (secrets, My Number keys, local tables), then gunicorn."""
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError
    from gunicorn.app.wsgiapp import run

    django.setup()
    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as exc:
        print(exc, file=sys.stderr)
        print("設定に問題があるため起動を中止しました。", file=sys.stderr)
        return 1

    bind = os.environ.get("JINJI_BIND", "127.0.0.1:8000")
    workers = os.environ.get("JINJI_WORKERS", str(max(2, (os.cpu_count() or 1) + 1)))
    # gthread workers: keep-alive connections (phones and a reverse proxy reuse them) and threads that
    # overlap each other's database waits; bench/bench_clock.py measures exactly this launch.
    threads = os.environ.get("JINJI_THREADS", "4")
    sys.argv = [
        "gunicorn",
        "jinji.config.wsgi:application",
        "--bind",
        bind,
        "--workers",
        workers,
        "--worker-class",
        "gthread",
        "--threads",
        threads,
        "--access-logfile",
        "-",
        *args,
    ]
    run()
    return 0


def _gen_keys() -> int:
    import secrets

    from cryptography.fernet import Fernet

    print(f"JINJI_SECRET_KEY={secrets.token_urlsafe(50)}")
    print(f"JINJI_MYNUMBER_KEYS={Fernet.generate_key().decode()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jinji.config.settings")
    if args and args[0] == "serve":
        return _serve(args[1:])
    if args and args[0] == "gen-keys":
        return _gen_keys()
    if args and not args[0].startswith("-"):
        args[0] = args[0].replace("-", "_")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["jinji", *args])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
