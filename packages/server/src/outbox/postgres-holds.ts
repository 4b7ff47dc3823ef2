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
  /** This process's number for the lease (LeasedEvent.lease). */
  readonly seq: number;
  readonly client: pg.PoolClient;
  ids: number[];
  /** The connection died: the server rolled back, the locks are gone. */
  broken: boolean;
  /** Committed or rolled back, and the client given back. */
  ended: boolean;
  timer?: NodeJS.Timeout;
  onError: () => void;
}

export function createHolds() {
  const byRow = new Map<number, HeldLease>();
  const bySeq = new Map<number, HeldLease>();
  let next = 0;
  /** Every lease whose client is still out, registered or not (close() must end them all). */
  const live = new Set<HeldLease>();

  /** Takes a lease out of the table (and its timer), so nothing else ends it. */
  function claim(hold: HeldLease): void {
    clearTimeout(hold.timer);
    bySeq.delete(hold.seq);
    for (const id of hold.ids) if (byRow.get(id) === hold) byRow.delete(id);
  }

  /** Commits or rolls back a claimed lease and gives its client back (destroyed if it broke). Once. */
  async function finish(hold: HeldLease, commit: boolean): Promise<void> {
    if (hold.ended) {
      if (commit) throw new Error('outbox: the lease ended before it was settled');
      return;
    }
    const { client } = hold;
    try {
      if (!hold.broken) await client.query(commit ? 'COMMIT' : 'ROLLBACK');
    } catch (error) {
      hold.broken = true;
      throw error;
    } finally {
      if (!hold.ended) {
        hold.ended = true;
        live.delete(hold);
        client.removeListener('error', hold.onError);
        client.release(hold.broken);
      }
    }
  }

  /** The connection died: its locks are gone, so is the lease. */
  function lost(hold: HeldLease) {
    hold.broken = true;
    claim(hold);
    finish(hold, false).catch(() => undefined);
  }

  return {
    /** Opens a lease transaction; `take` selects and locks the rows and returns their ids. The lease's number, or null: nothing is held. */
    async open(pool: pg.Pool, leaseMs: number, take: (c: pg.PoolClient) => Promise<number[]>): Promise<number | null> {
      const client = await pool.connect();
      const hold: HeldLease = { seq: ++next, client, ids: [], broken: false, ended: false, onError: () => lost(hold) };
      live.add(hold);
      // Without a listener a dead connection's error would crash the process.
      client.on('error', hold.onError);
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL synchronous_commit = off; SET LOCAL idle_in_transaction_session_timeout = ${Math.ceil(leaseMs + SERVER_SLACK_MS)}`);
        hold.ids = await take(client);
      } catch (error) {
        await finish(hold, false).catch(() => undefined);
        throw error;
      }
      if (hold.ids.length === 0 || hold.ended) {
        await finish(hold, true).catch(() => undefined);
        return null;
      }
      for (const id of hold.ids) {
        // This process held the row before and lost its locks (a dead connection not yet noticed): that lease is over.
        const before = byRow.get(id);
        if (before && before !== hold) lost(before);
        byRow.set(id, hold);
      }
      hold.timer = setTimeout(() => { claim(hold); finish(hold, false).catch(() => undefined); }, leaseMs);
      hold.timer.unref();
      bySeq.set(hold.seq, hold);
      return hold.seq;
    },
    /** The lease a settlement belongs to, while this process still holds it: by its number, else the row's latest lease. */
    of: (id: number, seq?: number): HeldLease | undefined => (seq === undefined ? byRow.get(id) : bySeq.get(seq)),
    claim,
    finish,
    /** Rolls back every lease still held (store.close). */
    async closeAll(): Promise<void> {
      const all = [...live];
      for (const h of all) claim(h);
      await Promise.all(all.map((h) => finish(h, false).catch(() => undefined)));
    },
  };
}
