/**
 * Grouping prepared events into requests: by destination, account and batch (a test event
 * never rides with live ones, a Google conversion action with another), in order of first
 * appearance, chunks of at most the destination's limit.
 */
import type { PreparedEvent } from '../destinations/destination.js';

export interface RequestGroup<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>> {
  destination: T['destination'];
  account: string;
  batch: string;
  events: T[];
}

export function groupForRequests<T extends Pick<PreparedEvent, 'destination' | 'account' | 'batch'>>(events: readonly T[], maxPerRequest: (destination: T['destination']) => number): RequestGroup<T>[] {
  const groups = new Map<string, RequestGroup<T>>();
  for (const e of events) {
    const key = `${e.destination}\u0000${e.account}\u0000${e.batch}`;
    const group = groups.get(key);
    if (group) group.events.push(e);
    else groups.set(key, { destination: e.destination, account: e.account, batch: e.batch, events: [e] });
  }
  const chunks: RequestGroup<T>[] = [];
  for (const group of groups.values()) {
    const size = Math.max(1, maxPerRequest(group.destination));
    for (let i = 0; i < group.events.length; i += size) chunks.push({ ...group, events: group.events.slice(i, i + size) });
  }
  return chunks;
}
