#!/usr/bin/env bash
# Builds the frontend and server, starts `madoguchi serve` on a fresh demo database and
# runs the Playwright suite in Debian's Chromium. Screenshots: end2end/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -i 'Noto Sans CJK' > /dev/null; then
  echo "==> installing Chromium and Japanese fonts"
  as_root apt-get update
  as_root apt-get install -y chromium fonts-noto-cjk
fi

# The server in the debug profile by default: `cargo test` has just built it, so the
# suite does not wait for a second, optimised build. Benchmarks ask for release.
profile="${MADOGUCHI_E2E_PROFILE:-debug}"
echo "==> building the frontend (release) and the server ($profile)"
[ -n "${MADOGUCHI_E2E_SKIP_TRUNK:-}" ] || trunk build --release
if [ -n "${MADOGUCHI_E2E_BIN:-}" ] && [ -x "$MADOGUCHI_E2E_BIN" ]; then
  bin="$MADOGUCHI_E2E_BIN"   # already built (scripts/test.sh: by `cargo test`)
elif [ "$profile" = release ]; then
  cargo build --release -p server
  bin=./target/release/madoguchi
else
  cargo build -p server
  bin=./target/debug/madoguchi
fi

port="${MADOGUCHI_E2E_PORT:-3100}"
work=$(mktemp -d)
supervisor=""
cleanup() {
  rm -f "$work/keep"
  if [ -f "$work/server.pid" ]; then kill "$(cat "$work/server.pid")" 2>/dev/null || true; fi
  if [ -f "$work/idp.pid" ]; then kill "$(cat "$work/idp.pid")" 2>/dev/null || true; fi
  if [ -f "$work/smtp.pid" ]; then kill "$(cat "$work/smtp.pid")" 2>/dev/null || true; fi
  if [ -n "$supervisor" ]; then wait "$supervisor" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export DATABASE_URL="sqlite://$work/e2e.db"
$bin demo-data --households 300 --seed 1 > "$work/demo.log"
# Residents sign in online through a real OpenID Connect provider started here (npm's
# oidc-provider, end2end/oidc/provider.mjs), which reads the server's client key from
# its /auth/oidc/jwks.json.
idp_port="${MADOGUCHI_E2E_IDP_PORT:-3901}"
OIDC_PORT="$idp_port" MADOGUCHI_URL="http://localhost:$port" node end2end/oidc/provider.mjs > "$work/idp.log" 2>&1 &
echo $! > "$work/idp.pid"
export MADOGUCHI_OIDC_ISSUER="http://localhost:$idp_port"
export MADOGUCHI_OIDC_CLIENT_ID=madoguchi
export MADOGUCHI_OIDC_KEY_FILE="$work/oidc-client.pem"
export MADOGUCHI_E2E_IDP="$MADOGUCHI_OIDC_ISSUER"
# Residents' e-mail notices go to a local SMTP sink (end2end/mail/sink.mjs), which keeps
# each message in a file the tests read.
smtp_port="${MADOGUCHI_E2E_SMTP_PORT:-3925}"
export MADOGUCHI_E2E_MAILBOX="$work/mailbox.jsonl"
SMTP_PORT="$smtp_port" MAILBOX="$MADOGUCHI_E2E_MAILBOX" node end2end/mail/sink.mjs > "$work/smtp.log" 2>&1 &
echo $! > "$work/smtp.pid"
export MADOGUCHI_SMTP_URL="smtp://127.0.0.1:$smtp_port"
# The server runs under a small supervisor that starts it again when it dies, so a test
# can kill it mid-visit (MADOGUCHI_E2E_SERVER_PID names the file with its pid) and see
# the visit resume after the restart.
touch "$work/keep"
(
  while [ -e "$work/keep" ]; do
    $bin serve --addr "127.0.0.1:$port" >> "$work/server.log" 2>&1 &
    echo $! > "$work/server.pid"
    wait $! || true
  done
) &
supervisor=$!
export MADOGUCHI_E2E_SERVER_PID="$work/server.pid"
# The binary, for tests that run a command beside the server (a release's rules).
export MADOGUCHI_E2E_MADOGUCHI="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
# What the tests' staff enrolled (authenticator keys, passkeys) and their sessions, for
# this run only.
export MADOGUCHI_E2E_STATE="$work/auth-state.json"
up=""
for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then up=1; break; fi
  sleep 0.2
done
if [ -z "$up" ]; then echo "the server did not start:"; cat "$work/server.log"; exit 1; fi
for _ in $(seq 1 50); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$idp_port") 2>/dev/null; then break; fi
  sleep 0.2
done

rm -rf end2end/screenshots
echo "==> browser tests (Playwright, Chromium)"
# localhost, not 127.0.0.1: passkeys need a host name (the relying party).
if ! (cd end2end && MADOGUCHI_E2E_URL="http://localhost:$port" npx playwright test -c "${MADOGUCHI_E2E_CONFIG:-playwright.config.ts}" "$@"); then
  echo "--- server log ---"; tail -n 50 "$work/server.log"
  echo "--- identity provider log ---"; tail -n 20 "$work/idp.log"
  exit 1
fi
