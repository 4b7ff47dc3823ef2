/**
 * Transactional enqueue on PostgreSQL: the conversion event commits or rolls back with the
 * caller's own order update.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createMemoryStore } from './memory-store.js';
import { createOutbox } from './outbox.js';
import { createPostgresStore } from './postgres-store.js';
import { tiktokDestination } from '../destinations/tiktok/tiktok.js';
import { PIXEL, envelope } from '../../test-support/outbox/fixtures.js';

const destinations = [tiktokDestination({ pixelId: PIXEL })];
import { DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../../test-support/outbox/postgres.js';

const pgReady = await postgresAvailable('outbox transactional enqueue');
const schema = uniqueSchema('tx');
afterAll(async () => {
  if (pgReady) await dropSchema(schema).catch(() => undefined);
});

describe('enqueue inside the caller’s transaction', () => {
  it.runIf(pgReady)('rolls back with the order and commits with it', async () => {
    const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2 });
    const store = await createPostgresStore({ pool, schema });
    const outbox = createOutbox({ store, destinations });
    await pool.query(`CREATE TABLE "${schema}".orders (id int PRIMARY KEY, status text)`);
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders VALUES (1, 'paid')`);
      expect(await outbox.track(envelope(1), { client })).toMatchObject({ ok: true, duplicate: false });
      await client.query('ROLLBACK');
      expect(await store.history('ord_1_purchase')).toEqual([]);

      await client.query('BEGIN');
      await client.query(`INSERT INTO "${schema}".orders VALUES (1, 'paid')`);
      await outbox.track(envelope(1), { client });
      expect(await outbox.track(envelope(1), { client })).toMatchObject({ ok: true, duplicate: true });
      // Not visible to others before the commit.
      expect(await store.history('ord_1_purchase')).toEqual([]);
      await client.query('COMMIT');
      expect(await store.history('ord_1_purchase')).toHaveLength(1);
    } finally {
      client.release();
      await store.close();
      await pool.end();
    }
  });

  it('is refused with a clear message by stores that cannot join a pg transaction', async () => {
    const outbox = createOutbox({ store: createMemoryStore(), destinations });
    await expect(outbox.track(envelope(1), { client: {} })).rejects.toThrow(/only supported by the PostgreSQL store/);
  });
});
