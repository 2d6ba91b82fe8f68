#!/usr/bin/env bash
# The first README command: installs what is missing, builds the release frontend and
# server, creates the SQLite database with the demo city (once), prints the demo logins
# and serves at http://localhost:3000 (MADOGUCHI_ADDR to change).
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
exec ./target/release/madoguchi serve
