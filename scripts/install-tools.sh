#!/usr/bin/env bash
# Installs what building Madoguchi needs and is missing: the wasm32 target, Trunk and
# wasm-bindgen-cli at versions that build on this rustc, the IPAex fonts for printed
# forms, and the npm packages (Playwright and binaryen's wasm-opt). Trunk itself never
# downloads anything (Trunk.toml: offline).
# Safe to run again: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than the stable one here; 0.21.14 builds with --locked.
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "installing Trunk 0.21.14 (a few minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi

# wasm-bindgen-cli must equal the wasm-bindgen in Cargo.lock. Not --locked: its own lock
# file pins a crate version the registry here does not serve.
bindgen=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$bindgen"; then
  say "installing wasm-bindgen-cli $bindgen"
  cargo install wasm-bindgen-cli --version "$bindgen"
fi

# Printed forms are set in the IPAex fonts (IPA Font License: embedding allowed); the
# receipt's lines in the resident's language in Noto Sans CJK (SIL OFL).
if [ ! -f /usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf ] || [ ! -f /usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf ] || [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  if [ -z "${MADOGUCHI_FONT_DIR:-}" ]; then
    say "installing the IPAex and Noto Sans CJK fonts for printed documents"
    as_root apt-get update
    as_root apt-get install -y fonts-ipaexfont-mincho fonts-ipaexfont-gothic fonts-noto-cjk
  fi
fi

# Passkeys (webauthn-rs) link OpenSSL; the tests edit the audit log behind the server's
# back with sqlite3 and psql, and backups use pg_dump / pg_restore.
missing=()
pkg-config --exists openssl 2>/dev/null || missing+=(libssl-dev pkg-config)
command -v sqlite3 >/dev/null || missing+=(sqlite3)
{ command -v psql && command -v pg_dump && command -v pg_restore; } >/dev/null || missing+=(postgresql-client)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  as_root apt-get update
  as_root apt-get install -y "${missing[@]}"
fi

if ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  as_root apt-get update
  as_root apt-get install -y nodejs npm
fi
if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages (Playwright, binaryen)"
  (cd end2end && npm ci --no-audit --no-fund)
fi
