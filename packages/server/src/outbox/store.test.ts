/**
 * One contract, three stores: the memory store (tests), SQLite (default) and PostgreSQL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { LeasedEvent, OutboxStore } from './store.js';
import { PIXEL, prepared } from '../../test-support/outbox/fixtures.js';
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../../test-support/outbox/postgres.js';

const idOf = (e: LeasedEvent) => (JSON.parse(e.wireJson) as { event_id: string }).event_id;

const dir = mkdtempSync(path.join(tmpdir(), 'pp-store-'));
const schemas: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of schemas) await dropSchema(s);
});

const pgReady = await postgresAvailable('outbox store');
let n = 0;
const factories: [string, () => Promise<OutboxStore>, boolean][] = [
  ['memory', async () => createMemoryStore(), true],
  ['sqlite', async () => createSqliteStore(path.join(dir, `s${n++}.db`)), true],
  ['postgres', async () => {
    const schema = uniqueSchema('store');
    schemas.push(schema);
    return createPostgresStore({ connectionString: DATABASE_URL, schema });
  }, pgReady],
];

describe.each(factories)('%s store', (name, make, enabled) => {
  it.runIf(enabled)('stores an event once per (pixel id, event, event_id) and says which calls were duplicates', async () => {
    const store = await make();
    expect(await store.enqueue([prepared(1), prepared(2), prepared(1)])).toEqual([true, true, false]);
    expect(await store.enqueue([prepared(2), prepared(3)])).toEqual([false, true]);
    // Same event_id under another event name is another action.
    expect(await store.enqueue([prepared(1, { event: 'AddToCart' })])).toEqual([true]);
    const status = await store.status(Date.now());
    expect(status.counts).toEqual({ pending: 4, leased: 0, delivered: 0, dead: 0 });
    await store.close();
  });

  // PostgreSQL leases are held row locks, not written leases: their expiry is wall-clock time
  // and a dead connection; postgres-holds.test.ts covers them.
  it.runIf(enabled && name !== 'postgres')('leases due events oldest first, never twice while the lease holds, and again once it expires', async () => {
    const store = await make();
    const t0 = 1_000_000;
    await store.enqueue([prepared(1)], { now: t0 });
    await store.enqueue([prepared(2)], { now: t0 + 1 });
    await store.enqueue([prepared(3)], { now: t0 + 2 });
    const a = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'a', limit: 2, leaseMs: 1000, now: t0 + 10 });
    expect(a.map((e) => idOf(e))).toEqual(['ord_1_purchase', 'ord_2_purchase']);
    expect(a[0]!.account).toBe('CTESTPIXEL0001');
    const b = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'b', limit: 5, leaseMs: 1000, now: t0 + 20 });
    expect(b.map((e) => idOf(e))).toEqual(['ord_3_purchase']);
    expect(await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'c', limit: 5, leaseMs: 1000, now: t0 + 30 })).toEqual([]);
    // a crashed: its lease runs out and c gets the events, with the same event_ids.
    const c = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'c', limit: 5, leaseMs: 1000, now: t0 + 1011 });
    expect(c.map((e) => idOf(e)).sort()).toEqual(['ord_1_purchase', 'ord_2_purchase']);
    // a comes back late: its settlement is logged but does not move c's rows.
    await store.settle('a', [{ id: a[0]!.id, attempt: { at: t0 + 1100, decision: 'delivered', reason: 'ok' }, next: { state: 'delivered' } }], t0 + 1100);
    expect((await store.status(t0 + 1100)).counts.leased).toBe(3);
    await store.close();
  });

  it.runIf(enabled)('settles: delivered, retry later with the error kept, dead with its reason; the log keeps every attempt', async () => {
    const store = await make();
    const t0 = 2_000_000;
    await store.enqueue([prepared(1), prepared(2), prepared(3)], { now: t0 });
    const [e1, e2, e3] = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 5000, now: t0 });
    await store.settle('w', [
      { id: e1!.id, attempt: { at: t0 + 1, decision: 'delivered', reason: 'ok', code: 0, requestId: 'r1', latencyMs: 12 }, next: { state: 'delivered' } },
      { id: e2!.id, attempt: { at: t0 + 1, decision: 'retry', reason: 'rate_limited', code: 40100, requestId: 'r2' }, next: { state: 'pending', dueAt: t0 + 500, lastError: 'rate_limited code 40100' } },
      { id: e3!.id, attempt: { at: t0 + 1, decision: 'drop', reason: 'invalid_params', code: 40002 }, next: { state: 'dead', reason: 'dropped: invalid_params code 40002' } },
    ], t0 + 1);
    expect((await store.status(t0 + 100)).counts).toEqual({ pending: 1, leased: 0, delivered: 1, dead: 1 });
    expect(await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 5000, now: t0 + 499 })).toEqual([]);
    const again = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 5000, now: t0 + 500 });
    expect(again.map((e) => [idOf(e), e.attempts])).toEqual([['ord_2_purchase', 1]]);
    await store.settle('w', [{ id: again[0]!.id, attempt: { at: t0 + 600, decision: 'delivered', reason: 'ok', code: 0, requestId: 'r3', latencyMs: 8 }, next: { state: 'delivered' } }], t0 + 600);

    const [h] = await store.history('ord_2_purchase');
    expect(h).toMatchObject({ state: 'delivered', attempts: 2, eventId: 'ord_2_purchase', account: 'CTESTPIXEL0001', destination: 'tiktok', event: 'Purchase' });
    expect(h!.history.map((a) => [a.decision, a.code, a.requestId])).toEqual([['retry', 40100, 'r2'], ['delivered', 0, 'r3']]);
    expect(h!.log.matchKeys.email).toBe(true);
    expect(JSON.stringify(h)).not.toContain('@example.com');
    const [dead] = await store.history('ord_3_purchase');
    expect(dead).toMatchObject({ state: 'dead', deadReason: 'dropped: invalid_params code 40002' });
    expect(await store.history('nope')).toEqual([]);
    await store.close();
  });

  it.runIf(enabled)('reports the oldest pending age and replays dead/past events inside the window, keeping event_ids', async () => {
    const store = await make();
    const nowS = 3_000_000;
    const t0 = nowS * 1000;
    const at = { pixelId: PIXEL, now: t0 };
    await store.enqueue([prepared(1, { eventTime: nowS - 100 }, at), prepared(2, { eventTime: nowS - 50 }, at), prepared(3, { eventTime: nowS - 10 }, at)], { now: t0 });
    expect((await store.status(t0 + 250)).oldestPendingAgeMs).toBe(250);
    const leased = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 1000, now: t0 });
    await store.settle('w', leased.map((e) => ({ id: e.id, next: idOf(e) === 'ord_3_purchase' ? { state: 'delivered' as const } : { state: 'dead' as const, reason: 'stopped' } })), t0);
    expect((await store.status(t0)).oldestPendingAgeMs).toBeNull();

    const dry = await store.replay({ dead: true, minEventTime: nowS - 60, now: t0 + 1, dryRun: true });
    expect(dry).toEqual({ matched: 2, requeued: 1, tooOld: 1 });
    expect((await store.status(t0)).counts.dead).toBe(2);
    const progress: number[] = [];
    expect(await store.replay({ minEventTime: nowS - 60, now: t0 + 1, since: nowS - 60, onProgress: (d) => progress.push(d) })).toEqual({ matched: 2, requeued: 2, tooOld: 0 });
    expect(progress.at(-1)).toBe(2);
    const back = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 1000, now: t0 + 2 });
    expect(back.map((e) => idOf(e)).sort()).toEqual(['ord_2_purchase', 'ord_3_purchase']);
    await store.close();
  });
});
