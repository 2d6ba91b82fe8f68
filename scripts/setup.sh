#!/usr/bin/env bash
# The first README command: installs what is missing, builds the release frontend and
# server, creates the SQLite database with the demo city (once), prints the demo logins
# and serves at http://localhost:3000 (MADOGUCHI_ADDR to change), with a demo OpenID
# Connect provider for residents' sign-in at http://localhost:3900 and an SMTP sink for
# their e-mail notices that prints each message.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-tools.sh
source scripts/env.sh

echo "==> building the frontend (release)"
trunk build --release
echo "==> building the server (release)"
cargo build --release -p server

export DATABASE_URL="${DATABASE_URL:-sqlite://madoguchi.db}"
./target/release/madoguchi demo-data --households "${MADOGUCHI_DEMO_HOUSEHOLDS:-2000}" --seed 1 --if-empty
# Helpers started here for the demo, stopped with the server.
helpers=()
trap 'for pid in "${helpers[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
# Residents sign in online through the city's OpenID Connect provider; without one
# configured, through a local demo provider (end2end/oidc/provider.mjs: npm's
# oidc-provider, with the demo identities of end2end/oidc/accounts.json).
if [ -z "${MADOGUCHI_OIDC_ISSUER:-}" ]; then
  addr="${MADOGUCHI_ADDR:-127.0.0.1:3000}"
  idp_port="${MADOGUCHI_DEMO_IDP_PORT:-3900}"
  OIDC_PORT="$idp_port" MADOGUCHI_URL="${MADOGUCHI_PUBLIC_URL:-http://localhost:${addr##*:}}" \
    node end2end/oidc/provider.mjs &
  helpers+=($!)
  export MADOGUCHI_OIDC_ISSUER="http://localhost:$idp_port" MADOGUCHI_OIDC_CLIENT_ID=madoguchi
fi
# Residents' e-mail notices go to the city's SMTP server; without one configured, to a
# local sink (end2end/mail/sink.mjs) that prints each message here, so the demo's
# confirmation codes and notices can be read in this terminal.
if [ -z "${MADOGUCHI_SMTP_URL:-}" ]; then
  smtp_port="${MADOGUCHI_DEMO_SMTP_PORT:-3925}"
  SMTP_PORT="$smtp_port" MAILBOX="$(mktemp)" node end2end/mail/sink.mjs &
  helpers+=($!)
  export MADOGUCHI_SMTP_URL="smtp://127.0.0.1:$smtp_port"
fi
./target/release/madoguchi serve
