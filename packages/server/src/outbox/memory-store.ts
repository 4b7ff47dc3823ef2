/**
 * An in-memory store with the same semantics as the SQL ones. For tests only: nothing
 * survives the process, and the queue lives in memory.
 */
import { dedupKey } from '@pixelpair/core';
import type { PreparedEvent } from '../destinations/destination.js';
import { statusFromCounts } from './status.js';
import type { AttemptEntry, EventHistory, LeasedEvent, OutboxState, OutboxStore } from './store.js';

interface Row {
  id: number;
  prepared: PreparedEvent;
  state: OutboxState;
  attempts: number;
  dueAt: number;
  owner?: string;
  stopSince?: number;
  lastError?: string;
  deadReason?: string;
  createdAt: number;
  deliveredAt?: number;
  history: AttemptEntry[];
}

const keyOf = (p: PreparedEvent) => dedupKey({ destination: p.destination, account: p.account, event: p.event, eventId: p.eventId });

export function createMemoryStore(): OutboxStore {
  const rows = new Map<number, Row>();
  const byKey = new Map<string, Row>();
  let nextId = 1;

  return {
    kind: 'memory',
    async enqueue(events, options = {}) {
      if (options.client !== undefined) throw new Error('outbox: `client` is only supported by the PostgreSQL store');
      const now = options.now ?? Date.now();
      return events.map((prepared) => {
        if (byKey.has(keyOf(prepared))) return false;
        const row: Row = { id: nextId++, prepared: structuredClone(prepared), state: 'pending', attempts: 0, dueAt: now, createdAt: now, history: [] };
        rows.set(row.id, row);
        byKey.set(keyOf(prepared), row);
        return true;
      });
    },
    async lease({ destination, account, owner, limit, leaseMs, now }) {
      const due = [...rows.values()]
        .filter((r) => r.prepared.destination === destination && r.prepared.account === account && (r.state === 'pending' || r.state === 'leased') && r.dueAt <= now)
        .sort((a, b) => a.dueAt - b.dueAt || a.id - b.id)
        .slice(0, limit);
      return due.map((r): LeasedEvent => {
        Object.assign(r, { state: 'leased', owner, dueAt: now + leaseMs });
        const p = r.prepared;
        const leased: LeasedEvent = { id: r.id, destination: p.destination, account: p.account, batch: p.batch, wireJson: p.wireJson, eventTime: p.eventTime, attempts: r.attempts };
        if (r.stopSince !== undefined) leased.stopSince = r.stopSince;
        return leased;
      });
    },
    async settle(owner, settlements, now) {
      for (const s of settlements) {
        const r = rows.get(s.id);
        if (!r) continue;
        if (s.attempt) r.history.push({ ...s.attempt });
        if (r.state !== 'leased' || r.owner !== owner) continue;
        if (s.attempt && s.attempt.decision !== 'expired') r.attempts += 1;
        r.owner = undefined;
        r.state = s.next.state;
        r.stopSince = s.next.state === 'pending' ? s.next.stopSince : undefined;
        r.lastError = s.next.state === 'pending' ? s.next.lastError : undefined;
        r.deadReason = s.next.state === 'dead' ? s.next.reason : undefined;
        r.dueAt = s.next.state === 'pending' ? s.next.dueAt : now;
        if (s.next.state === 'delivered') r.deliveredAt = now;
      }
    },
    async status(now) {
      const counts = new Map<string, { destination: string; state: string; n: number }>();
      const oldest = new Map<string, number>();
      for (const r of rows.values()) {
        const d = r.prepared.destination;
        const key = `${d}\u0000${r.state}`;
        const c = counts.get(key) ?? { destination: d, state: r.state, n: 0 };
        c.n += 1;
        counts.set(key, c);
        if ((r.state === 'pending' || r.state === 'leased') && r.createdAt < (oldest.get(d) ?? Infinity)) oldest.set(d, r.createdAt);
      }
      return statusFromCounts([...counts.values()], [...oldest].map(([destination, t]) => ({ destination, t })), now);
    },
    async history(eventId) {
      return [...rows.values()]
        .filter((r) => r.prepared.eventId === eventId)
        .map((r): EventHistory => {
          const p = r.prepared;
          const h: EventHistory = {
            destination: p.destination, account: p.account, event: p.event, eventId, batch: p.batch, eventTime: p.eventTime,
            state: r.state, attempts: r.attempts, enqueuedAt: r.createdAt, log: p.log, history: [...r.history],
          };
          if (r.deliveredAt !== undefined) h.deliveredAt = r.deliveredAt;
          if (r.deadReason) h.deadReason = r.deadReason;
          if (r.lastError) h.lastError = r.lastError;
          return h;
        });
    },
    async replay(o) {
      const states: OutboxState[] = o.dead ? ['dead'] : ['dead', 'delivered'];
      const matched = [...rows.values()].filter((r) => {
        const t = r.prepared.eventTime;
        return states.includes(r.state) && t >= (o.since ?? 0) && t <= (o.until ?? Number.MAX_SAFE_INTEGER) && (!o.destination || r.prepared.destination === o.destination);
      });
      const result = { matched: matched.length, requeued: 0, tooOld: 0 };
      for (const r of matched) {
        if (r.prepared.eventTime < o.minEventTime) { result.tooOld += 1; continue; }
        result.requeued += 1;
        if (!o.dryRun) Object.assign(r, { state: 'pending', dueAt: o.now, owner: undefined, stopSince: undefined, deadReason: undefined, lastError: undefined });
      }
      o.onProgress?.(result.matched, result.matched);
      return result;
    },
    async recentRequestIds(destination, limit) {
      const latest = new Map<string, number>();
      for (const r of rows.values()) {
        if (r.prepared.destination !== destination) continue;
        for (const a of r.history) if (a.decision === 'delivered' && a.requestId) latest.set(a.requestId, Math.max(latest.get(a.requestId) ?? 0, a.at));
      }
      return [...latest].sort((a, b) => b[1] - a[1]).slice(0, limit).map(([id]) => id);
    },
    async close() {},
  };
}
