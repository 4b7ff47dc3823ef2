/**
 * PostgreSQL leases are held row locks: while a lease holds nobody else gets its rows; when
 * its connection dies (or the lease runs out unsettled) the rows are due again at once; a
 * late settlement from the dead lease is logged and moves no row another worker holds. End to
 * end: a worker whose connections are cut mid-send loses nothing, and only its own rows are
 * ever sent twice.
 */
import { startEmulator } from '@pixelpair/emulator';
import type { Emulator } from '@pixelpair/emulator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { createPostgresStore } from './postgres-store.js';
import type { LeasedEvent, OutboxStore } from './store.js';
import { PIXEL, TOKEN, fill, prepared, until } from '../../test-support/outbox/fixtures.js';
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../../test-support/outbox/postgres.js';
import { startWorker } from './worker.js';

const pgReady = await postgresAvailable('outbox postgres leases');
const schemas: string[] = [];
let emulator: Emulator;
beforeAll(async () => { emulator = await startEmulator(); });
afterAll(async () => {
  await emulator?.close();
  for (const s of schemas) await dropSchema(s).catch(() => undefined);
});

const idOf = (e: LeasedEvent) => (JSON.parse(e.wireJson) as { event_id: string }).event_id;
const withApp = (name: string) => `${DATABASE_URL}${DATABASE_URL.includes('?') ? '&' : '?'}application_name=${name}`;

/** Cuts every connection of one application (a store's pool), as a network failure would. */
async function cutConnections(app: string): Promise<number> {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1`, [app]);
    return rows.length;
  } finally {
    await admin.end();
  }
}

async function storeFor(schema: string, app: string): Promise<OutboxStore> {
  return createPostgresStore({ connectionString: withApp(app), schema });
}

describe.runIf(pgReady)('postgres leases held as row locks', () => {
  it('a held lease keeps its rows from others; a dead connection frees them at once; its late settlement moves nothing another worker holds', async () => {
    const schema = uniqueSchema('holds');
    schemas.push(schema);
    const appA = `${schema}_a`.slice(0, 63);
    const a = await storeFor(schema, appA);
    const c = await storeFor(schema, `${schema}_c`.slice(0, 63));
    const t0 = Date.now();
    await a.enqueue([prepared(1)], { now: t0 });
    await a.enqueue([prepared(2)], { now: t0 + 1 });
    await a.enqueue([prepared(3)], { now: t0 + 2 });
    const leased = await a.lease({ destination: 'tiktok', account: PIXEL, owner: 'a', limit: 2, leaseMs: 60_000, now: t0 + 10 });
    expect(leased.map(idOf)).toEqual(['ord_1_purchase', 'ord_2_purchase']);
    const rest = await c.lease({ destination: 'tiktok', account: PIXEL, owner: 'c', limit: 5, leaseMs: 60_000, now: t0 + 20 });
    expect(rest.map(idOf)).toEqual(['ord_3_purchase']);
    expect(await c.lease({ destination: 'tiktok', account: PIXEL, owner: 'c', limit: 5, leaseMs: 60_000, now: t0 + 30 })).toEqual([]);

    // a's connection dies mid-send: no lease expiry to wait for, c gets the rows at once.
    expect(await cutConnections(appA)).toBeGreaterThan(0);
    const taken = await until(async () => {
      const got = await c.lease({ destination: 'tiktok', account: PIXEL, owner: 'c', limit: 5, leaseMs: 60_000, now: Date.now() });
      if (got.length > 0) rest.push(...got);
      return rest.length === 3;
    }, 5_000, 50).then(() => true);
    expect(taken).toBe(true);
    expect(rest.map(idOf).sort()).toEqual(['ord_1_purchase', 'ord_2_purchase', 'ord_3_purchase']);

    // a comes back late (its pool reconnects): the attempt is logged, c's rows do not move.
    await a.settle('a', [{ id: leased[0]!.id, attempt: { at: Date.now(), decision: 'delivered', reason: 'ok', requestId: 'late' }, next: { state: 'delivered' } }], Date.now());
    expect((await c.status(Date.now())).counts).toMatchObject({ pending: 3, delivered: 0 });
    await c.settle('c', rest.map((e) => ({ id: e.id, attempt: { at: Date.now(), decision: 'delivered' as const, reason: 'ok', requestId: 'r-c' }, next: { state: 'delivered' as const } })), Date.now());
    expect((await c.status(Date.now())).counts).toMatchObject({ pending: 0, delivered: 3 });
    const [h] = await c.history('ord_1_purchase');
    expect(h!.history.map((x) => x.requestId).sort()).toEqual(['late', 'r-c']);
    expect(h!.attempts).toBe(1);
    await a.close();
    await c.close();
  });

  it('a lease lost to a dead connection and the same rows leased again by the same process: the old settlement never ends the new lease', async () => {
    const schema = uniqueSchema('holds');
    schemas.push(schema);
    const app = `${schema}_s`.slice(0, 63);
    const store = await storeFor(schema, app);
    const other = await storeFor(schema, `${schema}_o`.slice(0, 63));
    await store.enqueue([prepared(1), prepared(2)]);
    const lease = (s: OutboxStore) => s.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 5, leaseMs: 60_000, now: Date.now() });
    const old = await lease(store);
    expect(old).toHaveLength(2);
    await cutConnections(app);
    let fresh: LeasedEvent[] = [];
    await until(async () => (fresh = await lease(store).catch(() => [])).length === 2, 5_000, 50);
    expect(fresh[0]!.lease).not.toBe(old[0]!.lease);
    // The old lane answers late, with a retry: logged, and the new lease keeps its locks.
    await store.settle('w', old.map((e) => ({ id: e.id, lease: e.lease, attempt: { at: Date.now(), decision: 'retry' as const, reason: 'late' }, next: { state: 'pending' as const, dueAt: 0 } })), Date.now());
    expect(await lease(other)).toEqual([]);
    await store.settle('w', fresh.map((e) => ({ id: e.id, lease: e.lease, attempt: { at: Date.now(), decision: 'delivered' as const, reason: 'ok' }, next: { state: 'delivered' as const } })), Date.now());
    expect((await store.status(Date.now())).counts).toMatchObject({ pending: 0, delivered: 2 });
    await store.close();
    await other.close();
  });

  it('a lease never settled is rolled back when it runs out: its rows are due again, untouched', async () => {
    const schema = uniqueSchema('holds');
    schemas.push(schema);
    const store = await storeFor(schema, `${schema}_x`.slice(0, 63));
    await store.enqueue([prepared(1), prepared(2)]);
    const first = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 5, leaseMs: 300, now: Date.now() });
    expect(first).toHaveLength(2);
    expect(await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 5, leaseMs: 300, now: Date.now() })).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    const again = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 5, leaseMs: 60_000, now: Date.now() });
    expect(again.map((e) => [idOf(e), e.attempts]).sort()).toEqual([['ord_1_purchase', 0], ['ord_2_purchase', 0]]);
    await store.close();
  });

  it('a worker whose connections die mid-send loses nothing; only its own rows are ever sent twice', async () => {
    const EVENTS = 6_000;
    const schema = uniqueSchema('holds');
    schemas.push(schema);
    emulator.reset();
    const seed = await storeFor(schema, `${schema}_seed`.slice(0, 63));
    await fill(seed, EVENTS);
    // Slow answers, so the cut lands while the victim's requests are in flight.
    emulator.faults.set({ rate: 0.5, kinds: ['slow'], delayMs: 300, seed: 7 });
    const destinations = () => [tiktokDestination({ pixelId: PIXEL, apiUrl: emulator.apiUrl, accessToken: TOKEN })];
    const victimApp = `${schema}_victim`.slice(0, 63);
    const victimStore = await storeFor(schema, victimApp);
    const victimLeased = new Set<string>();
    const lease = victimStore.lease.bind(victimStore);
    victimStore.lease = async (o) => {
      const got = await lease(o);
      for (const e of got) victimLeased.add(idOf(e));
      return got;
    };
    const options = { concurrency: 2, batchSize: 200, idleMs: 20, timeoutMs: 10_000, leaseMs: 30_000 };
    const victim = startWorker({ store: victimStore, destinations: destinations() }, { ...options, owner: 'victim' });
    const others = await Promise.all([1, 2].map(async (i) => {
      const store = await storeFor(schema, `${schema}_w${i}`.slice(0, 63));
      return { store, worker: startWorker({ store, destinations: destinations() }, { ...options, owner: `w${i}` }) };
    }));
    await until(() => victimLeased.size > 0 && emulator.records({ summary: true }).totals.uniqueKeys >= EVENTS / 4, 60_000, 5);
    expect(await cutConnections(victimApp)).toBeGreaterThan(0);
    await until(async () => (await seed.status(Date.now())).counts.delivered === EVENTS, 90_000, 100);
    emulator.faults.clear();
    await victim.close({ deadlineMs: 1000 });
    for (const o of others) await o.worker.close({ deadlineMs: 1000 });

    const records = emulator.records();
    expect(records.totals.uniqueKeys).toBe(EVENTS);
    // Sent twice only when the victim sent it and lost its locks before it could settle.
    for (const d of records.duplicates) expect(victimLeased.has(d.eventId)).toBe(true);
    expect((await seed.status(Date.now())).counts).toEqual({ pending: 0, leased: 0, delivered: EVENTS, dead: 0 });
    await victimStore.close();
    for (const o of others) await o.store.close();
    await seed.close();
  }, 120_000);
});
