#!/usr/bin/env bash
# One entry for the README's two commands, on a fresh machine with only Node and npm:
#   bash scripts/bootstrap.sh start   → set up, build, start the demo store + local TikTok stand-in
#   bash scripts/bootstrap.sh test    → set up (incl. a browser for e2e), build, run every test
# Idempotent: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
log() { printf '[setup] %s\n' "$*" >&2; }

# 1. pnpm, exactly the pinned version (another version refuses to run in this repo).
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION into .tools/"
    npm install --prefix .tools --no-save --no-audit --no-fund "pnpm@$PNPM_VERSION" >&2
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi

# 2. Native builds (better-sqlite3) against the machine's Node headers when it has them;
#    pnpm does not pass .npmrc settings to build scripts, so this must be an env var.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

# 3. Dependencies, exactly as locked.
log "pnpm install"
pnpm install --frozen-lockfile --reporter=append-only >&2

export TURBO_TELEMETRY_DISABLED=1

# 4. A Chromium for the Playwright tests: CHROMIUM_PATH, else the system's, else apt, else Playwright's own.
if [ "$mode" = "test" ]; then
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    log "using CHROMIUM_PATH=$CHROMIUM_PATH"
  elif command -v chromium >/dev/null 2>&1; then
    export CHROMIUM_PATH="$(command -v chromium)"
  elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing chromium with apt-get"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >&2
    export CHROMIUM_PATH="$(command -v chromium)"
  else
    log "no system chromium: installing Playwright's own browser"
    pnpm --filter @pixelpair/e2e exec playwright install chromium >&2
  fi
fi

case "$mode" in
  start) exec pnpm --silent run demo ;;
  test) exec node scripts/test-all.mjs ;;
  setup) log "set up" ;;
  *) echo "usage: bootstrap.sh start|test|setup" >&2; exit 2 ;;
esac
