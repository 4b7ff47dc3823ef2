#!/usr/bin/env bash
# One entry for the README's two commands, on a fresh machine with only Node and npm:
#   bash scripts/bootstrap.sh start   → set up, build, start the demo store + local TikTok stand-in
#   bash scripts/bootstrap.sh test    → set up (incl. a browser for e2e), build, run every test
# Idempotent: each step is skipped when already done. Each step says in one line what it does;
# its own output is shown only when it fails (PIXELPAIR_SETUP_VERBOSE=1 shows it always).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-test}"
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
log() { printf '[setup] %s\n' "$*" >&2; }

# Runs one step with its output kept aside; on failure shows that output and stops with the step's status.
quietly() {
  if [ -n "${PIXELPAIR_SETUP_VERBOSE:-}" ]; then "$@" >&2; return; fi
  local out status=0
  out="$(mktemp "${TMPDIR:-/tmp}/pixelpair-setup.XXXXXX")"
  "$@" >"$out" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then rm -f "$out"; return 0; fi
  cat "$out" >&2
  log "failed (exit $status): $*"
  log "its output is above, and kept in $out"
  exit "$status"
}

# No "Update available!" banners: the pinned versions are the point (pnpm 12 ignores this in
# .npmrc; it reads its settings from the environment or pnpm-workspace.yaml). No telemetry notice.
export pnpm_config_update_notifier=false npm_config_update_notifier=false TURBO_TELEMETRY_DISABLED=1

# 1. pnpm, exactly the pinned version (another version refuses to run in this repo).
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  if [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    log "installing pnpm $PNPM_VERSION into .tools/"
    # pnpm's install script links its native binary: allowed here by name and version, so npm
    # does not warn about unreviewed install scripts (--allow-scripts is refused for a project).
    mkdir -p .tools
    printf '{ "private": true, "allowScripts": { "pnpm@%s": true } }\n' "$PNPM_VERSION" > .tools/package.json
    quietly npm install --prefix .tools --no-save --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION"
  fi
  export PATH="$PWD/.tools/node_modules/.bin:$PATH"
fi

# 2. Native builds (better-sqlite3) against the machine's Node headers when it has them;
#    pnpm does not pass .npmrc settings to build scripts, so this must be an env var.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then export npm_config_nodedir=/usr; fi

# 3. Dependencies, exactly as locked.
log "installing the locked dependencies (the first run can take a few minutes)"
quietly pnpm install --frozen-lockfile --reporter=append-only

# 4. A Chromium for the Playwright tests: CHROMIUM_PATH, else the system's, else apt, else Playwright's own.
if [ "$mode" = "test" ]; then
  if [ -n "${CHROMIUM_PATH:-}" ]; then
    log "using CHROMIUM_PATH=$CHROMIUM_PATH"
  elif command -v chromium >/dev/null 2>&1; then
    export CHROMIUM_PATH="$(command -v chromium)"
  elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    log "installing chromium with apt-get"
    quietly bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'
    export CHROMIUM_PATH="$(command -v chromium)"
  else
    log "no system chromium: installing Playwright's own browser"
    quietly pnpm --filter @pixelpair/e2e exec playwright install chromium
  fi
fi

case "$mode" in
  start)
    log "building the demo store and the packages it uses"
    quietly pnpm exec turbo run build --filter=@pixelpair/demo-store... --output-logs=errors-only
    # Straight to node (no pnpm in between): Ctrl+C and SIGTERM reach the demo, which shuts down cleanly.
    exec node apps/demo-store/dist/start.js ;;
  test) exec node scripts/test-all.mjs ;;
  setup) log "set up" ;;
  *) echo "usage: bootstrap.sh start|test|setup" >&2; exit 2 ;;
esac
