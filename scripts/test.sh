#!/usr/bin/env bash
# The second README command: every test.
#   1. unit tests and the integration suite on SQLite (cargo test);
#   2. the same integration suite on PostgreSQL when MADOGUCHI_TEST_PG_URL is set
#      (e.g. postgres://postgres@127.0.0.1:5432/test; each test makes its own database);
#   3. the Playwright suite in Chromium against a server on a fresh demo database
#      (installs Chromium and Japanese fonts if missing; MADOGUCHI_SKIP_BROWSER=1 skips).
# With MADOGUCHI_REQUIRE_ALL=1 (CI) a skipped suite is a failure.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

ran=()
skipped=()

echo "==> unit and integration tests (SQLite)"
cargo test --workspace
ran+=(unit sqlite)

if [ -n "${MADOGUCHI_TEST_PG_URL:-}" ]; then
  echo "==> integration tests (PostgreSQL at ${MADOGUCHI_TEST_PG_URL})"
  # The same feature set as the first run (--workspace), so nothing is compiled again.
  MADOGUCHI_TEST_BACKEND=postgres cargo test --workspace --test integration
  ran+=(postgres)
  # Each test made its own database; drop them all now.
  if command -v psql >/dev/null; then
    for db in $(psql "$MADOGUCHI_TEST_PG_URL" -Atc "SELECT datname FROM pg_database WHERE datname LIKE 'madoguchi\_t\_%'"); do
      psql "$MADOGUCHI_TEST_PG_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"
    done
  fi
else
  skipped+=(postgres)
fi

if [ "${MADOGUCHI_SKIP_BROWSER:-0}" != 1 ]; then
  # The server binary `cargo test` has just built (the integration tests run it).
  MADOGUCHI_E2E_BIN="$PWD/target/debug/madoguchi" scripts/browser-tests.sh
  ran+=(browser)
else
  skipped+=(browser)
fi

echo "suites run: ${ran[*]}${skipped:+; skipped: ${skipped[*]}}"
if [ "${MADOGUCHI_REQUIRE_ALL:-0}" = 1 ] && [ ${#skipped[@]} -gt 0 ]; then
  echo "suites: ${#ran[@]} passed, ${#skipped[@]} failed (skipped: ${skipped[*]})"
  exit 1
fi
echo "suites: ${#ran[@]} passed, 0 failed"
