#!/usr/bin/env bash
# Creates or refreshes the project's virtual environment from the lock file.
# Idempotent: a second run with an unchanged lock file only checks and returns.
set -euo pipefail
cd "$(dirname "$0")/.."
lock="requirements/${1:-dev}.lock"
venv=".venv"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
stamp="$venv/.lock-$(basename "$lock").sha256"
want=$(sha256sum "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  log="$venv/pip.log"
  pipq() { "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$@" >"$log" 2>&1 \
             || { grep -v '^WARNING: Location' "$log" >&2; echo "pip install failed: $*" >&2; exit 1; }; }
  pipq --require-hashes -r "$lock"
  pipq --no-deps -e .
  echo "$want" > "$stamp"
fi
