/**
 * The outbox CLI as a user runs it: JSON Lines in, one JSON summary out, exit codes 0/1/2,
 * the token only from the environment and never printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands as outboxCommands } from './main.js';
import { createSqliteStore } from '../outbox/sqlite-store.js';
import { PIXEL, TOKEN, envelope, until } from '../../test-support/outbox/fixtures.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pp-cli-'));
let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator(); });
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

function collect() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

async function run(command: string, argv: string[], options: { stdin?: string; env?: Record<string, string>; signal?: AbortSignal } = {}) {
  const stdout = collect();
  const stderr = collect();
  const code = await outboxCommands[command]!({
    argv, env: { ...options.env }, stdin: Readable.from([options.stdin ?? '']), stdout: stdout.stream, stderr: stderr.stream,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

const lines = (...items: unknown[]) => items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n');

describe('pixelpair outbox commands', () => {
  const store = `sqlite:${path.join(dir, 'cli.db')}`;

  it('enqueue stores valid envelopes, counts duplicates and reports rejected lines (exit 1)', async () => {
    const input = lines(envelope(1), '{not json', { event: 'Purchase', eventId: 7 }, envelope(2), envelope(1));
    const r = await run('enqueue', ['--store', store, '--pixel-id', PIXEL], { stdin: input });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ enqueued: 2, duplicates: 1, rejected: 2 });
    const rejected = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(rejected[0]).toEqual({ line: 2, eventId: null, errors: [{ path: '', message: 'not valid JSON' }] });
    expect(rejected[1]).toMatchObject({ line: 3, errors: [expect.objectContaining({ path: 'eventId' })] });
    expect(r.stderr + r.stdout).not.toContain('buyer1@example.com');
  });

  it('enqueue without a pixel id, or a token flag, is a usage error (exit 2)', async () => {
    expect(await run('enqueue', ['--store', store], { stdin: lines(envelope(3)) })).toMatchObject({ code: 2, stderr: expect.stringContaining('TIKTOK_PIXEL_ID') });
    const bad = await run('worker', ['--store', store, '--access-token', 'x']);
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('read only from the environment (TIKTOK_ACCESS_TOKEN') });
    expect(await run('worker', ['--store', store], { env: { TIKTOK_PIXEL_ID: PIXEL } })).toMatchObject({ code: 2, stderr: expect.stringContaining('TIKTOK_ACCESS_TOKEN is not set') });
    // A worker sends only for the pixel it has credentials for.
    expect(await run('worker', ['--store', store], { env: { TIKTOK_ACCESS_TOKEN: TOKEN } })).toMatchObject({ code: 2, stderr: expect.stringContaining('TIKTOK_PIXEL_ID') });
    expect(await run('status', ['--store', 'mysql://x'])).toMatchObject({ code: 2, stderr: expect.stringContaining('sqlite:PATH or a postgres:// URL') });
  });

  it('status counts by state; worker delivers until stopped; log shows every attempt with its request_id', async () => {
    expect(JSON.parse((await run('status', ['--store', store])).stdout)).toMatchObject({ pending: 2, delivered: 0, dead: 0 });
    emulator.reset();
    emulator.faults.set({ next: 1, kind: 'rate_limit' });
    const stop = new AbortController();
    const worker = run('worker', ['--store', store, '--api-url', emulator.apiUrl, '--concurrency', '1'], { env: { TIKTOK_ACCESS_TOKEN: TOKEN, TIKTOK_PIXEL_ID: PIXEL }, signal: stop.signal });
    const peek = createSqliteStore(path.join(dir, 'cli.db'));
    await until(async () => (await peek.status(Date.now())).counts.delivered === 2);
    await peek.close();
    stop.abort();
    const done = await worker;
    expect(done.code).toBe(0);
    // One refused request for both, then one or two accepted ones (each retry has its own jitter).
    expect(JSON.parse(done.stdout)).toMatchObject({ delivered: 2, retried: 2, dead: 0 });
    expect(emulator.records({ summary: true }).totals).toMatchObject({ uniqueKeys: 2, faultedRequests: 1 });
    expect(done.stdout + done.stderr).not.toContain(TOKEN);

    const log = await run('log', ['--store', store, '--event-id', 'ord_1_purchase']);
    expect(log.code).toBe(0);
    const entry = JSON.parse(log.stdout);
    expect(entry).toMatchObject({ eventId: 'ord_1_purchase', state: 'delivered', attempts: 2, matchKeys: { email: true } });
    expect(entry.history.map((a: { code: number }) => a.code)).toEqual([40100, 0]);
    expect(entry.history.every((a: { requestId?: string }) => typeof a.requestId === 'string' && a.requestId.length > 0)).toBe(true);
    expect(log.stdout).not.toContain('buyer1@example.com');
    expect(await run('log', ['--store', store, '--event-id', 'nope'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no event') });
  });

  it('replay re-queues past events inside the window with a progress report; --dry-run changes nothing', async () => {
    // Re-queueing everything must be asked for.
    expect(await run('replay', ['--store', store, '--dry-run'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--all') });
    const dry = await run('replay', ['--store', store, '--all', '--dry-run']);
    // A dry run re-queues nothing and says what it would have (it used to report `requeued: 2`).
    expect(JSON.parse(dry.stdout)).toEqual({ matched: 2, requeued: 0, wouldRequeue: 2, tooOld: 0, dryRun: true });
    expect(dry.stderr).toContain('2/2');
    expect(JSON.parse((await run('replay', ['--store', store, '--dead'])).stdout)).toMatchObject({ matched: 0 });
    const future = Math.floor(Date.now() / 1000) + 3600;
    expect(JSON.parse((await run('replay', ['--store', store, '--since', String(future)])).stdout)).toMatchObject({ matched: 0 });
    expect(await run('replay', ['--store', store, '--since', 'yesterday'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--since') });
    const real = await run('replay', ['--store', store, '--until', new Date(Date.now() + 60_000).toISOString()]);
    expect(JSON.parse(real.stdout)).toEqual({ matched: 2, requeued: 2, tooOld: 0, dryRun: false });
    expect(JSON.parse((await run('status', ['--store', store])).stdout)).toMatchObject({ pending: 2, delivered: 0 });
  });
});
