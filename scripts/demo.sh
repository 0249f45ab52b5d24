#!/usr/bin/env bash
# Sets everything up and runs Jinji on the embedded SQLite database with a demo municipality.
# Idempotent: a second run reuses the database and the generated keys.
#   JINJI_DEMO_EMPLOYEES  size of the demo municipality (default 1500)
#   JINJI_BIND            address to serve on (default 127.0.0.1:8000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
mkdir -p var
if [ ! -f var/demo.env ]; then
  .venv/bin/jinji gen-keys > var/demo.env
  chmod 600 var/demo.env
fi
# デモ市's own (fictitious) 給料表: the built-in national one is partial. A table directory the user set wins;
# var/demo.env records the demo's, so a shell that sources it runs the CLI (jinji payroll …) with it too.
user_tables="${JINJI_RULES_LOCAL_TABLES:-}"
if ! grep -q '^JINJI_RULES_LOCAL_TABLES=' var/demo.env; then
  printf 'JINJI_RULES_LOCAL_TABLES=%q\n' "$PWD/src/jinji/demo/data/tables" >> var/demo.env
fi
set -a; . var/demo.env; set +a
if [ -n "$user_tables" ]; then export JINJI_RULES_LOCAL_TABLES="$user_tables"; fi
export JINJI_VAR_DIR="$PWD/var" JINJI_SECURE_COOKIES=0 JINJI_REQUIRE_TOTP=0
export JINJI_BIND="${JINJI_BIND:-127.0.0.1:8000}"
.venv/bin/jinji migrate --verbosity 0
.venv/bin/jinji collectstatic --noinput --verbosity 0
# The city once, then each app's demo data (routes, 年次休暇, talent scenarios, …) not yet added.
.venv/bin/jinji seed-demo --employees "${JINJI_DEMO_EMPLOYEES:-1500}" --seed 1 --if-empty
.venv/bin/jinji demo-logins --url "http://${JINJI_BIND}/"
exec .venv/bin/jinji serve
