/**
 * The store for several processes or machines: PostgreSQL with `FOR UPDATE SKIP LOCKED`
 * leasing, so workers never wait on each other's rows. Enqueue can run on the caller's own
 * client, inside the caller's transaction: the order update and its conversion event commit
 * (or roll back) together.
 */
import pg from 'pg';
import type { PreparedEvent } from '../types.js';
import {
  ATTEMPTS_TABLE, EVENTS_TABLE, LEASE_COLUMNS,
  fromAttemptRow, fromHistoryRow, fromLeaseRow, groupSettlements, toInsertRow,
} from './rows.js';
import { OUTBOX_STATES, REPLAY_PAGE } from './store.js';
import type { OutboxStatus, OutboxStore, ReplayOptions, Settlement } from './store.js';

export interface PostgresStoreOptions {
  /** `postgres://…`; or pass `pool`. */
  connectionString?: string;
  /** Your own pool (not closed by `store.close()`). */
  pool?: pg.Pool;
  /** Schema holding the two tables; created when missing. Default `public`. */
  schema?: string;
  /** Pool size when the store makes its own pool. Default 4. */
  max?: number;
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
  const pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: options.max ?? 4 });
  const E = `"${schema}".${EVENTS_TABLE}`;
  const A = `"${schema}".${ATTEMPTS_TABLE}`;

  await migrate(pool, schema, E, A);
  // Fresh statistics make the planner walk the due_at index for leases instead of sorting the whole queue.
  await pool.query(`ANALYZE ${E}`);

  /**
   * Worker transactions (lease, settle) commit without waiting for the WAL flush: if PostgreSQL
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
      `INSERT INTO ${E} (pixel_id, event, event_id, test_event_code, event_time, wire, log, due_at, created_at, updated_at)
       SELECT u.*, $8::bigint, $8::bigint, $8::bigint
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) AS u
       ON CONFLICT (pixel_id, event, event_id) DO NOTHING
       RETURNING pixel_id, event, event_id`,
      [col('pixel_id'), col('event'), col('event_id'), col('test_event_code'), col('event_time'), col('wire'), col('log'), now],
    );
    const fresh = new Set(inserted.map((r) => `${r.pixel_id}\u0000${r.event}\u0000${r.event_id}`));
    // A key repeated inside one call is stored once: only its first occurrence counts as new.
    return rows.map((r) => fresh.delete(`${r.pixel_id}\u0000${r.event}\u0000${r.event_id}`));
  }

  async function settle(owner: string, settlements: readonly Settlement[], now: number) {
    if (settlements.length === 0) return;
    const { attempts, updates } = groupSettlements(settlements, now);
    await tx(async (c) => {
      for (const { values: a, ids } of attempts) {
        await c.query(
          `INSERT INTO ${A} (event_row, at, decision, reason, code, http_status, request_id, latency_ms, message)
           SELECT unnest($1::bigint[]), $2, $3, $4, $5, $6, $7, $8, $9`,
          [ids, a.at, a.decision, a.reason, a.code, a.http_status, a.request_id, a.latency_ms, a.message],
        );
      }
      for (const { values: v, ids } of updates) {
        await c.query(
          `UPDATE ${E} SET state = $2, due_at = $3, stop_since = $4, last_error = $5, dead_reason = $6, delivered_at = $7,
             attempts = attempts + $8, lease_owner = NULL, updated_at = $9
           WHERE id = ANY($1::bigint[]) AND state = 'leased' AND lease_owner = $10`,
          [ids, v.state, v.due_at, v.stop_since, v.last_error, v.dead_reason, v.delivered_at, v.inc, now, owner],
        );
      }
    });
  }

  async function replay(o: ReplayOptions) {
    const states = o.dead ? ['dead'] : ['dead', 'delivered'];
    const since = o.since ?? 0;
    const until = o.until ?? Number.MAX_SAFE_INTEGER;
    const where = `state = ANY($1::text[]) AND event_time >= $2 AND event_time <= $3`;
    const { rows: [countRow] } = await pool.query(`SELECT COUNT(*)::bigint AS n FROM ${E} WHERE ${where}`, [states, since, until]);
    const total = Number(countRow?.n ?? 0);
    const result = { matched: 0, requeued: 0, tooOld: 0 };
    for (let after = 0; ;) {
      const { rows } = await pool.query(
        `SELECT id, event_time FROM ${E} WHERE ${where} AND id > $4 ORDER BY id LIMIT ${REPLAY_PAGE}`,
        [states, since, until, after],
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
    async lease({ owner, limit, leaseMs, now }) {
      const { rows } = await tx((c) => c.query(
        `UPDATE ${E} SET state = 'leased', lease_owner = $1, due_at = $2, updated_at = $3
         WHERE id IN (SELECT id FROM ${E} WHERE state IN ('pending', 'leased') AND due_at <= $3
                      ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
         RETURNING ${LEASE_COLUMNS}`,
        [owner, now + leaseMs, now, limit],
      ));
      return rows.map(fromLeaseRow);
    },
    settle,
    async status(now): Promise<OutboxStatus> {
      const counts = Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as OutboxStatus['counts'];
      const { rows } = await pool.query(`SELECT state, COUNT(*)::bigint AS n FROM ${E} GROUP BY state`);
      for (const r of rows) counts[r.state as keyof OutboxStatus['counts']] = Number(r.n);
      const { rows: [oldest] } = await pool.query(`SELECT MIN(created_at) AS t FROM ${E} WHERE state IN ('pending', 'leased')`);
      const t = oldest?.t;
      return { counts, oldestPendingAgeMs: t === null || t === undefined ? null : Math.max(0, now - Number(t)) };
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
    async close() {
      if (ownPool) await pool.end();
    },
  };
}

async function migrate(pool: pg.Pool, schema: string, E: string, A: string) {
  // CREATE … IF NOT EXISTS still takes table locks, which can deadlock with running workers'
  // settlements: skip the DDL entirely when everything is already there.
  const names = [E, A, `"${schema}".${EVENTS_TABLE}_due`, `"${schema}".${ATTEMPTS_TABLE}_event`];
  const { rows: [present] } = await pool.query(`SELECT bool_and(to_regclass(n) IS NOT NULL) AS ok FROM unnest($1::text[]) AS n`, [names]);
  if (present?.ok === true) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several processes may start at once; DDL under one advisory lock avoids catalog races.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('pixelpair_outbox_migrate'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${E} (
        id BIGSERIAL PRIMARY KEY,
        pixel_id TEXT NOT NULL, event TEXT NOT NULL, event_id TEXT NOT NULL,
        test_event_code TEXT NOT NULL DEFAULT '',
        event_time BIGINT NOT NULL, wire TEXT NOT NULL, log TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending', attempts INT NOT NULL DEFAULT 0,
        due_at BIGINT NOT NULL, lease_owner TEXT, stop_since BIGINT,
        last_error TEXT, dead_reason TEXT,
        created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, delivered_at BIGINT,
        -- event_id first: the same index answers pixelpair log --event-id.
        UNIQUE (event_id, pixel_id, event)
      );
      CREATE INDEX IF NOT EXISTS ${EVENTS_TABLE}_due ON ${E} (due_at) WHERE state IN ('pending', 'leased');
      CREATE TABLE IF NOT EXISTS ${A} (
        id BIGSERIAL PRIMARY KEY, event_row BIGINT NOT NULL, at BIGINT NOT NULL,
        decision TEXT NOT NULL, reason TEXT NOT NULL, code INT, http_status INT,
        request_id TEXT, latency_ms INT, message TEXT
      );
      CREATE INDEX IF NOT EXISTS ${ATTEMPTS_TABLE}_event ON ${A} (event_row);`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
