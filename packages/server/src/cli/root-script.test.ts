/**
 * The CLI run the README's way, `node scripts/pixelpair.mjs <command>` from the repo root, and
 * as the package's `pixelpair` bin: real processes, real signals. Issue 12 finding 10: through
 * `pnpm --silent pixelpair worker`, a SIGTERM killed pnpm and left the worker running under PID 1,
 * and every failure ended with pnpm's `[ELIFECYCLE] Command failed` line.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../test-support/outbox/fixtures.js';
import { envelope, PIXEL_ID, TOKEN } from '../../test-support/envelopes.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
/** The documented command: the README's CLI section says to run exactly this. */
const DOCUMENTED = [process.execPath, 'scripts/pixelpair.mjs'];
const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'pp-root-cli-'));
const env = { PATH: process.env.PATH ?? '' };

/** Processes whose command line contains `marker`, from /proc (Linux). */
function processesWith(marker: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) found.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const childrenOf = (pid: number): number[] =>
  readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid;
    } catch {
      return false;
    }
  }).map(Number);

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

// The root script runs the built CLI (turbo's test task builds it first; run `pnpm build` before vitest alone).
// /proc is where a leftover process is looked for: Linux only, like CI.
describe.skipIf(!existsSync(bin) || !existsSync('/proc'))('the documented way, node scripts/pixelpair.mjs', () => {
  it('a SIGTERM reaches the worker: graceful shutdown, totals on stdout, exit 0, and no process left behind', async () => {
    const store = path.join(dir, `sigterm-${process.pid}.db`);
    const enqueue = spawnSync(DOCUMENTED[0]!, [...DOCUMENTED.slice(1), 'enqueue', '--store', `sqlite:${store}`, '--pixel-id', PIXEL_ID], {
      cwd: root, env, input: [envelope(1), envelope(2)].map((e) => JSON.stringify(e)).join('\n'), encoding: 'utf8',
    });
    expect(enqueue.status).toBe(0);
    emulator.reset();
    const worker = spawn(DOCUMENTED[0]!, [...DOCUMENTED.slice(1), 'worker', '--store', `sqlite:${store}`, '--api-url', emulator.apiUrl], {
      cwd: root, env: { ...env, TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL_ID }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    worker.stdout.on('data', (c: Buffer) => (out += String(c)));
    worker.stderr.on('data', (c: Buffer) => (err += String(c)));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => worker.on('exit', (code, signal) => resolve({ code, signal })));

    try {
      await until(() => emulator.records({ summary: true }).totals.uniqueKeys === 2, 40_000);
      // One process, the one we started: nothing in between to eat the signal, nothing beside it to orphan.
      expect(processesWith(store)).toEqual([worker.pid]);
      expect(childrenOf(worker.pid!)).toEqual([]);

      worker.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(JSON.parse(out.trim().split('\n').at(-1)!)).toMatchObject({ delivered: 2, dead: 0 });
      expect(err).toContain('outbox worker started');
      expect(err).not.toContain('ELIFECYCLE');
      expect(processesWith(store)).toEqual([]);
    } finally {
      // Whatever failed above, leave nothing running.
      for (const pid of processesWith(store)) process.kill(pid, 'SIGKILL');
    }
  }, 60_000);

  it('a failing command exits with its own code and message only: no ELIFECYCLE line', () => {
    const r = spawnSync(DOCUMENTED[0]!, [...DOCUMENTED.slice(1), 'status', '--store', `sqlite:${path.join(dir, 'typo.db')}`], { cwd: root, env, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('no outbox');
    expect(r.stderr).not.toMatch(/ELIFECYCLE|Command failed/);
    // The usage line names the documented way, so the hint can be pasted as it is.
    expect(r.stderr).toContain('`node scripts/pixelpair.mjs status --help`');
  }, 30_000);

  it('--help lists every command, emulator included, and `emulator --help` works the same way', () => {
    const top = spawnSync(DOCUMENTED[0]!, [...DOCUMENTED.slice(1), '--help'], { cwd: root, env, encoding: 'utf8' });
    expect(top.status).toBe(0);
    for (const name of ['payload', 'send', 'doctor', 'enqueue', 'worker', 'status', 'replay', 'log', 'emulator']) expect(top.stdout).toMatch(new RegExp(`^ {2}${name} `, 'm'));
    const emulatorHelp = spawnSync(DOCUMENTED[0]!, [...DOCUMENTED.slice(1), 'emulator', '--help'], { cwd: root, env, encoding: 'utf8' });
    expect(emulatorHelp.status).toBe(0);
    expect(emulatorHelp.stdout).toContain('--port N');
    expect(emulatorHelp.stdout).toContain('example:\n  node scripts/pixelpair.mjs emulator --port 4010');
  }, 30_000);
});

describe.skipIf(!existsSync(bin))('the npm bin of @pixelpair/server', () => {
  it('runs through a symlink, as node_modules/.bin/pixelpair is', () => {
    const link = path.join(dir, 'pixelpair');
    symlinkSync(bin, link);
    const help = spawnSync(process.execPath, [link, 'worker', '--help'], { env, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^pixelpair worker: /);
    const bad = spawnSync(process.execPath, [link, 'frobnicate'], { env, encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown command');
  }, 30_000);
});
