#!/usr/bin/env bash
# The whole test suite, as `make test` runs it: static checks, then pytest on SQLite, then
# pytest again on PostgreSQL when DATABASE_URL points at one.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export DEBUG=1  # tests use the development key and plain static storage; no secrets needed

echo "== ruff"
$BIN/ruff check src tests benchmarks
$BIN/ruff format --check src tests benchmarks
echo "== mypy"
$BIN/mypy
echo "== import contracts (docs/decisions/0002)"
$BIN/lint-imports --no-cache
echo "== migrations are complete"
env -u DATABASE_URL $BIN/boligsocial makemigrations --check --dry-run
echo "== pytest (SQLite)"
env -u DATABASE_URL $BIN/pytest -p no:cacheprovider "$@"
if [[ -n "${DATABASE_URL:-}" ]]; then
  echo "== pytest (PostgreSQL: ${DATABASE_URL%%@*}@…)"
  # The browser suite checks pages, not the database: it runs once, above.
  $BIN/pytest -p no:cacheprovider -m "not browser" "$@"
fi
