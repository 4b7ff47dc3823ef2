// `node scripts/pixelpair.mjs <command>` from the repo root: the server package's `pixelpair` CLI
// (every command, `emulator` included), run in this very process. No pnpm in between, so a
// failure prints only the CLI's own message and exit code, and SIGTERM / SIGINT reach the
// worker or the stand-in, which shut down cleanly (pnpm would die and leave node running).
// Builds first when the packages have not been built yet, so it works right after set-up.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const argv = process.argv.slice(2);
const cli = path.join(root, 'packages/server/dist/cli/main.js');
const needed = [[cli, '@pixelpair/server...']];
if (argv[0] === 'emulator') needed.push([path.join(root, 'packages/emulator/dist/index.js'), '@pixelpair/emulator...']);

const missing = needed.filter(([file]) => !existsSync(file));
if (missing.length > 0) {
  // One line while it builds; turbo's output only when the build fails.
  process.stderr.write(`pixelpair: building ${missing.map(([, pkg]) => pkg.replace(/\.\.\.$/, '')).join(' and ')} first (once)\n`);
  const filters = missing.map(([, pkg]) => `--filter=${pkg}`);
  const build = spawnSync('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', pnpm_config_update_notifier: 'false' },
  });
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}pixelpair: the build failed (its output is above)\n`);
    process.exit(2);
  }
}

// Through `pnpm pixelpair …` a SIGTERM stops pnpm, not this process: say so where it matters.
const longRunning = (argv[0] === 'worker' || argv[0] === 'emulator') && !argv.includes('--help') && !argv.includes('-h');
if (longRunning && process.env.npm_lifecycle_event === 'pixelpair') {
  process.stderr.write(`pixelpair: started through pnpm, which does not pass on a SIGTERM sent to it: run \`node scripts/pixelpair.mjs ${argv[0]} …\` instead\n`);
}

const { main } = await import(pathToFileURL(cli).href);
await main(argv, { program: 'node scripts/pixelpair.mjs' });
