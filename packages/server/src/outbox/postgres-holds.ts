/**
 * PostgreSQL leases as held row locks. A lease is an open transaction on its own client that
 * took its rows with `FOR UPDATE SKIP LOCKED`; the send happens while it stays open, and the
 * settlement commits in the same transaction. No lease is written: the rows stay `pending`
 * until they are settled. If the worker dies, or its connection does, PostgreSQL rolls the
 * transaction back and the rows are due again at once; other workers skip them while the
 * locks hold, so two workers never send the same row at the same time.
 *
 * A lease never settled (a batch that threw) is rolled back here after `leaseMs`; a process
 * that froze is cut by the server after `leaseMs` + slack (idle_in_transaction_session_timeout).
 */
import type pg from 'pg';

/** The server's own backstop for a frozen process, on top of the lease. */
const SERVER_SLACK_MS = 5_000;

export interface HeldLease {
  readonly client: pg.PoolClient;
  ids: number[];
  /** The connection died: the server rolled back, the locks are gone. */
  broken: boolean;
  timer?: NodeJS.Timeout;
  onError: () => void;
}

export function createHolds() {
  const byRow = new Map<number, HeldLease>();

  /** Takes a lease out of the table (and its timer), so nothing else ends it. */
  function claim(hold: HeldLease): void {
    clearTimeout(hold.timer);
    for (const id of hold.ids) if (byRow.get(id) === hold) byRow.delete(id);
  }

  /** Commits or rolls back a claimed lease and gives its client back (destroyed if it broke). */
  async function finish(hold: HeldLease, commit: boolean): Promise<void> {
    const { client } = hold;
    try {
      if (!hold.broken) await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      hold.broken = true;
      throw error;
    } finally {
      client.removeListener('error', hold.onError);
      client.release(hold.broken);
    }
  }

  return {
    /** Opens a lease transaction; `take` selects and locks the rows and returns their ids. */
    async open(pool: pg.Pool, leaseMs: number, take: (c: pg.PoolClient) => Promise<number[]>): Promise<void> {
      const client = await pool.connect();
      const hold: HeldLease = { client, ids: [], broken: false, onError: () => { hold.broken = true; } };
      // Without a listener a dead connection's error would crash the process.
      client.on('error', hold.onError);
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(leaseMs + SERVER_SLACK_MS)}`);
        hold.ids = await take(client);
      } catch (error) {
        hold.broken = hold.broken || !(await client.query('ROLLBACK').then(() => true, () => false));
        client.removeListener('error', hold.onError);
        client.release(hold.broken);
        throw error;
      }
      if (hold.ids.length === 0) return finish(hold, true);
      hold.timer = setTimeout(() => { claim(hold); finish(hold, false).catch(() => undefined); }, leaseMs);
      hold.timer.unref();
      for (const id of hold.ids) byRow.set(id, hold);
    },
    /** The lease a row was taken under, while this process still holds it. */
    of: (id: number): HeldLease | undefined => byRow.get(id),
    claim,
    finish,
    /** Rolls back every lease still held (store.close). */
    async closeAll(): Promise<void> {
      const all = [...new Set(byRow.values())];
      for (const h of all) claim(h);
      await Promise.all(all.map((h) => finish(h, false).catch(() => undefined)));
    },
  };
}
