// `pnpm --silent pixelpair <command>` from the repo root: `emulator` starts the local TikTok
// stand-in, every other command is the server package's `pixelpair` CLI. Builds first when
// the packages have not been built yet, so the command works right after set-up.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const [command, ...rest] = process.argv.slice(2);
const isEmulator = command === 'emulator';
const entry = isEmulator
  ? path.join(root, 'packages/emulator/dist/cli.js')
  : path.join(root, 'packages/server/dist/cli/main.js');

if (!existsSync(entry)) {
  const filter = isEmulator ? '@pixelpair/emulator...' : '@pixelpair/server...';
  const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', `--filter=${filter}`, '--output-logs=errors-only'], {
    cwd: root,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) process.exit(2);
}

// The CLI reads process.argv like any bin would.
process.argv = [process.argv[0], entry, ...(isEmulator ? rest : [command, ...rest].filter((a) => a !== undefined))];
await import(pathToFileURL(entry).href);
