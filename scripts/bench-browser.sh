#!/usr/bin/env bash
# Browser benchmarks: the release build on a fresh demo database, driven by Playwright in
# Chromium with the CPU throttled (end2end/bench/). Prints the figures and writes
# end2end/bench-results.json; nothing here passes or fails on a time.
set -euo pipefail
cd "$(dirname "$0")/.."
MADOGUCHI_E2E_PROFILE=release MADOGUCHI_E2E_CONFIG=bench.config.ts exec scripts/browser-tests.sh "$@"
