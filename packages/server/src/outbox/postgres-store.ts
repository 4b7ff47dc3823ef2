/**
 * The store for several processes or machines: PostgreSQL with `FOR UPDATE SKIP LOCKED`
 * leasing, so workers never wait on each other's rows. A lease is a held transaction, not a
 * written row (postgres-holds.ts): a delivered event costs its settle UPDATE and its attempt row. Enqueue can run on the caller's own
 * client, inside the caller's transaction: the order update and its conversion event commit
 * (or roll back) together.
 */
import { dedupKey, type DestinationId } from '@pixelpair/core';
import type pg from 'pg';
import type { PreparedEvent } from '../destinations/destination.js';
import {
  ATTEMPTS_TABLE, EVENTS_TABLE, LEASE_COLUMNS,
  fromAttemptRow, fromHistoryRow, fromLeaseRow, groupSettlements, toInsertRow,
} from './rows.js';
import { loadPeer } from './optional-peer.js';
import { createHolds, type HeldLease } from './postgres-holds.js';
import { statusFromCounts } from './status.js';
import { REPLAY_PAGE } from './store.js';
import type { OutboxStatus, OutboxStore, ReplayOptions, Settlement } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://…`; or pass `pool`. */
  connectionString?: string;
  /** Your own pool (a `pg.Pool`; not closed by `store.close()`). Typed by the methods used, so these types never need @types/pg. */
  pool?: PostgresPool;
  /** Schema holding the two tables; created when missing. Default `public`. */
  schema?: string;
  /** Pool size when the store makes its own pool. Default 4. */
  max?: number;
  /** Refuse to create the tables (the read-only commands): a typo must not look like a healthy, empty queue. */
  mustExist?: boolean;
}

/** The part of `pg.Pool` the store uses. */
export interface PostgresPool {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  connect(): Promise<{ query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>; release(): void }>;
  end(): Promise<void>;
}

interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export async function createPostgresStore(options: PostgresStoreOptions): Promise<OutboxStore> {
  const schema = options.schema ?? 'public';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`outbox: schema must be a plain identifier (letters, digits, _), got ${JSON.stringify(schema)}`);
  }
  if (!options.pool && !options.connectionString) throw new Error('outbox: the PostgreSQL store needs `connectionString` or `pool`');
  const ownPool = !options.pool;
  const pool = (options.pool as pg.Pool | undefined)
    ?? new (loadPeer<typeof pg>('pg', 'PostgreSQL').Pool)({ connectionString: options.connectionString, max: options.max ?? 4 });
  const E = `"${schema}".${EVENTS_TABLE}`;
  const holds = createHolds();
  const A = `"${schema}".${ATTEMPTS_TABLE}`;

  if (options.mustExist) await requireTables(pool, E, ownPool);
  await migrate(pool, schema, E, A);
  // Fresh statistics make the planner walk the due_at index for leases instead of sorting the whole queue.
  await pool.query(`ANALYZE ${E}`);

  /**
   * Worker transactions (leases, late settlements) commit without waiting for the WAL flush: if PostgreSQL
   * itself crashes and loses the last few, those events are simply sent again with the same
   * event_id. Enqueue never uses this: it is durable when it returns.
   */
  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL synchronous_commit = off');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async function enqueue(events: readonly PreparedEvent[], db: Queryable, now: number): Promise<boolean[]> {
    if (events.length === 0) return [];
    const rows = events.map(toInsertRow);
    const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
    const { rows: inserted } = await db.query(
      `INSERT INTO ${E} (destination, account, event, event_id, batch, event_time, wire, log, due_at, created_at, updated_at)
       SELECT u.*, $9::bigint, $9::bigint, $9::bigint
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::text[]) AS u
       ON CONFLICT (event_id, destination, account, event) DO NOTHING
       RETURNING destination, account, event, event_id`,
      [col('destination'), col('account'), col('event'), col('event_id'), col('batch'), col('event_time'), col('wire'), col('log'), now],
    );
    const key = (r: Record<string, unknown>) => dedupKey({ destination: r.destination as DestinationId, account: String(r.account), event: String(r.event), eventId: String(r.event_id) });
    const fresh = new Set(inserted.map(key));
    // A key repeated inside one call is stored once: only its first occurrence counts as new.
    return rows.map((r) => fresh.delete(key(r as unknown as Record<string, unknown>)));
  }

  /** One INSERT per shared attempt, one UPDATE per shared next state; `owned` limits which rows may move. */
  async function write(c: Queryable, settlements: readonly Settlement[], now: number, owned: string, extra: unknown[]) {
    const { attempts, updates } = groupSettlements(settlements, now);
    for (const { values: a, ids } of attempts) {
      await c.query(
        `INSERT INTO ${A} (event_row, at, decision, reason, alert, code, subcode, http_status, request_id, latency_ms, message)
         SELECT unnest($1::bigint[]), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11`,
        [ids, a.at, a.decision, a.reason, a.alert, a.code, a.subcode, a.http_status, a.request_id, a.latency_ms, a.message],
      );
    }
    for (const { values: v, ids } of updates) {
      await c.query(
        `UPDATE ${E} SET state = $2, due_at = $3, stop_since = $4, last_error = $5, dead_reason = $6, delivered_at = $7,
           attempts = attempts + $8, lease_owner = NULL, updated_at = $9
         WHERE id = ANY($1::bigint[]) ${owned}`,
        [ids, v.state, v.due_at, v.stop_since, v.last_error, v.dead_reason, v.delivered_at, v.inc, now, ...extra],
      );
    }
  }

  /**
   * Rows no longer held here (the lease ran out, the connection died): attempts are logged, and
   * a row moves only if no other worker holds it now and it is still open (a row leased by
   * `owner` the old way, with a written lease, also moves).
   */
  const unheld = (owner: string, settlements: readonly Settlement[], now: number) => tx((c) => write(c, settlements, now,
    `AND ((state = 'leased' AND lease_owner = $10)
          OR (state = 'pending' AND id IN (SELECT id FROM ${E} WHERE id = ANY($1::bigint[]) FOR UPDATE SKIP LOCKED)))`, [owner]));

  async function settle(owner: string, settlements: readonly Settlement[], now: number) {
    if (settlements.length === 0) return;
    const byHold = new Map<HeldLease | undefined, Settlement[]>();
    for (const s of settlements) {
      const h = holds.of(s.id, s.lease);
      const list = byHold.get(h);
      if (list) list.push(s);
      else byHold.set(h, [s]);
    }
    for (const [hold, list] of byHold) {
      if (!hold) { await unheld(owner, list, now); continue; }
      holds.claim(hold);
      try {
        if (hold.broken || hold.ended) throw new Error('the lease connection died');
        // The rows are locked by this transaction: nobody else can have moved them.
        await write(hold.client, list, now, '', []);
        await holds.finish(hold, true);
      } catch {
        await holds.finish(hold, false).catch(() => undefined);
        await unheld(owner, list, now);
      }
    }
  }

  async function replay(o: ReplayOptions) {
    const states = o.dead ? ['dead'] : ['dead', 'delivered'];
    const since = o.since ?? 0;
    const until = o.until ?? Number.MAX_SAFE_INTEGER;
    const where = `state = ANY($1::text[]) AND event_time >= $2 AND event_time <= $3 AND ($4::text IS NULL OR destination = $4)`;
    const destination = o.destination ?? null;
    const { rows: [countRow] } = await pool.query(`SELECT COUNT(*)::bigint AS n FROM ${E} WHERE ${where}`, [states, since, until, destination]);
    const total = Number(countRow?.n ?? 0);
    const result = { matched: 0, requeued: 0, tooOld: 0 };
    for (let after = 0; ;) {
      const { rows } = await pool.query(
        `SELECT id, event_time FROM ${E} WHERE ${where} AND id > $5 ORDER BY id LIMIT ${REPLAY_PAGE}`,
        [states, since, until, destination, after],
      );
      if (rows.length === 0) break;
      after = Number(rows[rows.length - 1]!.id);
      const fresh = rows.filter((r) => Number(r.event_time) >= o.minEventTime).map((r) => Number(r.id));
      if (!o.dryRun && fresh.length > 0) {
        await pool.query(
          `UPDATE ${E} SET state = 'pending', due_at = $2, lease_owner = NULL, stop_since = NULL, dead_reason = NULL,
             last_error = NULL, updated_at = $2 WHERE id = ANY($1::bigint[]) AND state = ANY($3::text[])`,
          [fresh, o.now, states],
        );
      }
      result.matched += rows.length;
      result.requeued += fresh.length;
      result.tooOld += rows.length - fresh.length;
      o.onProgress?.(result.matched, total);
    }
    return result;
  }

  return {
    kind: 'postgres',
    async enqueue(events, options = {}) {
      const now = options.now ?? Date.now();
      if (options.client !== undefined) {
        const client = options.client as Queryable;
        if (typeof client?.query !== 'function') throw new Error('outbox: `client` must be a pg client (with a query method)');
        return enqueue(events, client, now);
      }
      return enqueue(events, pool, now);
    },
    async lease({ destination, account, limit, leaseMs, now }) {
      let rows: Record<string, unknown>[] = [];
      // No lease is written: the rows stay locked by an open transaction until they are settled.
      const held = await holds.open(pool, leaseMs, async (c) => {
        ({ rows } = await c.query(
          `SELECT ${LEASE_COLUMNS} FROM ${E} WHERE destination = $1 AND state IN ('pending', 'leased') AND due_at <= $2 AND account = $3
           ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED`,
          [destination, now, account, limit],
        ));
        return rows.map((r) => Number(r.id));
      });
      // Rows whose locks were lost before the lease began are not handed out: another worker may take them.
      return held === null ? [] : rows.map((r) => ({ ...fromLeaseRow(r), lease: held }));
    },
    settle,
    async status(now): Promise<OutboxStatus> {
      const { rows } = await pool.query(`SELECT destination, state, COUNT(*)::bigint AS n FROM ${E} GROUP BY destination, state`);
      const { rows: oldest } = await pool.query(`SELECT destination, MIN(created_at) AS t FROM ${E} WHERE state IN ('pending', 'leased') GROUP BY destination`);
      return statusFromCounts(rows as { destination: string; state: string; n: string }[], oldest as { destination: string; t: string | null }[], now);
    },
    async history(eventId) {
      const { rows } = await pool.query(`SELECT * FROM ${E} WHERE event_id = $1 ORDER BY id`, [eventId]);
      const out = [];
      for (const r of rows) {
        const { rows: attempts } = await pool.query(`SELECT * FROM ${A} WHERE event_row = $1 ORDER BY id`, [r.id]);
        out.push(fromHistoryRow(r, attempts.map(fromAttemptRow)));
      }
      return out;
    },
    replay,
    async recentRequestIds(destination, limit) {
      const { rows } = await pool.query(
        `SELECT a.request_id AS id, MAX(a.at) AS at FROM ${A} a JOIN ${E} e ON e.id = a.event_row
         WHERE e.destination = $1 AND a.decision = 'delivered' AND a.request_id IS NOT NULL
         GROUP BY a.request_id ORDER BY at DESC LIMIT $2`,
        [destination, limit],
      );
      return rows.map((r) => String(r.id));
    },
    async close() {
      await holds.closeAll();
      if (ownPool) await pool.end();
    },
  };
}

async function requireTables(pool: pg.Pool, E: string, ownPool: boolean) {
  const { rows: [found] } = await pool.query(`SELECT to_regclass($1) IS NOT NULL AS ok`, [E]);
  if (found?.ok !== true) {
    if (ownPool) await pool.end().catch(() => undefined);
    throw new Error(`--store: there is no pixelpair outbox in this database/schema (${E} does not exist): check the URL and ?schema=`);
  }
}

const EVENTS_DDL = (E: string) => `
  CREATE TABLE IF NOT EXISTS ${E} (
    id BIGSERIAL PRIMARY KEY,
    destination TEXT NOT NULL, account TEXT NOT NULL, event TEXT NOT NULL, event_id TEXT NOT NULL,
    batch TEXT NOT NULL DEFAULT '',
    event_time BIGINT NOT NULL, wire TEXT NOT NULL, log TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', attempts INT NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL, lease_owner TEXT, stop_since BIGINT,
    last_error TEXT, dead_reason TEXT,
    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, delivered_at BIGINT,
    -- core's dedup key; event_id first: the same index answers pixelpair log --event-id.
    CONSTRAINT ${EVENTS_TABLE}_dedup UNIQUE (event_id, destination, account, event)
  );`;

async function migrate(pool: pg.Pool, schema: string, E: string, A: string) {
  // CREATE … IF NOT EXISTS still takes table locks, which can deadlock with running workers'
  // settlements: skip the DDL entirely when everything is already there.
  const names = [E, A, `"${schema}".${EVENTS_TABLE}_due_v2`, `"${schema}".${ATTEMPTS_TABLE}_event`];
  const { rows: [present] } = await pool.query(`SELECT bool_and(to_regclass(n) IS NOT NULL) AS ok FROM unnest($1::text[]) AS n`, [names]);
  if (present?.ok === true) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several processes may start at once; DDL under one advisory lock avoids catalog races.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('pixelpair_outbox_migrate'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const { rows: v1 } = await client.query(
      `SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 AND column_name = 'pixel_id'`,
      [schema, EVENTS_TABLE],
    );
    if (v1.length > 0) {
      // v1 (TikTok only) → v2: same rows and ids, a destination, the dedup key as the unique key.
      const { rows: constraints } = await client.query(`SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'u'`, [E]);
      for (const c of constraints) await client.query(`ALTER TABLE ${E} DROP CONSTRAINT "${String(c.conname).replace(/"/g, '')}"`);
      await client.query(`
        ALTER TABLE ${E} RENAME COLUMN pixel_id TO account;
        ALTER TABLE ${E} RENAME COLUMN test_event_code TO batch;
        ALTER TABLE ${E} ADD COLUMN destination TEXT NOT NULL DEFAULT 'tiktok';
        ALTER TABLE ${E} ALTER COLUMN destination DROP DEFAULT;
        ALTER TABLE ${E} ADD CONSTRAINT ${EVENTS_TABLE}_dedup UNIQUE (event_id, destination, account, event);
        DROP INDEX IF EXISTS "${schema}".${EVENTS_TABLE}_due;`);
    }
    await client.query(`${EVENTS_DDL(E)}
      CREATE INDEX IF NOT EXISTS ${EVENTS_TABLE}_due_v2 ON ${E} (destination, due_at) WHERE state IN ('pending', 'leased');
      CREATE TABLE IF NOT EXISTS ${A} (
        id BIGSERIAL PRIMARY KEY, event_row BIGINT NOT NULL, at BIGINT NOT NULL,
        decision TEXT NOT NULL, reason TEXT NOT NULL, alert INT NOT NULL DEFAULT 0, code INT, subcode INT, http_status INT,
        request_id TEXT, latency_ms INT, message TEXT
      );
      ALTER TABLE ${A} ADD COLUMN IF NOT EXISTS alert INT NOT NULL DEFAULT 0;
      ALTER TABLE ${A} ADD COLUMN IF NOT EXISTS subcode INT;
      CREATE INDEX IF NOT EXISTS ${ATTEMPTS_TABLE}_event ON ${A} (event_row);`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
