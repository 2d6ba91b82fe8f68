#!/usr/bin/env bash
# The first README command: installs what is missing, builds the release frontend and
# server, creates the SQLite database with the demo city (once), prints the demo logins
# and serves at http://localhost:3000 (MADOGUCHI_ADDR to change), with a demo OpenID
# Connect provider for residents' sign-in at http://localhost:3900.
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
# Residents sign in online through the city's OpenID Connect provider; without one
# configured, through a local demo provider (end2end/oidc/provider.mjs: npm's
# oidc-provider, with the demo identities of end2end/oidc/accounts.json).
if [ -z "${MADOGUCHI_OIDC_ISSUER:-}" ]; then
  addr="${MADOGUCHI_ADDR:-127.0.0.1:3000}"
  idp_port="${MADOGUCHI_DEMO_IDP_PORT:-3900}"
  OIDC_PORT="$idp_port" MADOGUCHI_URL="${MADOGUCHI_PUBLIC_URL:-http://localhost:${addr##*:}}" \
    node end2end/oidc/provider.mjs &
  idp=$!
  trap 'kill "$idp" 2>/dev/null || true' EXIT
  export MADOGUCHI_OIDC_ISSUER="http://localhost:$idp_port" MADOGUCHI_OIDC_CLIENT_ID=madoguchi
fi
./target/release/madoguchi serve
