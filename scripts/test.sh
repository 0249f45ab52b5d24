#!/usr/bin/env bash
# Sets everything up and runs every check and test: lint, types, import contracts,
# migrations, then the suite on SQLite and (when reachable or required) on PostgreSQL.
#   JINJI_TEST_POSTGRES_URL  PostgreSQL server for the second run (default postgres://postgres@127.0.0.1:5432/jinji)
#   JINJI_REQUIRE_POSTGRES=1 fail instead of skipping the PostgreSQL run when no server answers (CI sets it)
#   JINJI_REQUIRE_BROWSER=1  fail instead of skipping browser tests when Chromium is missing (CI sets it)
# Extra arguments go to pytest (e.g. scripts/test.sh -k mynumber).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh dev
export DJANGO_SETTINGS_MODULE=jinji.config.settings_test
export JINJI_VAR_DIR="${JINJI_VAR_DIR:-$PWD/var/test}"
py=.venv/bin

echo "== ruff";          "$py/ruff" check src tests bench && "$py/ruff" format --check --quiet src tests bench
echo "== mypy (strict)"; "$py/mypy"
echo "== import contracts"; "$py/lint-imports" --no-cache
echo "== migrations";    "$py/jinji" makemigrations --check --dry-run >/dev/null

echo "== tests on SQLite"
"$py/pytest" -q "$@"

pg_url="${JINJI_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/jinji}"
if "$py/python" - "$pg_url" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].rsplit("/", 1)[0] + "/postgres", connect_timeout=3).close()
PY
then
  echo "== tests on PostgreSQL ($pg_url)"
  JINJI_TEST_DATABASE_URL="$pg_url" "$py/pytest" -q -m "not browser" "$@"
elif [ "${JINJI_REQUIRE_POSTGRES:-0}" = "1" ]; then
  echo "PostgreSQL ($pg_url) に接続できません: JINJI_REQUIRE_POSTGRES=1 のため失敗とします" >&2
  exit 1
else
  echo "== PostgreSQL に接続できないため PostgreSQL での実行を省略しました ($pg_url)"
fi
