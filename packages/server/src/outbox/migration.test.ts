/**
 * A store written by the TikTok-only version (v1: pixel_id, test_event_code, unique on pixel id
 * + event + event_id) opens as v2 without losing a row or an attempt, and then takes copies
 * for other destinations under the full dedup key.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { metaDestination } from '../destinations/meta/meta.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { createOutbox } from './outbox.js';
import { createPostgresStore } from './postgres-store.js';
import { createSqliteStore } from './sqlite-store.js';
import type { OutboxStore } from './store.js';
import { envelope, PIXEL } from '../../test-support/outbox/fixtures.js';
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../../test-support/outbox/postgres.js';

const V1_EVENTS = (t: string) => `CREATE TABLE ${t}pixelpair_outbox_events (
  id INTEGER PRIMARY KEY, pixel_id TEXT NOT NULL, event TEXT NOT NULL, event_id TEXT NOT NULL,
  test_event_code TEXT NOT NULL DEFAULT '', event_time INTEGER NOT NULL, wire TEXT NOT NULL, log TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL, lease_owner TEXT,
  stop_since INTEGER, last_error TEXT, dead_reason TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, delivered_at INTEGER,
  UNIQUE (event_id, pixel_id, event));
CREATE INDEX ${t}pixelpair_outbox_events_due ON ${t}pixelpair_outbox_events (due_at) WHERE state IN ('pending', 'leased');
CREATE TABLE ${t}pixelpair_outbox_attempts (id INTEGER PRIMARY KEY, event_row INTEGER NOT NULL, at INTEGER NOT NULL,
  decision TEXT NOT NULL, reason TEXT NOT NULL, code INTEGER, http_status INTEGER, request_id TEXT, latency_ms INTEGER, message TEXT);`;
const LOG = JSON.stringify({ consent: { adUserData: 'granted', adPersonalization: 'granted' }, matchKeys: { email: true } });
const V1_ROWS = (t: string) => `INSERT INTO ${t}pixelpair_outbox_events (id, pixel_id, event, event_id, test_event_code, event_time, wire, log, state, attempts, due_at, created_at, updated_at, delivered_at)
  VALUES (7, '${PIXEL}', 'Purchase', 'ord_1_purchase', '', 1795000000, '{"event":"Purchase","event_id":"ord_1_purchase","event_time":1795000000}', '${LOG}', 'delivered', 1, 1, 1, 2, 2),
         (8, '${PIXEL}', 'Purchase', 'ord_2_purchase', 'TEST1', 1795000000, '{"event":"Purchase","event_id":"ord_2_purchase","event_time":1795000000}', '${LOG}', 'pending', 0, 1, 1, 1, NULL);
  INSERT INTO ${t}pixelpair_outbox_attempts (event_row, at, decision, reason, code, request_id) VALUES (7, 2, 'delivered', 'ok', 0, 'rq-7');`;

async function checkMigrated(store: OutboxStore) {
  const [h] = await store.history('ord_1_purchase');
  expect(h).toMatchObject({ destination: 'tiktok', account: PIXEL, batch: '', state: 'delivered', attempts: 1 });
  expect(h!.history).toEqual([expect.objectContaining({ decision: 'delivered', code: 0, requestId: 'rq-7' })]);
  expect((await store.history('ord_2_purchase'))[0]).toMatchObject({ destination: 'tiktok', batch: 'TEST1', state: 'pending' });
  const leased = await store.lease({ destination: 'tiktok', account: PIXEL, owner: 'w', limit: 10, leaseMs: 1000, now: Date.now() });
  expect(leased.map((e) => [e.id, e.batch])).toEqual([[8, 'TEST1']]);
  // The same action for Meta is a new copy; for TikTok again, a duplicate.
  const outbox = createOutbox({ store, destinations: [tiktokDestination({ pixelId: PIXEL }), metaDestination({ pixelId: '1234567890' })] });
  const r = await outbox.track({ ...envelope(1), page: { url: 'https://shop.example/' } });
  expect(r).toMatchObject({ ok: true, destinations: [{ destination: 'tiktok', status: 'duplicate' }, { destination: 'meta', status: 'enqueued' }] });
}

const pgReady = await postgresAvailable('outbox migration');
const dir = mkdtempSync(path.join(tmpdir(), 'pp-migrate-'));
const schemas: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const s of schemas) await dropSchema(s).catch(() => undefined);
});

describe('v1 → v2 store migration', () => {
  it('SQLite: rows, ids and attempts survive; the dedup key includes the destination', async () => {
    const file = path.join(dir, 'v1.db');
    const db = new Database(file);
    db.exec(V1_EVENTS(''));
    db.exec(V1_ROWS(''));
    db.close();
    const store = createSqliteStore(file);
    await checkMigrated(store);
    await store.close();
    // Opening again is a no-op.
    const again = createSqliteStore(file);
    expect((await again.status(Date.now())).counts.delivered).toBe(1);
    await again.close();
  });

  it.runIf(pgReady)('PostgreSQL: the same, in place', async () => {
    const schema = uniqueSchema('migrate');
    schemas.push(schema);
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(V1_EVENTS(`"${schema}".`).replace(/INTEGER PRIMARY KEY/g, 'BIGSERIAL PRIMARY KEY').replace(/INTEGER/g, 'BIGINT').replace(/CREATE INDEX "[^"]+"\./, 'CREATE INDEX '));
    await client.query(V1_ROWS(`"${schema}".`));
    await client.end();
    const store = await createPostgresStore({ connectionString: DATABASE_URL, schema });
    await checkMigrated(store);
    await store.close();
  });
});
