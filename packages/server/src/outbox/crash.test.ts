/**
 * Real processes: a worker SIGKILLed in the middle of batches, five times over, loses nothing
 * and re-sends only with the original event_ids; two processes enqueueing the same purchase
 * store one event; close() under load keeps its deadline and loses nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { openStore } from './open-store.js';
import type { OutboxStore } from './store.js';
import { PIXEL, TOKEN, fill, until } from '../../test-support/outbox/fixtures.js';
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../../test-support/outbox/postgres.js';
import { compileChild, startChild } from '../../test-support/outbox/spawn.js';
import { startWorker } from './worker.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pp-crash-'));
const schemas: string[] = [];
const pgReady = await postgresAvailable('outbox crash and race');
let emulator: Emulator;
let child: ReturnType<typeof compileChild>;

beforeAll(async () => {
  emulator = await startEmulator();
  child = compileChild();
});
afterAll(async () => {
  await emulator?.close();
  child?.cleanup();
  rmSync(dir, { recursive: true, force: true });
  for (const s of schemas) await dropSchema(s).catch(() => undefined);
});

let n = 0;
function freshSpec(kind: string): string {
  if (kind === 'sqlite') return `sqlite:${path.join(dir, `c${n++}.db`)}`;
  const schema = uniqueSchema('crash');
  schemas.push(schema);
  return `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}schema=${schema}`;
}

const kinds: [string, boolean][] = [['sqlite', true], ['postgres', pgReady]];

describe.each(kinds)('%s store across processes', (kind, enabled) => {
  it.runIf(enabled)('a worker SIGKILLed mid-batch five times loses nothing and re-sends only original event_ids', async () => {
    const EVENTS = 10_000;
    emulator.reset();
    const spec = freshSpec(kind);
    const store = await openStore(spec);
    await fill(store, EVENTS);
    // Half the answers are slow (accepted, answered late), so kills land with requests in flight.
    emulator.faults.set({ rate: 0.5, kinds: ['slow'], delayMs: 150, seed: 3 });
    let leasedAtKills = 0;
    for (let kill = 1; kill <= 5; kill++) {
      const worker = startChild(child.script, ['worker', spec, emulator.apiUrl]);
      await worker.ready;
      const target = Math.floor((EVENTS * kill) / 7);
      await until(() => emulator.records({ summary: true }).totals.uniqueKeys >= target, 60_000, 5);
      worker.child.kill('SIGKILL');
      await worker.output;
      // No worker runs now: rows still leased (SQLite) are the victim's batches, cut mid-flight.
      leasedAtKills += (await store.status(Date.now())).counts.leased;
    }
    // SQLite: the victim's written leases outlive it. PostgreSQL: its leases were row locks of
    // its open transactions, rolled back with its connections, so its rows are due again at once.
    if (kind === 'postgres') expect(leasedAtKills).toBe(0);
    else expect(leasedAtKills).toBeGreaterThan(0);
    expect((await store.status(Date.now())).counts.delivered).toBeLessThan(EVENTS);

    emulator.faults.clear();
    const destinations = [tiktokDestination({ pixelId: PIXEL, apiUrl: emulator.apiUrl, accessToken: TOKEN })];
    const worker = startWorker({ store, destinations }, { idleMs: 20, leaseMs: 5000, timeoutMs: 2000 });
    await until(async () => (await store.status(Date.now())).counts.delivered === EVENTS, 60_000, 100);
    await worker.close({ deadlineMs: 1000 });

    const records = emulator.records();
    expect(records.totals.uniqueKeys).toBe(EVENTS);
    const ids = new Set(records.events.map((e) => e.eventId));
    for (const id of ids) expect(id).toMatch(/^ord_\d+_purchase$/);
    // Copies sent twice (accepted before the kill, answered after) carry an original dedup key.
    for (const d of records.duplicates) expect(d).toMatchObject({ pixelId: PIXEL, event: 'Purchase', eventId: expect.stringMatching(/^ord_\d+_purchase$/) });
    expect((await store.status(Date.now())).counts).toEqual({ pending: 0, leased: 0, delivered: EVENTS, dead: 0 });
    await store.close();
  }, 120_000);

  it.runIf(enabled)('two processes enqueueing the same purchase store one event', async () => {
    const spec = freshSpec(kind);
    const init = await openStore(spec); // create the tables before the race
    const startAt = String(Date.now() + 1500);
    const a = startChild(child.script, ['enqueue', spec, startAt]);
    const b = startChild(child.script, ['enqueue', spec, startAt]);
    const results = (await Promise.all([a.output, b.output])).map((o) => JSON.parse(o.trim()));
    expect(results.map((r) => r.duplicate).sort()).toEqual([false, true]);
    expect(results.every((r) => r.ok && r.eventId === 'ord_10492_complete_payment')).toBe(true);
    const status = await init.status(Date.now());
    expect(status.counts.pending).toBe(1);
    expect(await init.history('ord_10492_complete_payment')).toHaveLength(1);
    await init.close();
  }, 30_000);

  it.runIf(enabled)('close() under load returns within its deadline, and nothing is lost', async () => {
    const EVENTS = 20_000;
    emulator.reset();
    const spec = freshSpec(kind);
    const store: OutboxStore = await openStore(spec);
    await fill(store, EVENTS);
    emulator.faults.set({ rate: 0.5, kinds: ['slow'], delayMs: 3000, seed: 5 });
    const destinations = [tiktokDestination({ pixelId: PIXEL, apiUrl: emulator.apiUrl, accessToken: TOKEN })];
    const worker = startWorker({ store, destinations }, { concurrency: 3, batchSize: 500, idleMs: 20, timeoutMs: 10_000 });
    await until(async () => (await store.status(Date.now())).counts.delivered >= 2000, 30_000, 20);
    const started = Date.now();
    const stats = await worker.close({ deadlineMs: 1000 });
    const took = Date.now() - started;
    // the answers take 3 s: only the deadline can end close() sooner; slack for timers under load
    expect(took).toBeLessThanOrEqual(1400);
    const after = await store.status(Date.now());
    expect(after.counts.leased).toBe(0);
    expect(after.counts.delivered + after.counts.pending).toBe(EVENTS);
    expect(stats.returned).toBeGreaterThan(0);

    emulator.faults.clear();
    const again = startWorker({ store, destinations }, { idleMs: 20, timeoutMs: 10_000 });
    await until(async () => (await store.status(Date.now())).counts.delivered === EVENTS, 60_000, 100);
    await again.close({ deadlineMs: 1000 });
    expect(emulator.records({ summary: true }).totals.uniqueKeys).toBe(EVENTS);
    await store.close();
  }, 120_000);
});
