#!/usr/bin/env bash
# The browser test of the web page: installs what it needs (Debian's Chromium, then
# playwright-core from package-lock.json), builds the `epitome` binary if needed, and runs
# page.test.mjs with node's test runner. Idempotent; only loopback traffic at test time.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"
# A relative EPITOME_BIN is relative to the repository root.
if [ -n "${EPITOME_BIN:-}" ] && [ "${EPITOME_BIN#/}" = "$EPITOME_BIN" ]; then
    EPITOME_BIN="$ROOT/$EPITOME_BIN"
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "== installing chromium (apt)"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

if [ ! -f node_modules/playwright-core/package.json ]; then
    echo "== npm ci (playwright-core)"
    npm ci --no-audit --no-fund --loglevel=error
fi

BIN="${EPITOME_BIN:-$ROOT/target/debug/epitome}"
if [ -z "${EPITOME_BIN:-}" ]; then
    (cd "$ROOT" && cargo build -p epitome-cli --quiet)
fi
mkdir -p "$ROOT/target"
EPITOME_BIN="$BIN" node --test --test-reporter=spec page.test.mjs
