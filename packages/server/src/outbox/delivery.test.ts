/**
 * The outbox end to end against the local stand-in for TikTok: 100,000 events through three
 * concurrent workers while 30% of requests fail (40100, HTTP 503, connection resets,
 * timeouts). Everything must arrive, each dedup key accepted exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { OutboxStore } from './store.js';
import { PIXEL, TOKEN, fill, until } from './testing/fixtures.js';
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from './testing/postgres.js';
import { startWorker } from './worker.js';

const EVENTS = 100_000;
const dir = mkdtempSync(path.join(tmpdir(), 'pp-delivery-'));
const schema = uniqueSchema('delivery');
const pgReady = await postgresAvailable('outbox delivery');
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
  if (pgReady) await dropSchema(schema).catch(() => undefined);
});

const stores: [string, () => Promise<OutboxStore>, boolean][] = [
  ['sqlite', async () => createSqliteStore(path.join(dir, 'outbox.db')), true],
  ['postgres', () => createPostgresStore({ connectionString: DATABASE_URL, schema, max: 2 }), pgReady],
];

describe.each(stores)('%s: 100,000 events, 3 workers, 30%% faults', (_name, open, enabled) => {
  it.runIf(enabled)('delivers every event, each dedup key accepted exactly once, retries logged', async () => {
    emulator.reset();
    const seed = await open();
    await fill(seed, EVENTS);
    // Injected timeouts hold the request past the client's timeout. The client timeout (8 s) is
    // generous otherwise: a strict stand-in answering 500 events on a loaded 2-core machine can take
    // seconds, and a request it finished but the client gave up on would legitimately be accepted
    // twice (the platform dedups it); this test wants to see exactly one acceptance.
    emulator.faults.set({ rate: 0.3, kinds: ['rate_limit', 'http_503', 'reset', 'timeout'], delayMs: 9000, seed: 7 });

    const workers = await Promise.all([0, 1, 2].map(async (i) => {
      const store = await open();
      const destinations = [tiktokDestination({ pixelId: PIXEL, apiUrl: emulator.apiUrl, accessToken: TOKEN })];
      const worker = startWorker({ store, destinations }, {
        owner: `w${i}`, concurrency: 2, batchSize: 500, leaseMs: 30_000, idleMs: 20, timeoutMs: 8000, backoff: { baseMs: 20, maxMs: 200 },
      });
      return { store, worker };
    }));
    await until(async () => (await seed.status(Date.now())).counts.delivered === EVENTS, 150_000, 250);
    let retried = 0;
    for (const w of workers) {
      retried += (await w.worker.close({ deadlineMs: 2000 })).retried;
      await w.store.close();
    }

    const { totals } = emulator.records({ summary: true });
    expect(totals.uniqueKeys).toBe(EVENTS);
    expect(totals.events).toBe(EVENTS);
    expect(totals.duplicateAcceptances).toBe(0);
    expect(totals.faultedRequests).toBeGreaterThan(10);
    expect(emulator.acceptances(PIXEL, 'Purchase', 'ord_99999_purchase')).toBe(1);
    const status = await seed.status(Date.now());
    expect(status.counts).toEqual({ pending: 0, leased: 0, delivered: EVENTS, dead: 0 });
    // Faulted batches were rescheduled, not lost or re-minted.
    expect(retried).toBeGreaterThan(500);
    await seed.close();
  }, 180_000);
});
