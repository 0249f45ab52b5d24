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
set -a; . var/demo.env; set +a
export JINJI_VAR_DIR="$PWD/var" JINJI_SECURE_COOKIES=0 JINJI_REQUIRE_TOTP=0
export JINJI_BIND="${JINJI_BIND:-127.0.0.1:8000}"
[ -f var/jinji.sqlite3 ] || rm -f var/demo-extras.done
.venv/bin/jinji migrate --verbosity 0
.venv/bin/jinji collectstatic --noinput --verbosity 0
.venv/bin/jinji seed-demo --employees "${JINJI_DEMO_EMPLOYEES:-1500}" --seed 1 --if-empty
if [ ! -f var/demo-extras.done ]; then
  # Approval routes, this year's 年次休暇 and the talent scenarios, once per demo database.
  .venv/bin/jinji workflow-seed-definitions --organization 999999
  .venv/bin/jinji leave-grant --organization 999999 --year "$(date +%Y)"
  .venv/bin/jinji talent-seed-demo --organization 999999
  touch var/demo-extras.done
fi
.venv/bin/jinji demo-logins --url "http://${JINJI_BIND}/"
exec .venv/bin/jinji serve
