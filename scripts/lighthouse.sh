#!/usr/bin/env bash
# Lighthouse 13 on the counter's start screen, the public navigator and the online
# interview: the release build on a fresh demo
# database, signed in as counter staff (end2end/bench/lighthouse.spec.ts). Fails when a
# goal of issue 14 is missed; figures in end2end/lighthouse-results.json.
set -euo pipefail
cd "$(dirname "$0")/.."
exec scripts/bench-browser.sh lighthouse.spec.ts
