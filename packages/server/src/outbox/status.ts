/** Queue counts per destination and in total, from the rows a store's GROUP BY returns. */
import type { DestinationId } from '@pixelpair/core';
import { OUTBOX_STATES, type OutboxState, type OutboxStatus, type QueueStatus } from './store.js';

const emptyCounts = () => Object.fromEntries(OUTBOX_STATES.map((s) => [s, 0])) as Record<OutboxState, number>;

export function statusFromCounts(
  counts: ReadonlyArray<{ destination: string; state: string; n: number | string }>,
  oldest: ReadonlyArray<{ destination: string; t: number | string | null }>,
  now: number,
): OutboxStatus {
  const total: QueueStatus = { counts: emptyCounts(), oldestPendingAgeMs: null };
  const destinations: OutboxStatus['destinations'] = {};
  const of = (d: string) => (destinations[d as DestinationId] ??= { counts: emptyCounts(), oldestPendingAgeMs: null });
  for (const r of counts) {
    const n = Number(r.n);
    of(r.destination).counts[r.state as OutboxState] += n;
    total.counts[r.state as OutboxState] += n;
  }
  for (const r of oldest) {
    if (r.t === null || r.t === undefined) continue;
    const age = Math.max(0, now - Number(r.t));
    of(r.destination).oldestPendingAgeMs = age;
    total.oldestPendingAgeMs = Math.max(total.oldestPendingAgeMs ?? 0, age);
  }
  return { ...total, destinations };
}
